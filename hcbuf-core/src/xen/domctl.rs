//! Typed `domctl` payloads: each is the member of `struct xen_domctl`'s
//! union that its command takes, checked against its `hcbuf-sys` twin.
//! Carry one in an [`Op`](crate::xen::Op) made by
//! [`Op::domctl`](crate::xen::Op::domctl), which names the domain.
//!
//! A twin that several commands take (a get/set pair) has one typed
//! payload per command, since the command is part of the type; where Xen
//! reads a buffer for one command and writes it for the other, the guest
//! handle's direction differs between the two.
//!
//! C's nested unions (the scheduler parameters, the device of
//! `assign_device`, ...) are `#[repr(C)]` unions whose members are private:
//! each is made by a constructor that zeroes the whole union before writing
//! its member, so Xen never reads an uninitialised byte, and read back
//! through an accessor (every member is valid for every bit pattern).

use hcbuf_sys::arch::{xen_arch_domainconfig, xen_pfn_t};
use hcbuf_sys::domctl::*;
use hcbuf_sys::xen::{domid_t, xen_domain_handle_t};

use crate::HypercallArgs;
use crate::args::{SubOp, family};
use crate::handle::{GuestHandle, GuestHandleMut};
use crate::marker::{__private::Derived, HypercallSafe, XenWritable};
use crate::xen::raw::raw_payloads;
use crate::xen::union::typed_union;

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
#[diagnostic::do_not_recommend]
unsafe impl Derived for ArchDomainConfig {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl HypercallSafe for ArchDomainConfig {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
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

/// `XEN_DOMCTL_getpageframeinfo3`: the types of a list of guest frames.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_getpageframeinfo3, twin = xen_domctl_getpageframeinfo3)]
#[repr(C)]
pub struct GetPageFrameInfo3<'a> {
    /// IN: the number of frames in `array` (Xen may lower it to preempt).
    pub num: u64,
    /// IN/OUT: guest frames, each replaced by its `XEN_DOMCTL_PFINFO_*`.
    pub array: GuestHandleMut<'a, xen_pfn_t>,
}

/// The log-dirty statistics of [`ShadowOp`] (`xen_domctl_shadow_op_stats`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_shadow_op_stats)]
#[repr(C)]
pub struct ShadowOpStats {
    /// Faults taken.
    pub fault_count: u32,
    /// Pages dirtied.
    pub dirty_count: u32,
}

/// `XEN_DOMCTL_shadow_op`: shadow paging and log-dirty tracking.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_shadow_op, twin = xen_domctl_shadow_op)]
#[repr(C)]
pub struct ShadowOp<'a> {
    /// IN: `XEN_DOMCTL_SHADOW_OP_*`.
    pub op: u32,
    /// IN: `XEN_DOMCTL_SHADOW_ENABLE_*` or `XEN_DOMCTL_SHADOW_LOGDIRTY_*`.
    pub mode: u32,
    /// IN/OUT: the shadow allocation in MiB (`*_ALLOCATION`).
    pub mb: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the dirty bitmap Xen fills (`PEEK`/`CLEAN`), or null.
    pub dirty_bitmap: GuestHandleMut<'a, u8>,
    /// IN/OUT: the bitmap's size in bits (pages); the actual size.
    pub pages: u64,
    /// OUT: log-dirty statistics.
    pub stats: ShadowOpStats,
}

/// `XEN_DOMCTL_setvcpucontext`: set a vCPU's context.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_setvcpucontext, twin = xen_domctl_vcpucontext)]
#[repr(C)]
pub struct SetVcpuContext<'a> {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the `vcpu_guest_context_t` Xen reads (as bytes: not mirrored in
    /// `hcbuf-sys`), or null to reset the vCPU.
    pub ctxt: GuestHandle<'a, u8>,
}

/// `XEN_DOMCTL_getvcpucontext`: get a vCPU's context.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_getvcpucontext, twin = xen_domctl_vcpucontext)]
#[repr(C)]
pub struct GetVcpuContext<'a> {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the `vcpu_guest_context_t` Xen fills (as bytes: not mirrored in
    /// `hcbuf-sys`).
    pub ctxt: GuestHandleMut<'a, u8>,
}

/// Credit scheduler parameters (`xen_domctl_sched_credit`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_sched_credit)]
#[repr(C)]
pub struct SchedCredit {
    /// The relative weight.
    pub weight: u16,
    /// The cap, in percent of one CPU (0: none).
    pub cap: u16,
}

/// Credit2 scheduler parameters (`xen_domctl_sched_credit2`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_sched_credit2)]
#[repr(C)]
pub struct SchedCredit2 {
    /// The relative weight.
    pub weight: u16,
    /// The cap, in percent of one CPU (0: none).
    pub cap: u16,
}

/// RTDS scheduler parameters (`xen_domctl_sched_rtds`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_sched_rtds)]
#[repr(C)]
pub struct SchedRtds {
    /// The period, in microseconds.
    pub period: u32,
    /// The budget per period, in microseconds.
    pub budget: u32,
    /// `XEN_DOMCTL_SCHEDRT_*`.
    pub flags: u32,
}

typed_union! {
    /// One vCPU's scheduling parameters, by scheduler
    /// (`xen_domctl_schedparam_vcpu.u`).
    #[derive(Clone, Copy)]
    pub union SchedParamVcpuU: xen_domctl_schedparam_vcpu_u, reads = safe {
        /// `XEN_SCHEDULER_CREDIT`.
        credit / as_credit: SchedCredit,
        /// `XEN_SCHEDULER_CREDIT2`.
        credit2 / as_credit2: SchedCredit2,
        /// `XEN_SCHEDULER_RTDS`.
        rtds / as_rtds: SchedRtds,
    }
}

/// One entry of [`SchedulerOpV::vcpus`] (`xen_domctl_schedparam_vcpu`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_schedparam_vcpu)]
#[repr(C)]
pub struct SchedParamVcpu {
    /// The parameters, by scheduler.
    pub u: SchedParamVcpuU,
    /// The vCPU.
    pub vcpuid: u32,
}

/// The per-vCPU parameters of [`SchedulerOp`]
/// (`xen_domctl_scheduler_op.u.v`).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xen_domctl_scheduler_op_u_v)]
#[repr(C)]
pub struct SchedulerOpV<'a> {
    /// IN: the entries Xen reads (`putvcpuinfo`) or fills (`getvcpuinfo`).
    pub vcpus: GuestHandleMut<'a, SchedParamVcpu>,
    /// IN: the entries in `vcpus`; OUT: the entries processed.
    pub nr_vcpus: u32,
    /// Reserved.
    pub padding: u32,
}

typed_union! {
    /// The parameters of [`SchedulerOp`], domain-wide by scheduler or per
    /// vCPU (`xen_domctl_scheduler_op.u`).
    pub union SchedulerOpU<'a>: xen_domctl_scheduler_op_u, reads = safe {
        /// `XEN_SCHEDULER_CREDIT`, domain-wide.
        credit / as_credit: SchedCredit,
        /// `XEN_SCHEDULER_CREDIT2`, domain-wide.
        credit2 / as_credit2: SchedCredit2,
        /// `XEN_SCHEDULER_RTDS`, domain-wide.
        rtds / as_rtds: SchedRtds,
        /// Per vCPU (`XEN_DOMCTL_SCHEDOP_*vcpuinfo`).
        v / as_v: SchedulerOpV<'a> => unsafe,
    }
}

/// `XEN_DOMCTL_scheduler_op`: get or set the domain's scheduling
/// parameters.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_scheduler_op, twin = xen_domctl_scheduler_op)]
#[repr(C)]
pub struct SchedulerOp<'a> {
    /// IN: `XEN_SCHEDULER_*`.
    pub sched_id: u32,
    /// IN: `XEN_DOMCTL_SCHEDOP_*`.
    pub cmd: u32,
    /// IN/OUT: the parameters.
    pub u: SchedulerOpU<'a>,
}

/// `XEN_DOMCTL_setdomainhandle`: set the domain's UUID.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_setdomainhandle, twin = xen_domctl_setdomainhandle)]
#[repr(C)]
pub struct SetDomainHandle {
    /// IN: the new UUID.
    pub handle: xen_domain_handle_t,
}

/// `XEN_DOMCTL_setdebugging`: enable or disable debugging.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_setdebugging, twin = xen_domctl_setdebugging)]
#[repr(C)]
pub struct SetDebugging {
    /// IN: non-zero to enable.
    pub enable: u8,
}

/// `XEN_DOMCTL_irq_permission`: grant or revoke access to a physical IRQ.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_irq_permission, twin = xen_domctl_irq_permission)]
#[repr(C)]
pub struct IrqPermission {
    /// IN: the physical IRQ.
    pub pirq: u32,
    /// IN: non-zero to allow, 0 to deny.
    pub allow_access: u8,
    /// Reserved.
    pub pad: [u8; 3],
}

/// `XEN_DOMCTL_iomem_permission`: grant or revoke access to machine I/O
/// memory.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_iomem_permission, twin = xen_domctl_iomem_permission)]
#[repr(C)]
pub struct IomemPermission {
    /// IN: the first machine frame.
    pub first_mfn: u64,
    /// IN: the number of frames (> 0).
    pub nr_mfns: u64,
    /// IN: non-zero to allow, 0 to deny.
    pub allow_access: u8,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 7],
}

/// `XEN_DOMCTL_ioport_permission`: grant or revoke access to I/O ports.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_ioport_permission, twin = xen_domctl_ioport_permission)]
#[repr(C)]
pub struct IoportPermission {
    /// IN: the first port.
    pub first_port: u32,
    /// IN: the number of ports.
    pub nr_ports: u32,
    /// IN: non-zero to allow, 0 to deny.
    pub allow_access: u8,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 3],
}

/// `XEN_DOMCTL_hypercall_init`: fill a guest frame with the hypercall page.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_hypercall_init, twin = xen_domctl_hypercall_init)]
#[repr(C)]
pub struct HypercallInit {
    /// IN: the guest frame.
    pub gmfn: u64,
}

/// `XEN_DOMCTL_settimeoffset`: set the domain's wallclock offset.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_settimeoffset, twin = xen_domctl_settimeoffset)]
#[repr(C)]
pub struct SetTimeOffset {
    /// IN: seconds added to the wallclock.
    pub time_offset_seconds: i64,
}

/// `XEN_DOMCTL_gethvmcontext`: get the HVM context.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_gethvmcontext, twin = xen_domctl_hvmcontext)]
#[repr(C)]
pub struct GetHvmContext<'a> {
    /// IN: the buffer's size; OUT: the bytes written (or needed).
    pub size: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the buffer Xen fills, or null to ask for the size.
    pub buffer: GuestHandleMut<'a, u8>,
}

/// `XEN_DOMCTL_sethvmcontext`: set the HVM context.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_sethvmcontext, twin = xen_domctl_hvmcontext)]
#[repr(C)]
pub struct SetHvmContext<'a> {
    /// IN: the context's size.
    pub size: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the context Xen reads.
    pub buffer: GuestHandle<'a, u8>,
}

/// `XEN_DOMCTL_gethvmcontext_partial`: get one record of the HVM context.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_gethvmcontext_partial, twin = xen_domctl_hvmcontext_partial)]
#[repr(C)]
pub struct HvmContextPartial<'a> {
    /// IN: the record's type.
    pub r#type: u32,
    /// IN: the instance of that type.
    pub instance: u32,
    /// IN: the buffer's size.
    pub bufsz: u64,
    /// IN: the buffer Xen writes the record into.
    pub buffer: GuestHandleMut<'a, u8>,
}

/// `XEN_DOMCTL_set_address_size`: set the guest's address size.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_set_address_size, twin = xen_domctl_address_size)]
#[repr(C)]
pub struct SetAddressSize {
    /// IN: the address size in bits.
    pub size: u32,
}

/// `XEN_DOMCTL_get_address_size`: get the guest's address size.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_get_address_size, twin = xen_domctl_address_size)]
#[repr(C)]
pub struct GetAddressSize {
    /// OUT: the address size in bits.
    pub size: u32,
}

/// `XEN_DOMCTL_sendtrigger`: send a trigger (NMI, reset, ...) to a vCPU.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_sendtrigger, twin = xen_domctl_sendtrigger)]
#[repr(C)]
pub struct SendTrigger {
    /// IN: `XEN_DOMCTL_SENDTRIGGER_*`.
    pub trigger: u32,
    /// IN: the vCPU.
    pub vcpu: u32,
}

/// A PCI device of [`AssignDeviceU`] (`xen_domctl_assign_device.u.pci`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_assign_device_u_pci)]
#[repr(C)]
pub struct AssignDevicePci {
    /// The machine PCI id (SBDF).
    pub machine_sbdf: u32,
}

/// A device tree device of [`AssignDeviceU`]
/// (`xen_domctl_assign_device.u.dt`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(data, twin = xen_domctl_assign_device_u_dt)]
#[repr(C)]
pub struct AssignDeviceDt<'a> {
    /// The length of `path`.
    pub size: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// The device tree node's path Xen reads (`char`s).
    pub path: GuestHandle<'a, u8>,
}

typed_union! {
    /// The device of an assign-device payload, by `dev`
    /// (`xen_domctl_assign_device.u`).
    #[derive(Clone, Copy)]
    pub union AssignDeviceU<'a>: xen_domctl_assign_device_u, reads = unsafe {
        /// `XEN_DOMCTL_DEV_PCI`.
        pci / as_pci: AssignDevicePci,
        /// `XEN_DOMCTL_DEV_DT`.
        dt / as_dt: AssignDeviceDt<'a>,
    }
}

/// The payloads of `xen_domctl_assign_device`, one per command.
macro_rules! assign_device_payloads {
    ($($(#[$m:meta])* $name:ident = $cmd:ident;)*) => {$(
        $(#[$m])*
        #[derive(HypercallArgs, Clone, Copy, Debug, Default)]
        #[hypercall(domctl = $cmd, twin = xen_domctl_assign_device)]
        #[repr(C)]
        pub struct $name<'a> {
            /// IN: `XEN_DOMCTL_DEV_*`.
            pub dev: u32,
            /// IN: `XEN_DOMCTL_DEV_RDM_RELAXED` or 0.
            pub flags: u32,
            /// IN: the device.
            pub u: AssignDeviceU<'a>,
        }
    )*};
}

assign_device_payloads! {
    /// `XEN_DOMCTL_assign_device`: assign a device to the domain.
    AssignDevice = XEN_DOMCTL_assign_device;
    /// `XEN_DOMCTL_test_assign_device`: whether a device can be assigned.
    TestAssignDevice = XEN_DOMCTL_test_assign_device;
    /// `XEN_DOMCTL_deassign_device`: take a device back from the domain.
    DeassignDevice = XEN_DOMCTL_deassign_device;
}

/// `XEN_DOMCTL_get_device_group`: the devices sharing a PCI device's
/// IOMMU group.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_get_device_group, twin = xen_domctl_get_device_group)]
#[repr(C)]
pub struct GetDeviceGroup<'a> {
    /// IN: the machine PCI id (SBDF).
    pub machine_sbdf: u32,
    /// IN: the capacity of `sdev_array`.
    pub max_sdevs: u32,
    /// OUT: the number of siblings.
    pub num_sdevs: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the buffer Xen fills with sibling SBDFs.
    pub sdev_array: GuestHandleMut<'a, u32>,
}

/// A `PT_IRQ_TYPE_ISA` binding (`xen_domctl_bind_pt_irq.u.isa`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_bind_pt_irq_u_isa)]
#[repr(C)]
pub struct BindPtIrqIsa {
    /// The guest ISA IRQ.
    pub isa_irq: u8,
}

/// A `PT_IRQ_TYPE_PCI` binding (`xen_domctl_bind_pt_irq.u.pci`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_bind_pt_irq_u_pci)]
#[repr(C)]
pub struct BindPtIrqPci {
    /// The guest PCI bus.
    pub bus: u8,
    /// The guest PCI device.
    pub device: u8,
    /// The INTx pin.
    pub intx: u8,
}

/// A `PT_IRQ_TYPE_MSI` binding (`xen_domctl_bind_pt_irq.u.msi`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_bind_pt_irq_u_msi)]
#[repr(C)]
pub struct BindPtIrqMsi {
    /// The guest vector.
    pub gvec: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 3],
    /// `XEN_DOMCTL_VMSI_X86_*`.
    pub gflags: u32,
    /// The guest MSI-X table address.
    pub gtable: u64,
}

/// A `PT_IRQ_TYPE_SPI` binding (`xen_domctl_bind_pt_irq.u.spi`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_bind_pt_irq_u_spi)]
#[repr(C)]
pub struct BindPtIrqSpi {
    /// The guest SPI.
    pub spi: u16,
}

typed_union! {
    /// The guest side of a pass-through IRQ, by `irq_type`
    /// (`xen_domctl_bind_pt_irq.u`).
    #[derive(Clone, Copy)]
    pub union BindPtIrqU: xen_domctl_bind_pt_irq_u, reads = safe {
        /// `PT_IRQ_TYPE_ISA`.
        isa / as_isa: BindPtIrqIsa,
        /// `PT_IRQ_TYPE_PCI`.
        pci / as_pci: BindPtIrqPci,
        /// `PT_IRQ_TYPE_MSI`.
        msi / as_msi: BindPtIrqMsi,
        /// `PT_IRQ_TYPE_SPI`.
        spi / as_spi: BindPtIrqSpi,
    }
}

/// `XEN_DOMCTL_bind_pt_irq`: bind a machine IRQ to a guest one.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_bind_pt_irq, twin = xen_domctl_bind_pt_irq)]
#[repr(C)]
pub struct BindPtIrq {
    /// IN: the machine IRQ.
    pub machine_irq: u32,
    /// IN: `PT_IRQ_TYPE_*`.
    pub irq_type: u32,
    /// IN: the guest side.
    pub u: BindPtIrqU,
}

/// `XEN_DOMCTL_unbind_pt_irq`: undo a [`BindPtIrq`].
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_unbind_pt_irq, twin = xen_domctl_bind_pt_irq)]
#[repr(C)]
pub struct UnbindPtIrq {
    /// IN: the machine IRQ.
    pub machine_irq: u32,
    /// IN: `PT_IRQ_TYPE_*`.
    pub irq_type: u32,
    /// IN: the guest side.
    pub u: BindPtIrqU,
}

/// `XEN_DOMCTL_memory_mapping`: map (or unmap) machine I/O memory into an
/// HVM guest.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_memory_mapping, twin = xen_domctl_memory_mapping)]
#[repr(C)]
pub struct MemoryMapping {
    /// IN: the first guest frame.
    pub first_gfn: u64,
    /// IN: the first machine frame.
    pub first_mfn: u64,
    /// IN: the number of frames (> 0).
    pub nr_mfns: u64,
    /// IN: `DPCI_ADD_MAPPING` or `DPCI_REMOVE_MAPPING`.
    pub add_mapping: u32,
    /// Reserved.
    pub padding: u32,
}

/// `XEN_DOMCTL_ioport_mapping`: map (or unmap) machine I/O ports into an
/// HVM guest.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_ioport_mapping, twin = xen_domctl_ioport_mapping)]
#[repr(C)]
pub struct IoportMapping {
    /// IN: the first guest port.
    pub first_gport: u32,
    /// IN: the first machine port.
    pub first_mport: u32,
    /// IN: the number of ports.
    pub nr_ports: u32,
    /// IN: `DPCI_ADD_MAPPING` or `DPCI_REMOVE_MAPPING`.
    pub add_mapping: u32,
}

/// `XEN_DOMCTL_set_target`: let the domain manage another.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_set_target, twin = xen_domctl_set_target)]
#[repr(C)]
pub struct SetTarget {
    /// IN: the domain to manage.
    pub target: domid_t,
}

/// `XEN_DOMCTL_get_cpu_policy`: get the domain's CPUID and MSR policies.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_get_cpu_policy, twin = xen_domctl_cpu_policy)]
#[repr(C)]
pub struct GetCpuPolicy<'a> {
    /// IN: the capacity of `leaves`; OUT: the leaves written.
    pub nr_leaves: u32,
    /// IN: the capacity of `msrs`; OUT: the MSRs written.
    pub nr_msrs: u32,
    /// IN: the `xen_cpuid_leaf_t` array Xen fills (as bytes: not mirrored
    /// in `hcbuf-sys`), or null to ask for the count.
    pub leaves: GuestHandleMut<'a, u8>,
    /// IN: the `xen_msr_entry_t` array Xen fills (as bytes: not mirrored
    /// in `hcbuf-sys`), or null to ask for the count.
    pub msrs: GuestHandleMut<'a, u8>,
    /// Unused by get.
    pub err_leaf: u32,
    /// Unused by get.
    pub err_subleaf: u32,
    /// Unused by get.
    pub err_msr: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
}

/// `XEN_DOMCTL_set_cpu_policy`: set the domain's CPUID and MSR policies.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_set_cpu_policy, twin = xen_domctl_cpu_policy)]
#[repr(C)]
pub struct SetCpuPolicy<'a> {
    /// IN: the number of entries in `leaves`.
    pub nr_leaves: u32,
    /// IN: the number of entries in `msrs`.
    pub nr_msrs: u32,
    /// IN: the `xen_cpuid_leaf_t` array Xen reads (as bytes: not mirrored
    /// in `hcbuf-sys`).
    pub leaves: GuestHandle<'a, u8>,
    /// IN: the `xen_msr_entry_t` array Xen reads (as bytes: not mirrored
    /// in `hcbuf-sys`).
    pub msrs: GuestHandle<'a, u8>,
    /// OUT (some errors): the CPUID leaf that failed the audit.
    pub err_leaf: u32,
    /// OUT (some errors): the CPUID subleaf that failed the audit.
    pub err_subleaf: u32,
    /// OUT (some errors): the MSR that failed the audit.
    pub err_msr: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
}

/// `XEN_DOMCTL_subscribe`: the event channel to notify when the domain
/// suspends.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_subscribe, twin = xen_domctl_subscribe)]
#[repr(C)]
pub struct Subscribe {
    /// IN: the event channel port.
    pub port: u32,
}

/// `XEN_DOMCTL_debug_op`: turn single-stepping of a vCPU on or off.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_debug_op, twin = xen_domctl_debug_op)]
#[repr(C)]
pub struct DebugOp {
    /// IN: `XEN_DOMCTL_DEBUG_OP_*`.
    pub op: u32,
    /// IN: the vCPU.
    pub vcpu: u32,
}

/// `XEN_DOMCTL_gettscinfo`: get the domain's TSC parameters.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_gettscinfo, twin = xen_domctl_tsc_info)]
#[repr(C)]
pub struct GetTscInfo {
    /// OUT: the TSC mode.
    pub tsc_mode: u32,
    /// OUT: the guest TSC frequency in kHz.
    pub gtsc_khz: u32,
    /// OUT: the incarnation (bumped by each save/restore).
    pub incarnation: u32,
    /// Reserved.
    pub pad: u32,
    /// OUT: elapsed time in nanoseconds.
    pub elapsed_nsec: u64,
}

/// `XEN_DOMCTL_settscinfo`: set the domain's TSC parameters.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_settscinfo, twin = xen_domctl_tsc_info)]
#[repr(C)]
pub struct SetTscInfo {
    /// IN: the TSC mode.
    pub tsc_mode: u32,
    /// IN: the guest TSC frequency in kHz.
    pub gtsc_khz: u32,
    /// IN: the incarnation.
    pub incarnation: u32,
    /// Reserved.
    pub pad: u32,
    /// IN: elapsed time in nanoseconds.
    pub elapsed_nsec: u64,
}

/// `XEN_DOMCTL_gdbsx_guestmemio`: copy between guest memory and a buffer
/// of the caller (gdbsx).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_gdbsx_guestmemio, twin = xen_domctl_gdbsx_memio)]
#[repr(C)]
pub struct GdbsxMemio<'a> {
    /// IN: optional `init_mm.pgd[3]` value.
    pub pgd3val: u64,
    /// IN: the guest virtual address.
    pub gva: u64,
    /// IN: the caller's buffer (C: a user virtual address), which Xen
    /// fills (`gwr` 0) or reads (`gwr` 1).
    pub uva: GuestHandleMut<'a, u8>,
    /// IN: the bytes to copy.
    pub len: u32,
    /// IN: 0 reads from the guest, 1 writes to it.
    pub gwr: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 3],
    /// OUT: the bytes not copied.
    pub remain: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad_end: u32,
}

/// `XEN_DOMCTL_gdbsx_pausevcpu`: pause a vCPU (gdbsx).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_gdbsx_pausevcpu, twin = xen_domctl_gdbsx_pauseunp_vcpu)]
#[repr(C)]
pub struct GdbsxPauseVcpu {
    /// IN: the vCPU.
    pub vcpu: u32,
}

/// `XEN_DOMCTL_gdbsx_unpausevcpu`: unpause a vCPU (gdbsx).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_gdbsx_unpausevcpu, twin = xen_domctl_gdbsx_pauseunp_vcpu)]
#[repr(C)]
pub struct GdbsxUnpauseVcpu {
    /// IN: the vCPU.
    pub vcpu: u32,
}

/// `XEN_DOMCTL_gdbsx_domstatus`: whether the domain is paused, and a vCPU
/// with a pending event (gdbsx).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_gdbsx_domstatus, twin = xen_domctl_gdbsx_domstatus)]
#[repr(C)]
pub struct GdbsxDomStatus {
    /// OUT: whether the domain is paused.
    pub paused: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 3],
    /// OUT: a vCPU with a pending event, if any.
    pub vcpu_id: u32,
    /// OUT: that vCPU's event.
    pub vcpu_ev: u32,
}

/// The `XEN_VM_EVENT_ENABLE` result of [`VmEventOp`]
/// (`xen_domctl_vm_event_op.u.enable`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_vm_event_op_u_enable)]
#[repr(C)]
pub struct VmEventOpEnable {
    /// OUT: the ring's event channel port.
    pub port: u32,
}

typed_union! {
    /// The results of [`VmEventOp`], by `op` (`xen_domctl_vm_event_op.u`).
    #[derive(Clone, Copy)]
    pub union VmEventOpU: xen_domctl_vm_event_op_u, reads = safe {
        /// `XEN_VM_EVENT_ENABLE`.
        enable / as_enable: VmEventOpEnable,
        /// `XEN_VM_EVENT_GET_VERSION`: the interface version.
        version / as_version: u32,
    }
}

/// `XEN_DOMCTL_vm_event_op`: set up or tear down a VM event ring.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_vm_event_op, twin = xen_domctl_vm_event_op)]
#[repr(C)]
pub struct VmEventOp {
    /// IN: `XEN_VM_EVENT_*`.
    pub op: u32,
    /// IN: `XEN_DOMCTL_VM_EVENT_OP_*`.
    pub mode: u32,
    /// OUT: the results.
    pub u: VmEventOpU,
}

typed_union! {
    /// The arguments of [`MemSharingOp`], by `op`
    /// (`xen_domctl_mem_sharing_op.u`).
    #[derive(Clone, Copy)]
    pub union MemSharingOpU: xen_domctl_mem_sharing_op_u, reads = safe {
        /// `XEN_DOMCTL_MEM_SHARING_CONTROL`: non-zero enables sharing.
        enable / as_enable: u8,
    }
}

/// `XEN_DOMCTL_mem_sharing_op`: turn memory sharing on or off.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_mem_sharing_op, twin = xen_domctl_mem_sharing_op)]
#[repr(C)]
pub struct MemSharingOp {
    /// IN: `XEN_DOMCTL_MEM_SHARING_*`.
    pub op: u8,
    /// IN: the arguments.
    pub u: MemSharingOpU,
}

/// `XEN_DOMCTL_audit_p2m`: audit the P2M and count the errors.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_audit_p2m, twin = xen_domctl_audit_p2m)]
#[repr(C)]
pub struct AuditP2m {
    /// OUT: orphaned pages.
    pub orphans: u64,
    /// OUT: bad M2P entries.
    pub m2p_bad: u64,
    /// OUT: bad P2M entries.
    pub p2m_bad: u64,
}

/// `XEN_DOMCTL_set_virq_handler`: route a global virtual IRQ to the domain.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_set_virq_handler, twin = xen_domctl_set_virq_handler)]
#[repr(C)]
pub struct SetVirqHandler {
    /// IN: the global virtual IRQ.
    pub virq: u32,
}

/// `XEN_DOMCTL_setvcpuextstate`: set a vCPU's extended (xsave) state.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_setvcpuextstate, twin = xen_domctl_vcpuextstate)]
#[repr(C)]
pub struct SetVcpuExtState<'a> {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// Ignored by set.
    pub xfeature_mask: u64,
    /// IN: the state's size in bytes.
    pub size: u64,
    /// IN: the state Xen reads.
    pub buffer: GuestHandle<'a, u64>,
}

/// `XEN_DOMCTL_getvcpuextstate`: get a vCPU's extended (xsave) state.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_getvcpuextstate, twin = xen_domctl_vcpuextstate)]
#[repr(C)]
pub struct GetVcpuExtState<'a> {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN/OUT: the xfeature mask of the saved format.
    pub xfeature_mask: u64,
    /// IN: the buffer's size in bytes (0 asks for it); OUT: the state's.
    pub size: u64,
    /// IN: the buffer Xen fills, or null to ask for the size.
    pub buffer: GuestHandleMut<'a, u64>,
}

/// `XEN_DOMCTL_set_access_required`: whether page access events need a
/// listener.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_set_access_required, twin = xen_domctl_set_access_required)]
#[repr(C)]
pub struct SetAccessRequired {
    /// IN: non-zero if a listener is required.
    pub access_required: u8,
}

/// `XEN_DOMCTL_set_broken_page_p2m`: mark a guest frame broken.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_set_broken_page_p2m, twin = xen_domctl_set_broken_page_p2m)]
#[repr(C)]
pub struct SetBrokenPageP2m {
    /// IN: the guest frame.
    pub pfn: u64,
}

/// `XEN_DOMCTL_cacheflush` (Arm): clean and invalidate the caches of a
/// range of guest frames.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_cacheflush, twin = xen_domctl_cacheflush)]
#[repr(C)]
pub struct CacheFlush {
    /// IN: the first guest frame.
    pub start_pfn: xen_pfn_t,
    /// IN: the number of frames.
    pub nr_pfns: xen_pfn_t,
}

/// `XEN_DOMCTL_get_paging_mempool_size`: the paging pool's size.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_get_paging_mempool_size, twin = xen_domctl_paging_mempool)]
#[repr(C)]
pub struct GetPagingMempoolSize {
    /// OUT: the size in bytes.
    pub size: u64,
}

/// `XEN_DOMCTL_set_paging_mempool_size`: resize the paging pool.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_set_paging_mempool_size, twin = xen_domctl_paging_mempool)]
#[repr(C)]
pub struct SetPagingMempoolSize {
    /// IN: the size in bytes.
    pub size: u64,
}

/// One MSR of [`GetVcpuMsrs`] / [`SetVcpuMsrs`] (`xen_domctl_vcpu_msr`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_vcpu_msr)]
#[repr(C)]
pub struct VcpuMsr {
    /// The MSR index.
    pub index: u32,
    /// Reserved.
    pub reserved: u32,
    /// The MSR value.
    pub value: u64,
}

/// `XEN_DOMCTL_get_vcpu_msrs` (x86): get a vCPU's MSRs.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_get_vcpu_msrs, twin = xen_domctl_vcpu_msrs)]
#[repr(C)]
pub struct GetVcpuMsrs<'a> {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// IN: the capacity of `msrs`; OUT: the MSRs written (or needed).
    pub msr_count: u32,
    /// IN: the buffer Xen fills, or null to ask for the count.
    pub msrs: GuestHandleMut<'a, VcpuMsr>,
}

/// `XEN_DOMCTL_set_vcpu_msrs` (x86): set a vCPU's MSRs.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_set_vcpu_msrs, twin = xen_domctl_vcpu_msrs)]
#[repr(C)]
pub struct SetVcpuMsrs<'a> {
    /// IN: the vCPU.
    pub vcpu: u32,
    /// IN: the number of entries in `msrs`.
    pub msr_count: u32,
    /// IN: the MSRs Xen reads.
    pub msrs: GuestHandle<'a, VcpuMsr>,
}

/// `XEN_DOMCTL_setvnumainfo`: set the guest's virtual NUMA topology.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(domctl = XEN_DOMCTL_setvnumainfo, twin = xen_domctl_vnuma)]
#[repr(C)]
pub struct Vnuma<'a> {
    /// IN: the number of vNUMA nodes (> 0).
    pub nr_vnodes: u32,
    /// IN: the number of memory ranges.
    pub nr_vmemranges: u32,
    /// IN: the number of vCPUs (the domain's `max_vcpus`).
    pub nr_vcpus: u32,
    /// Must be zero.
    pub pad: u32,
    /// IN: `nr_vnodes * nr_vnodes` node distances.
    pub vdistance: GuestHandle<'a, u32>,
    /// IN: the vNUMA node of each vCPU (`nr_vcpus` entries).
    pub vcpu_to_vnode: GuestHandle<'a, u32>,
    /// IN: the physical node of each vNUMA node (`nr_vnodes` entries).
    pub vnode_to_pnode: GuestHandle<'a, u32>,
    /// IN: the memory ranges (`nr_vmemranges` entries).
    pub vmemrange: GuestHandle<'a, crate::xen::memory::VMemRange>,
}

/// `XEN_DOMCTL_psr_cmt_op`: Cache Monitoring Technology.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_psr_cmt_op, twin = xen_domctl_psr_cmt_op)]
#[repr(C)]
pub struct PsrCmtOp {
    /// IN: `XEN_DOMCTL_PSR_CMT_OP_*`.
    pub cmd: u32,
    /// OUT: the command's data (the RMID for `QUERY_RMID`).
    pub data: u32,
}

/// `XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG` options
/// (`xen_domctl_monitor_op.u.mov_to_cr`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_monitor_op_u_mov_to_cr)]
#[repr(C)]
pub struct MonitorOpMovToCr {
    /// Which control register.
    pub index: u8,
    /// Pause the vCPU until the response.
    pub sync: u8,
    /// Send the event only when the value changes.
    pub onchangeonly: u8,
    /// Reserved.
    pub pad1: u8,
    /// Reserved.
    pub pad2: u32,
    /// Send the event only if a changed bit is not masked here.
    pub bitmask: u64,
}

/// `XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR` options
/// (`xen_domctl_monitor_op.u.mov_to_msr`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_monitor_op_u_mov_to_msr)]
#[repr(C)]
pub struct MonitorOpMovToMsr {
    /// The MSR.
    pub msr: u32,
    /// Send the event only when the value changes.
    pub onchangeonly: u8,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 3],
}

/// `XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST` options
/// (`xen_domctl_monitor_op.u.guest_request`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_monitor_op_u_guest_request)]
#[repr(C)]
pub struct MonitorOpGuestRequest {
    /// Pause the vCPU until the response.
    pub sync: u8,
    /// Also accept requests from guest user space.
    pub allow_userspace: u8,
}

/// `XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION` options
/// (`xen_domctl_monitor_op.u.debug_exception`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_monitor_op_u_debug_exception)]
#[repr(C)]
pub struct MonitorOpDebugException {
    /// Pause the vCPU until the response.
    pub sync: u8,
}

/// `XEN_DOMCTL_MONITOR_EVENT_VMEXIT` options
/// (`xen_domctl_monitor_op.u.vmexit`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_domctl_monitor_op_u_vmexit)]
#[repr(C)]
pub struct MonitorOpVmexit {
    /// Send the event and do not process the VM exit.
    pub sync: u8,
}

typed_union! {
    /// The `XEN_DOMCTL_MONITOR_OP_ENABLE` options of [`MonitorOp`], by
    /// event (`xen_domctl_monitor_op.u`).
    #[derive(Clone, Copy)]
    pub union MonitorOpU: xen_domctl_monitor_op_u, reads = safe {
        /// `XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG`.
        mov_to_cr / as_mov_to_cr: MonitorOpMovToCr,
        /// `XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR`.
        mov_to_msr / as_mov_to_msr: MonitorOpMovToMsr,
        /// `XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST`.
        guest_request / as_guest_request: MonitorOpGuestRequest,
        /// `XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION`.
        debug_exception / as_debug_exception: MonitorOpDebugException,
        /// `XEN_DOMCTL_MONITOR_EVENT_VMEXIT`.
        vmexit / as_vmexit: MonitorOpVmexit,
    }
}

/// `XEN_DOMCTL_monitor_op`: choose the VM events reported on the monitor
/// ring.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_monitor_op, twin = xen_domctl_monitor_op)]
#[repr(C)]
pub struct MonitorOp {
    /// IN: `XEN_DOMCTL_MONITOR_OP_*`.
    pub op: u32,
    /// IN: `XEN_DOMCTL_MONITOR_EVENT_*`; OUT (`GET_CAPABILITIES`): a
    /// bitmap of `1 << XEN_DOMCTL_MONITOR_EVENT_*`.
    pub event: u32,
    /// IN: the `XEN_DOMCTL_MONITOR_OP_ENABLE` options.
    pub u: MonitorOpU,
}

/// `XEN_DOMCTL_psr_alloc`: cache and memory bandwidth allocation.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_psr_alloc, twin = xen_domctl_psr_alloc)]
#[repr(C)]
pub struct PsrAlloc {
    /// IN: `XEN_DOMCTL_PSR_*`.
    pub cmd: u32,
    /// IN: the socket.
    pub target: u32,
    /// IN/OUT: the value.
    pub data: u64,
}

/// `XEN_DOMCTL_vuart_op`: set up a virtual UART.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_vuart_op, twin = xen_domctl_vuart_op)]
#[repr(C)]
pub struct VuartOp {
    /// IN: `XEN_DOMCTL_VUART_OP_*`.
    pub cmd: u32,
    /// IN: `XEN_DOMCTL_VUART_TYPE_*`.
    pub r#type: u32,
    /// IN: the guest frame of the ring.
    pub gfn: u64,
    /// IN: the domain of the console backend.
    pub console_domid: domid_t,
    /// Reserved.
    pub pad: [u8; 2],
    /// OUT: the remote event channel port.
    pub evtchn: u32,
}

/// `XEN_DOMCTL_vmtrace_op`: VM tracing (e.g. Intel Processor Trace).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(domctl = XEN_DOMCTL_vmtrace_op, twin = xen_domctl_vmtrace_op)]
#[repr(C)]
pub struct VmtraceOp {
    /// IN: `XEN_DOMCTL_vmtrace_*`.
    pub cmd: u32,
    /// IN: the vCPU.
    pub vcpu: u32,
    /// IN: command-specific data.
    pub key: u64,
    /// IN/OUT: command-specific data.
    pub value: u64,
}

/// The payload of the domctl commands that take none: the union is not
/// read (`XEN_DOMCTL_destroydomain`, `pausedomain`, `unpausedomain`,
/// `resumedomain`, `soft_reset`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct NoPayload<const CMD: u32>;

/// `XEN_DOMCTL_destroydomain`.
pub type DestroyDomain = NoPayload<XEN_DOMCTL_destroydomain>;
/// `XEN_DOMCTL_pausedomain`.
pub type PauseDomain = NoPayload<XEN_DOMCTL_pausedomain>;
/// `XEN_DOMCTL_unpausedomain`.
pub type UnpauseDomain = NoPayload<XEN_DOMCTL_unpausedomain>;
/// `XEN_DOMCTL_resumedomain`.
pub type ResumeDomain = NoPayload<XEN_DOMCTL_resumedomain>;
/// `XEN_DOMCTL_soft_reset`.
pub type SoftReset = NoPayload<XEN_DOMCTL_soft_reset>;

// SAFETY: zero-sized: no bytes, no padding, no addresses.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> Derived for NoPayload<CMD> {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> HypercallSafe for NoPayload<CMD> {}
// SAFETY: as above; a ZST has exactly one (empty) bit pattern.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> XenWritable for NoPayload<CMD> {}
// SAFETY: only the commands listed above take no payload.
#[diagnostic::do_not_recommend]
unsafe impl<const CMD: u32> SubOp for NoPayload<CMD> {
    type Family = family::Domctl;
    const CMD: u32 = {
        assert!(
            CMD == XEN_DOMCTL_destroydomain
                || CMD == XEN_DOMCTL_pausedomain
                || CMD == XEN_DOMCTL_unpausedomain
                || CMD == XEN_DOMCTL_resumedomain
                || CMD == XEN_DOMCTL_soft_reset,
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
    xen_domctl_getpageframeinfo3 => [XEN_DOMCTL_getpageframeinfo3];
    xen_domctl_shadow_op => [XEN_DOMCTL_shadow_op];
    xen_domctl_vcpucontext => [XEN_DOMCTL_setvcpucontext, XEN_DOMCTL_getvcpucontext];
    xen_domctl_scheduler_op => [XEN_DOMCTL_scheduler_op];
    xen_domctl_setdomainhandle => [XEN_DOMCTL_setdomainhandle];
    xen_domctl_setdebugging => [XEN_DOMCTL_setdebugging];
    xen_domctl_irq_permission => [XEN_DOMCTL_irq_permission];
    xen_domctl_iomem_permission => [XEN_DOMCTL_iomem_permission];
    xen_domctl_ioport_permission => [XEN_DOMCTL_ioport_permission];
    xen_domctl_hypercall_init => [XEN_DOMCTL_hypercall_init];
    xen_domctl_settimeoffset => [XEN_DOMCTL_settimeoffset];
    xen_domctl_tsc_info => [XEN_DOMCTL_gettscinfo, XEN_DOMCTL_settscinfo];
    xen_domctl_hvmcontext => [XEN_DOMCTL_gethvmcontext, XEN_DOMCTL_sethvmcontext];
    xen_domctl_hvmcontext_partial => [XEN_DOMCTL_gethvmcontext_partial];
    xen_domctl_address_size => [XEN_DOMCTL_set_address_size, XEN_DOMCTL_get_address_size];
    xen_domctl_sendtrigger => [XEN_DOMCTL_sendtrigger];
    xen_domctl_get_device_group => [XEN_DOMCTL_get_device_group];
    xen_domctl_assign_device => [
        XEN_DOMCTL_assign_device,
        XEN_DOMCTL_test_assign_device,
        XEN_DOMCTL_deassign_device,
    ];
    xen_domctl_bind_pt_irq => [XEN_DOMCTL_bind_pt_irq, XEN_DOMCTL_unbind_pt_irq];
    xen_domctl_memory_mapping => [XEN_DOMCTL_memory_mapping];
    xen_domctl_ioport_mapping => [XEN_DOMCTL_ioport_mapping];
    xen_domctl_set_target => [XEN_DOMCTL_set_target];
    xen_domctl_subscribe => [XEN_DOMCTL_subscribe];
    xen_domctl_debug_op => [XEN_DOMCTL_debug_op];
    xen_domctl_vm_event_op => [XEN_DOMCTL_vm_event_op];
    xen_domctl_mem_sharing_op => [XEN_DOMCTL_mem_sharing_op];
    xen_domctl_cpu_policy => [XEN_DOMCTL_get_cpu_policy, XEN_DOMCTL_set_cpu_policy];
    xen_domctl_vcpuextstate => [XEN_DOMCTL_setvcpuextstate, XEN_DOMCTL_getvcpuextstate];
    xen_domctl_vcpu_msrs => [XEN_DOMCTL_get_vcpu_msrs, XEN_DOMCTL_set_vcpu_msrs];
    xen_domctl_set_access_required => [XEN_DOMCTL_set_access_required];
    xen_domctl_audit_p2m => [XEN_DOMCTL_audit_p2m];
    xen_domctl_set_virq_handler => [XEN_DOMCTL_set_virq_handler];
    xen_domctl_gdbsx_memio => [XEN_DOMCTL_gdbsx_guestmemio];
    xen_domctl_set_broken_page_p2m => [XEN_DOMCTL_set_broken_page_p2m];
    xen_domctl_cacheflush => [XEN_DOMCTL_cacheflush];
    xen_domctl_gdbsx_pauseunp_vcpu => [XEN_DOMCTL_gdbsx_pausevcpu, XEN_DOMCTL_gdbsx_unpausevcpu];
    xen_domctl_gdbsx_domstatus => [XEN_DOMCTL_gdbsx_domstatus];
    xen_domctl_vnuma => [XEN_DOMCTL_setvnumainfo];
    xen_domctl_psr_cmt_op => [XEN_DOMCTL_psr_cmt_op];
    xen_domctl_monitor_op => [XEN_DOMCTL_monitor_op];
    xen_domctl_psr_alloc => [XEN_DOMCTL_psr_alloc];
    xen_domctl_vuart_op => [XEN_DOMCTL_vuart_op];
    xen_domctl_vmtrace_op => [XEN_DOMCTL_vmtrace_op];
    xen_domctl_paging_mempool => [
        XEN_DOMCTL_get_paging_mempool_size,
        XEN_DOMCTL_set_paging_mempool_size,
    ];
});
