//! Typed `domctl` payloads: each is the member of `struct xen_domctl`'s
//! union that its command takes, checked against its `hcbuf-sys` twin.
//! Carry one in an [`Op`](crate::xen::Op) made by
//! [`Op::domctl`](crate::xen::Op::domctl), which names the domain.

use hcbuf_sys::arch::xen_arch_domainconfig;
use hcbuf_sys::domctl::*;
use hcbuf_sys::xen::{domid_t, xen_domain_handle_t};

use crate::HypercallArgs;
use crate::args::{SubOp, family};
use crate::marker::{__private::Derived, HypercallSafe, XenWritable};
use crate::xen::raw::raw_payloads;

/// The x86 domain configuration (`struct xen_arch_domainconfig`), as a
/// field of [`CreateDomain`] and [`GetDomainInfo`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct ArchDomainConfig {
    /// `XEN_X86_EMU_*`.
    pub emulation_flags: u32,
    /// `XEN_X86_MSR_RELAXED`.
    pub misc_flags: u32,
}
// SAFETY: two u32, no padding (asserted against the twin below), every
// bit pattern valid.
unsafe impl Derived for ArchDomainConfig {}
// SAFETY: as above.
unsafe impl HypercallSafe for ArchDomainConfig {}
// SAFETY: as above.
unsafe impl XenWritable for ArchDomainConfig {}
static_assertions::assert_eq_size!(ArchDomainConfig, xen_arch_domainconfig);
static_assertions::assert_eq_align!(ArchDomainConfig, xen_arch_domainconfig);

/// `XEN_DOMCTL_createdomain`: create a domain (the header's domain is the
/// id wanted, or 0 to let Xen choose; Xen writes the id chosen there).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_createdomain, twin = xen_domctl_createdomain)]
#[repr(C)]
pub struct CreateDomain {
    /// The security label.
    pub ssidref: u32,
    /// The domain's UUID.
    pub handle: xen_domain_handle_t,
    /// `XEN_DOMCTL_CDF_*`.
    pub flags: u32,
    /// `XEN_DOMCTL_IOMMU_*`.
    pub iommu_opts: u32,
    /// The number of vCPUs.
    pub max_vcpus: u32,
    /// The largest event channel port.
    pub max_evtchn_port: u32,
    /// Grant table frames (-1: default).
    pub max_grant_frames: i32,
    /// Maptrack frames (-1: default).
    pub max_maptrack_frames: i32,
    /// `XEN_DOMCTL_GRANT_*`.
    pub grant_opts: u32,
    /// Bytes of the vmtrace buffer per vCPU.
    pub vmtrace_size: u32,
    /// The CPU pool.
    pub cpupool_id: u32,
    /// The architecture part.
    pub arch: ArchDomainConfig,
}

/// `XEN_DOMCTL_getdomaininfo` (and one entry of the
/// `XEN_SYSCTL_getdomaininfolist` buffer): a domain's state.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_getdomaininfo, twin = xen_domctl_getdomaininfo)]
#[repr(C)]
pub struct GetDomainInfo {
    /// The domain (OUT: the one reported, the first at or after the asked).
    pub domain: domid_t,
    /// Reserved.
    pub pad1: u16,
    /// `XEN_DOMINF_*`.
    pub flags: u32,
    /// Pages held.
    pub tot_pages: u64,
    /// The page limit.
    pub max_pages: u64,
    /// Pages claimed but not yet allocated.
    pub outstanding_pages: u64,
    /// Shared pages.
    pub shr_pages: u64,
    /// Paged-out pages.
    pub paged_pages: u64,
    /// The frame of the shared info page.
    pub shared_info_frame: u64,
    /// CPU time used, in nanoseconds.
    pub cpu_time: u64,
    /// vCPUs online.
    pub nr_online_vcpus: u32,
    /// The largest vCPU id.
    pub max_vcpu_id: u32,
    /// The security label.
    pub ssidref: u32,
    /// The domain's UUID.
    pub handle: xen_domain_handle_t,
    /// The CPU pool.
    pub cpupool: u32,
    /// Guest physical address bits.
    pub gpaddr_bits: u8,
    /// Reserved.
    pub pad2: [u8; 7],
    /// The architecture configuration.
    pub arch_config: ArchDomainConfig,
}

/// `XEN_DOMCTL_max_mem`: set the domain's memory limit.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
pub struct MaxMem {
    /// The limit in KiB.
    pub max_memkb: u64,
}

/// `XEN_DOMCTL_max_vcpus`: set the domain's vCPU count.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_max_vcpus, twin = xen_domctl_max_vcpus)]
#[repr(C)]
pub struct MaxVcpus {
    /// The number of vCPUs.
    pub max: u32,
}

/// `XEN_DOMCTL_getvcpuinfo`: one vCPU's state.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_getvcpuinfo, twin = xen_domctl_getvcpuinfo)]
#[repr(C)]
pub struct GetVcpuInfo {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// OUT: online (1) or not.
    pub online: u8,
    /// OUT: blocked (1) or not.
    pub blocked: u8,
    /// OUT: running (1) or not.
    pub running: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u8,
    /// OUT: CPU time used, in nanoseconds.
    pub cpu_time: u64,
    /// OUT: the physical CPU it runs on.
    pub cpu: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad_end: u32,
}

/// The payload of the domctl commands that take none: the union is not
/// read (`XEN_DOMCTL_destroydomain`, `pausedomain`, `unpausedomain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct NoPayload<const CMD: u32>;

/// `XEN_DOMCTL_destroydomain`.
pub type DestroyDomain = NoPayload<XEN_DOMCTL_destroydomain>;
/// `XEN_DOMCTL_pausedomain`.
pub type PauseDomain = NoPayload<XEN_DOMCTL_pausedomain>;
/// `XEN_DOMCTL_unpausedomain`.
pub type UnpauseDomain = NoPayload<XEN_DOMCTL_unpausedomain>;

// SAFETY: zero-sized: no bytes, no padding, no addresses.
unsafe impl<const CMD: u32> Derived for NoPayload<CMD> {}
// SAFETY: as above.
unsafe impl<const CMD: u32> HypercallSafe for NoPayload<CMD> {}
// SAFETY: as above; a ZST has exactly one (empty) bit pattern.
unsafe impl<const CMD: u32> XenWritable for NoPayload<CMD> {}
// SAFETY: only the commands listed above take no payload.
unsafe impl<const CMD: u32> SubOp for NoPayload<CMD> {
    type Family = family::Domctl;
    const CMD: u32 = {
        assert!(
            CMD == XEN_DOMCTL_destroydomain
                || CMD == XEN_DOMCTL_pausedomain
                || CMD == XEN_DOMCTL_unpausedomain,
            "this domctl command takes a payload"
        );
        CMD
    };
}

raw_payloads!(family::Domctl {
    xen_domctl_createdomain => [XEN_DOMCTL_createdomain];
    xen_domctl_getdomaininfo => [XEN_DOMCTL_getdomaininfo];
    xen_domctl_max_mem => [XEN_DOMCTL_max_mem];
    xen_domctl_max_vcpus => [XEN_DOMCTL_max_vcpus];
    xen_domctl_getvcpuinfo => [XEN_DOMCTL_getvcpuinfo];
});
