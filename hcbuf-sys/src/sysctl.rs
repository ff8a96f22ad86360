//! The `sysctl` hypercall (`public/sysctl.h`): host-wide management
//! operations for the control domain's toolstack.
//!
//! `HYPERVISOR_sysctl(struct xen_sysctl *)` (hypercall
//! `__HYPERVISOR_sysctl`, 35) takes one [`xen_sysctl`]: `cmd` is one of the
//! `XEN_SYSCTL_*` command numbers below, and `u` holds that command's
//! payload (the member of [`xen_sysctl_u`] named in the command's doc).
//! `interface_version` must be [`XEN_SYSCTL_INTERFACE_VERSION`]; Xen
//! rejects any other value with `EACCES` before looking at `cmd`, because
//! the payload layouts change between versions. Commands with OUT fields
//! have Xen copy the whole struct back; bulk output goes to the buffers
//! named by the payload's guest handles.
//!
//! C's anonymous unions and structs are named after their enclosing type
//! and member: `xen_sysctl_u` is the type of `xen_sysctl.u`,
//! `xen_sysctl_psr_cmt_op_u_l3_cache` that of
//! `xen_sysctl_psr_cmt_op.u.l3_cache`.
//!
//! [`xen_sysctl`]: crate::sysctl::xen_sysctl
//! [`xen_sysctl_u`]: crate::sysctl::xen_sysctl_u
//! [`XEN_SYSCTL_INTERFACE_VERSION`]: crate::sysctl::XEN_SYSCTL_INTERFACE_VERSION


use crate::xen::{domid_t, xen_domain_handle_t, xenctl_bitmap};

abi! {
    headers = ["xen/sysctl.h"];

    /// The sysctl interface version; `xen_sysctl.interface_version` must
    /// equal it or Xen fails the call with `EACCES`.
    pub const XEN_SYSCTL_INTERFACE_VERSION: u32 = 0x0000_0015;

    /// Read console output from Xen's console ring buffer
    /// (`XEN_SYSCTL_readconsole`).
    pub struct xen_sysctl_readconsole<H> (size 24) {
        /// IN: non-zero to clear the ring after reading.
        pub clear: u8,
        /// IN: non-zero to start at `index` instead of the oldest data.
        pub incremental: u8,
        /// Padding.
        pub pad0: u8,
        /// Padding.
        pub pad1: u8,
        /// IN: the ring index to start consuming at (if `incremental`);
        /// OUT: the index after the last byte consumed.
        pub index: u32,
        /// IN: guest handle of the buffer to write console data to
        /// (`char`).
        handle buffer / set_buffer: H::Out<u8> [count => count],
        /// IN: the size of `buffer`; OUT: the bytes written to it.
        count count / set_count: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
    }

    /// `xen_sysctl_tbuf_op.cmd`: get the trace buffer's base MFN and size.
    pub const XEN_SYSCTL_TBUFOP_get_info: u32 = 0;
    /// `xen_sysctl_tbuf_op.cmd`: set the traced CPUs from `cpu_mask`.
    pub const XEN_SYSCTL_TBUFOP_set_cpu_mask: u32 = 1;
    /// `xen_sysctl_tbuf_op.cmd`: set the traced event classes from
    /// `evt_mask`.
    pub const XEN_SYSCTL_TBUFOP_set_evt_mask: u32 = 2;
    /// `xen_sysctl_tbuf_op.cmd`: set the trace buffer size from `size`.
    pub const XEN_SYSCTL_TBUFOP_set_size: u32 = 3;
    /// `xen_sysctl_tbuf_op.cmd`: enable tracing.
    pub const XEN_SYSCTL_TBUFOP_enable: u32 = 4;
    /// `xen_sysctl_tbuf_op.cmd`: disable tracing.
    pub const XEN_SYSCTL_TBUFOP_disable: u32 = 5;

    /// Control the trace buffers and get their machine base address
    /// (`XEN_SYSCTL_tbuf_op`).
    pub struct xen_sysctl_tbuf_op<H> (size 48) {
        /// IN: the sub-operation (`XEN_SYSCTL_TBUFOP_*`).
        pub cmd: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u32,
        /// IN (`XEN_SYSCTL_TBUFOP_set_cpu_mask`): the CPUs to trace. Xen
        /// only reads it (never writes it back).
        pub cpu_mask: xenctl_bitmap<H>,
        /// IN/OUT: the event classes being traced.
        pub evt_mask: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
        /// OUT: the MFN of the trace buffer.
        pub buffer_mfn: u64,
        /// IN/OUT: the trace buffer size.
        pub size: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad2: u32,
    }

    /// Bit index of [`XEN_SYSCTL_PHYSCAP_hvm`].
    pub const _XEN_SYSCTL_PHYSCAP_hvm: u32 = 0;
    /// The platform supports HVM guests.
    pub const XEN_SYSCTL_PHYSCAP_hvm: u32 = 1 << _XEN_SYSCTL_PHYSCAP_hvm;
    /// Bit index of [`XEN_SYSCTL_PHYSCAP_pv`].
    pub const _XEN_SYSCTL_PHYSCAP_pv: u32 = 1;
    /// The platform supports PV guests.
    pub const XEN_SYSCTL_PHYSCAP_pv: u32 = 1 << _XEN_SYSCTL_PHYSCAP_pv;
    /// Bit index of [`XEN_SYSCTL_PHYSCAP_directio`].
    pub const _XEN_SYSCTL_PHYSCAP_directio: u32 = 2;
    /// The platform supports direct access to I/O devices with an IOMMU.
    pub const XEN_SYSCTL_PHYSCAP_directio: u32 = 1 << _XEN_SYSCTL_PHYSCAP_directio;
    /// Bit index of [`XEN_SYSCTL_PHYSCAP_hap`].
    pub const _XEN_SYSCTL_PHYSCAP_hap: u32 = 3;
    /// The platform supports Hardware Assisted Paging.
    pub const XEN_SYSCTL_PHYSCAP_hap: u32 = 1 << _XEN_SYSCTL_PHYSCAP_hap;
    /// Bit index of [`XEN_SYSCTL_PHYSCAP_shadow`].
    pub const _XEN_SYSCTL_PHYSCAP_shadow: u32 = 4;
    /// The platform supports software (shadow) paging.
    pub const XEN_SYSCTL_PHYSCAP_shadow: u32 = 1 << _XEN_SYSCTL_PHYSCAP_shadow;
    /// Bit index of [`XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share`].
    pub const _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share: u32 = 5;
    /// The platform supports sharing HAP page tables with the IOMMU.
    pub const XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share: u32 =
        1 << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share;
    /// The platform supports processor tracing of guests (vmtrace).
    pub const XEN_SYSCTL_PHYSCAP_vmtrace: u32 = 1 << 6;
    /// The platform supports vPMU.
    pub const XEN_SYSCTL_PHYSCAP_vpmu: u32 = 1 << 7;
    /// Xen supports the grant table v1 ABI.
    pub const XEN_SYSCTL_PHYSCAP_gnttab_v1: u32 = 1 << 8;
    /// Xen supports the grant table v2 ABI.
    pub const XEN_SYSCTL_PHYSCAP_gnttab_v2: u32 = 1 << 9;
    /// The highest `XEN_SYSCTL_PHYSCAP_*` flag (used for ABI checking).
    pub const XEN_SYSCTL_PHYSCAP_MAX: u32 = XEN_SYSCTL_PHYSCAP_gnttab_v2;

    /// Physical information about the host machine (`XEN_SYSCTL_physinfo`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_physinfo (size 112) {
        /// OUT: hardware threads per core.
        pub threads_per_core: u32,
        /// OUT: cores per socket.
        pub cores_per_socket: u32,
        /// OUT: the number of CPUs currently online.
        pub nr_cpus: u32,
        /// OUT: the largest possible CPU id on this host.
        pub max_cpu_id: u32,
        /// OUT: the number of NUMA nodes currently online.
        pub nr_nodes: u32,
        /// OUT: the largest possible node id on this host.
        pub max_node_id: u32,
        /// OUT: the CPU frequency in kHz.
        pub cpu_khz: u32,
        /// OUT: `XEN_SYSCTL_PHYSCAP_*` flags.
        pub capabilities: u32,
        /// OUT: architecture-specific capability flags (none on x86 in 4.17).
        pub arch_capabilities: u32,
        /// Padding.
        pub pad: u32,
        /// OUT: the total number of pages of host RAM.
        pub total_pages: u64,
        /// OUT: the number of free pages.
        pub free_pages: u64,
        /// OUT: the number of pages waiting to be scrubbed.
        pub scrub_pages: u64,
        /// OUT: the number of pages claimed but not yet allocated.
        pub outstanding_pages: u64,
        /// OUT: the largest possible MFN on this host.
        pub max_mfn: u64,
        /// OUT: the boot CPU's hardware capability words.
        pub hw_cap: [u32; 8],
    }

    /// The id of the current scheduler (`XEN_SYSCTL_sched_id`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_sched_id (size 4) {
        /// OUT: the scheduler id (`XEN_SCHEDULER_*`, see domctl).
        pub sched_id: u32,
    }

    /// `xen_sysctl_perfc_op.cmd`: reset all performance counters to zero.
    pub const XEN_SYSCTL_PERFCOP_reset: u32 = 1;
    /// `xen_sysctl_perfc_op.cmd`: get performance counter information.
    pub const XEN_SYSCTL_PERFCOP_query: u32 = 2;

    /// The description of one software performance counter.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct xen_sysctl_perfc_desc (size 84) {
        /// The counter's name.
        pub name: [u8; 80],
        /// The number of values this counter has.
        pub nr_vals: u32,
    }
    /// One performance counter value.
    pub type xen_sysctl_perfc_val_t (size 4) = u32;

    /// Control Xen's software performance counters (`XEN_SYSCTL_perfc_op`).
    pub struct xen_sysctl_perfc_op<H> (size 32) {
        /// IN: the sub-operation (`XEN_SYSCTL_PERFCOP_*`).
        pub cmd: u32,
        /// OUT: the number of counter descriptions (Xen's `NR_PERFCTRS`).
        pub nr_counters: u32,
        /// OUT: the number of values (Xen's `perfc_nbr_vals`).
        pub nr_vals: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// Guest handle of the counter descriptions
        /// ([`xen_sysctl_perfc_desc`] array), or 0 (then nothing is written
        /// to `desc` or `val`: the sizing call). Extent unbounded: Xen
        /// writes exactly its `NR_PERFCTRS` entries, known only from the
        /// OUT `nr_counters` of a sizing call; no IN count bounds it.
        handle desc / set_desc: H::Out<xen_sysctl_perfc_desc> [unbounded],
        /// Guest handle of the counter values
        /// ([`xen_sysctl_perfc_val_t`] array), or 0. Extent unbounded: Xen
        /// writes exactly its `perfc_nbr_vals` values (if `desc` is not
        /// null), known only from the OUT `nr_vals` of a sizing call; it
        /// grows with the online CPUs, so it can exceed that between calls.
        handle val / set_val: H::Out<u32> [unbounded],
    }

    /// List domains' information (`XEN_SYSCTL_getdomaininfolist`).
    pub struct xen_sysctl_getdomaininfolist<H> (size 24) {
        /// IN: the lowest domain id to report.
        pub first_domain: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u16,
        /// IN: the number of entries `buffer` has room for.
        count max_domains / set_max_domains: u32,
        /// IN: guest handle of the `xen_domctl_getdomaininfo_t` array to
        /// fill: at most `max_domains` entries.
        handle buffer / set_buffer: H::Out<crate::domctl::xen_domctl_getdomaininfo>
            [max_domains => max_domains],
        /// OUT: the number of entries written.
        pub num_domains: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
    }

    /// Inject debug keys into Xen (`XEN_SYSCTL_debug_keys`).
    pub struct xen_sysctl_debug_keys<H> (size 16) {
        /// IN: guest handle of the keys (`const char`): `nr_keys` bytes,
        /// read.
        handle keys / set_keys: H::In<u8> [nr_keys => nr_keys],
        /// IN: the number of keys.
        count nr_keys / set_nr_keys: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
    }

    /// One physical CPU's information.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_cpuinfo (size 8) {
        /// The CPU's total idle time in nanoseconds.
        pub idletime: u64,
    }

    /// Get physical CPU information (`XEN_SYSCTL_getcpuinfo`).
    pub struct xen_sysctl_getcpuinfo<H> (size 24) {
        /// IN: the number of entries `info` has room for.
        count max_cpus / set_max_cpus: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u32,
        /// IN: guest handle of the [`xen_sysctl_cpuinfo`] array to fill: at
        /// most `max_cpus` entries.
        handle info / set_info: H::Out<xen_sysctl_cpuinfo> [max_cpus => max_cpus],
        /// OUT: the number of entries written.
        pub nr_cpus: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
    }

    /// Free heap memory in an address-width range (`XEN_SYSCTL_availheap`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_availheap (size 24) {
        /// IN: the smallest address width (0 if don't care).
        pub min_bitwidth: u32,
        /// IN: the largest address width (0 if don't care).
        pub max_bitwidth: u32,
        /// IN: the NUMA node of interest (-1 for all nodes).
        pub node: i32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// OUT: the bytes available in the specified region.
        pub avail_bytes: u64,
    }

    /// One P-state's statistics.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct pm_px_val (size 24) {
        /// The P-state's core frequency.
        pub freq: u64,
        /// The time spent in the P-state.
        pub residency: u64,
        /// The number of transitions into the P-state.
        pub count: u64,
    }

    /// P-state statistics of one CPU (`PMSTAT_get_pxstat`).
    pub struct pm_px_stat<H> (size 24) {
        /// OUT (also by `PMSTAT_get_max_px`): the total number of P-states,
        /// truncated to 8 bits. Xen ignores it IN: it does not bound
        /// `trans_pt` or `pt`.
        pub total: u8,
        /// The number of usable P-states.
        pub usable: u8,
        /// The last P-state.
        pub last: u8,
        /// The current P-state.
        pub cur: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// Guest handle of the P-state transition table (`uint64`). Extent
        /// unbounded: Xen writes `ct * ct` entries, `ct` being its own
        /// P-state count of the CPU `xen_sysctl_get_pmstat.cpuid` (a u32
        /// dom0 uploaded, unbounded; `total` only shows it truncated to a
        /// u8), whatever this struct says.
        handle trans_pt / set_trans_pt: H::Out<u64> [unbounded],
        /// Guest handle of the [`pm_px_val`] array. Extent unbounded: Xen
        /// writes `ct` entries (`ct` as for `trans_pt`).
        handle pt / set_pt: H::Out<pm_px_val> [unbounded],
    }

    /// C-state statistics of one CPU (`PMSTAT_get_cxstat`).
    pub struct pm_cx_stat<H> (size 56) {
        /// IN: the number of entries of `triggers` and `residencies`, C0
        /// included; OUT: the number of C-states Xen has (which can exceed
        /// IN).
        count nr / set_nr: u32,
        /// The last C-state.
        pub last: u32,
        /// The idle time since boot.
        pub idle_time: u64,
        /// Guest handle of the C-state trigger counts (`uint64`): at most
        /// `nr` entries.
        handle triggers / set_triggers: H::Out<u64> [nr => nr],
        /// Guest handle of the C-state residencies (`uint64`): at most `nr`
        /// entries.
        handle residencies / set_residencies: H::Out<u64> [nr => nr],
        /// IN: the number of entries of `pc`; OUT: the highest package
        /// C-state with a non-zero residency (which can exceed IN).
        count nr_pc / set_nr_pc: u32,
        /// IN: the number of entries of `cc`; OUT: the highest core C-state
        /// with a non-zero residency (which can exceed IN).
        count nr_cc / set_nr_cc: u32,
        /// Guest handle of the package C-state residencies (`uint64`,
        /// PC1 at index 0): at most `nr_pc` entries, written sparsely
        /// (never index 0 or 4); unwritten slots keep the caller's
        /// sentinel.
        handle pc / set_pc: H::Out<u64> [nr_pc => nr_pc],
        /// Guest handle of the core C-state residencies (`uint64`, CC1
        /// at index 0): at most `nr_cc` entries, written sparsely (never
        /// index 1, 3 or 4); unwritten slots keep the caller's sentinel.
        handle cc / set_cc: H::Out<u64> [nr_cc => nr_cc],
    }

    /// Mask of the category bits of `xen_sysctl_get_pmstat.type`.
    pub const PMSTAT_CATEGORY_MASK: u32 = 0xf0;
    /// The P-state category.
    pub const PMSTAT_PX: u32 = 0x10;
    /// The C-state category.
    pub const PMSTAT_CX: u32 = 0x20;
    /// Get the number of P-states.
    pub const PMSTAT_get_max_px: u32 = PMSTAT_PX | 0x1;
    /// Get P-state statistics (`u.getpx`).
    pub const PMSTAT_get_pxstat: u32 = PMSTAT_PX | 0x2;
    /// Reset P-state statistics.
    pub const PMSTAT_reset_pxstat: u32 = PMSTAT_PX | 0x3;
    /// Get the number of C-states.
    pub const PMSTAT_get_max_cx: u32 = PMSTAT_CX | 0x1;
    /// Get C-state statistics (`u.getcx`).
    pub const PMSTAT_get_cxstat: u32 = PMSTAT_CX | 0x2;
    /// Reset C-state statistics.
    pub const PMSTAT_reset_cxstat: u32 = PMSTAT_CX | 0x3;

    /// Power management statistics of one CPU (`XEN_SYSCTL_get_pmstat`).
    pub struct xen_sysctl_get_pmstat<H> (size 64) {
        /// IN: what to get (`PMSTAT_*`).
        pub r#type: u32,
        /// IN: the physical CPU.
        pub cpuid: u32,
        /// The statistics, selected by `type`.
        pub u: H::Union<xen_sysctl_get_pmstat_u>,
    }

    /// `xen_sysctl_get_pmstat.u`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_get_pmstat_u (
        size 56,
        c "__typeof__(((struct xen_sysctl_get_pmstat *)0)->u)"
    ) {
        /// P-state statistics.
        pub getpx: pm_px_stat,
        /// C-state statistics.
        pub getcx: pm_cx_stat,
    }

    /// `xen_sysctl_cpu_hotplug.op`: bring one CPU online.
    pub const XEN_SYSCTL_CPU_HOTPLUG_ONLINE: u32 = 0;
    /// `xen_sysctl_cpu_hotplug.op`: take one CPU offline.
    pub const XEN_SYSCTL_CPU_HOTPLUG_OFFLINE: u32 = 1;
    /// `xen_sysctl_cpu_hotplug.op`: online every non-primary sibling
    /// thread of every present CPU.
    pub const XEN_SYSCTL_CPU_HOTPLUG_SMT_ENABLE: u32 = 2;
    /// `xen_sysctl_cpu_hotplug.op`: offline every non-primary sibling
    /// thread of every present CPU.
    pub const XEN_SYSCTL_CPU_HOTPLUG_SMT_DISABLE: u32 = 3;

    /// Bring CPUs online or offline (`XEN_SYSCTL_cpu_hotplug`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_cpu_hotplug (size 8) {
        /// IN: the physical CPU (ignored by the SMT operations).
        pub cpu: u32,
        /// IN: the operation (`XEN_SYSCTL_CPU_HOTPLUG_*`).
        pub op: u32,
    }

    /// Parameters of the `userspace` cpufreq governor.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_userspace (size 4) {
        /// The requested speed.
        pub scaling_setspeed: u32,
    }

    /// Parameters of the `ondemand` cpufreq governor.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_ondemand (size 16) {
        /// The largest allowed sampling rate.
        pub sampling_rate_max: u32,
        /// The smallest allowed sampling rate.
        pub sampling_rate_min: u32,
        /// The sampling rate.
        pub sampling_rate: u32,
        /// The load threshold to raise the frequency at.
        pub up_threshold: u32,
    }

    /// The length of cpufreq driver and governor names.
    pub const CPUFREQ_NAME_LEN: usize = 16;

    /// A CPU's cpufreq parameters (`GET_CPUFREQ_PARA`), named as Linux's
    /// sysfs files.
    pub struct xen_get_cpufreq_para<H> (size 120) {
        /// IN/OUT: the number of entries of `affected_cpus`. Xen writes
        /// nothing unless `cpu_num`, `freq_num` and `gov_num` all equal its
        /// own; otherwise it fails with `EAGAIN` and returns its three
        /// counts.
        count cpu_num / set_cpu_num: u32,
        /// IN/OUT: the number of entries of `scaling_available_frequencies`
        /// (same rule).
        count freq_num / set_freq_num: u32,
        /// IN/OUT: the number of available governors (same rule): not a
        /// size, `scaling_available_governors` holds `gov_num *
        /// CPUFREQ_NAME_LEN` bytes.
        count gov_num / set_gov_num: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u32,
        /// OUT: guest handle of the CPUs sharing the frequency (`uint32`):
        /// `cpu_num` entries.
        handle affected_cpus / set_affected_cpus: H::Out<u32> [cpu_num => cpu_num],
        /// OUT: guest handle of the available frequencies (`uint32`):
        /// `freq_num` entries.
        handle scaling_available_frequencies / set_scaling_available_frequencies: H::Out<u32>
            [freq_num => freq_num],
        /// OUT: guest handle of the available governors' names (`char`):
        /// `gov_num` names of [`CPUFREQ_NAME_LEN`] bytes each.
        handle scaling_available_governors / set_scaling_available_governors: H::Out<u8>
            [gov_num => gov_num * CPUFREQ_NAME_LEN as u64],
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
        pub u: H::Union<xen_get_cpufreq_para_u>,
        /// OUT: whether turbo mode is enabled.
        pub turbo_enabled: i32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
    }

    /// `xen_get_cpufreq_para.u`: the parameters of a specific governor.
    #[derive(Clone, Copy)]
    pub union xen_get_cpufreq_para_u (
        size 16,
        c "__typeof__(((struct xen_get_cpufreq_para *)0)->u)"
    ) {
        /// The `userspace` governor's parameters.
        pub userspace: xen_userspace,
        /// The `ondemand` governor's parameters.
        pub ondemand: xen_ondemand,
    }

    /// Set a CPU's cpufreq governor (`SET_CPUFREQ_GOV`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_set_cpufreq_gov (size 16) {
        /// IN: the governor's name.
        pub scaling_governor: [u8; CPUFREQ_NAME_LEN],
    }

    /// `xen_set_cpufreq_para.ctrl_type`: the governor's largest frequency.
    pub const SCALING_MAX_FREQ: u32 = 1;
    /// `xen_set_cpufreq_para.ctrl_type`: the governor's smallest frequency.
    pub const SCALING_MIN_FREQ: u32 = 2;
    /// `xen_set_cpufreq_para.ctrl_type`: the `userspace` governor's speed.
    pub const SCALING_SETSPEED: u32 = 3;
    /// `xen_set_cpufreq_para.ctrl_type`: the `ondemand` sampling rate.
    pub const SAMPLING_RATE: u32 = 4;
    /// `xen_set_cpufreq_para.ctrl_type`: the `ondemand` up threshold.
    pub const UP_THRESHOLD: u32 = 5;

    /// Set one cpufreq parameter (`SET_CPUFREQ_PARA`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_set_cpufreq_para (size 8) {
        /// IN: which parameter (`SCALING_*`, `SAMPLING_RATE`,
        /// `UP_THRESHOLD`).
        pub ctrl_type: u32,
        /// IN: the new value.
        pub ctrl_value: u32,
    }

    /// Mask of the category bits of `xen_sysctl_pm_op.cmd`.
    pub const PM_PARA_CATEGORY_MASK: u32 = 0xf0;
    /// The cpufreq category.
    pub const CPUFREQ_PARA: u32 = 0x10;
    /// Get cpufreq parameters (`u.get_para`).
    pub const GET_CPUFREQ_PARA: u32 = CPUFREQ_PARA | 0x01;
    /// Set the cpufreq governor (`u.set_gov`).
    pub const SET_CPUFREQ_GOV: u32 = CPUFREQ_PARA | 0x02;
    /// Set a cpufreq parameter (`u.set_para`).
    pub const SET_CPUFREQ_PARA: u32 = CPUFREQ_PARA | 0x03;
    /// Get the average frequency (`u.get_avgfreq`).
    pub const GET_CPUFREQ_AVGFREQ: u32 = CPUFREQ_PARA | 0x04;
    /// Set or reset the scheduler's SMT power saving option
    /// (`u.set_sched_opt_smt`).
    pub const XEN_SYSCTL_pm_op_set_sched_opt_smt: u32 = 0x21;
    /// Get the max C-state (`cpuid` 0) or C-sub-state (`cpuid` 1).
    pub const XEN_SYSCTL_pm_op_get_max_cstate: u32 = 0x22;
    /// Set the max C-state (`cpuid` 0) or C-sub-state (`cpuid` 1).
    pub const XEN_SYSCTL_pm_op_set_max_cstate: u32 = 0x23;
    /// Set the scheduler's vCPU migration cost.
    pub const XEN_SYSCTL_pm_op_set_vcpu_migration_delay: u32 = 0x24;
    /// Get the scheduler's vCPU migration cost.
    pub const XEN_SYSCTL_pm_op_get_vcpu_migration_delay: u32 = 0x25;
    /// Enable turbo mode (dbs governor).
    pub const XEN_SYSCTL_pm_op_enable_turbo: u32 = 0x26;
    /// Disable turbo mode (dbs governor).
    pub const XEN_SYSCTL_pm_op_disable_turbo: u32 = 0x27;
    /// No limit on the max C-state.
    pub const XEN_SYSCTL_CX_UNLIMITED: u32 = 0xffff_ffff;

    /// Get or set Xen's power management (`XEN_SYSCTL_pm_op`).
    pub struct xen_sysctl_pm_op<H> (size 128) {
        /// IN: the operation (`*_CPUFREQ_*`, `XEN_SYSCTL_pm_op_*`).
        pub cmd: u32,
        /// IN: the physical CPU (or the selector for the max C-state
        /// operations).
        pub cpuid: u32,
        /// The operation's argument or result.
        pub u: H::Union<xen_sysctl_pm_op_u>,
    }

    /// `xen_sysctl_pm_op.u`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_pm_op_u (
        size 120,
        c "__typeof__(((struct xen_sysctl_pm_op *)0)->u)"
    ) {
        /// `GET_CPUFREQ_PARA`.
        pub get_para: xen_get_cpufreq_para,
        /// `SET_CPUFREQ_GOV`.
        pub set_gov: xen_set_cpufreq_gov,
        /// `SET_CPUFREQ_PARA`.
        pub set_para: xen_set_cpufreq_para,
        /// `GET_CPUFREQ_AVGFREQ`: OUT: the average frequency.
        pub get_avgfreq: u64,
        /// `XEN_SYSCTL_pm_op_set_sched_opt_smt`.
        pub set_sched_opt_smt: u32,
        /// `XEN_SYSCTL_pm_op_get_max_cstate`: OUT.
        pub get_max_cstate: u32,
        /// `XEN_SYSCTL_pm_op_set_max_cstate`: IN.
        pub set_max_cstate: u32,
    }

    /// `xen_sysctl_page_offline_op.cmd`: offline the pages.
    pub const sysctl_page_offline: u32 = 1;
    /// `xen_sysctl_page_offline_op.cmd`: online the pages.
    pub const sysctl_page_online: u32 = 2;
    /// `xen_sysctl_page_offline_op.cmd`: query the pages' state.
    pub const sysctl_query_page_offline: u32 = 3;

    /// Offline, online or query a range of pages
    /// (`XEN_SYSCTL_page_offline_op`).
    pub struct xen_sysctl_page_offline_op<H> (size 24) {
        /// IN: the operation (`sysctl_*page*`).
        pub cmd: u32,
        /// IN: the first MFN of the range.
        count start / set_start: u32,
        /// IN: the last MFN of the range (`EINVAL` if below `start`).
        count end / set_end: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// OUT: guest handle (`XEN_GUEST_HANDLE(uint32)`, not `_64`) of one
        /// status word per page: bits 0-15 `PG_*` flags, bits 16-31 owner.
        /// All `end - start + 1` entries are written.
        handle status / set_status: H::Out<u32>
            [start, end => Extent(end.0.saturating_sub(start.0)) + 1],
    }

    /// Mask of the result bits of a page status word.
    pub const PG_OFFLINE_STATUS_MASK: u32 = 0xFF;
    /// The result is invalid (Xen did not handle the page).
    pub const PG_OFFLINE_INVALID: u32 = 0x1 << 0;
    /// The page was offlined.
    pub const PG_OFFLINE_OFFLINED: u32 = 0x1 << 1;
    /// The page will be offlined once freed.
    pub const PG_OFFLINE_PENDING: u32 = 0x1 << 2;
    /// Offlining failed.
    pub const PG_OFFLINE_FAILED: u32 = 0x1 << 3;
    /// Offlining should be retried.
    pub const PG_OFFLINE_AGAIN: u32 = 0x1 << 4;
    /// Onlining failed.
    pub const PG_ONLINE_FAILED: u32 = PG_OFFLINE_FAILED;
    /// The page was onlined.
    pub const PG_ONLINE_ONLINED: u32 = PG_OFFLINE_OFFLINED;
    /// Query: the page is offlined.
    pub const PG_OFFLINE_STATUS_OFFLINED: u32 = 0x1 << 1;
    /// Query: the page is online.
    pub const PG_OFFLINE_STATUS_ONLINE: u32 = 0x1 << 2;
    /// Query: the page's offlining is pending.
    pub const PG_OFFLINE_STATUS_OFFLINE_PENDING: u32 = 0x1 << 3;
    /// Query: the page is broken.
    pub const PG_OFFLINE_STATUS_BROKEN: u32 = 0x1 << 4;
    /// Mask of the miscellaneous bits of a page status word.
    pub const PG_OFFLINE_MISC_MASK: u32 = 0xFF << 4;
    /// The page belongs to Xen (with `PG_OFFLINE_FAILED` or `_PENDING`).
    pub const PG_OFFLINE_XENPAGE: u32 = 0x1 << 8;
    /// The page belongs to dom0 (with `PG_OFFLINE_FAILED` or `_PENDING`).
    pub const PG_OFFLINE_DOM0PAGE: u32 = 0x1 << 9;
    /// The page is anonymous (with `PG_OFFLINE_FAILED` or `_PENDING`).
    pub const PG_OFFLINE_ANONYMOUS: u32 = 0x1 << 10;
    /// The page is not conventional RAM (with `PG_OFFLINE_FAILED` or
    /// `_PENDING`).
    pub const PG_OFFLINE_NOT_CONV_RAM: u32 = 0x1 << 11;
    /// The page is owned by a domain, whose id is in the owner bits.
    pub const PG_OFFLINE_OWNED: u32 = 0x1 << 12;
    /// The page is broken (offlining).
    pub const PG_OFFLINE_BROKEN: u32 = 0x1 << 13;
    /// The page is broken (onlining).
    pub const PG_ONLINE_BROKEN: u32 = PG_OFFLINE_BROKEN;
    /// The shift of the owner bits of a page status word.
    pub const PG_OFFLINE_OWNER_SHIFT: u32 = 16;

    /// `xen_sysctl_lockprof_op.cmd`: reset all profile data to zero.
    pub const XEN_SYSCTL_LOCKPROF_reset: u32 = 1;
    /// `xen_sysctl_lockprof_op.cmd`: get lock profile information.
    pub const XEN_SYSCTL_LOCKPROF_query: u32 = 2;
    /// A global lock (`idx` is meaningless).
    pub const LOCKPROF_TYPE_GLOBAL: i32 = 0;
    /// A per-domain lock (`idx` is the domain id).
    pub const LOCKPROF_TYPE_PERDOM: i32 = 1;
    /// The number of lock profile record types.
    pub const LOCKPROF_TYPE_N: i32 = 2;

    /// The profile of one lock.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct xen_sysctl_lockprof_data (size 80) {
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

    /// Query or reset lock profiling (`XEN_SYSCTL_lockprof_op`).
    pub struct xen_sysctl_lockprof_op<H> (size 32) {
        /// IN: the sub-operation (`XEN_SYSCTL_LOCKPROF_*`).
        pub cmd: u32,
        /// IN: the number of entries `data` has room for.
        count max_elem / set_max_elem: u32,
        /// OUT (query): the number of entries available.
        pub nr_elem: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// OUT (query): nanoseconds of profile measurement.
        pub time: u64,
        /// Guest handle of the [`xen_sysctl_lockprof_data`] array, or 0: at
        /// most `max_elem` entries.
        handle data / set_data: H::Out<xen_sysctl_lockprof_data> [max_elem => max_elem],
    }

    /// A CPU's core id is unknown (it is offline).
    pub const XEN_INVALID_CORE_ID: u32 = !0;
    /// A CPU's socket id is unknown (it is offline).
    pub const XEN_INVALID_SOCKET_ID: u32 = !0;
    /// A CPU's or device's node id is unknown.
    pub const XEN_INVALID_NODE_ID: u32 = !0;

    /// One CPU's topology.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_cputopo (size 12) {
        /// The core id, or [`XEN_INVALID_CORE_ID`].
        pub core: u32,
        /// The socket id, or [`XEN_INVALID_SOCKET_ID`].
        pub socket: u32,
        /// The NUMA node id, or [`XEN_INVALID_NODE_ID`].
        pub node: u32,
    }

    /// Get the CPU topology (`XEN_SYSCTL_cputopoinfo`).
    pub struct xen_sysctl_cputopoinfo<H> (size 16) {
        /// IN: the number of entries of `cputopo` (ignored with a null
        /// handle). OUT: the number written (at most IN), or with a null
        /// handle the number of entries Xen has.
        count num_cpus / set_num_cpus: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// Guest handle of the [`xen_sysctl_cputopo`] array, or 0: at most
        /// `num_cpus` entries.
        handle cputopo / set_cputopo: H::Out<xen_sysctl_cputopo> [num_cpus => num_cpus],
    }

    /// A node's memory size is unknown (note: 32 bits, while `memsize` is
    /// 64).
    pub const XEN_INVALID_MEM_SZ: u32 = !0;
    /// The distance between two nodes is unknown.
    pub const XEN_INVALID_NODE_DIST: u32 = !0;

    /// One NUMA node's memory.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_meminfo (size 16) {
        /// The node's memory size in bytes, or [`XEN_INVALID_MEM_SZ`].
        pub memsize: u64,
        /// The node's free memory in bytes.
        pub memfree: u64,
    }

    /// Get the NUMA topology (`XEN_SYSCTL_numainfo`).
    pub struct xen_sysctl_numainfo<H> (size 24) {
        /// IN: the number of entries of `meminfo` and the square root of
        /// the number of entries of `distance` (both handles null: a request
        /// for the maximum). OUT: the number of nodes written (at most IN),
        /// or with both handles null the number of nodes Xen has.
        count num_nodes / set_num_nodes: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// Guest handle of the [`xen_sysctl_meminfo`] array, or 0: at most
        /// `num_nodes` entries.
        handle meminfo / set_meminfo: H::Out<xen_sysctl_meminfo> [num_nodes => num_nodes],
        /// Guest handle of the node distance matrix (`uint32`, `i*N + j`
        /// with N the returned `num_nodes`), or 0: at most `num_nodes *
        /// num_nodes` entries.
        handle distance / set_distance: H::Out<u32> [num_nodes => num_nodes * num_nodes],
    }

    /// `xen_sysctl_cpupool_op.op`: create a cpupool.
    pub const XEN_SYSCTL_CPUPOOL_OP_CREATE: u32 = 1;
    /// `xen_sysctl_cpupool_op.op`: destroy a cpupool.
    pub const XEN_SYSCTL_CPUPOOL_OP_DESTROY: u32 = 2;
    /// `xen_sysctl_cpupool_op.op`: get a cpupool's information.
    pub const XEN_SYSCTL_CPUPOOL_OP_INFO: u32 = 3;
    /// `xen_sysctl_cpupool_op.op`: add a CPU to a cpupool.
    pub const XEN_SYSCTL_CPUPOOL_OP_ADDCPU: u32 = 4;
    /// `xen_sysctl_cpupool_op.op`: remove a CPU from a cpupool.
    pub const XEN_SYSCTL_CPUPOOL_OP_RMCPU: u32 = 5;
    /// `xen_sysctl_cpupool_op.op`: move a domain to a cpupool.
    pub const XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN: u32 = 6;
    /// `xen_sysctl_cpupool_op.op`: get the CPUs in no cpupool.
    pub const XEN_SYSCTL_CPUPOOL_OP_FREEINFO: u32 = 7;
    /// Any cpupool id or CPU (Xen picks one).
    pub const XEN_SYSCTL_CPUPOOL_PAR_ANY: u32 = 0xFFFF_FFFF;

    /// Manage cpupools (`XEN_SYSCTL_cpupool_op`).
    pub struct xen_sysctl_cpupool_op<H> (size 40) {
        /// IN: the operation (`XEN_SYSCTL_CPUPOOL_OP_*`).
        pub op: u32,
        /// IN: CREATE, DESTROY, INFO, ADDCPU, RMCPU, MOVEDOMAIN; OUT:
        /// CREATE, INFO.
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
        pub cpumap: xenctl_bitmap<H>,
    }

    /// The most entries an ARINC653 schedule has.
    pub const ARINC653_MAX_DOMAINS_PER_SCHEDULE: usize = 64;

    /// A new ARINC653 schedule passed from dom0 to Xen.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct xen_sysctl_arinc653_schedule (size 2064) {
        /// The major frame's length in nanoseconds.
        pub major_frame: u64,
        /// The number of valid entries of `sched_entries`.
        pub num_sched_entries: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 7],
        /// The schedule entries.
        pub sched_entries: [xen_sysctl_arinc653_schedule_sched_entries; ARINC653_MAX_DOMAINS_PER_SCHEDULE],
    }

    /// One entry of `xen_sysctl_arinc653_schedule.sched_entries`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_arinc653_schedule_sched_entries (
        size 32,
        c "__typeof__(((struct xen_sysctl_arinc653_schedule *)0)->sched_entries[0])"
    ) {
        /// The domain's handle (UUID).
        pub dom_handle: xen_domain_handle_t,
        /// The vCPU this entry applies to (0 for a single-vCPU domain).
        pub vcpu_id: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// The vCPU's time per major frame in nanoseconds.
        pub runtime: u64,
    }

    /// The largest context switch rate limit in microseconds (Credit,
    /// Credit2).
    pub const XEN_SYSCTL_SCHED_RATELIMIT_MAX: u32 = 500_000;
    /// The smallest context switch rate limit in microseconds (Credit,
    /// Credit2).
    pub const XEN_SYSCTL_SCHED_RATELIMIT_MIN: u32 = 100;
    /// The longest Credit timeslice in milliseconds.
    pub const XEN_SYSCTL_CSCHED_TSLICE_MAX: u32 = 1000;
    /// The shortest Credit timeslice in milliseconds.
    pub const XEN_SYSCTL_CSCHED_TSLICE_MIN: u32 = 1;
    /// The longest Credit vCPU migration delay in microseconds.
    pub const XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US: u32 = 100 * 1000;

    /// Parameters of the Credit scheduler.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_credit_schedule (size 12) {
        /// The timeslice in milliseconds.
        pub tslice_ms: u32,
        /// The context switch rate limit in microseconds.
        pub ratelimit_us: u32,
        /// How long a vCPU is considered cache-hot on its CPU, in
        /// microseconds.
        pub vcpu_migr_delay_us: u32,
    }

    /// Parameters of the Credit2 scheduler.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_credit2_schedule (size 4) {
        /// The context switch rate limit in microseconds.
        pub ratelimit_us: u32,
    }

    /// `xen_sysctl_scheduler_op.cmd`: set the parameters.
    pub const XEN_SYSCTL_SCHEDOP_putinfo: u32 = 0;
    /// `xen_sysctl_scheduler_op.cmd`: get the parameters.
    pub const XEN_SYSCTL_SCHEDOP_getinfo: u32 = 1;

    /// Parameters of the ARINC653 scheduler.
    pub struct xen_sysctl_sched_arinc653<H> (size 8) {
        /// Guest handle of one [`xen_sysctl_arinc653_schedule`]: read by
        /// `XEN_SYSCTL_SCHEDOP_putinfo`, written by `_getinfo`.
        handle schedule / set_schedule: H::InOut<xen_sysctl_arinc653_schedule> [=> Extent(1)],
    }

    /// Get or set a cpupool scheduler's parameters
    /// (`XEN_SYSCTL_scheduler_op`).
    pub struct xen_sysctl_scheduler_op<H> (size 32) {
        /// IN: the cpupool whose scheduler is targeted.
        pub cpupool_id: u32,
        /// IN: the scheduler (`XEN_SCHEDULER_*`, see domctl).
        pub sched_id: u32,
        /// IN: `XEN_SYSCTL_SCHEDOP_*`.
        pub cmd: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// The parameters, selected by `sched_id`.
        pub u: H::Union<xen_sysctl_scheduler_op_u>,
    }

    /// `xen_sysctl_scheduler_op.u`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_scheduler_op_u (
        size 16,
        c "__typeof__(((struct xen_sysctl_scheduler_op *)0)->u)"
    ) {
        /// ARINC653.
        pub sched_arinc653: xen_sysctl_sched_arinc653,
        /// Credit.
        pub sched_credit: xen_sysctl_credit_schedule,
        /// Credit2.
        pub sched_credit2: xen_sysctl_credit2_schedule,
        /// The union's whole 16 bytes (its members fill 12; C pads it to
        /// the 8-byte alignment of `sched_arinc653`'s handle).
        pad _bytes: [u64; 2],
    }

    /// The magic number (`XCOV`) that starts gcov coverage output.
    pub const XEN_GCOV_FORMAT_MAGIC: u32 = 0x5843_4f56;
    /// `xen_sysctl_coverage_op.cmd`: get the total size of the output.
    pub const XEN_SYSCTL_COVERAGE_get_size: u32 = 0;
    /// `xen_sysctl_coverage_op.cmd`: read the output.
    pub const XEN_SYSCTL_COVERAGE_read: u32 = 1;
    /// `xen_sysctl_coverage_op.cmd`: reset all counters.
    pub const XEN_SYSCTL_COVERAGE_reset: u32 = 2;

    /// Read or reset code coverage data (`XEN_SYSCTL_coverage_op`).
    pub struct xen_sysctl_coverage_op<H> (size 16) {
        /// IN: the sub-operation (`XEN_SYSCTL_COVERAGE_*`).
        pub cmd: u32,
        /// IN: the size of `buffer` in bytes; OUT: the bytes written (read)
        /// or the size needed (`get_size`).
        count size / set_size: u32,
        /// OUT: guest handle of the output buffer (`char`): at most `size`
        /// bytes.
        handle buffer / set_buffer: H::Out<u8> [size => size],
    }

    /// `xen_sysctl_psr_cmt_op.cmd`: get the total number of RMIDs.
    pub const XEN_SYSCTL_PSR_CMT_get_total_rmid: u32 = 0;
    /// `xen_sysctl_psr_cmt_op.cmd`: get the L3 upscaling factor.
    pub const XEN_SYSCTL_PSR_CMT_get_l3_upscaling_factor: u32 = 1;
    /// `xen_sysctl_psr_cmt_op.cmd`: get the L3 cache size in KiB.
    pub const XEN_SYSCTL_PSR_CMT_get_l3_cache_size: u32 = 2;
    /// `xen_sysctl_psr_cmt_op.cmd`: whether CMT is enabled.
    pub const XEN_SYSCTL_PSR_CMT_enabled: u32 = 3;
    /// `xen_sysctl_psr_cmt_op.cmd`: get the L3 event mask.
    pub const XEN_SYSCTL_PSR_CMT_get_l3_event_mask: u32 = 4;

    /// Query cache monitoring technology (`XEN_SYSCTL_psr_cmt_op`).
    pub struct xen_sysctl_psr_cmt_op<H> (size 16) {
        /// IN: the sub-operation (`XEN_SYSCTL_PSR_CMT_*`).
        pub cmd: u32,
        /// Padding, may be extended for future use.
        pub flags: u32,
        /// The argument or result.
        pub u: H::Union<xen_sysctl_psr_cmt_op_u>,
    }

    /// `xen_sysctl_psr_cmt_op.u`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_psr_cmt_op_u (
        size 8,
        c "__typeof__(((struct xen_sysctl_psr_cmt_op *)0)->u)"
    ) {
        /// OUT: the result.
        pub data: u64,
        /// IN: the CPU whose L3 cache is queried.
        pub l3_cache: xen_sysctl_psr_cmt_op_u_l3_cache,
    }

    /// `xen_sysctl_psr_cmt_op.u.l3_cache`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_psr_cmt_op_u_l3_cache (
        size 8,
        c "__typeof__(((struct xen_sysctl_psr_cmt_op *)0)->u.l3_cache)"
    ) {
        /// IN: the CPU.
        pub cpu: u32,
        /// Reserved.
        pub rsvd: u32,
    }

    /// A PCI device is not known to Xen.
    pub const XEN_INVALID_DEV: u32 = XEN_INVALID_NODE_ID - 1;

    /// Get the NUMA nodes of PCI devices (`XEN_SYSCTL_pcitopoinfo`).
    pub struct xen_sysctl_pcitopoinfo<H> (size 24) {
        /// IN: the number of entries of `devs` and `nodes`; OUT: the number
        /// processed.
        count num_devs / set_num_devs: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// IN: guest handle of the devices (`physdev_pci_device_t` array):
        /// at most `num_devs` entries, read.
        handle devs / set_devs: H::In<crate::memory::physdev_pci_device> [num_devs => num_devs],
        /// OUT: guest handle of one node id per device (`uint32`), or
        /// [`XEN_INVALID_NODE_ID`] / [`XEN_INVALID_DEV`]: at most
        /// `num_devs` entries.
        handle nodes / set_nodes: H::Out<u32> [num_devs => num_devs],
    }

    /// `xen_sysctl_psr_alloc.cmd`: get L3 CAT information.
    pub const XEN_SYSCTL_PSR_get_l3_info: u32 = 0;
    /// `xen_sysctl_psr_alloc.cmd`: get L2 CAT information.
    pub const XEN_SYSCTL_PSR_get_l2_info: u32 = 1;
    /// `xen_sysctl_psr_alloc.cmd`: get MBA information.
    pub const XEN_SYSCTL_PSR_get_mba_info: u32 = 2;
    /// `cat_info.flags`: L3 code/data prioritization is enabled.
    pub const XEN_SYSCTL_PSR_CAT_L3_CDP: u32 = 1 << 0;
    /// `mba_info.flags`: the throttling values are linear.
    pub const XEN_SYSCTL_PSR_MBA_LINEAR: u32 = 1 << 0;

    /// Query resource allocation technology (`XEN_SYSCTL_psr_alloc`).
    pub struct xen_sysctl_psr_alloc<H> (size 20) {
        /// IN: the sub-operation (`XEN_SYSCTL_PSR_get_*`).
        pub cmd: u32,
        /// IN: the socket.
        pub target: u32,
        /// OUT: the result.
        pub u: H::Union<xen_sysctl_psr_alloc_u>,
    }

    /// `xen_sysctl_psr_alloc.u`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_psr_alloc_u (
        size 12,
        c "__typeof__(((struct xen_sysctl_psr_alloc *)0)->u)"
    ) {
        /// L3 or L2 CAT information.
        pub cat_info: xen_sysctl_psr_alloc_u_cat_info,
        /// MBA information.
        pub mba_info: xen_sysctl_psr_alloc_u_mba_info,
    }

    /// `xen_sysctl_psr_alloc.u.cat_info`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_psr_alloc_u_cat_info (
        size 12,
        c "__typeof__(((struct xen_sysctl_psr_alloc *)0)->u.cat_info)"
    ) {
        /// OUT: the capacity bitmask length.
        pub cbm_len: u32,
        /// OUT: the largest class of service.
        pub cos_max: u32,
        /// OUT: CAT flags (`XEN_SYSCTL_PSR_CAT_*`).
        pub flags: u32,
    }

    /// `xen_sysctl_psr_alloc.u.mba_info`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_psr_alloc_u_mba_info (
        size 12,
        c "__typeof__(((struct xen_sysctl_psr_alloc *)0)->u.mba_info)"
    ) {
        /// OUT: the largest throttle.
        pub thrtl_max: u32,
        /// OUT: the largest class of service.
        pub cos_max: u32,
        /// OUT: MBA flags (`XEN_SYSCTL_PSR_MBA_*`).
        pub flags: u32,
    }

    /// CPUID faulting is available.
    pub const XEN_SYSCTL_CPU_LEVELCAP_faulting: u32 = 1 << 0;
    /// Leaf 0x00000001 ecx can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_ecx: u32 = 1 << 1;
    /// Leaf 0x00000001 edx can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_edx: u32 = 1 << 2;
    /// Leaf 0x80000001 ecx can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_extd_ecx: u32 = 1 << 3;
    /// Leaf 0x80000001 edx can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_extd_edx: u32 = 1 << 4;
    /// Leaf 0x0000000D:1 eax can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_xsave_eax: u32 = 1 << 5;
    /// Leaf 0x00000006 ecx can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_thermal_ecx: u32 = 1 << 6;
    /// Leaf 0x00000007:0 eax can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_l7s0_eax: u32 = 1 << 7;
    /// Leaf 0x00000007:0 ebx can be masked.
    pub const XEN_SYSCTL_CPU_LEVELCAP_l7s0_ebx: u32 = 1 << 8;

    /// The hardware's CPUID masking and faulting capabilities for PV guests
    /// (`XEN_SYSCTL_get_cpu_levelling_caps`, x86).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_sysctl_cpu_levelling_caps (size 4) {
        /// OUT: `XEN_SYSCTL_CPU_LEVELCAP_*` flags.
        pub caps: u32,
    }

    /// `xen_sysctl_cpu_featureset.index`: the real CPUID values.
    pub const XEN_SYSCTL_cpu_featureset_raw: u32 = 0;
    /// `xen_sysctl_cpu_featureset.index`: the values Xen is using.
    pub const XEN_SYSCTL_cpu_featureset_host: u32 = 1;
    /// `xen_sysctl_cpu_featureset.index`: the default set for PV guests.
    pub const XEN_SYSCTL_cpu_featureset_pv: u32 = 2;
    /// `xen_sysctl_cpu_featureset.index`: the default set for HVM guests.
    pub const XEN_SYSCTL_cpu_featureset_hvm: u32 = 3;
    /// `xen_sysctl_cpu_featureset.index`: the maximum set for PV guests.
    pub const XEN_SYSCTL_cpu_featureset_pv_max: u32 = 4;
    /// `xen_sysctl_cpu_featureset.index`: the maximum set for HVM guests.
    pub const XEN_SYSCTL_cpu_featureset_hvm_max: u32 = 5;

    /// Get one of the host's featuresets (`XEN_SYSCTL_get_cpu_featureset`,
    /// x86).
    pub struct xen_sysctl_cpu_featureset<H> (size 16) {
        /// IN: which featureset (`XEN_SYSCTL_cpu_featureset_*`).
        pub index: u32,
        /// IN: the number of entries of `features`; OUT: the number
        /// written, or the maximum if the handle is null.
        count nr_features / set_nr_features: u32,
        /// OUT: guest handle of the featureset words (`uint32`): at most
        /// `nr_features` entries.
        handle features / set_features: H::Out<u32> [nr_features => nr_features],
    }

    /// The version of the `.livepatch.funcs` payload layout.
    pub const LIVEPATCH_PAYLOAD_VERSION: u32 = 2;
    /// The recommended largest livepatch name, NUL included.
    pub const XEN_LIVEPATCH_NAME_SIZE: usize = 128;

    /// The name uniquely identifying a livepatch payload.
    pub struct xen_livepatch_name<H> (size 16) {
        /// IN: guest handle of the name (`char`, NUL-terminated): `size`
        /// bytes, read.
        handle name / set_name: H::In<u8> [size => size],
        /// IN: the size of the name in bytes, NUL included (1 to
        /// [`XEN_LIVEPATCH_NAME_SIZE`], else `EINVAL`).
        count size / set_size: u16,
        /// IN: must be zero.
        pub pad: [u16; 3],
    }

    /// `xen_sysctl_livepatch_op.cmd`: upload a payload (not yet applied).
    pub const XEN_SYSCTL_LIVEPATCH_UPLOAD: u32 = 0;
    /// Upload a livepatch payload (`XEN_SYSCTL_LIVEPATCH_UPLOAD`).
    pub struct xen_sysctl_livepatch_upload<H> (size 32) {
        /// IN: the payload's name.
        pub name: xen_livepatch_name<H>,
        /// IN: the size of the ELF file in bytes.
        count size / set_size: u64,
        /// IN: guest handle of the ELF file (`uint8`): `size` bytes, read.
        handle payload / set_payload: H::In<u8> [size => size],
    }

    /// `xen_sysctl_livepatch_op.cmd`: get one payload's status.
    pub const XEN_SYSCTL_LIVEPATCH_GET: u32 = 1;
    /// The payload is loaded and checked.
    pub const LIVEPATCH_STATE_CHECKED: u32 = 1;
    /// The payload is applied.
    pub const LIVEPATCH_STATE_APPLIED: u32 = 2;

    /// A livepatch payload's status.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_livepatch_status (size 8) {
        /// OUT: `LIVEPATCH_STATE_*`.
        pub state: u32,
        /// OUT: 0, or `-XEN_Exx` of the last operation.
        pub rc: i32,
    }

    /// Get one payload's status (`XEN_SYSCTL_LIVEPATCH_GET`).
    pub struct xen_sysctl_livepatch_get<H> (size 24) {
        /// IN: the payload's name.
        pub name: xen_livepatch_name<H>,
        /// IN/OUT: its status.
        pub status: xen_livepatch_status,
    }

    /// `xen_sysctl_livepatch_op.cmd`: list the loaded payloads.
    pub const XEN_SYSCTL_LIVEPATCH_LIST: u32 = 2;

    /// List the loaded payloads (`XEN_SYSCTL_LIVEPATCH_LIST`); a positive
    /// return is the number of payloads written.
    pub struct xen_sysctl_livepatch_list<H> (size 64) {
        /// OUT: Xen's list version; if it changes between calls the data is
        /// stale.
        pub version: u32,
        /// IN: the index into Xen's list to start at.
        pub idx: u32,
        /// IN: the number of entries to fill (0 to get the count and
        /// version; above 1024: `E2BIG`); OUT: the number of payloads left.
        count nr / set_nr: u32,
        /// IN: must be zero.
        pub pad: u32,
        /// OUT: the total size of the names transferred.
        pub name_total_size: u32,
        /// OUT: the total size of the metadata transferred.
        pub metadata_total_size: u32,
        /// OUT: guest handle of the [`xen_livepatch_status`] entries: at
        /// most `nr`.
        handle status / set_status: H::Out<xen_livepatch_status> [nr => nr],
        /// OUT: guest handle of the names (`char`), back to back, each up
        /// to [`XEN_LIVEPATCH_NAME_SIZE`] bytes: at most `nr *
        /// XEN_LIVEPATCH_NAME_SIZE` bytes (the exact total is returned in
        /// `name_total_size`).
        handle name / set_name: H::Out<u8> [nr => nr * XEN_LIVEPATCH_NAME_SIZE as u64],
        /// OUT: guest handle of the names' lengths (`uint32`): at most `nr`
        /// entries.
        handle len / set_len: H::Out<u32> [nr => nr],
        /// OUT: guest handle of the metadata strings (`char`), back to
        /// back. Extent unbounded: Xen writes the sum of the transferred
        /// payloads' metadata lengths, which no IN field bounds; size it
        /// from `metadata_total_size` of an `nr` = 0 call (racy: check
        /// `version` afterwards).
        handle metadata / set_metadata: H::Out<u8> [unbounded],
        /// OUT: guest handle of the metadata strings' lengths (`uint32`):
        /// at most `nr` entries.
        handle metadata_len / set_metadata_len: H::Out<u32> [nr => nr],
    }

    /// `xen_sysctl_livepatch_op.cmd`: act on a payload (asynchronous).
    pub const XEN_SYSCTL_LIVEPATCH_ACTION: u32 = 3;
    /// `xen_sysctl_livepatch_action.cmd`: unload the payload.
    pub const LIVEPATCH_ACTION_UNLOAD: u32 = 1;
    /// `xen_sysctl_livepatch_action.cmd`: revert the payload.
    pub const LIVEPATCH_ACTION_REVERT: u32 = 2;
    /// `xen_sysctl_livepatch_action.cmd`: apply the payload.
    pub const LIVEPATCH_ACTION_APPLY: u32 = 3;
    /// `xen_sysctl_livepatch_action.cmd`: replace all applied payloads
    /// with this one.
    pub const LIVEPATCH_ACTION_REPLACE: u32 = 4;
    /// `xen_sysctl_livepatch_action.flags`: check only the hypervisor's
    /// build id, not the inter-module dependency chain.
    pub const LIVEPATCH_ACTION_APPLY_NODEPS: u32 = 1 << 0;

    /// Act on a livepatch payload (`XEN_SYSCTL_LIVEPATCH_ACTION`).
    pub struct xen_sysctl_livepatch_action<H> (size 32) {
        /// IN: the payload's name.
        pub name: xen_livepatch_name<H>,
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

    /// Manage livepatches (`XEN_SYSCTL_livepatch_op`).
    pub struct xen_sysctl_livepatch_op<H> (size 72) {
        /// IN: the sub-operation (`XEN_SYSCTL_LIVEPATCH_*`).
        pub cmd: u32,
        /// IN: must be zero.
        pub pad: u32,
        /// The sub-operation's payload.
        pub u: H::Union<xen_sysctl_livepatch_op_u>,
    }

    /// `xen_sysctl_livepatch_op.u`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_livepatch_op_u (
        size 64,
        c "__typeof__(((struct xen_sysctl_livepatch_op *)0)->u)"
    ) {
        /// `XEN_SYSCTL_LIVEPATCH_UPLOAD`.
        pub upload: xen_sysctl_livepatch_upload,
        /// `XEN_SYSCTL_LIVEPATCH_LIST`.
        pub list: xen_sysctl_livepatch_list,
        /// `XEN_SYSCTL_LIVEPATCH_GET`.
        pub get: xen_sysctl_livepatch_get,
        /// `XEN_SYSCTL_LIVEPATCH_ACTION`.
        pub action: xen_sysctl_livepatch_action,
    }

    /// `xen_sysctl_cpu_policy.index`: the real hardware values.
    pub const XEN_SYSCTL_cpu_policy_raw: u32 = 0;
    /// `xen_sysctl_cpu_policy.index`: the values Xen is using.
    pub const XEN_SYSCTL_cpu_policy_host: u32 = 1;
    /// `xen_sysctl_cpu_policy.index`: the maximum PV guest policy.
    pub const XEN_SYSCTL_cpu_policy_pv_max: u32 = 2;
    /// `xen_sysctl_cpu_policy.index`: the maximum HVM guest policy.
    pub const XEN_SYSCTL_cpu_policy_hvm_max: u32 = 3;
    /// `xen_sysctl_cpu_policy.index`: the default (security supported) PV
    /// guest policy.
    pub const XEN_SYSCTL_cpu_policy_pv_default: u32 = 4;
    /// `xen_sysctl_cpu_policy.index`: the default (security supported) HVM
    /// guest policy.
    pub const XEN_SYSCTL_cpu_policy_hvm_default: u32 = 5;

    /// Get one of the host's CPUID and MSR policies
    /// (`XEN_SYSCTL_get_cpu_policy`, x86).
    pub struct xen_sysctl_cpu_policy<H> (size 32) {
        /// IN: which policy (`XEN_SYSCTL_cpu_policy_*`).
        pub index: u32,
        /// IN: the number of entries of `leaves`; OUT: the number written,
        /// or the maximum if the handle is null.
        count nr_leaves / set_nr_leaves: u32,
        /// IN: the number of entries of `msrs`; OUT: the number written, or
        /// the maximum if the handle is null.
        count nr_msrs / set_nr_msrs: u32,
        /// Must be zero.
        pub _rsvd: u32,
        /// OUT: guest handle of the `xen_cpuid_leaf_t` array: at most
        /// `nr_leaves` entries.
        handle leaves / set_leaves: H::Out<[u32; 6]> [nr_leaves => nr_leaves],
        /// OUT: guest handle of the `xen_msr_entry_t` array: at most
        /// `nr_msrs` entries.
        handle msrs / set_msrs: H::Out<[u64; 2]> [nr_msrs => nr_msrs],
    }

    /// Read Xen's console ring ([`xen_sysctl_readconsole`]).
    pub const XEN_SYSCTL_readconsole: u32 = 1;
    /// Control the trace buffers ([`xen_sysctl_tbuf_op`]).
    pub const XEN_SYSCTL_tbuf_op: u32 = 2;
    /// Get host information ([`xen_sysctl_physinfo`]).
    pub const XEN_SYSCTL_physinfo: u32 = 3;
    /// Get the scheduler id ([`xen_sysctl_sched_id`]).
    pub const XEN_SYSCTL_sched_id: u32 = 4;
    /// Performance counters ([`xen_sysctl_perfc_op`]).
    pub const XEN_SYSCTL_perfc_op: u32 = 5;
    /// List domains ([`xen_sysctl_getdomaininfolist`]).
    pub const XEN_SYSCTL_getdomaininfolist: u32 = 6;
    /// Inject debug keys ([`xen_sysctl_debug_keys`]).
    pub const XEN_SYSCTL_debug_keys: u32 = 7;
    /// Get physical CPU information ([`xen_sysctl_getcpuinfo`]).
    pub const XEN_SYSCTL_getcpuinfo: u32 = 8;
    /// Get free heap memory ([`xen_sysctl_availheap`]).
    pub const XEN_SYSCTL_availheap: u32 = 9;
    /// Get power management statistics ([`xen_sysctl_get_pmstat`]).
    pub const XEN_SYSCTL_get_pmstat: u32 = 10;
    /// CPU hotplug ([`xen_sysctl_cpu_hotplug`]).
    pub const XEN_SYSCTL_cpu_hotplug: u32 = 11;
    /// Power management ([`xen_sysctl_pm_op`]).
    pub const XEN_SYSCTL_pm_op: u32 = 12;
    /// Page offlining ([`xen_sysctl_page_offline_op`]).
    pub const XEN_SYSCTL_page_offline_op: u32 = 14;
    /// Lock profiling ([`xen_sysctl_lockprof_op`]).
    pub const XEN_SYSCTL_lockprof_op: u32 = 15;
    /// Get the CPU topology ([`xen_sysctl_cputopoinfo`]).
    pub const XEN_SYSCTL_cputopoinfo: u32 = 16;
    /// Get the NUMA topology ([`xen_sysctl_numainfo`]).
    pub const XEN_SYSCTL_numainfo: u32 = 17;
    /// Manage cpupools ([`xen_sysctl_cpupool_op`]).
    pub const XEN_SYSCTL_cpupool_op: u32 = 18;
    /// Scheduler parameters ([`xen_sysctl_scheduler_op`]).
    pub const XEN_SYSCTL_scheduler_op: u32 = 19;
    /// Code coverage ([`xen_sysctl_coverage_op`]).
    pub const XEN_SYSCTL_coverage_op: u32 = 20;
    /// Cache monitoring ([`xen_sysctl_psr_cmt_op`]).
    pub const XEN_SYSCTL_psr_cmt_op: u32 = 21;
    /// Get PCI devices' NUMA nodes ([`xen_sysctl_pcitopoinfo`]).
    pub const XEN_SYSCTL_pcitopoinfo: u32 = 22;
    /// Resource allocation ([`xen_sysctl_psr_alloc`]).
    pub const XEN_SYSCTL_psr_alloc: u32 = 23;
    /// Get CPUID levelling capabilities
    /// ([`xen_sysctl_cpu_levelling_caps`]).
    pub const XEN_SYSCTL_get_cpu_levelling_caps: u32 = 25;
    /// Get a featureset ([`xen_sysctl_cpu_featureset`]).
    pub const XEN_SYSCTL_get_cpu_featureset: u32 = 26;
    /// Livepatching ([`xen_sysctl_livepatch_op`]).
    pub const XEN_SYSCTL_livepatch_op: u32 = 27;
    /// Get a CPUID and MSR policy ([`xen_sysctl_cpu_policy`]).
    pub const XEN_SYSCTL_get_cpu_policy: u32 = 29;

    /// The argument of `HYPERVISOR_sysctl`.
    #[derive(Clone, Copy)]
    pub struct xen_sysctl (size 136) {
        /// The command (`XEN_SYSCTL_*`).
        pub cmd: u32,
        /// Must be [`XEN_SYSCTL_INTERFACE_VERSION`].
        pub interface_version: u32,
        /// The command's payload.
        pub u: xen_sysctl_u,
    }

    /// `xen_sysctl.u`: one member per command, padded to 128 bytes.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_u (size 128, c "__typeof__(((struct xen_sysctl *)0)->u)") {
        /// `XEN_SYSCTL_readconsole`.
        pub readconsole: xen_sysctl_readconsole,
        /// `XEN_SYSCTL_tbuf_op`.
        pub tbuf_op: xen_sysctl_tbuf_op,
        /// `XEN_SYSCTL_physinfo`.
        pub physinfo: xen_sysctl_physinfo,
        /// `XEN_SYSCTL_cputopoinfo`.
        pub cputopoinfo: xen_sysctl_cputopoinfo,
        /// `XEN_SYSCTL_pcitopoinfo`.
        pub pcitopoinfo: xen_sysctl_pcitopoinfo,
        /// `XEN_SYSCTL_numainfo`.
        pub numainfo: xen_sysctl_numainfo,
        /// `XEN_SYSCTL_sched_id`.
        pub sched_id: xen_sysctl_sched_id,
        /// `XEN_SYSCTL_perfc_op`.
        pub perfc_op: xen_sysctl_perfc_op,
        /// `XEN_SYSCTL_getdomaininfolist`.
        pub getdomaininfolist: xen_sysctl_getdomaininfolist,
        /// `XEN_SYSCTL_debug_keys`.
        pub debug_keys: xen_sysctl_debug_keys,
        /// `XEN_SYSCTL_getcpuinfo`.
        pub getcpuinfo: xen_sysctl_getcpuinfo,
        /// `XEN_SYSCTL_availheap`.
        pub availheap: xen_sysctl_availheap,
        /// `XEN_SYSCTL_get_pmstat`.
        pub get_pmstat: xen_sysctl_get_pmstat,
        /// `XEN_SYSCTL_cpu_hotplug`.
        pub cpu_hotplug: xen_sysctl_cpu_hotplug,
        /// `XEN_SYSCTL_pm_op`.
        pub pm_op: xen_sysctl_pm_op,
        /// `XEN_SYSCTL_page_offline_op`.
        pub page_offline: xen_sysctl_page_offline_op,
        /// `XEN_SYSCTL_lockprof_op`.
        pub lockprof_op: xen_sysctl_lockprof_op,
        /// `XEN_SYSCTL_cpupool_op`.
        pub cpupool_op: xen_sysctl_cpupool_op,
        /// `XEN_SYSCTL_scheduler_op`.
        pub scheduler_op: xen_sysctl_scheduler_op,
        /// `XEN_SYSCTL_coverage_op`.
        pub coverage_op: xen_sysctl_coverage_op,
        /// `XEN_SYSCTL_psr_cmt_op`.
        pub psr_cmt_op: xen_sysctl_psr_cmt_op,
        /// `XEN_SYSCTL_psr_alloc`.
        pub psr_alloc: xen_sysctl_psr_alloc,
        /// `XEN_SYSCTL_get_cpu_levelling_caps`.
        pub cpu_levelling_caps: xen_sysctl_cpu_levelling_caps,
        /// `XEN_SYSCTL_get_cpu_featureset`.
        pub cpu_featureset: xen_sysctl_cpu_featureset,
        /// `XEN_SYSCTL_livepatch_op`.
        pub livepatch: xen_sysctl_livepatch_op,
        /// `XEN_SYSCTL_get_cpu_policy` (x86).
        pub cpu_policy: xen_sysctl_cpu_policy,
        /// Pads the union to 128 bytes, its size in every interface version.
        pub pad: [u8; 128],
    }
}
