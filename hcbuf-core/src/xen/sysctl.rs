//! Typed `sysctl` payloads: each is the member of `struct xen_sysctl`'s
//! union that its command takes, checked against its `hcbuf-sys` twin.
//! Carry one in an [`Op`](crate::xen::Op) made by
//! [`Op::sysctl`](crate::xen::Op::sysctl).

use hcbuf_sys::sysctl::*;
use hcbuf_sys::xen::xenctl_bitmap;

use crate::args::family;
use crate::handle::Typed;
use crate::xen::Selected;
use crate::xen::raw::payloads;
use crate::xen::union::typed_union;

/// One CPU's place in the topology (`xen_sysctl_cputopo`).
pub type CpuTopo = xen_sysctl_cputopo;

/// One node's memory (`xen_sysctl_meminfo`).
pub type MemInfo = xen_sysctl_meminfo;

/// One CPU's idle time (`xen_sysctl_cpuinfo`).
pub type CpuInfo = xen_sysctl_cpuinfo;

/// A bitmap passed by guest handle (`struct xenctl_bitmap`): CPU and node
/// maps, as a field of [`TbufOp`] and [`CpupoolOp`].
pub type Bitmap<'a> = xenctl_bitmap<Typed<'a>>;

/// The description of one software performance counter
/// (`xen_sysctl_perfc_desc`), an entry of [`PerfcOp::desc`].
pub type PerfcDesc = xen_sysctl_perfc_desc;

/// One P-state's statistics (`pm_px_val`), an entry of [`PmPxStat::pt`].
pub type PmPxVal = pm_px_val;

/// P-state statistics of one CPU (`pm_px_stat`, `PMSTAT_get_pxstat`).
pub type PmPxStat<'a> = pm_px_stat<Typed<'a>>;

/// C-state statistics of one CPU (`pm_cx_stat`, `PMSTAT_get_cxstat`).
pub type PmCxStat<'a> = pm_cx_stat<Typed<'a>>;

/// `xen_sysctl_get_pmstat.u`: the statistics, selected by the `type`
/// of [`GetPmStat`].
pub type GetPmStatU<'a> = Selected<'a, xen_sysctl_get_pmstat_u>;

typed_union! {
    xen_sysctl_get_pmstat_u<'a>, reads = safe, builds = unsafe {
        /// P-state statistics (`PMSTAT_get_pxstat`).
        getpx / as_getpx: PmPxStat<'a> => unsafe,
        /// C-state statistics (`PMSTAT_get_cxstat`).
        getcx / as_getcx: PmCxStat<'a> => unsafe,
    }
}

/// Parameters of the `userspace` cpufreq governor (`xen_userspace`).
pub type Userspace = xen_userspace;

/// Parameters of the `ondemand` cpufreq governor (`xen_ondemand`).
pub type Ondemand = xen_ondemand;

/// `xen_get_cpufreq_para.u`: the parameters of the current governor.
pub type GetCpufreqParaU<'a> = Selected<'a, xen_get_cpufreq_para_u>;

typed_union! {
    xen_get_cpufreq_para_u<'a>, reads = safe, builds = safe {
        /// The `userspace` governor's parameters.
        userspace / as_userspace: Userspace,
        /// The `ondemand` governor's parameters.
        ondemand / as_ondemand: Ondemand,
    }
}

/// A CPU's cpufreq parameters (`xen_get_cpufreq_para`, `GET_CPUFREQ_PARA`),
/// named as Linux's sysfs files.
pub type GetCpufreqPara<'a> = xen_get_cpufreq_para<Typed<'a>>;

/// Set a CPU's cpufreq governor (`xen_set_cpufreq_gov`, `SET_CPUFREQ_GOV`).
pub type SetCpufreqGov = xen_set_cpufreq_gov;

/// Set one cpufreq parameter (`xen_set_cpufreq_para`, `SET_CPUFREQ_PARA`).
pub type SetCpufreqPara = xen_set_cpufreq_para;

/// `xen_sysctl_pm_op.u`: the operation's argument or result, selected
/// by [`PmOp::cmd`].
pub type PmOpU<'a> = Selected<'a, xen_sysctl_pm_op_u>;

typed_union! {
    xen_sysctl_pm_op_u<'a>, reads = safe, builds = unsafe {
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

/// The profile of one lock (`xen_sysctl_lockprof_data`), an entry of
/// [`LockprofOp::data`].
pub type LockprofData = xen_sysctl_lockprof_data;

/// One entry of an ARINC653 schedule
/// (`xen_sysctl_arinc653_schedule.sched_entries[]`).
pub type Arinc653SchedEntry = xen_sysctl_arinc653_schedule_sched_entries;

/// An ARINC653 schedule (`xen_sysctl_arinc653_schedule`), behind
/// [`SchedArinc653::schedule`].
pub type Arinc653Schedule = xen_sysctl_arinc653_schedule;

/// Parameters of the Credit scheduler (`xen_sysctl_credit_schedule`).
pub type CreditSchedule = xen_sysctl_credit_schedule;

/// Parameters of the Credit2 scheduler (`xen_sysctl_credit2_schedule`).
pub type Credit2Schedule = xen_sysctl_credit2_schedule;

/// Parameters of the ARINC653 scheduler (`xen_sysctl_sched_arinc653`).
pub type SchedArinc653<'a> = xen_sysctl_sched_arinc653<Typed<'a>>;

/// `xen_sysctl_scheduler_op.u`: the parameters, selected by
/// [`SchedulerOp::sched_id`].
pub type SchedulerOpU<'a> = Selected<'a, xen_sysctl_scheduler_op_u>;

typed_union! {
    xen_sysctl_scheduler_op_u<'a>, reads = safe, builds = unsafe {
        /// ARINC653.
        sched_arinc653 / as_sched_arinc653: SchedArinc653<'a> => unsafe,
        /// Credit.
        sched_credit / as_sched_credit: CreditSchedule,
        /// Credit2.
        sched_credit2 / as_sched_credit2: Credit2Schedule,
    }
}

/// `xen_sysctl_psr_cmt_op.u.l3_cache`: the CPU whose L3 cache is queried.
pub type PsrCmtL3Cache = xen_sysctl_psr_cmt_op_u_l3_cache;

/// `xen_sysctl_psr_cmt_op.u`: the argument or the result.
pub type PsrCmtOpU<'a> = Selected<'a, xen_sysctl_psr_cmt_op_u>;

typed_union! {
    xen_sysctl_psr_cmt_op_u<'a>, reads = safe, builds = safe {
        /// OUT: the result.
        data / as_data: u64,
        /// IN: the CPU whose L3 cache is queried.
        l3_cache / as_l3_cache: PsrCmtL3Cache,
    }
}

/// `xen_sysctl_psr_alloc.u.cat_info`: L3 or L2 CAT information.
pub type PsrCatInfo = xen_sysctl_psr_alloc_u_cat_info;

/// `xen_sysctl_psr_alloc.u.mba_info`: MBA information.
pub type PsrMbaInfo = xen_sysctl_psr_alloc_u_mba_info;

/// `xen_sysctl_psr_alloc.u`: the result, selected by [`PsrAlloc::cmd`].
pub type PsrAllocU<'a> = Selected<'a, xen_sysctl_psr_alloc_u>;

typed_union! {
    xen_sysctl_psr_alloc_u<'a>, reads = safe, builds = safe {
        /// L3 or L2 CAT information.
        cat_info / as_cat_info: PsrCatInfo,
        /// MBA information.
        mba_info / as_mba_info: PsrMbaInfo,
    }
}

/// The name of a livepatch payload (`xen_livepatch_name`).
pub type LivepatchName<'a> = xen_livepatch_name<Typed<'a>>;

/// Upload a livepatch payload (`xen_sysctl_livepatch_upload`,
/// `XEN_SYSCTL_LIVEPATCH_UPLOAD`).
pub type LivepatchUpload<'a> = xen_sysctl_livepatch_upload<Typed<'a>>;

/// A livepatch payload's status (`xen_livepatch_status`), also an entry of
/// [`LivepatchList::status`].
pub type LivepatchStatus = xen_livepatch_status;

/// Get one payload's status (`xen_sysctl_livepatch_get`,
/// `XEN_SYSCTL_LIVEPATCH_GET`).
pub type LivepatchGet<'a> = xen_sysctl_livepatch_get<Typed<'a>>;

/// List the loaded payloads (`xen_sysctl_livepatch_list`,
/// `XEN_SYSCTL_LIVEPATCH_LIST`).
pub type LivepatchList<'a> = xen_sysctl_livepatch_list<Typed<'a>>;

/// Act on a livepatch payload (`xen_sysctl_livepatch_action`,
/// `XEN_SYSCTL_LIVEPATCH_ACTION`).
pub type LivepatchAction<'a> = xen_sysctl_livepatch_action<Typed<'a>>;

/// `xen_sysctl_livepatch_op.u`: the sub-operation's payload, selected
/// by [`LivepatchOp::cmd`].
pub type LivepatchOpU<'a> = Selected<'a, xen_sysctl_livepatch_op_u>;

typed_union! {
    xen_sysctl_livepatch_op_u<'a>, reads = unsafe, builds = unsafe {
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

payloads!(family::Sysctl {
    /// `XEN_SYSCTL_readconsole`: read (and optionally clear) Xen's console ring.
    ReadConsole<'a>: xen_sysctl_readconsole<Typed<'a>> = XEN_SYSCTL_readconsole;
    /// `XEN_SYSCTL_physinfo`: the host's CPUs, memory and capabilities.
    PhysInfo: xen_sysctl_physinfo = XEN_SYSCTL_physinfo;
    /// `XEN_SYSCTL_getdomaininfolist`: information on domains from
    /// `first_domain` on.
    GetDomainInfoList<'a>: xen_sysctl_getdomaininfolist<Typed<'a>> = XEN_SYSCTL_getdomaininfolist;
    /// `XEN_SYSCTL_sched_id`: the scheduler in use (`XEN_SCHEDULER_*`).
    SchedId: xen_sysctl_sched_id = XEN_SYSCTL_sched_id;
    /// `XEN_SYSCTL_cputopoinfo`: every CPU's core, socket and node.
    CpuTopoInfo<'a>: xen_sysctl_cputopoinfo<Typed<'a>> = XEN_SYSCTL_cputopoinfo;
    /// `XEN_SYSCTL_numainfo`: every node's memory and the node distances.
    NumaInfo<'a>: xen_sysctl_numainfo<Typed<'a>> = XEN_SYSCTL_numainfo;
    /// `XEN_SYSCTL_getcpuinfo`: every CPU's idle time.
    GetCpuInfo<'a>: xen_sysctl_getcpuinfo<Typed<'a>> = XEN_SYSCTL_getcpuinfo;
    /// `XEN_SYSCTL_tbuf_op`: control the trace buffers and get their machine
    /// base address.
    TbufOp<'a>: xen_sysctl_tbuf_op<Typed<'a>> = XEN_SYSCTL_tbuf_op;
    /// `XEN_SYSCTL_perfc_op`: reset or query Xen's software performance
    /// counters.
    PerfcOp<'a>: xen_sysctl_perfc_op<Typed<'a>> = XEN_SYSCTL_perfc_op;
    /// `XEN_SYSCTL_debug_keys`: inject debug keys into Xen.
    DebugKeys<'a>: xen_sysctl_debug_keys<Typed<'a>> = XEN_SYSCTL_debug_keys;
    /// `XEN_SYSCTL_availheap`: free heap memory in an address-width range.
    AvailHeap: xen_sysctl_availheap = XEN_SYSCTL_availheap;
    /// `XEN_SYSCTL_get_pmstat`: power management statistics of one CPU.
    GetPmStat<'a>: xen_sysctl_get_pmstat<Typed<'a>> = XEN_SYSCTL_get_pmstat;
    /// `XEN_SYSCTL_cpu_hotplug`: bring CPUs online or offline.
    CpuHotplug: xen_sysctl_cpu_hotplug = XEN_SYSCTL_cpu_hotplug;
    /// `XEN_SYSCTL_pm_op`: get or set Xen's power management.
    PmOp<'a>: xen_sysctl_pm_op<Typed<'a>> = XEN_SYSCTL_pm_op @ Xen4_17;
    /// `XEN_SYSCTL_page_offline_op`: offline, online or query a range of
    /// pages.
    PageOfflineOp<'a>: xen_sysctl_page_offline_op<Typed<'a>> = XEN_SYSCTL_page_offline_op;
    /// `XEN_SYSCTL_lockprof_op`: query or reset lock profiling.
    LockprofOp<'a>: xen_sysctl_lockprof_op<Typed<'a>> = XEN_SYSCTL_lockprof_op;
    /// `XEN_SYSCTL_cpupool_op`: manage cpupools.
    CpupoolOp<'a>: xen_sysctl_cpupool_op<Typed<'a>> = XEN_SYSCTL_cpupool_op;
    /// `XEN_SYSCTL_scheduler_op`: get or set a cpupool scheduler's
    /// parameters.
    SchedulerOp<'a>: xen_sysctl_scheduler_op<Typed<'a>> = XEN_SYSCTL_scheduler_op;
    /// `XEN_SYSCTL_coverage_op`: read or reset code coverage data.
    CoverageOp<'a>: xen_sysctl_coverage_op<Typed<'a>> = XEN_SYSCTL_coverage_op;
    /// `XEN_SYSCTL_psr_cmt_op`: query cache monitoring technology.
    PsrCmtOp<'a>: xen_sysctl_psr_cmt_op<Typed<'a>> = XEN_SYSCTL_psr_cmt_op;
    /// `XEN_SYSCTL_pcitopoinfo`: the NUMA nodes of PCI devices.
    PciTopoInfo<'a>: xen_sysctl_pcitopoinfo<Typed<'a>> = XEN_SYSCTL_pcitopoinfo;
    /// `XEN_SYSCTL_psr_alloc`: query resource allocation technology.
    PsrAlloc<'a>: xen_sysctl_psr_alloc<Typed<'a>> = XEN_SYSCTL_psr_alloc;
    /// `XEN_SYSCTL_get_cpu_levelling_caps` (x86): the hardware's CPUID masking
    /// and faulting capabilities for PV guests.
    CpuLevellingCaps: xen_sysctl_cpu_levelling_caps = XEN_SYSCTL_get_cpu_levelling_caps;
    /// `XEN_SYSCTL_get_cpu_featureset` (x86): one of the host's featuresets.
    CpuFeatureset<'a>: xen_sysctl_cpu_featureset<Typed<'a>> = XEN_SYSCTL_get_cpu_featureset;
    /// `XEN_SYSCTL_livepatch_op`: manage livepatches.
    LivepatchOp<'a>: xen_sysctl_livepatch_op<Typed<'a>> = XEN_SYSCTL_livepatch_op @ Xen4_17;
    /// `XEN_SYSCTL_get_cpu_policy` (x86): one of the host's CPUID and MSR
    /// policies.
    CpuPolicy<'a>: xen_sysctl_cpu_policy<Typed<'a>> = XEN_SYSCTL_get_cpu_policy;
});
