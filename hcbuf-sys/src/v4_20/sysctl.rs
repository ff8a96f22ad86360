//! `public/sysctl.h` as Xen 4.20 has it: what differs from the shared
//! [`sysctl`](crate::sysctl) module (Xen 4.17's), and what is new.
//!
//! The interface version is still 0x15, and every change is
//! layout-compatible, but two payloads are spelled differently:
//! `xen_get_cpufreq_para` moved its governor fields into a union with the
//! new CPPC parameters (`turbo_enabled` stays at offset 112), and
//! `xen_sysctl_livepatch_op`'s `pad` became `flags`. Their containers
//! ([`xen_sysctl_pm_op_u`], which also gained `set_cppc`,
//! [`xen_sysctl_pm_op`], [`xen_sysctl_u`], [`xen_sysctl`]) are redeclared
//! here so that they hold 4.20's types. Every other sysctl item of 4.20 is
//! the shared module's, unchanged.
//!
//! [`xen_sysctl_pm_op_u`]: crate::v4_20::sysctl::xen_sysctl_pm_op_u
//! [`xen_sysctl_pm_op`]: crate::v4_20::sysctl::xen_sysctl_pm_op
//! [`xen_sysctl_u`]: crate::v4_20::sysctl::xen_sysctl_u
//! [`xen_sysctl`]: crate::v4_20::sysctl::xen_sysctl

use crate::sysctl as shared;
use crate::sysctl::CPUFREQ_NAME_LEN;

abi! {
    headers = ["xen/sysctl.h"];

    /// The sysctl interface version of Xen 4.17 to 4.20: 0x15, the same as
    /// the shared module's (declared here too, so that a version's module
    /// states both interface versions); `xen_sysctl.interface_version` must
    /// equal it or Xen fails the call with `EACCES`.
    pub const XEN_SYSCTL_INTERFACE_VERSION: u32 = 0x0000_0015;

    /// `xen_cppc_para.features`: `activity_window` is supported (new
    /// since 4.17).
    pub const XEN_SYSCTL_CPPC_FEAT_ACT_WINDOW: u32 = 1 << 0;
    /// The mantissa bits (6:0) of an activity window (new since 4.17).
    pub const XEN_CPPC_ACT_WINDOW_MANTISSA_MASK: u32 = 0x07f;
    /// The base-10 exponent bits (9:7) of an activity window (new since 4.17).
    pub const XEN_CPPC_ACT_WINDOW_EXPONENT_MASK: u32 = 0x380;

    /// A CPU's CPPC (HWP) parameters, the `cppc_para` member of
    /// `xen_get_cpufreq_para.u` (new since 4.17): when the cpufreq driver is
    /// `hwp`, Xen fills this instead of the governor's fields. All OUT;
    /// the performance values are 0-255, abstract and unit-less.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_cppc_para (size 40) {
        /// `XEN_SYSCTL_CPPC_FEAT_*` flags.
        pub features: u32,
        /// The lowest performance the hardware provides.
        pub lowest: u32,
        /// The lowest non-linear performance (HWP: most efficient).
        pub lowest_nonlinear: u32,
        /// The nominal performance (HWP: guaranteed).
        pub nominal: u32,
        /// The highest performance.
        pub highest: u32,
        /// The requested minimum performance (a hint).
        pub minimum: u32,
        /// The requested maximum performance (a hint).
        pub maximum: u32,
        /// The requested performance; 0 lets the hardware decide.
        pub desired: u32,
        /// The energy/performance preference: 0 performance, 128 balance,
        /// 255 powersaving.
        pub energy_perf: u32,
        /// The activity window (mantissa and exponent, microseconds).
        pub activity_window: u32,
    }

    /// `xen_set_cppc_para.set_params`: apply `minimum` (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_MINIMUM: u32 = 1 << 0;
    /// `xen_set_cppc_para.set_params`: apply `maximum` (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_MAXIMUM: u32 = 1 << 1;
    /// `xen_set_cppc_para.set_params`: apply `desired` (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_DESIRED: u32 = 1 << 2;
    /// `xen_set_cppc_para.set_params`: apply `energy_perf` (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_ENERGY_PERF: u32 = 1 << 3;
    /// `xen_set_cppc_para.set_params`: apply `activity_window` (new
    /// since 4.17); cleared on return if the hardware lacks it.
    pub const XEN_SYSCTL_CPPC_SET_ACT_WINDOW: u32 = 1 << 4;
    /// The preset bits of `xen_set_cppc_para.set_params` (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_PRESET_MASK: u32 = 0xf000_0000;
    /// Preset: none (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_PRESET_NONE: u32 = 0x0000_0000;
    /// Preset: balance (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_PRESET_BALANCE: u32 = 0x1000_0000;
    /// Preset: powersave (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_PRESET_POWERSAVE: u32 = 0x2000_0000;
    /// Preset: performance (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_PRESET_PERFORMANCE: u32 = 0x3000_0000;
    /// Every valid bit of `xen_set_cppc_para.set_params` (new since 4.17).
    pub const XEN_SYSCTL_CPPC_SET_PARAM_MASK: u32 = XEN_SYSCTL_CPPC_SET_PRESET_MASK
        | XEN_SYSCTL_CPPC_SET_MINIMUM
        | XEN_SYSCTL_CPPC_SET_MAXIMUM
        | XEN_SYSCTL_CPPC_SET_DESIRED
        | XEN_SYSCTL_CPPC_SET_ENERGY_PERF
        | XEN_SYSCTL_CPPC_SET_ACT_WINDOW;
    /// The valid bits of an activity window (new since 4.17).
    pub const XEN_SYSCTL_CPPC_ACT_WINDOW_MASK: u32 =
        XEN_CPPC_ACT_WINDOW_MANTISSA_MASK | XEN_CPPC_ACT_WINDOW_EXPONENT_MASK;

    /// Set a CPU's CPPC parameters (`SET_CPUFREQ_CPPC`, new since 4.17): the
    /// preset first, then each field whose `XEN_SYSCTL_CPPC_SET_*` bit is
    /// set (a field whose bit is clear must be 0).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_set_cppc_para (size 24) {
        /// IN/OUT: `XEN_SYSCTL_CPPC_SET_*` (which values to apply; OUT
        /// without `XEN_SYSCTL_CPPC_SET_ACT_WINDOW` if it was not).
        pub set_params: u32,
        /// IN: the minimum performance (0-255).
        pub minimum: u32,
        /// IN: the maximum performance (0-255).
        pub maximum: u32,
        /// IN: the desired performance (0-255; 0 for hardware selection).
        pub desired: u32,
        /// IN: the energy/performance preference (0-255).
        pub energy_perf: u32,
        /// IN: the activity window
        /// (within [`XEN_SYSCTL_CPPC_ACT_WINDOW_MASK`]).
        pub activity_window: u32,
    }

    /// A CPU's cpufreq parameters (`GET_CPUFREQ_PARA`), as 4.20 has it:
    /// 4.17's `scaling_cur_freq`, `scaling_governor`, `scaling_max_freq`,
    /// `scaling_min_freq` and governor union moved into `u.s`, which shares
    /// `u` with the CPPC parameters (`u.cppc_para`, filled when the driver
    /// is `hwp`). The size (120) and `turbo_enabled`'s offset (112) are
    /// 4.17's.
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
        /// OUT: the cpufreq driver's name (`hwp` for CPPC).
        pub scaling_driver: [u8; CPUFREQ_NAME_LEN],
        /// OUT: the current frequency.
        pub cpuinfo_cur_freq: u32,
        /// OUT: the largest frequency.
        pub cpuinfo_max_freq: u32,
        /// OUT: the smallest frequency.
        pub cpuinfo_min_freq: u32,
        /// OUT: the governor's fields (`s`) or the CPPC parameters
        /// (`cppc_para`), by driver.
        pub u: H::Union<xen_get_cpufreq_para_u>,
        /// OUT: whether turbo mode is enabled.
        pub turbo_enabled: i32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
    }

    /// `xen_get_cpufreq_para.u` as 4.20 has it (4.17's is the governor
    /// union, now [`xen_get_cpufreq_para_u_s_u`]): the governor's fields,
    /// or the CPPC parameters.
    #[derive(Clone, Copy)]
    pub union xen_get_cpufreq_para_u (
        size 44,
        c "__typeof__(((struct xen_get_cpufreq_para *)0)->u)"
    ) {
        /// The governor's fields (every driver but `hwp`).
        pub s: xen_get_cpufreq_para_u_s,
        /// The CPPC parameters (the `hwp` driver).
        pub cppc_para: xen_cppc_para,
    }

    /// `xen_get_cpufreq_para.u.s` (new since 4.17): the fields 4.17 had
    /// directly in `xen_get_cpufreq_para`.
    #[derive(Clone, Copy)]
    pub struct xen_get_cpufreq_para_u_s (
        size 44,
        c "__typeof__(((struct xen_get_cpufreq_para *)0)->u.s)"
    ) {
        /// OUT: the governor's current frequency.
        pub scaling_cur_freq: u32,
        /// OUT: the governor's name.
        pub scaling_governor: [u8; CPUFREQ_NAME_LEN],
        /// OUT: the governor's largest frequency.
        pub scaling_max_freq: u32,
        /// OUT: the governor's smallest frequency.
        pub scaling_min_freq: u32,
        /// OUT: the governor's own parameters.
        pub u: xen_get_cpufreq_para_u_s_u,
    }

    /// `xen_get_cpufreq_para.u.s.u`: the parameters of a specific governor
    /// (4.17's `xen_get_cpufreq_para.u`, moved).
    #[derive(Clone, Copy)]
    pub union xen_get_cpufreq_para_u_s_u (
        size 16,
        c "__typeof__(((struct xen_get_cpufreq_para *)0)->u.s.u)"
    ) {
        /// The `userspace` governor's parameters.
        pub userspace: shared::xen_userspace,
        /// The `ondemand` governor's parameters.
        pub ondemand: shared::xen_ondemand,
    }

    /// Set a CPU's CPPC parameters (`u.set_cppc`, new since 4.17).
    pub const SET_CPUFREQ_CPPC: u32 = shared::CPUFREQ_PARA | 0x05;

    /// Get or set Xen's power management (`XEN_SYSCTL_pm_op`), as 4.20 has
    /// it: 4.17's layout, with 4.20's [`xen_sysctl_pm_op_u`].
    pub struct xen_sysctl_pm_op<H> (size 128) {
        /// IN: the operation (`*_CPUFREQ_*`, `XEN_SYSCTL_pm_op_*`).
        pub cmd: u32,
        /// IN: the physical CPU (or the selector for the max C-state
        /// operations).
        pub cpuid: u32,
        /// The operation's argument or result.
        pub u: H::Union<xen_sysctl_pm_op_u>,
    }

    /// `xen_sysctl_pm_op.u` as 4.20 has it: 4.17's members with
    /// `get_para` of 4.20's type, and the new `set_cppc`.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_pm_op_u (
        size 120,
        c "__typeof__(((struct xen_sysctl_pm_op *)0)->u)"
    ) {
        /// `GET_CPUFREQ_PARA` (4.20's [`xen_get_cpufreq_para`]).
        pub get_para: xen_get_cpufreq_para,
        /// `SET_CPUFREQ_GOV`.
        pub set_gov: shared::xen_set_cpufreq_gov,
        /// `SET_CPUFREQ_PARA`.
        pub set_para: shared::xen_set_cpufreq_para,
        /// `SET_CPUFREQ_CPPC` (new since 4.17).
        pub set_cppc: xen_set_cppc_para,
        /// `GET_CPUFREQ_AVGFREQ`: OUT: the average frequency.
        pub get_avgfreq: u64,
        /// `XEN_SYSCTL_pm_op_set_sched_opt_smt`.
        pub set_sched_opt_smt: u32,
        /// `XEN_SYSCTL_pm_op_get_max_cstate`: OUT.
        pub get_max_cstate: u32,
        /// `XEN_SYSCTL_pm_op_set_max_cstate`: IN.
        pub set_max_cstate: u32,
    }

    /// `xen_sysctl_livepatch_op.flags`: skip some checks (new since 4.17).
    pub const LIVEPATCH_FLAG_FORCE: u32 = 1 << 0;
    /// Every valid bit of `xen_sysctl_livepatch_op.flags` (new since 4.17).
    pub const LIVEPATCH_FLAGS_MASK: u32 = LIVEPATCH_FLAG_FORCE;

    /// Manage livepatches (`XEN_SYSCTL_livepatch_op`), as 4.20 has it:
    /// 4.17's `pad` (IN, must be zero) is now `flags`, at the same offset.
    pub struct xen_sysctl_livepatch_op<H> (size 72) {
        /// IN: the sub-operation (`XEN_SYSCTL_LIVEPATCH_*`).
        pub cmd: u32,
        /// IN: `LIVEPATCH_FLAG_*` (within [`LIVEPATCH_FLAGS_MASK`]).
        pub flags: u32,
        /// The sub-operation's payload (the shared union: unchanged).
        pub u: H::Union<shared::xen_sysctl_livepatch_op_u>,
    }

    /// Apply or remove a device tree overlay (new in 4.18, Arm only: its
    /// payload, `struct xen_sysctl_dt_overlay`, exists only in Arm builds
    /// and is not declared here).
    pub const XEN_SYSCTL_dt_overlay: u32 = 30;

    /// The argument of `HYPERVISOR_sysctl`, as 4.20 has it: 4.17's layout
    /// (136 bytes), with 4.20's [`xen_sysctl_u`].
    #[derive(Clone, Copy)]
    pub struct xen_sysctl (size 136) {
        /// The command (`XEN_SYSCTL_*`).
        pub cmd: u32,
        /// Must be [`XEN_SYSCTL_INTERFACE_VERSION`].
        pub interface_version: u32,
        /// The command's payload.
        pub u: xen_sysctl_u,
    }

    /// `xen_sysctl.u` as 4.20 has it: 4.17's members with `pm_op` and
    /// `livepatch` of 4.20's types, padded to 128 bytes.
    #[derive(Clone, Copy)]
    pub union xen_sysctl_u (size 128, c "__typeof__(((struct xen_sysctl *)0)->u)") {
        /// `XEN_SYSCTL_readconsole`.
        pub readconsole: shared::xen_sysctl_readconsole,
        /// `XEN_SYSCTL_tbuf_op`.
        pub tbuf_op: shared::xen_sysctl_tbuf_op,
        /// `XEN_SYSCTL_physinfo`.
        pub physinfo: shared::xen_sysctl_physinfo,
        /// `XEN_SYSCTL_cputopoinfo`.
        pub cputopoinfo: shared::xen_sysctl_cputopoinfo,
        /// `XEN_SYSCTL_pcitopoinfo`.
        pub pcitopoinfo: shared::xen_sysctl_pcitopoinfo,
        /// `XEN_SYSCTL_numainfo`.
        pub numainfo: shared::xen_sysctl_numainfo,
        /// `XEN_SYSCTL_sched_id`.
        pub sched_id: shared::xen_sysctl_sched_id,
        /// `XEN_SYSCTL_perfc_op`.
        pub perfc_op: shared::xen_sysctl_perfc_op,
        /// `XEN_SYSCTL_getdomaininfolist`.
        pub getdomaininfolist: shared::xen_sysctl_getdomaininfolist,
        /// `XEN_SYSCTL_debug_keys`.
        pub debug_keys: shared::xen_sysctl_debug_keys,
        /// `XEN_SYSCTL_getcpuinfo`.
        pub getcpuinfo: shared::xen_sysctl_getcpuinfo,
        /// `XEN_SYSCTL_availheap`.
        pub availheap: shared::xen_sysctl_availheap,
        /// `XEN_SYSCTL_get_pmstat`.
        pub get_pmstat: shared::xen_sysctl_get_pmstat,
        /// `XEN_SYSCTL_cpu_hotplug`.
        pub cpu_hotplug: shared::xen_sysctl_cpu_hotplug,
        /// `XEN_SYSCTL_pm_op`: 4.20's [`xen_sysctl_pm_op`].
        pub pm_op: xen_sysctl_pm_op,
        /// `XEN_SYSCTL_page_offline_op`.
        pub page_offline: shared::xen_sysctl_page_offline_op,
        /// `XEN_SYSCTL_lockprof_op`.
        pub lockprof_op: shared::xen_sysctl_lockprof_op,
        /// `XEN_SYSCTL_cpupool_op`.
        pub cpupool_op: shared::xen_sysctl_cpupool_op,
        /// `XEN_SYSCTL_scheduler_op`.
        pub scheduler_op: shared::xen_sysctl_scheduler_op,
        /// `XEN_SYSCTL_coverage_op`.
        pub coverage_op: shared::xen_sysctl_coverage_op,
        /// `XEN_SYSCTL_psr_cmt_op`.
        pub psr_cmt_op: shared::xen_sysctl_psr_cmt_op,
        /// `XEN_SYSCTL_psr_alloc`.
        pub psr_alloc: shared::xen_sysctl_psr_alloc,
        /// `XEN_SYSCTL_get_cpu_levelling_caps`.
        pub cpu_levelling_caps: shared::xen_sysctl_cpu_levelling_caps,
        /// `XEN_SYSCTL_get_cpu_featureset`.
        pub cpu_featureset: shared::xen_sysctl_cpu_featureset,
        /// `XEN_SYSCTL_livepatch_op`: 4.20's [`xen_sysctl_livepatch_op`].
        pub livepatch: xen_sysctl_livepatch_op,
        /// `XEN_SYSCTL_get_cpu_policy` (x86).
        pub cpu_policy: shared::xen_sysctl_cpu_policy,
        /// Pads the union to 128 bytes, its size in every interface version.
        pub pad: [u8; 128],
    }
}
