//! Typed `sysctl` payloads: each is the member of `struct xen_sysctl`'s
//! union that its command takes, checked against its `hcbuf-sys` twin.
//! Carry one in an [`Op`](crate::xen::Op) made by
//! [`Op::sysctl`](crate::xen::Op::sysctl).

use hcbuf_sys::sysctl::*;
use hcbuf_sys::xen::{domid_t, xen_domain_handle_t, xenctl_bitmap};

use crate::HypercallArgs;
use crate::args::family;
use crate::handle::{GuestHandle, GuestHandleMut};
use crate::xen::raw::raw_payloads;
use crate::xen::union::typed_union;

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
#[hypercall(data, twin = xen_sysctl_cputopo)]
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
#[hypercall(data, twin = xen_sysctl_meminfo)]
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
#[hypercall(data, twin = xen_sysctl_cpuinfo)]
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

/// A bitmap passed by guest handle (`struct xenctl_bitmap`): CPU and node
/// maps, as a field of [`TbufOp`] and [`CpupoolOp`].
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xenctl_bitmap)]
#[repr(C)]
pub struct Bitmap<'a> {
    /// The bitmap's bytes (Xen reads them, or writes them for OUT maps).
    pub bitmap: GuestHandleMut<'a, u8>,
    /// The number of valid bits.
    pub nr_bits: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
}

/// `XEN_SYSCTL_tbuf_op`: control the trace buffers and get their machine
/// base address.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_tbuf_op, twin = xen_sysctl_tbuf_op)]
#[repr(C)]
pub struct TbufOp<'a> {
    /// IN: the sub-operation (`XEN_SYSCTL_TBUFOP_*`).
    pub cmd: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u32,
    /// IN/OUT: the CPUs being traced.
    pub cpu_mask: Bitmap<'a>,
    /// IN/OUT: the event classes being traced.
    pub evt_mask: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
    /// OUT: the MFN of the trace buffer.
    pub buffer_mfn: u64,
    /// IN/OUT: the trace buffer size.
    pub size: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad2: u32,
}

/// The description of one software performance counter
/// (`xen_sysctl_perfc_desc`), an entry of [`PerfcOp::desc`].
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_perfc_desc)]
#[repr(C)]
pub struct PerfcDesc {
    /// The counter's name (NUL-terminated).
    pub name: [u8; 80],
    /// The number of values this counter has.
    pub nr_vals: u32,
}

impl Default for PerfcDesc {
    fn default() -> Self {
        PerfcDesc {
            name: [0; 80],
            nr_vals: 0,
        }
    }
}

/// `XEN_SYSCTL_perfc_op`: reset or query Xen's software performance
/// counters.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_perfc_op, twin = xen_sysctl_perfc_op)]
#[repr(C)]
pub struct PerfcOp<'a> {
    /// IN: the sub-operation (`XEN_SYSCTL_PERFCOP_*`).
    pub cmd: u32,
    /// OUT: the number of counter descriptions.
    pub nr_counters: u32,
    /// OUT: the number of values.
    pub nr_vals: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// The buffer Xen fills with the counter descriptions, or null.
    pub desc: GuestHandleMut<'a, PerfcDesc>,
    /// The buffer Xen fills with the counter values
    /// (`xen_sysctl_perfc_val_t`), or null.
    pub val: GuestHandleMut<'a, u32>,
}

/// `XEN_SYSCTL_debug_keys`: inject debug keys into Xen.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_debug_keys, twin = xen_sysctl_debug_keys)]
#[repr(C)]
pub struct DebugKeys<'a> {
    /// IN: the keys (`const char`).
    pub keys: GuestHandle<'a, u8>,
    /// IN: the number of keys.
    pub nr_keys: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
}

/// `XEN_SYSCTL_availheap`: free heap memory in an address-width range.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_availheap, twin = xen_sysctl_availheap)]
#[repr(C)]
pub struct AvailHeap {
    /// IN: the smallest address width (0 if don't care).
    pub min_bitwidth: u32,
    /// IN: the largest address width (0 if don't care).
    pub max_bitwidth: u32,
    /// IN: the NUMA node of interest (-1 for all nodes).
    pub node: i32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// OUT: the bytes available in the region.
    pub avail_bytes: u64,
}

/// One P-state's statistics (`pm_px_val`), an entry of [`PmPxStat::pt`].
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = pm_px_val)]
#[repr(C)]
pub struct PmPxVal {
    /// The P-state's core frequency.
    pub freq: u64,
    /// The time spent in the P-state.
    pub residency: u64,
    /// The number of transitions into the P-state.
    pub count: u64,
}

/// P-state statistics of one CPU (`pm_px_stat`, `PMSTAT_get_pxstat`).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = pm_px_stat)]
#[repr(C)]
pub struct PmPxStat<'a> {
    /// OUT: the total number of P-states.
    pub total: u8,
    /// OUT: the number of usable P-states.
    pub usable: u8,
    /// OUT: the last P-state.
    pub last: u8,
    /// OUT: the current P-state.
    pub cur: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// The buffer Xen fills with the P-state transition table
    /// (`total` x `total` counts).
    pub trans_pt: GuestHandleMut<'a, u64>,
    /// The buffer Xen fills with one entry per P-state.
    pub pt: GuestHandleMut<'a, PmPxVal>,
}

/// C-state statistics of one CPU (`pm_cx_stat`, `PMSTAT_get_cxstat`).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = pm_cx_stat)]
#[repr(C)]
pub struct PmCxStat<'a> {
    /// IN/OUT: the number of entries of `triggers` and `residencies`, C0
    /// included.
    pub nr: u32,
    /// OUT: the last C-state.
    pub last: u32,
    /// OUT: the idle time since boot.
    pub idle_time: u64,
    /// The buffer Xen fills with the C-state trigger counts.
    pub triggers: GuestHandleMut<'a, u64>,
    /// The buffer Xen fills with the C-state residencies.
    pub residencies: GuestHandleMut<'a, u64>,
    /// IN/OUT: the number of entries of `pc`.
    pub nr_pc: u32,
    /// IN/OUT: the number of entries of `cc`.
    pub nr_cc: u32,
    /// The buffer Xen fills with the package C-state residencies (PC1 at
    /// index 0); slots Xen does not write keep the caller's sentinel.
    pub pc: GuestHandleMut<'a, u64>,
    /// The buffer Xen fills with the core C-state residencies (CC1 at
    /// index 0); slots Xen does not write keep the caller's sentinel.
    pub cc: GuestHandleMut<'a, u64>,
}

typed_union! {
    /// `xen_sysctl_get_pmstat.u`: the statistics, selected by the `type`
    /// of [`GetPmStat`].
    pub union GetPmStatU<'a>: xen_sysctl_get_pmstat_u, reads = safe {
        /// P-state statistics (`PMSTAT_get_pxstat`).
        getpx / as_getpx: PmPxStat<'a> => unsafe,
        /// C-state statistics (`PMSTAT_get_cxstat`).
        getcx / as_getcx: PmCxStat<'a> => unsafe,
    }
}

/// `XEN_SYSCTL_get_pmstat`: power management statistics of one CPU.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_get_pmstat, twin = xen_sysctl_get_pmstat)]
#[repr(C)]
pub struct GetPmStat<'a> {
    /// IN: what to get (`PMSTAT_*`).
    pub r#type: u32,
    /// IN: the physical CPU.
    pub cpuid: u32,
    /// The statistics, selected by `type`.
    pub u: GetPmStatU<'a>,
}

/// `XEN_SYSCTL_cpu_hotplug`: bring CPUs online or offline.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_cpu_hotplug, twin = xen_sysctl_cpu_hotplug)]
#[repr(C)]
pub struct CpuHotplug {
    /// IN: the physical CPU (ignored by the SMT operations).
    pub cpu: u32,
    /// IN: the operation (`XEN_SYSCTL_CPU_HOTPLUG_*`).
    pub op: u32,
}

/// Parameters of the `userspace` cpufreq governor (`xen_userspace`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_userspace)]
#[repr(C)]
pub struct Userspace {
    /// The requested speed.
    pub scaling_setspeed: u32,
}

/// Parameters of the `ondemand` cpufreq governor (`xen_ondemand`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_ondemand)]
#[repr(C)]
pub struct Ondemand {
    /// The largest allowed sampling rate.
    pub sampling_rate_max: u32,
    /// The smallest allowed sampling rate.
    pub sampling_rate_min: u32,
    /// The sampling rate.
    pub sampling_rate: u32,
    /// The load threshold to raise the frequency at.
    pub up_threshold: u32,
}

typed_union! {
    /// `xen_get_cpufreq_para.u`: the parameters of the current governor.
    #[derive(Clone, Copy)]
    pub union GetCpufreqParaU: xen_get_cpufreq_para_u, reads = safe {
        /// The `userspace` governor's parameters.
        userspace / as_userspace: Userspace,
        /// The `ondemand` governor's parameters.
        ondemand / as_ondemand: Ondemand,
    }
}

/// A CPU's cpufreq parameters (`xen_get_cpufreq_para`, `GET_CPUFREQ_PARA`),
/// named as Linux's sysfs files.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xen_get_cpufreq_para)]
#[repr(C)]
pub struct GetCpufreqPara<'a> {
    /// IN/OUT: the number of entries of `affected_cpus`.
    pub cpu_num: u32,
    /// IN/OUT: the number of entries of `scaling_available_frequencies`.
    pub freq_num: u32,
    /// IN/OUT: the size of `scaling_available_governors`.
    pub gov_num: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u32,
    /// The buffer Xen fills with the CPUs sharing the frequency.
    pub affected_cpus: GuestHandleMut<'a, u32>,
    /// The buffer Xen fills with the available frequencies.
    pub scaling_available_frequencies: GuestHandleMut<'a, u32>,
    /// The buffer Xen fills with the available governors' names.
    pub scaling_available_governors: GuestHandleMut<'a, u8>,
    /// OUT: the cpufreq driver's name.
    pub scaling_driver: [u8; CPUFREQ_NAME_LEN],
    /// OUT: the current frequency.
    pub cpuinfo_cur_freq: u32,
    /// OUT: the largest frequency.
    pub cpuinfo_max_freq: u32,
    /// OUT: the smallest frequency.
    pub cpuinfo_min_freq: u32,
    /// OUT: the governor's current frequency.
    pub scaling_cur_freq: u32,
    /// OUT: the governor's name.
    pub scaling_governor: [u8; CPUFREQ_NAME_LEN],
    /// OUT: the governor's largest frequency.
    pub scaling_max_freq: u32,
    /// OUT: the governor's smallest frequency.
    pub scaling_min_freq: u32,
    /// OUT: the governor's own parameters.
    pub u: GetCpufreqParaU,
    /// OUT: whether turbo mode is enabled.
    pub turbo_enabled: i32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
}

/// Set a CPU's cpufreq governor (`xen_set_cpufreq_gov`, `SET_CPUFREQ_GOV`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_set_cpufreq_gov)]
#[repr(C)]
pub struct SetCpufreqGov {
    /// IN: the governor's name.
    pub scaling_governor: [u8; CPUFREQ_NAME_LEN],
}

/// Set one cpufreq parameter (`xen_set_cpufreq_para`, `SET_CPUFREQ_PARA`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_set_cpufreq_para)]
#[repr(C)]
pub struct SetCpufreqPara {
    /// IN: which parameter (`SCALING_*`, `SAMPLING_RATE`, `UP_THRESHOLD`).
    pub ctrl_type: u32,
    /// IN: the new value.
    pub ctrl_value: u32,
}

typed_union! {
    /// `xen_sysctl_pm_op.u`: the operation's argument or result, selected
    /// by [`PmOp::cmd`].
    pub union PmOpU<'a>: xen_sysctl_pm_op_u, reads = safe {
        /// `GET_CPUFREQ_PARA`.
        get_para / as_get_para: GetCpufreqPara<'a> => unsafe,
        /// `SET_CPUFREQ_GOV`.
        set_gov / as_set_gov: SetCpufreqGov,
        /// `SET_CPUFREQ_PARA`.
        set_para / as_set_para: SetCpufreqPara,
        /// `GET_CPUFREQ_AVGFREQ`: OUT: the average frequency.
        get_avgfreq / as_get_avgfreq: u64,
        /// `XEN_SYSCTL_pm_op_set_sched_opt_smt`.
        set_sched_opt_smt / as_set_sched_opt_smt: u32,
        /// `XEN_SYSCTL_pm_op_get_max_cstate`: OUT.
        get_max_cstate / as_get_max_cstate: u32,
        /// `XEN_SYSCTL_pm_op_set_max_cstate`: IN.
        set_max_cstate / as_set_max_cstate: u32,
    }
}

/// `XEN_SYSCTL_pm_op`: get or set Xen's power management.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_pm_op, twin = xen_sysctl_pm_op)]
#[repr(C)]
pub struct PmOp<'a> {
    /// IN: the operation (`*_CPUFREQ_*`, `XEN_SYSCTL_pm_op_*`).
    pub cmd: u32,
    /// IN: the physical CPU (or the selector of the max C-state
    /// operations).
    pub cpuid: u32,
    /// The operation's argument or result.
    pub u: PmOpU<'a>,
}

/// `XEN_SYSCTL_page_offline_op`: offline, online or query a range of
/// pages.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_page_offline_op, twin = xen_sysctl_page_offline_op)]
#[repr(C)]
pub struct PageOfflineOp<'a> {
    /// IN: the operation (`sysctl_*page*`).
    pub cmd: u32,
    /// IN: the first MFN of the range.
    pub start: u32,
    /// IN: the last MFN of the range.
    pub end: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// The buffer Xen fills with one status word per page (bits 0-15
    /// `PG_*` flags, bits 16-31 the owner).
    pub status: GuestHandleMut<'a, u32>,
}

/// The profile of one lock (`xen_sysctl_lockprof_data`), an entry of
/// [`LockprofOp::data`].
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_lockprof_data)]
#[repr(C)]
pub struct LockprofData {
    /// The lock's name (may include up to two `%d` specifiers).
    pub name: [u8; 40],
    /// The record type (`LOCKPROF_TYPE_*`).
    pub r#type: i32,
    /// The index (e.g. the domain id).
    pub idx: i32,
    /// The number of successful acquisitions.
    pub lock_cnt: u64,
    /// The number of waits for the lock.
    pub block_cnt: u64,
    /// Nanoseconds the lock was held.
    pub lock_time: u64,
    /// Nanoseconds spent waiting for the lock.
    pub block_time: u64,
}

impl Default for LockprofData {
    fn default() -> Self {
        LockprofData {
            name: [0; 40],
            r#type: 0,
            idx: 0,
            lock_cnt: 0,
            block_cnt: 0,
            lock_time: 0,
            block_time: 0,
        }
    }
}

/// `XEN_SYSCTL_lockprof_op`: query or reset lock profiling.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_lockprof_op, twin = xen_sysctl_lockprof_op)]
#[repr(C)]
pub struct LockprofOp<'a> {
    /// IN: the sub-operation (`XEN_SYSCTL_LOCKPROF_*`).
    pub cmd: u32,
    /// IN: the number of entries `data` has room for.
    pub max_elem: u32,
    /// OUT (query): the number of entries available.
    pub nr_elem: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// OUT (query): nanoseconds of profile measurement.
    pub time: u64,
    /// The buffer Xen fills with lock profiles, or null.
    pub data: GuestHandleMut<'a, LockprofData>,
}

/// `XEN_SYSCTL_cpupool_op`: manage cpupools.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_cpupool_op, twin = xen_sysctl_cpupool_op)]
#[repr(C)]
pub struct CpupoolOp<'a> {
    /// IN: the operation (`XEN_SYSCTL_CPUPOOL_OP_*`).
    pub op: u32,
    /// IN: CREATE, DESTROY, INFO, ADDCPU, RMCPU, MOVEDOMAIN; OUT: CREATE,
    /// INFO.
    pub cpupool_id: u32,
    /// IN: CREATE; OUT: INFO.
    pub sched_id: u32,
    /// IN: MOVEDOMAIN.
    pub domid: u32,
    /// IN: ADDCPU, RMCPU.
    pub cpu: u32,
    /// OUT: INFO: the number of domains in the cpupool.
    pub n_dom: u32,
    /// OUT: INFO, FREEINFO: the CPU map.
    pub cpumap: Bitmap<'a>,
}

/// One entry of an ARINC653 schedule
/// (`xen_sysctl_arinc653_schedule.sched_entries[]`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_arinc653_schedule_sched_entries)]
#[repr(C)]
pub struct Arinc653SchedEntry {
    /// The domain's handle (UUID).
    pub dom_handle: xen_domain_handle_t,
    /// The vCPU this entry applies to (0 for a single-vCPU domain).
    pub vcpu_id: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// The vCPU's time per major frame in nanoseconds.
    pub runtime: u64,
}

/// An ARINC653 schedule (`xen_sysctl_arinc653_schedule`), behind
/// [`SchedArinc653::schedule`].
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_arinc653_schedule)]
#[repr(C)]
pub struct Arinc653Schedule {
    /// The major frame's length in nanoseconds.
    pub major_frame: u64,
    /// The number of valid entries of `sched_entries`.
    pub num_sched_entries: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 7],
    /// The schedule entries.
    pub sched_entries: [Arinc653SchedEntry; ARINC653_MAX_DOMAINS_PER_SCHEDULE],
}

impl Default for Arinc653Schedule {
    fn default() -> Self {
        Arinc653Schedule {
            major_frame: 0,
            num_sched_entries: 0,
            _pad: [0; 7],
            sched_entries: [Arinc653SchedEntry::default(); ARINC653_MAX_DOMAINS_PER_SCHEDULE],
        }
    }
}

/// Parameters of the Credit scheduler (`xen_sysctl_credit_schedule`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_credit_schedule)]
#[repr(C)]
pub struct CreditSchedule {
    /// The timeslice in milliseconds.
    pub tslice_ms: u32,
    /// The context switch rate limit in microseconds.
    pub ratelimit_us: u32,
    /// How long a vCPU is considered cache-hot on its CPU, in
    /// microseconds.
    pub vcpu_migr_delay_us: u32,
}

/// Parameters of the Credit2 scheduler (`xen_sysctl_credit2_schedule`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_credit2_schedule)]
#[repr(C)]
pub struct Credit2Schedule {
    /// The context switch rate limit in microseconds.
    pub ratelimit_us: u32,
}

/// Parameters of the ARINC653 scheduler (`xen_sysctl_sched_arinc653`).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xen_sysctl_sched_arinc653)]
#[repr(C)]
pub struct SchedArinc653<'a> {
    /// The schedule: Xen reads it (`putinfo`) or writes it (`getinfo`).
    pub schedule: GuestHandleMut<'a, Arinc653Schedule>,
}

typed_union! {
    /// `xen_sysctl_scheduler_op.u`: the parameters, selected by
    /// [`SchedulerOp::sched_id`].
    pub union SchedulerOpU<'a>: xen_sysctl_scheduler_op_u, reads = safe {
        /// ARINC653.
        sched_arinc653 / as_sched_arinc653: SchedArinc653<'a> => unsafe,
        /// Credit.
        sched_credit / as_sched_credit: CreditSchedule,
        /// Credit2.
        sched_credit2 / as_sched_credit2: Credit2Schedule,
    }
}

/// `XEN_SYSCTL_scheduler_op`: get or set a cpupool scheduler's
/// parameters.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_scheduler_op, twin = xen_sysctl_scheduler_op)]
#[repr(C)]
pub struct SchedulerOp<'a> {
    /// IN: the cpupool whose scheduler is targeted.
    pub cpupool_id: u32,
    /// IN: the scheduler (`XEN_SCHEDULER_*`).
    pub sched_id: u32,
    /// IN: `XEN_SYSCTL_SCHEDOP_*`.
    pub cmd: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN (`putinfo`) / OUT (`getinfo`): the parameters, selected by
    /// `sched_id`.
    pub u: SchedulerOpU<'a>,
}

/// `XEN_SYSCTL_coverage_op`: read or reset code coverage data.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_coverage_op, twin = xen_sysctl_coverage_op)]
#[repr(C)]
pub struct CoverageOp<'a> {
    /// IN: the sub-operation (`XEN_SYSCTL_COVERAGE_*`).
    pub cmd: u32,
    /// IN/OUT: the size of `buffer`.
    pub size: u32,
    /// The buffer Xen fills with the coverage data.
    pub buffer: GuestHandleMut<'a, u8>,
}

/// `xen_sysctl_psr_cmt_op.u.l3_cache`: the CPU whose L3 cache is queried.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_psr_cmt_op_u_l3_cache)]
#[repr(C)]
pub struct PsrCmtL3Cache {
    /// IN: the CPU.
    pub cpu: u32,
    /// Reserved.
    pub rsvd: u32,
}

typed_union! {
    /// `xen_sysctl_psr_cmt_op.u`: the argument or the result.
    #[derive(Clone, Copy)]
    pub union PsrCmtOpU: xen_sysctl_psr_cmt_op_u, reads = safe {
        /// OUT: the result.
        data / as_data: u64,
        /// IN: the CPU whose L3 cache is queried.
        l3_cache / as_l3_cache: PsrCmtL3Cache,
    }
}

/// `XEN_SYSCTL_psr_cmt_op`: query cache monitoring technology.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_psr_cmt_op, twin = xen_sysctl_psr_cmt_op)]
#[repr(C)]
pub struct PsrCmtOp {
    /// IN: the sub-operation (`XEN_SYSCTL_PSR_CMT_*`).
    pub cmd: u32,
    /// Padding, may be extended for future use.
    pub flags: u32,
    /// The argument or the result.
    pub u: PsrCmtOpU,
}

/// `XEN_SYSCTL_pcitopoinfo`: the NUMA nodes of PCI devices.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_pcitopoinfo, twin = xen_sysctl_pcitopoinfo)]
#[repr(C)]
pub struct PciTopoInfo<'a> {
    /// IN: the number of entries of `devs` and `nodes`; OUT: the number
    /// processed.
    pub num_devs: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// IN: the devices.
    pub devs: GuestHandle<'a, crate::xen::memory::PciDevice>,
    /// The buffer Xen fills with one node id per device
    /// (`XEN_INVALID_NODE_ID`, `XEN_INVALID_DEV` if unknown).
    pub nodes: GuestHandleMut<'a, u32>,
}

/// `xen_sysctl_psr_alloc.u.cat_info`: L3 or L2 CAT information.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_psr_alloc_u_cat_info)]
#[repr(C)]
pub struct PsrCatInfo {
    /// OUT: the capacity bitmask length.
    pub cbm_len: u32,
    /// OUT: the largest class of service.
    pub cos_max: u32,
    /// OUT: CAT flags (`XEN_SYSCTL_PSR_CAT_*`).
    pub flags: u32,
}

/// `xen_sysctl_psr_alloc.u.mba_info`: MBA information.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_sysctl_psr_alloc_u_mba_info)]
#[repr(C)]
pub struct PsrMbaInfo {
    /// OUT: the largest throttle.
    pub thrtl_max: u32,
    /// OUT: the largest class of service.
    pub cos_max: u32,
    /// OUT: MBA flags (`XEN_SYSCTL_PSR_MBA_*`).
    pub flags: u32,
}

typed_union! {
    /// `xen_sysctl_psr_alloc.u`: the result, selected by [`PsrAlloc::cmd`].
    #[derive(Clone, Copy)]
    pub union PsrAllocU: xen_sysctl_psr_alloc_u, reads = safe {
        /// L3 or L2 CAT information.
        cat_info / as_cat_info: PsrCatInfo,
        /// MBA information.
        mba_info / as_mba_info: PsrMbaInfo,
    }
}

/// `XEN_SYSCTL_psr_alloc`: query resource allocation technology.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_psr_alloc, twin = xen_sysctl_psr_alloc)]
#[repr(C)]
pub struct PsrAlloc {
    /// IN: the sub-operation (`XEN_SYSCTL_PSR_get_*`).
    pub cmd: u32,
    /// IN: the socket.
    pub target: u32,
    /// OUT: the result.
    pub u: PsrAllocU,
}

/// `XEN_SYSCTL_get_cpu_levelling_caps` (x86): the hardware's CPUID masking
/// and faulting capabilities for PV guests.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(sysctl = XEN_SYSCTL_get_cpu_levelling_caps, twin = xen_sysctl_cpu_levelling_caps)]
#[repr(C)]
pub struct CpuLevellingCaps {
    /// OUT: `XEN_SYSCTL_CPU_LEVELCAP_*` flags.
    pub caps: u32,
}

/// `XEN_SYSCTL_get_cpu_featureset` (x86): one of the host's featuresets.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_get_cpu_featureset, twin = xen_sysctl_cpu_featureset)]
#[repr(C)]
pub struct CpuFeatureset<'a> {
    /// IN: which featureset (`XEN_SYSCTL_cpu_featureset_*`).
    pub index: u32,
    /// IN: the number of entries of `features`; OUT: the number written,
    /// or the maximum if the handle is null.
    pub nr_features: u32,
    /// The buffer Xen fills with the featureset words, or null.
    pub features: GuestHandleMut<'a, u32>,
}

/// The name of a livepatch payload (`xen_livepatch_name`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(data, twin = xen_livepatch_name)]
#[repr(C)]
pub struct LivepatchName<'a> {
    /// IN: the name (`char`).
    pub name: GuestHandle<'a, u8>,
    /// IN: the size of the name (up to `XEN_LIVEPATCH_NAME_SIZE`).
    pub size: u16,
    /// IN: must be zero.
    pub pad: [u16; 3],
}

/// Upload a livepatch payload (`xen_sysctl_livepatch_upload`,
/// `XEN_SYSCTL_LIVEPATCH_UPLOAD`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(data, twin = xen_sysctl_livepatch_upload)]
#[repr(C)]
pub struct LivepatchUpload<'a> {
    /// IN: the payload's name.
    pub name: LivepatchName<'a>,
    /// IN: the size of the ELF file.
    pub size: u64,
    /// IN: the ELF file.
    pub payload: GuestHandle<'a, u8>,
}

/// A livepatch payload's status (`xen_livepatch_status`), also an entry of
/// [`LivepatchList::status`].
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_livepatch_status)]
#[repr(C)]
pub struct LivepatchStatus {
    /// OUT: `LIVEPATCH_STATE_*`.
    pub state: u32,
    /// OUT: 0, or `-XEN_Exx` of the last operation.
    pub rc: i32,
}

/// Get one payload's status (`xen_sysctl_livepatch_get`,
/// `XEN_SYSCTL_LIVEPATCH_GET`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(data, twin = xen_sysctl_livepatch_get)]
#[repr(C)]
pub struct LivepatchGet<'a> {
    /// IN: the payload's name.
    pub name: LivepatchName<'a>,
    /// IN/OUT: its status.
    pub status: LivepatchStatus,
}

/// List the loaded payloads (`xen_sysctl_livepatch_list`,
/// `XEN_SYSCTL_LIVEPATCH_LIST`).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xen_sysctl_livepatch_list)]
#[repr(C)]
pub struct LivepatchList<'a> {
    /// OUT: Xen's list version; if it changes between calls the data is
    /// stale.
    pub version: u32,
    /// IN: the index into Xen's list to start at.
    pub idx: u32,
    /// IN: the number of entries to fill (0 to get the count and version);
    /// OUT: the number of payloads left.
    pub nr: u32,
    /// IN: must be zero.
    pub pad: u32,
    /// OUT: the total size of the names transferred.
    pub name_total_size: u32,
    /// OUT: the total size of the metadata transferred.
    pub metadata_total_size: u32,
    /// The buffer Xen fills with `nr` statuses.
    pub status: GuestHandleMut<'a, LivepatchStatus>,
    /// The buffer Xen fills with the names, each up to
    /// `XEN_LIVEPATCH_NAME_SIZE` bytes.
    pub name: GuestHandleMut<'a, u8>,
    /// The buffer Xen fills with the names' lengths.
    pub len: GuestHandleMut<'a, u32>,
    /// The buffer Xen fills with the metadata strings.
    pub metadata: GuestHandleMut<'a, u8>,
    /// The buffer Xen fills with the metadata strings' lengths.
    pub metadata_len: GuestHandleMut<'a, u32>,
}

/// Act on a livepatch payload (`xen_sysctl_livepatch_action`,
/// `XEN_SYSCTL_LIVEPATCH_ACTION`).
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(data, twin = xen_sysctl_livepatch_action)]
#[repr(C)]
pub struct LivepatchAction<'a> {
    /// IN: the payload's name.
    pub name: LivepatchName<'a>,
    /// IN: `LIVEPATCH_ACTION_*`.
    pub cmd: u32,
    /// IN: the upper bound of the operation's time in nanoseconds, or 0
    /// for Xen's default.
    pub timeout: u32,
    /// IN: `LIVEPATCH_ACTION_APPLY_NODEPS`.
    pub flags: u32,
    /// IN: must be zero.
    pub pad: u32,
}

typed_union! {
    /// `xen_sysctl_livepatch_op.u`: the sub-operation's payload, selected
    /// by [`LivepatchOp::cmd`].
    pub union LivepatchOpU<'a>: xen_sysctl_livepatch_op_u, reads = unsafe {
        /// `XEN_SYSCTL_LIVEPATCH_UPLOAD`.
        upload / as_upload: LivepatchUpload<'a>,
        /// `XEN_SYSCTL_LIVEPATCH_LIST`.
        list / as_list: LivepatchList<'a>,
        /// `XEN_SYSCTL_LIVEPATCH_GET`.
        get / as_get: LivepatchGet<'a>,
        /// `XEN_SYSCTL_LIVEPATCH_ACTION`.
        action / as_action: LivepatchAction<'a>,
    }
}

/// `XEN_SYSCTL_livepatch_op`: manage livepatches.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_livepatch_op, twin = xen_sysctl_livepatch_op)]
#[repr(C)]
pub struct LivepatchOp<'a> {
    /// IN: the sub-operation (`XEN_SYSCTL_LIVEPATCH_*`).
    pub cmd: u32,
    /// IN: must be zero.
    pub pad: u32,
    /// The sub-operation's payload.
    pub u: LivepatchOpU<'a>,
}

/// `XEN_SYSCTL_get_cpu_policy` (x86): one of the host's CPUID and MSR
/// policies.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(sysctl = XEN_SYSCTL_get_cpu_policy, twin = xen_sysctl_cpu_policy)]
#[repr(C)]
pub struct CpuPolicy<'a> {
    /// IN: which policy (`XEN_SYSCTL_cpu_policy_*`).
    pub index: u32,
    /// IN: the number of entries of `leaves`; OUT: the number written, or
    /// the maximum if the handle is null.
    pub nr_leaves: u32,
    /// IN: the number of entries of `msrs`; OUT: the number written, or
    /// the maximum if the handle is null.
    pub nr_msrs: u32,
    /// Must be zero.
    pub _rsvd: u32,
    /// The buffer Xen fills with CPUID leaves, or null: each a
    /// `xen_cpuid_leaf_t` (`leaf`, `subleaf`, `a`, `b`, `c`, `d`), which
    /// `hcbuf-sys` does not mirror yet.
    pub leaves: GuestHandleMut<'a, [u32; 6]>,
    /// The buffer Xen fills with MSRs, or null: each a `xen_msr_entry_t`
    /// (`idx: u32` and `flags: u32` in the first word, `val` the second),
    /// which `hcbuf-sys` does not mirror yet.
    pub msrs: GuestHandleMut<'a, [u64; 2]>,
}

raw_payloads!(family::Sysctl {
    xen_sysctl_readconsole => [XEN_SYSCTL_readconsole];
    xen_sysctl_physinfo => [XEN_SYSCTL_physinfo];
    xen_sysctl_getdomaininfolist => [XEN_SYSCTL_getdomaininfolist];
    xen_sysctl_sched_id => [XEN_SYSCTL_sched_id];
    xen_sysctl_cputopoinfo => [XEN_SYSCTL_cputopoinfo];
    xen_sysctl_numainfo => [XEN_SYSCTL_numainfo];
    xen_sysctl_getcpuinfo => [XEN_SYSCTL_getcpuinfo];
    xen_sysctl_tbuf_op => [XEN_SYSCTL_tbuf_op];
    xen_sysctl_perfc_op => [XEN_SYSCTL_perfc_op];
    xen_sysctl_debug_keys => [XEN_SYSCTL_debug_keys];
    xen_sysctl_availheap => [XEN_SYSCTL_availheap];
    xen_sysctl_get_pmstat => [XEN_SYSCTL_get_pmstat];
    xen_sysctl_cpu_hotplug => [XEN_SYSCTL_cpu_hotplug];
    xen_sysctl_pm_op => [XEN_SYSCTL_pm_op];
    xen_sysctl_page_offline_op => [XEN_SYSCTL_page_offline_op];
    xen_sysctl_lockprof_op => [XEN_SYSCTL_lockprof_op];
    xen_sysctl_cpupool_op => [XEN_SYSCTL_cpupool_op];
    xen_sysctl_scheduler_op => [XEN_SYSCTL_scheduler_op];
    xen_sysctl_coverage_op => [XEN_SYSCTL_coverage_op];
    xen_sysctl_psr_cmt_op => [XEN_SYSCTL_psr_cmt_op];
    xen_sysctl_pcitopoinfo => [XEN_SYSCTL_pcitopoinfo];
    xen_sysctl_psr_alloc => [XEN_SYSCTL_psr_alloc];
    xen_sysctl_cpu_levelling_caps => [XEN_SYSCTL_get_cpu_levelling_caps];
    xen_sysctl_cpu_featureset => [XEN_SYSCTL_get_cpu_featureset];
    xen_sysctl_livepatch_op => [XEN_SYSCTL_livepatch_op];
    xen_sysctl_cpu_policy => [XEN_SYSCTL_get_cpu_policy];
});
