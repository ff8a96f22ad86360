//! Typed `sysctl` payloads: each is the member of `struct xen_sysctl`'s
//! union that its command takes, checked against its `hcbuf-sys` twin.
//! Carry one in an [`Op`](crate::xen::Op) made by
//! [`Op::sysctl`](crate::xen::Op::sysctl).

use hcbuf_sys::sysctl::*;
use hcbuf_sys::xen::domid_t;

use crate::HypercallArgs;
use crate::args::family;
use crate::handle::GuestHandleMut;
use crate::xen::raw::raw_payloads;

/// `XEN_SYSCTL_readconsole`: read (and optionally clear) Xen's console ring.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
pub struct ReadConsole<'a> {
    /// IN: clear the ring after reading (1) or not (0).
    pub clear: u8,
    /// IN: read from `index` on (1) or from the start (0).
    pub incremental: u8,
    /// Reserved.
    pub pad0: u8,
    /// Reserved.
    pub pad1: u8,
    /// IN/OUT: where to read from; where the next read starts.
    pub index: u32,
    /// IN: the buffer Xen fills.
    pub buffer: GuestHandleMut<'a, u8>,
    /// IN: the buffer's size; OUT: the bytes written.
    pub count: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
}

/// `XEN_SYSCTL_physinfo`: the host's CPUs, memory and capabilities.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_physinfo, twin = xen_sysctl_physinfo)]
#[repr(C)]
pub struct PhysInfo {
    /// Hardware threads per core.
    pub threads_per_core: u32,
    /// Cores per socket.
    pub cores_per_socket: u32,
    /// CPUs online.
    pub nr_cpus: u32,
    /// The largest CPU id.
    pub max_cpu_id: u32,
    /// NUMA nodes online.
    pub nr_nodes: u32,
    /// The largest node id.
    pub max_node_id: u32,
    /// CPU speed in kHz.
    pub cpu_khz: u32,
    /// `XEN_SYSCTL_PHYSCAP_*`.
    pub capabilities: u32,
    /// Architecture-specific capabilities.
    pub arch_capabilities: u32,
    /// Reserved.
    pub pad: u32,
    /// Pages of RAM.
    pub total_pages: u64,
    /// Free pages.
    pub free_pages: u64,
    /// Pages waiting to be scrubbed.
    pub scrub_pages: u64,
    /// Pages claimed but not yet allocated.
    pub outstanding_pages: u64,
    /// The largest machine frame number.
    pub max_mfn: u64,
    /// Hardware features (`XEN_SYSCTL_PHYSCAP_*` bitmap words).
    pub hw_cap: [u32; 8],
}

/// `XEN_SYSCTL_getdomaininfolist`: information on domains from
/// `first_domain` on.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_getdomaininfolist, twin = xen_sysctl_getdomaininfolist)]
#[repr(C)]
pub struct GetDomainInfoList<'a> {
    /// IN: the first domain id to report.
    pub first_domain: domid_t,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u16,
    /// IN: the buffer's capacity in entries.
    pub max_domains: u32,
    /// IN: the buffer Xen fills with `xen_domctl_getdomaininfo` entries.
    pub buffer: GuestHandleMut<'a, crate::xen::domctl::GetDomainInfo>,
    /// OUT: entries written.
    pub num_domains: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
}

/// `XEN_SYSCTL_sched_id`: the scheduler in use (`XEN_SCHEDULER_*`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_sched_id, twin = xen_sysctl_sched_id)]
#[repr(C)]
pub struct SchedId {
    /// OUT: `XEN_SCHEDULER_*`.
    pub sched_id: u32,
}

/// One CPU's place in the topology (`xen_sysctl_cputopo`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_cputopoinfo, twin = xen_sysctl_cputopo)]
#[repr(C)]
pub struct CpuTopo {
    /// Core id, or `XEN_INVALID_CORE_ID`.
    pub core: u32,
    /// Socket id, or `XEN_INVALID_SOCKET_ID`.
    pub socket: u32,
    /// Node id, or `XEN_INVALID_NODE_ID`.
    pub node: u32,
}

/// `XEN_SYSCTL_cputopoinfo`: every CPU's core, socket and node.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_cputopoinfo, twin = xen_sysctl_cputopoinfo)]
#[repr(C)]
pub struct CpuTopoInfo<'a> {
    /// IN: the buffer's capacity; OUT: the number of CPUs.
    pub num_cpus: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the buffer Xen fills, or null to ask for the count.
    pub cputopo: GuestHandleMut<'a, CpuTopo>,
}

/// One node's memory (`xen_sysctl_meminfo`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_numainfo, twin = xen_sysctl_meminfo)]
#[repr(C)]
pub struct MemInfo {
    /// Bytes of memory, or `XEN_INVALID_MEM_SZ`.
    pub memsize: u64,
    /// Bytes free.
    pub memfree: u64,
}

/// `XEN_SYSCTL_numainfo`: every node's memory and the node distances.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_numainfo, twin = xen_sysctl_numainfo)]
#[repr(C)]
pub struct NumaInfo<'a> {
    /// IN: the buffers' capacity in nodes; OUT: the number of nodes.
    pub num_nodes: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: per-node memory, or null.
    pub meminfo: GuestHandleMut<'a, MemInfo>,
    /// IN: a `num_nodes` x `num_nodes` distance matrix, or null.
    pub distance: GuestHandleMut<'a, u32>,
}

/// One CPU's idle time (`xen_sysctl_cpuinfo`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_getcpuinfo, twin = xen_sysctl_cpuinfo)]
#[repr(C)]
pub struct CpuInfo {
    /// Nanoseconds idle.
    pub idletime: u64,
}

/// `XEN_SYSCTL_getcpuinfo`: every CPU's idle time.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_getcpuinfo, twin = xen_sysctl_getcpuinfo)]
#[repr(C)]
pub struct GetCpuInfo<'a> {
    /// IN: the buffer's capacity.
    pub max_cpus: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u32,
    /// IN: the buffer Xen fills.
    pub info: GuestHandleMut<'a, CpuInfo>,
    /// OUT: entries written.
    pub nr_cpus: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
}

raw_payloads!(family::Sysctl {
    xen_sysctl_readconsole => [XEN_SYSCTL_readconsole];
    xen_sysctl_physinfo => [XEN_SYSCTL_physinfo];
    xen_sysctl_getdomaininfolist => [XEN_SYSCTL_getdomaininfolist];
    xen_sysctl_sched_id => [XEN_SYSCTL_sched_id];
    xen_sysctl_cputopoinfo => [XEN_SYSCTL_cputopoinfo];
    xen_sysctl_cputopo => [XEN_SYSCTL_cputopoinfo];
    xen_sysctl_numainfo => [XEN_SYSCTL_numainfo];
    xen_sysctl_meminfo => [XEN_SYSCTL_numainfo];
    xen_sysctl_getcpuinfo => [XEN_SYSCTL_getcpuinfo];
    xen_sysctl_cpuinfo => [XEN_SYSCTL_getcpuinfo];
});
