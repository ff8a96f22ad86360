//! `public/domctl.h`: the `domctl` hypercall, domain management for the
//! control domain's tools.
//!
//! `HYPERVISOR_domctl(struct xen_domctl *)` takes one [`xen_domctl`]: the
//! caller sets `cmd` to a `XEN_DOMCTL_*` command number,
//! `interface_version` to [`XEN_DOMCTL_INTERFACE_VERSION`], `domain` to the
//! target domain, and fills the member of the union `u` that the command
//! names; Xen writes its results back into the same buffer (`u`, and
//! `domain` for `XEN_DOMCTL_createdomain`). Some commands have no payload
//! (`XEN_DOMCTL_destroydomain`, `XEN_DOMCTL_pausedomain`,
//! `XEN_DOMCTL_unpausedomain`, ...).
//!
//! domctl is not a stable interface: Xen bumps the interface version
//! whenever a payload changes, and refuses a call whose `interface_version`
//! differs from its own with `EACCES`. These mirrors are those of version
//! 0x15 (Xen 4.17).
//!
//! [`xen_domctl`]: crate::domctl::xen_domctl
//! [`XEN_DOMCTL_INTERFACE_VERSION`]: crate::domctl::XEN_DOMCTL_INTERFACE_VERSION

use crate::arch::{vcpu_guest_context_t, xen_arch_domainconfig, xen_pfn_t};
use crate::xen::{domid_t, xen_domain_handle_t, xenctl_bitmap};

abi! {
    headers = ["xen/domctl.h"];

    /// The domctl interface version of Xen 4.17; any other value in
    /// `xen_domctl.interface_version` fails with `EACCES`.
    pub const XEN_DOMCTL_INTERFACE_VERSION: u32 = 0x15;

    /// `XEN_DOMCTL_createdomain`. `xen_domctl.domain` is IN/OUT: an invalid
    /// id (0 or >= `DOMID_FIRST_RESERVED`) asks Xen to allocate one.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_createdomain (size 64) {
        /// IN: the XSM security reference.
        pub ssidref: u32,
        /// IN: the domain's handle (UUID).
        pub handle: xen_domain_handle_t,
        /// IN: `XEN_DOMCTL_CDF_*`.
        pub flags: u32,
        /// IN: `XEN_DOMCTL_IOMMU_*`.
        pub iommu_opts: u32,
        /// IN: the maximum number of vCPUs.
        pub max_vcpus: u32,
        /// IN: the highest event channel port the domain may use.
        pub max_evtchn_port: u32,
        /// IN: the maximum grant table frames; < 0 for Xen's default.
        pub max_grant_frames: i32,
        /// IN: the maximum maptrack frames; < 0 for Xen's default.
        pub max_maptrack_frames: i32,
        /// IN: grant table options; the low 4 bits are the grant version
        /// (`XEN_DOMCTL_GRANT_version_mask`).
        pub grant_opts: u32,
        /// IN: the per-vCPU VM trace buffer size in bytes; 0 disables.
        pub vmtrace_size: u32,
        /// IN: the CPU pool to use (0 or an existing pool).
        pub cpupool_id: u32,
        /// IN: the architecture-specific configuration.
        pub arch: xen_arch_domainconfig,
    }

    /// Bit index of [`XEN_DOMCTL_CDF_hvm`].
    pub const _XEN_DOMCTL_CDF_hvm: u32 = 0;
    /// The domain is an HVM guest (as opposed to a PV guest).
    pub const XEN_DOMCTL_CDF_hvm: u32 = 1 << _XEN_DOMCTL_CDF_hvm;
    /// Bit index of [`XEN_DOMCTL_CDF_hap`].
    pub const _XEN_DOMCTL_CDF_hap: u32 = 1;
    /// Use hardware-assisted paging if available.
    pub const XEN_DOMCTL_CDF_hap: u32 = 1 << _XEN_DOMCTL_CDF_hap;
    /// Bit index of [`XEN_DOMCTL_CDF_s3_integrity`].
    pub const _XEN_DOMCTL_CDF_s3_integrity: u32 = 2;
    /// tboot verifies the domain's memory integrity during Sx.
    pub const XEN_DOMCTL_CDF_s3_integrity: u32 = 1 << _XEN_DOMCTL_CDF_s3_integrity;
    /// Bit index of [`XEN_DOMCTL_CDF_oos_off`].
    pub const _XEN_DOMCTL_CDF_oos_off: u32 = 3;
    /// Disable out-of-sync shadow page tables.
    pub const XEN_DOMCTL_CDF_oos_off: u32 = 1 << _XEN_DOMCTL_CDF_oos_off;
    /// Bit index of [`XEN_DOMCTL_CDF_xs_domain`].
    pub const _XEN_DOMCTL_CDF_xs_domain: u32 = 4;
    /// The domain is a xenstore domain.
    pub const XEN_DOMCTL_CDF_xs_domain: u32 = 1 << _XEN_DOMCTL_CDF_xs_domain;
    /// Bit index of [`XEN_DOMCTL_CDF_iommu`].
    pub const _XEN_DOMCTL_CDF_iommu: u32 = 5;
    /// The domain may use the IOMMU.
    pub const XEN_DOMCTL_CDF_iommu: u32 = 1 << _XEN_DOMCTL_CDF_iommu;
    /// Bit index of [`XEN_DOMCTL_CDF_nested_virt`].
    pub const _XEN_DOMCTL_CDF_nested_virt: u32 = 6;
    /// Enable nested virtualisation.
    pub const XEN_DOMCTL_CDF_nested_virt: u32 = 1 << _XEN_DOMCTL_CDF_nested_virt;
    /// Expose the vPMU to the guest.
    pub const XEN_DOMCTL_CDF_vpmu: u32 = 1 << 7;
    /// The highest `XEN_DOMCTL_CDF_*` flag (for ABI checking).
    pub const XEN_DOMCTL_CDF_MAX: u32 = XEN_DOMCTL_CDF_vpmu;

    /// Bit index of [`XEN_DOMCTL_IOMMU_no_sharept`].
    pub const _XEN_DOMCTL_IOMMU_no_sharept: u32 = 0;
    /// Do not share the CPU's page tables with the IOMMU.
    pub const XEN_DOMCTL_IOMMU_no_sharept: u32 = 1 << _XEN_DOMCTL_IOMMU_no_sharept;
    /// The highest `XEN_DOMCTL_IOMMU_*` flag (for ABI checking).
    pub const XEN_DOMCTL_IOMMU_MAX: u32 = XEN_DOMCTL_IOMMU_no_sharept;

    /// The bits of `grant_opts` that hold the grant table version.
    pub const XEN_DOMCTL_GRANT_version_mask: u32 = 0xf;

    /// `XEN_DOMCTL_getdomaininfo`: all OUT.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_getdomaininfo (size 112) {
        /// The domain id (also echoed in `xen_domctl.domain`).
        pub domain: domid_t,
        /// Padding.
        pub pad1: u16,
        /// `XEN_DOMINF_*`, with the shutdown code at
        /// `XEN_DOMINF_shutdownshift`.
        pub flags: u32,
        /// Pages currently allocated to the domain.
        pub tot_pages: u64,
        /// The domain's page limit.
        pub max_pages: u64,
        /// Pages claimed but not yet allocated.
        pub outstanding_pages: u64,
        /// Pages shared with other domains.
        pub shr_pages: u64,
        /// Pages paged out.
        pub paged_pages: u64,
        /// GMFN of the domain's `shared_info` page.
        pub shared_info_frame: u64,
        /// CPU time consumed, in nanoseconds.
        pub cpu_time: u64,
        /// The number of vCPUs currently online.
        pub nr_online_vcpus: u32,
        /// The highest vCPU id in use ([`XEN_INVALID_MAX_VCPU_ID`] if none).
        pub max_vcpu_id: u32,
        /// The XSM security reference.
        pub ssidref: u32,
        /// The domain's handle (UUID).
        pub handle: xen_domain_handle_t,
        /// The CPU pool the domain is in.
        pub cpupool: u32,
        /// The size of the guest physical address space, in bits.
        pub gpaddr_bits: u8,
        /// Padding.
        pub pad2: [u8; 7],
        /// The architecture-specific configuration.
        pub arch_config: xen_arch_domainconfig,
    }
    /// `struct xen_domctl_getdomaininfo`.
    pub type xen_domctl_getdomaininfo_t (size 112) = xen_domctl_getdomaininfo;

    /// Bit index of [`XEN_DOMINF_dying`].
    pub const _XEN_DOMINF_dying: u32 = 0;
    /// The domain is scheduled to die.
    pub const XEN_DOMINF_dying: u32 = 1 << _XEN_DOMINF_dying;
    /// Bit index of [`XEN_DOMINF_hvm_guest`].
    pub const _XEN_DOMINF_hvm_guest: u32 = 1;
    /// The domain is an HVM guest (as opposed to a PV guest).
    pub const XEN_DOMINF_hvm_guest: u32 = 1 << _XEN_DOMINF_hvm_guest;
    /// Bit index of [`XEN_DOMINF_shutdown`].
    pub const _XEN_DOMINF_shutdown: u32 = 2;
    /// The guest OS has shut down.
    pub const XEN_DOMINF_shutdown: u32 = 1 << _XEN_DOMINF_shutdown;
    /// Bit index of [`XEN_DOMINF_paused`].
    pub const _XEN_DOMINF_paused: u32 = 3;
    /// Currently paused by control software.
    pub const XEN_DOMINF_paused: u32 = 1 << _XEN_DOMINF_paused;
    /// Bit index of [`XEN_DOMINF_blocked`].
    pub const _XEN_DOMINF_blocked: u32 = 4;
    /// Currently blocked pending an event.
    pub const XEN_DOMINF_blocked: u32 = 1 << _XEN_DOMINF_blocked;
    /// Bit index of [`XEN_DOMINF_running`].
    pub const _XEN_DOMINF_running: u32 = 5;
    /// Currently running.
    pub const XEN_DOMINF_running: u32 = 1 << _XEN_DOMINF_running;
    /// Bit index of [`XEN_DOMINF_debugged`].
    pub const _XEN_DOMINF_debugged: u32 = 6;
    /// Being debugged.
    pub const XEN_DOMINF_debugged: u32 = 1 << _XEN_DOMINF_debugged;
    /// Bit index of [`XEN_DOMINF_xs_domain`].
    pub const _XEN_DOMINF_xs_domain: u32 = 7;
    /// The domain is a xenstore domain.
    pub const XEN_DOMINF_xs_domain: u32 = 1 << _XEN_DOMINF_xs_domain;
    /// Bit index of [`XEN_DOMINF_hap`].
    pub const _XEN_DOMINF_hap: u32 = 8;
    /// The domain uses hardware-assisted paging.
    pub const XEN_DOMINF_hap: u32 = 1 << _XEN_DOMINF_hap;
    /// Mask of the guest-supplied shutdown code (after shifting).
    pub const XEN_DOMINF_shutdownmask: u32 = 255;
    /// Position of the shutdown code in `flags`.
    pub const XEN_DOMINF_shutdownshift: u32 = 16;
    /// `max_vcpu_id` when the domain has no vCPUs.
    pub const XEN_INVALID_MAX_VCPU_ID: u32 = !0;

    /// Position of the page type in a page frame info word.
    pub const XEN_DOMCTL_PFINFO_LTAB_SHIFT: u32 = 28;
    /// Not a page table.
    pub const XEN_DOMCTL_PFINFO_NOTAB: u32 = 0x0 << 28;
    /// An L1 page table.
    pub const XEN_DOMCTL_PFINFO_L1TAB: u32 = 0x1 << 28;
    /// An L2 page table.
    pub const XEN_DOMCTL_PFINFO_L2TAB: u32 = 0x2 << 28;
    /// An L3 page table.
    pub const XEN_DOMCTL_PFINFO_L3TAB: u32 = 0x3 << 28;
    /// An L4 page table.
    pub const XEN_DOMCTL_PFINFO_L4TAB: u32 = 0x4 << 28;
    /// Mask of the page table level.
    pub const XEN_DOMCTL_PFINFO_LTABTYPE_MASK: u32 = 0x7 << 28;
    /// The page table is pinned.
    pub const XEN_DOMCTL_PFINFO_LPINTAB: u32 = 0x1 << 31;
    /// An invalid page.
    pub const XEN_DOMCTL_PFINFO_XTAB: u32 = 0xf << 28;
    /// An allocate-only page.
    pub const XEN_DOMCTL_PFINFO_XALLOC: u32 = 0xe << 28;
    /// A broken page.
    pub const XEN_DOMCTL_PFINFO_BROKEN: u32 = 0xd << 28;
    /// Mask of the whole page type.
    pub const XEN_DOMCTL_PFINFO_LTAB_MASK: u32 = 0xf << 28;

    /// `XEN_DOMCTL_getpageframeinfo3`: both fields may be updated by Xen to
    /// allow preemption.
    pub struct xen_domctl_getpageframeinfo3<H> (size 16) {
        /// IN: the number of entries in `array` (at most 1024, else
        /// `-E2BIG`); OUT on preemption: the entries left.
        count num / set_num: u64,
        /// IN/OUT: guest handle of `xen_pfn_t`s; Xen reads each GFN and
        /// replaces it by its `XEN_DOMCTL_PFINFO_*` type. Extent: `num`
        /// elements. On preemption Xen rewrites this handle value itself
        /// (to `array + i + 1`, with `num` to `num - i - 1`) in the caller's
        /// struct, still within the buffer first lent.
        handle array / set_array: H::InOut<xen_pfn_t> [num => num],
    }

    /// Disable shadow mode.
    pub const XEN_DOMCTL_SHADOW_OP_OFF: u32 = 0;
    /// Enable shadow mode (`mode` holds `XEN_DOMCTL_SHADOW_ENABLE_*`).
    pub const XEN_DOMCTL_SHADOW_OP_ENABLE: u32 = 32;
    /// Return the dirty bitmap and clean the internal copy.
    pub const XEN_DOMCTL_SHADOW_OP_CLEAN: u32 = 11;
    /// Return the dirty bitmap without modifying the internal copy.
    pub const XEN_DOMCTL_SHADOW_OP_PEEK: u32 = 12;
    /// Get the shadow memory allocation (broken; use
    /// `XEN_DOMCTL_get_paging_mempool_size`).
    pub const XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION: u32 = 30;
    /// Set the shadow memory allocation (broken; use
    /// `XEN_DOMCTL_set_paging_mempool_size`).
    pub const XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION: u32 = 31;
    /// Legacy: `ENABLE` with no mode flags.
    pub const XEN_DOMCTL_SHADOW_OP_ENABLE_TEST: u32 = 1;
    /// Legacy: `ENABLE` with `ENABLE_LOG_DIRTY`.
    pub const XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY: u32 = 2;
    /// Shadow page tables are refcounted.
    pub const XEN_DOMCTL_SHADOW_ENABLE_REFCOUNT: u32 = 1 << 1;
    /// Log dirtied pages in a bitmap (for live migration).
    pub const XEN_DOMCTL_SHADOW_ENABLE_LOG_DIRTY: u32 = 1 << 2;
    /// Translate GPFNs into MFNs automatically.
    pub const XEN_DOMCTL_SHADOW_ENABLE_TRANSLATE: u32 = 1 << 3;
    /// Xen steals no virtual address space from the guest (needs HVM).
    pub const XEN_DOMCTL_SHADOW_ENABLE_EXTERNAL: u32 = 1 << 4;
    /// `CLEAN`/`PEEK` final iteration: include pages Xen maps writably.
    pub const XEN_DOMCTL_SHADOW_LOGDIRTY_FINAL: u32 = 1 << 0;

    /// Log-dirty statistics returned by `XEN_DOMCTL_shadow_op`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_shadow_op_stats (size 8) {
        /// Faults taken.
        pub fault_count: u32,
        /// Pages dirtied.
        pub dirty_count: u32,
    }

    /// `XEN_DOMCTL_shadow_op`: control shadow page tables and log-dirty.
    pub struct xen_domctl_shadow_op<H> (size 40) {
        /// IN: `XEN_DOMCTL_SHADOW_OP_*`.
        pub op: u32,
        /// IN: `XEN_DOMCTL_SHADOW_ENABLE_*` or `XEN_DOMCTL_SHADOW_LOGDIRTY_*`.
        pub mode: u32,
        /// IN/OUT: shadow memory allocation in MiB (`*_ALLOCATION`).
        pub mb: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// IN: guest handle of the dirty bitmap (`PEEK`/`CLEAN`; null for
        /// none). Extent: `ceil(pages / 8)` bytes.
        handle dirty_bitmap / set_dirty_bitmap: H::Out<u8> [pages => (pages + 7) / 8],
        /// IN/OUT: the bitmap's size in pages (bits); updated to the actual
        /// size.
        count pages / set_pages: u64,
        /// OUT: log-dirty statistics.
        pub stats: xen_domctl_shadow_op_stats,
    }

    /// `XEN_DOMCTL_max_mem`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_max_mem (size 8) {
        /// IN: the new memory limit in KiB.
        pub max_memkb: u64,
    }

    /// `XEN_DOMCTL_setvcpucontext` / `XEN_DOMCTL_getvcpucontext`.
    pub struct xen_domctl_vcpucontext<H> (size 16) {
        /// IN: the vCPU.
        pub vcpu: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// IN/OUT: guest handle of a `vcpu_guest_context_t` (set: null
        /// resets the vCPU). Xen copies one whole native context (a 32-bit
        /// PV target's is smaller, and fits in it).
        handle ctxt / set_ctxt: H::InOut<vcpu_guest_context_t> [=> Extent(1)],
    }

    /// `XEN_DOMCTL_getvcpuinfo`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_getvcpuinfo (size 24) {
        /// IN: the vCPU.
        pub vcpu: u32,
        /// OUT: currently online (not hotplugged)?
        pub online: u8,
        /// OUT: blocked waiting for an event?
        pub blocked: u8,
        /// OUT: currently scheduled on its CPU?
        pub running: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u8,
        /// OUT: total CPU time consumed, in nanoseconds.
        pub cpu_time: u64,
        /// OUT: the physical CPU it currently maps to.
        pub cpu: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad_end: u32,
    }

    /// `XEN_DOMCTL_setnodeaffinity` / `XEN_DOMCTL_getnodeaffinity`: the
    /// NUMA nodes the domain's memory comes from.
    pub struct xen_domctl_nodeaffinity<H> (size 16) {
        /// IN (set) or OUT (get): the node map.
        pub nodemap: xenctl_bitmap<H>,
    }

    /// Bit index of [`XEN_VCPUAFFINITY_HARD`].
    pub const _XEN_VCPUAFFINITY_HARD: u32 = 0;
    /// Set/get the vCPU's hard affinity.
    pub const XEN_VCPUAFFINITY_HARD: u32 = 1 << _XEN_VCPUAFFINITY_HARD;
    /// Bit index of [`XEN_VCPUAFFINITY_SOFT`].
    pub const _XEN_VCPUAFFINITY_SOFT: u32 = 1;
    /// Set/get the vCPU's soft affinity.
    pub const XEN_VCPUAFFINITY_SOFT: u32 = 1 << _XEN_VCPUAFFINITY_SOFT;
    /// Bit index of [`XEN_VCPUAFFINITY_FORCE`].
    pub const _XEN_VCPUAFFINITY_FORCE: u32 = 2;
    /// Undo `SCHEDOP_pin_override`.
    pub const XEN_VCPUAFFINITY_FORCE: u32 = 1 << _XEN_VCPUAFFINITY_FORCE;

    /// `XEN_DOMCTL_setvcpuaffinity` / `XEN_DOMCTL_getvcpuaffinity`: which
    /// physical CPUs a vCPU runs on.
    pub struct xen_domctl_vcpuaffinity<H> (size 40) {
        /// IN: the vCPU.
        pub vcpu: u32,
        /// IN: which affinities (`XEN_VCPUAFFINITY_*`).
        pub flags: u32,
        /// IN/OUT (set: the effective hard affinity on return) or OUT
        /// (get): the hard affinity.
        pub cpumap_hard: xenctl_bitmap<H>,
        /// IN/OUT (set) or OUT (get): the soft affinity.
        pub cpumap_soft: xenctl_bitmap<H>,
    }

    /// `XEN_DOMCTL_set_ext_vcpucontext` / `XEN_DOMCTL_get_ext_vcpucontext`
    /// (x86): a vCPU's SYSCALL/SYSENTER callbacks and machine-check state.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_ext_vcpucontext (size 64) {
        /// IN: the vCPU.
        pub vcpu: u32,
        /// IN (set) or OUT (get, up to 128): the size of the struct.
        pub size: u32,
        /// SYSCALL from 32-bit mode: the callback's address.
        pub syscall32_callback_eip: u64,
        /// SYSENTER: the callback's address.
        pub sysenter_callback_eip: u64,
        /// SYSCALL from 32-bit mode: the callback's code segment.
        pub syscall32_callback_cs: u16,
        /// SYSENTER: the callback's code segment.
        pub sysenter_callback_cs: u16,
        /// Non-zero: SYSCALL from 32-bit mode disables event delivery.
        pub syscall32_disables_events: u8,
        /// Non-zero: SYSENTER disables event delivery.
        pub sysenter_disables_events: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// The anonymous union's `struct hvm_vmce_vcpu` (`caps`,
        /// `mci_ctl2_bank0`, `mci_ctl2_bank1`, `mcg_ext_ctl`; `mcg_cap`
        /// overlays `caps`).
        pub vmce: [u64; 4],
    }

    /// `XEN_DOMCTL_max_vcpus`: must match `max_vcpus` of
    /// `XEN_DOMCTL_createdomain`; still needed to allocate the vCPUs.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_max_vcpus (size 4) {
        /// IN: the maximum number of vCPUs.
        pub max: u32,
    }

    /// The credit scheduler.
    pub const XEN_SCHEDULER_CREDIT: u32 = 5;
    /// The credit2 scheduler.
    pub const XEN_SCHEDULER_CREDIT2: u32 = 6;
    /// The ARINC 653 scheduler.
    pub const XEN_SCHEDULER_ARINC653: u32 = 7;
    /// The RTDS (real-time deferrable server) scheduler.
    pub const XEN_SCHEDULER_RTDS: u32 = 8;
    /// The null scheduler.
    pub const XEN_SCHEDULER_NULL: u32 = 9;

    /// Credit scheduler parameters.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_sched_credit (size 4) {
        /// The relative weight.
        pub weight: u16,
        /// The cap, in percent of one CPU (0 for none).
        pub cap: u16,
    }

    /// Credit2 scheduler parameters.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_sched_credit2 (size 4) {
        /// The relative weight.
        pub weight: u16,
        /// The cap, in percent of one CPU (0 for none).
        pub cap: u16,
    }

    /// RTDS scheduler parameters.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_sched_rtds (size 12) {
        /// The period, in microseconds.
        pub period: u32,
        /// The budget per period, in microseconds.
        pub budget: u32,
        /// `XEN_DOMCTL_SCHEDRT_*`.
        pub flags: u32,
    }

    /// Bit index of [`XEN_DOMCTL_SCHEDRT_extra`].
    pub const _XEN_DOMCTL_SCHEDRT_extra: u32 = 0;
    /// The vCPU may run beyond its reserved time.
    pub const XEN_DOMCTL_SCHEDRT_extra: u32 = 1 << _XEN_DOMCTL_SCHEDRT_extra;

    /// The parameters of `xen_domctl_schedparam_vcpu`, by scheduler.
    #[derive(Clone, Copy)]
    pub union xen_domctl_schedparam_vcpu_u (size 12,
        c "__typeof__(((struct xen_domctl_schedparam_vcpu *)0)->u)")
    {
        /// `XEN_SCHEDULER_CREDIT`.
        pub credit: xen_domctl_sched_credit,
        /// `XEN_SCHEDULER_CREDIT2`.
        pub credit2: xen_domctl_sched_credit2,
        /// `XEN_SCHEDULER_RTDS`.
        pub rtds: xen_domctl_sched_rtds,
    }

    /// One vCPU's scheduling parameters (`XEN_DOMCTL_SCHEDOP_*vcpuinfo`).
    pub struct xen_domctl_schedparam_vcpu<H> (size 16) {
        /// The parameters, by scheduler.
        pub u: H::Union<xen_domctl_schedparam_vcpu_u>,
        /// The vCPU.
        pub vcpuid: u32,
    }
    /// `struct xen_domctl_schedparam_vcpu`.
    pub type xen_domctl_schedparam_vcpu_t (size 16) = xen_domctl_schedparam_vcpu;

    /// Set the parameters of all vCPUs.
    pub const XEN_DOMCTL_SCHEDOP_putinfo: u32 = 0;
    /// Get the default (or domain-wide) parameters.
    pub const XEN_DOMCTL_SCHEDOP_getinfo: u32 = 1;
    /// Set the parameters of the listed vCPUs.
    pub const XEN_DOMCTL_SCHEDOP_putvcpuinfo: u32 = 2;
    /// Get the parameters of the listed vCPUs.
    pub const XEN_DOMCTL_SCHEDOP_getvcpuinfo: u32 = 3;

    /// The per-vCPU array of `xen_domctl_scheduler_op`.
    pub struct xen_domctl_scheduler_op_u_v<H> (size 16,
        c "__typeof__(((struct xen_domctl_scheduler_op *)0)->u.v)") {
        /// IN/OUT: guest handle of an array of
        /// `xen_domctl_schedparam_vcpu_t` (Xen reads each `vcpuid`; get then
        /// writes the element back). Extent: at most `nr_vcpus` elements.
        handle vcpus / set_vcpus: H::InOut<xen_domctl_schedparam_vcpu<H::Elements>>
            [nr_vcpus => nr_vcpus],
        /// IN: elements in `vcpus`; OUT: elements processed.
        count nr_vcpus / set_nr_vcpus: u32,
        /// Padding.
        pub padding: u32,
    }

    /// The IN/OUT parameters of `xen_domctl_scheduler_op`.
    #[derive(Clone, Copy)]
    pub union xen_domctl_scheduler_op_u (size 16,
        c "__typeof__(((struct xen_domctl_scheduler_op *)0)->u)")
    {
        /// `XEN_SCHEDULER_CREDIT`, domain-wide.
        pub credit: xen_domctl_sched_credit,
        /// `XEN_SCHEDULER_CREDIT2`, domain-wide.
        pub credit2: xen_domctl_sched_credit2,
        /// `XEN_SCHEDULER_RTDS`, domain-wide.
        pub rtds: xen_domctl_sched_rtds,
        /// Per-vCPU (`XEN_DOMCTL_SCHEDOP_*vcpuinfo`).
        pub v: xen_domctl_scheduler_op_u_v,
    }

    /// `XEN_DOMCTL_scheduler_op`.
    pub struct xen_domctl_scheduler_op<H> (size 24) {
        /// `XEN_SCHEDULER_*`.
        pub sched_id: u32,
        /// `XEN_DOMCTL_SCHEDOP_*`.
        pub cmd: u32,
        /// IN/OUT: the parameters.
        pub u: H::Union<xen_domctl_scheduler_op_u>,
    }

    /// `XEN_DOMCTL_setdomainhandle`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_setdomainhandle (size 16) {
        /// IN: the new handle (UUID).
        pub handle: xen_domain_handle_t,
    }

    /// `XEN_DOMCTL_setdebugging`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_setdebugging (size 1) {
        /// IN: non-zero to enable debugging.
        pub enable: u8,
    }

    /// `XEN_DOMCTL_irq_permission`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_irq_permission (size 8) {
        /// IN: the physical IRQ.
        pub pirq: u32,
        /// IN: non-zero to allow access, 0 to deny it.
        pub allow_access: u8,
        /// Padding.
        pub pad: [u8; 3],
    }

    /// `XEN_DOMCTL_iomem_permission`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_iomem_permission (size 24) {
        /// IN: the first machine page frame of the range.
        pub first_mfn: u64,
        /// IN: the number of pages in the range (> 0).
        pub nr_mfns: u64,
        /// IN: non-zero to allow access, 0 to deny it.
        pub allow_access: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 7],
    }

    /// `XEN_DOMCTL_ioport_permission`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_ioport_permission (size 12) {
        /// IN: the first port of the range.
        pub first_port: u32,
        /// IN: the number of ports in the range.
        pub nr_ports: u32,
        /// IN: non-zero to allow access, 0 to deny it.
        pub allow_access: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 3],
    }

    /// `XEN_DOMCTL_hypercall_init`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_hypercall_init (size 8) {
        /// IN: the GMFN to fill with the hypercall page.
        pub gmfn: u64,
    }

    /// `XEN_DOMCTL_settimeoffset`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_settimeoffset (size 8) {
        /// IN: seconds added to the domain's wallclock time.
        pub time_offset_seconds: i64,
    }

    /// `XEN_DOMCTL_gethvmcontext` / `XEN_DOMCTL_sethvmcontext`.
    pub struct xen_domctl_hvmcontext<H> (size 16) {
        /// IN/OUT: the buffer's size / the bytes filled.
        count size / set_size: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// IN/OUT: guest handle of the data; get with a null handle to learn
        /// the size needed. Extent: `size` bytes.
        handle buffer / set_buffer: H::InOut<u8> [size => size],
    }

    /// `XEN_DOMCTL_set_address_size` / `XEN_DOMCTL_get_address_size`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_address_size (size 4) {
        /// The guest's address size in bits (32 or 64 for PV).
        pub size: u32,
    }

    /// Send an NMI.
    pub const XEN_DOMCTL_SENDTRIGGER_NMI: u32 = 0;
    /// Reset the domain.
    pub const XEN_DOMCTL_SENDTRIGGER_RESET: u32 = 1;
    /// Send an INIT.
    pub const XEN_DOMCTL_SENDTRIGGER_INIT: u32 = 2;
    /// Press the power button.
    pub const XEN_DOMCTL_SENDTRIGGER_POWER: u32 = 3;
    /// Press the sleep button.
    pub const XEN_DOMCTL_SENDTRIGGER_SLEEP: u32 = 4;

    /// `XEN_DOMCTL_sendtrigger`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_sendtrigger (size 8) {
        /// IN: `XEN_DOMCTL_SENDTRIGGER_*`.
        pub trigger: u32,
        /// IN: the vCPU.
        pub vcpu: u32,
    }

    /// A PCI device.
    pub const XEN_DOMCTL_DEV_PCI: u32 = 0;
    /// A device tree device.
    pub const XEN_DOMCTL_DEV_DT: u32 = 1;
    /// `flags`: relax reserved device memory checks (assign only).
    pub const XEN_DOMCTL_DEV_RDM_RELAXED: u32 = 1;

    /// A PCI device of `xen_domctl_assign_device`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_assign_device_u_pci (size 4,
        c "__typeof__(((struct xen_domctl_assign_device *)0)->u.pci)") {
        /// The machine PCI id (SBDF) of the device.
        pub machine_sbdf: u32,
    }

    /// A device tree device of `xen_domctl_assign_device`.
    pub struct xen_domctl_assign_device_u_dt<H> (size 16,
        c "__typeof__(((struct xen_domctl_assign_device *)0)->u.dt)") {
        /// The length of `path`.
        count size / set_size: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// Guest handle of the device tree node's path (`char`s). Extent:
        /// `size` bytes (Arm only; x86 never reads it).
        handle path / set_path: H::In<u8> [size => size],
    }

    /// The device of `xen_domctl_assign_device`, by `dev`.
    #[derive(Clone, Copy)]
    pub union xen_domctl_assign_device_u (size 16,
        c "__typeof__(((struct xen_domctl_assign_device *)0)->u)")
    {
        /// `XEN_DOMCTL_DEV_PCI`.
        pub pci: xen_domctl_assign_device_u_pci,
        /// `XEN_DOMCTL_DEV_DT`.
        pub dt: xen_domctl_assign_device_u_dt,
    }

    /// `XEN_DOMCTL_assign_device`, `XEN_DOMCTL_test_assign_device` and
    /// `XEN_DOMCTL_deassign_device`.
    pub struct xen_domctl_assign_device<H> (size 24) {
        /// IN: `XEN_DOMCTL_DEV_*`.
        pub dev: u32,
        /// IN: `XEN_DOMCTL_DEV_RDM_RELAXED` or 0.
        pub flags: u32,
        /// IN: the device.
        pub u: H::Union<xen_domctl_assign_device_u>,
    }

    /// `XEN_DOMCTL_get_device_group`: the sibling devices of a PCI device.
    pub struct xen_domctl_get_device_group<H> (size 24) {
        /// IN: the machine PCI id (SBDF) of the device.
        pub machine_sbdf: u32,
        /// IN: the capacity of `sdev_array`.
        count max_sdevs / set_max_sdevs: u32,
        /// OUT: the number of siblings.
        pub num_sdevs: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// OUT: guest handle of an array of `uint32_t` SBDFs. Extent: at most
        /// `max_sdevs` elements.
        handle sdev_array / set_sdev_array: H::Out<u32> [max_sdevs => max_sdevs],
    }

    /// `enum pt_irq_type`: a PCI INTx line.
    pub const PT_IRQ_TYPE_PCI: u32 = 0;
    /// `enum pt_irq_type`: an ISA IRQ.
    pub const PT_IRQ_TYPE_ISA: u32 = 1;
    /// `enum pt_irq_type`: an MSI.
    pub const PT_IRQ_TYPE_MSI: u32 = 2;
    /// `enum pt_irq_type`: a translated MSI.
    pub const PT_IRQ_TYPE_MSI_TRANSLATE: u32 = 3;
    /// `enum pt_irq_type`: an Arm SPI (32-1019).
    pub const PT_IRQ_TYPE_SPI: u32 = 4;

    /// `PT_IRQ_TYPE_ISA` binding.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_bind_pt_irq_u_isa (size 1,
        c "__typeof__(((struct xen_domctl_bind_pt_irq *)0)->u.isa)") {
        /// The guest ISA IRQ.
        pub isa_irq: u8,
    }

    /// `PT_IRQ_TYPE_PCI` binding.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_bind_pt_irq_u_pci (size 3,
        c "__typeof__(((struct xen_domctl_bind_pt_irq *)0)->u.pci)") {
        /// The guest PCI bus.
        pub bus: u8,
        /// The guest PCI device.
        pub device: u8,
        /// The INTx pin.
        pub intx: u8,
    }

    /// `PT_IRQ_TYPE_MSI` binding.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_bind_pt_irq_u_msi (size 16,
        c "__typeof__(((struct xen_domctl_bind_pt_irq *)0)->u.msi)") {
        /// The guest vector.
        pub gvec: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 3],
        /// `XEN_DOMCTL_VMSI_X86_*`.
        pub gflags: u32,
        /// The guest MSI-X table address.
        pub gtable: u64,
    }

    /// `PT_IRQ_TYPE_SPI` binding.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_bind_pt_irq_u_spi (size 2,
        c "__typeof__(((struct xen_domctl_bind_pt_irq *)0)->u.spi)") {
        /// The guest SPI.
        pub spi: u16,
    }

    /// The guest side of `xen_domctl_bind_pt_irq`, by `irq_type`.
    #[derive(Clone, Copy)]
    pub union xen_domctl_bind_pt_irq_u (size 16,
        c "__typeof__(((struct xen_domctl_bind_pt_irq *)0)->u)")
    {
        /// `PT_IRQ_TYPE_ISA`.
        pub isa: xen_domctl_bind_pt_irq_u_isa,
        /// `PT_IRQ_TYPE_PCI`.
        pub pci: xen_domctl_bind_pt_irq_u_pci,
        /// `PT_IRQ_TYPE_MSI`.
        pub msi: xen_domctl_bind_pt_irq_u_msi,
        /// `PT_IRQ_TYPE_SPI`.
        pub spi: xen_domctl_bind_pt_irq_u_spi,
    }

    /// `gflags`: the destination id.
    pub const XEN_DOMCTL_VMSI_X86_DEST_ID_MASK: u32 = 0x0000ff;
    /// `gflags`: the redirection hint.
    pub const XEN_DOMCTL_VMSI_X86_RH_MASK: u32 = 0x000100;
    /// `gflags`: the destination mode.
    pub const XEN_DOMCTL_VMSI_X86_DM_MASK: u32 = 0x000200;
    /// `gflags`: the delivery mode.
    pub const XEN_DOMCTL_VMSI_X86_DELIV_MASK: u32 = 0x007000;
    /// `gflags`: the trigger mode.
    pub const XEN_DOMCTL_VMSI_X86_TRIG_MASK: u32 = 0x008000;
    /// `gflags`: the vector is unmasked.
    pub const XEN_DOMCTL_VMSI_X86_UNMASKED: u32 = 0x010000;

    /// `XEN_DOMCTL_bind_pt_irq` / `XEN_DOMCTL_unbind_pt_irq`: bind a real
    /// IRQ to a guest one.
    pub struct xen_domctl_bind_pt_irq<H> (size 24) {
        /// The machine IRQ.
        pub machine_irq: u32,
        /// `enum pt_irq_type` (`PT_IRQ_TYPE_*`).
        pub irq_type: u32,
        /// The guest side.
        pub u: H::Union<xen_domctl_bind_pt_irq_u>,
    }

    /// `add_mapping`: add the mapping.
    pub const DPCI_ADD_MAPPING: u32 = 1;
    /// `add_mapping`: remove the mapping.
    pub const DPCI_REMOVE_MAPPING: u32 = 0;

    /// `XEN_DOMCTL_memory_mapping`: map machine I/O memory into an HVM
    /// guest. Returns 0, `-E2BIG`, or a positive count of pages done (call
    /// again for the rest).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_memory_mapping (size 32) {
        /// The first guest frame of the range.
        pub first_gfn: u64,
        /// The first machine frame of the range.
        pub first_mfn: u64,
        /// The number of pages in the range (> 0).
        pub nr_mfns: u64,
        /// `DPCI_ADD_MAPPING` or `DPCI_REMOVE_MAPPING`.
        pub add_mapping: u32,
        /// Padding.
        pub padding: u32,
    }

    /// `XEN_DOMCTL_ioport_mapping`: map machine I/O ports into an HVM guest.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_ioport_mapping (size 16) {
        /// The first guest port.
        pub first_gport: u32,
        /// The first machine port.
        pub first_mport: u32,
        /// The number of ports.
        pub nr_ports: u32,
        /// `DPCI_ADD_MAPPING` or `DPCI_REMOVE_MAPPING`.
        pub add_mapping: u32,
    }

    /// Cache type uncachable (the x86 MTRR/PAT code).
    pub const XEN_DOMCTL_MEM_CACHEATTR_UC: u32 = 0;
    /// Cache type write-combining.
    pub const XEN_DOMCTL_MEM_CACHEATTR_WC: u32 = 1;
    /// Cache type write-through.
    pub const XEN_DOMCTL_MEM_CACHEATTR_WT: u32 = 4;
    /// Cache type write-protected.
    pub const XEN_DOMCTL_MEM_CACHEATTR_WP: u32 = 5;
    /// Cache type write-back.
    pub const XEN_DOMCTL_MEM_CACHEATTR_WB: u32 = 6;
    /// Cache type uncached (UC-).
    pub const XEN_DOMCTL_MEM_CACHEATTR_UCM: u32 = 7;
    /// Delete a pinned cache attribute.
    pub const XEN_DOMCTL_DELETE_MEM_CACHEATTR: u32 = !0;

    /// `XEN_DOMCTL_set_target`: let the domain manage `target`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_set_target (size 2) {
        /// IN: the target domain.
        pub target: domid_t,
    }

    /// An unused CPUID sub-leaf input.
    pub const XEN_CPUID_INPUT_UNUSED: u32 = 0xFFFF_FFFF;

    /// `XEN_DOMCTL_get_cpu_policy` / `XEN_DOMCTL_set_cpu_policy` (x86): the
    /// domain's CPUID and MSR policies.
    pub struct xen_domctl_cpu_policy<H> (size 40) {
        /// IN/OUT: the number of leaves in / written to `leaves`.
        count nr_leaves / set_nr_leaves: u32,
        /// IN/OUT: the number of MSRs in / written to `msrs`.
        count nr_msrs / set_nr_msrs: u32,
        /// IN/OUT: guest handle of an array of `xen_cpuid_leaf_t` (24 bytes:
        /// leaf, subleaf, a, b, c, d). Extent: `nr_leaves` entries.
        handle leaves / set_leaves: H::InOut<[u32; 6]> [nr_leaves => nr_leaves],
        /// IN/OUT: guest handle of an array of `xen_msr_entry_t` (16 bytes:
        /// idx, flags, val). Extent: `nr_msrs` entries.
        handle msrs / set_msrs: H::InOut<[u64; 2]> [nr_msrs => nr_msrs],
        /// OUT (set, some errors): the CPUID leaf that failed auditing.
        pub err_leaf: u32,
        /// OUT (set, some errors): the CPUID subleaf that failed auditing.
        pub err_subleaf: u32,
        /// OUT (set, some errors): the MSR that failed auditing.
        pub err_msr: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
    }
    /// `struct xen_domctl_cpu_policy`.
    pub type xen_domctl_cpu_policy_t (size 40) = xen_domctl_cpu_policy;

    /// `XEN_DOMCTL_subscribe`: notify an event channel, instead of
    /// `VIRQ_DOM_EXC`, when the domain shuts down with `SHUTDOWN_suspend`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_subscribe (size 4) {
        /// IN: the event channel port.
        pub port: u32,
    }

    /// Turn single-stepping off.
    pub const XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_OFF: u32 = 0;
    /// Turn single-stepping on.
    pub const XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON: u32 = 1;

    /// `XEN_DOMCTL_debug_op`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_debug_op (size 8) {
        /// IN: `XEN_DOMCTL_DEBUG_OP_*`.
        pub op: u32,
        /// IN: the vCPU.
        pub vcpu: u32,
    }

    /// `XEN_DOMCTL_gethvmcontext_partial`: one record of the HVM context.
    pub struct xen_domctl_hvmcontext_partial<H> (size 24) {
        /// IN: the record's type.
        pub r#type: u32,
        /// IN: the instance of that type.
        pub instance: u32,
        /// IN: the buffer's size; OUT: the record's length.
        count bufsz / set_bufsz: u64,
        /// OUT: guest handle of the buffer to write the record into (null to
        /// learn its length). Extent: at most `bufsz` bytes.
        handle buffer / set_buffer: H::Out<u8> [bufsz => bufsz],
    }

    /// `XEN_DOMCTL_gettscinfo` / `XEN_DOMCTL_settscinfo`: all IN/OUT.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_tsc_info (size 24) {
        /// The TSC mode.
        pub tsc_mode: u32,
        /// The guest TSC frequency in kHz.
        pub gtsc_khz: u32,
        /// The incarnation (bumped by each save/restore).
        pub incarnation: u32,
        /// Padding.
        pub pad: u32,
        /// Elapsed time in nanoseconds.
        pub elapsed_nsec: u64,
    }

    /// `XEN_DOMCTL_gdbsx_guestmemio`: guest memory I/O for gdbsx.
    pub struct xen_domctl_gdbsx_memio<H> (size 40) {
        /// IN: optional `init_mm.pgd[3]` value.
        pub pgd3val: u64,
        /// IN: the guest virtual address.
        pub gva: u64,
        /// IN: the user buffer's virtual address (a plain `uint64` in C):
        /// Xen writes it when `gwr` is 0 and reads it when `gwr` is 1.
        /// Extent: at most `len` bytes.
        handle uva / set_uva: H::InOut<u8> [len => len],
        /// IN: the number of bytes to read or write.
        #[allow(clippy::len_without_is_empty)] // a count's getter, not a length
        count len / set_len: u32,
        /// IN: 0 reads from the guest, 1 writes to it.
        pub gwr: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 3],
        /// OUT: the bytes remaining to be copied.
        pub remain: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad_end: u32,
    }

    /// `XEN_DOMCTL_gdbsx_pausevcpu` / `XEN_DOMCTL_gdbsx_unpausevcpu`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_gdbsx_pauseunp_vcpu (size 4) {
        /// The vCPU.
        pub vcpu: u32,
    }

    /// `XEN_DOMCTL_gdbsx_domstatus`: all OUT.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_gdbsx_domstatus (size 12) {
        /// Whether the domain is paused.
        pub paused: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 3],
        /// A vCPU with a pending event, if any.
        pub vcpu_id: u32,
        /// That vCPU's event.
        pub vcpu_ev: u32,
    }

    /// Enable a VM event ring.
    pub const XEN_VM_EVENT_ENABLE: u32 = 0;
    /// Disable a VM event ring.
    pub const XEN_VM_EVENT_DISABLE: u32 = 1;
    /// Have Xen pull responses from the ring.
    pub const XEN_VM_EVENT_RESUME: u32 = 2;
    /// Get the VM event interface version.
    pub const XEN_VM_EVENT_GET_VERSION: u32 = 3;
    /// The paging ring.
    pub const XEN_DOMCTL_VM_EVENT_OP_PAGING: u32 = 1;
    /// The monitor ring.
    pub const XEN_DOMCTL_VM_EVENT_OP_MONITOR: u32 = 2;
    /// The sharing (`ENOMEM`) ring.
    pub const XEN_DOMCTL_VM_EVENT_OP_SHARING: u32 = 3;

    /// `XEN_VM_EVENT_ENABLE` results.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_vm_event_op_u_enable (size 4,
        c "__typeof__(((struct xen_domctl_vm_event_op *)0)->u.enable)") {
        /// OUT: the ring's event channel port.
        pub port: u32,
    }

    /// The results of `xen_domctl_vm_event_op`, by `op`.
    #[derive(Clone, Copy)]
    pub union xen_domctl_vm_event_op_u (size 4,
        c "__typeof__(((struct xen_domctl_vm_event_op *)0)->u)")
    {
        /// `XEN_VM_EVENT_ENABLE`.
        pub enable: xen_domctl_vm_event_op_u_enable,
        /// `XEN_VM_EVENT_GET_VERSION`: OUT.
        pub version: u32,
    }

    /// `XEN_DOMCTL_vm_event_op`: set up and tear down a VM event ring.
    pub struct xen_domctl_vm_event_op<H> (size 12) {
        /// `XEN_VM_EVENT_*`.
        pub op: u32,
        /// `XEN_DOMCTL_VM_EVENT_OP_*`.
        pub mode: u32,
        /// The operation's results.
        pub u: H::Union<xen_domctl_vm_event_op_u>,
    }

    /// Turn memory sharing on or off.
    pub const XEN_DOMCTL_MEM_SHARING_CONTROL: u8 = 0;

    /// The arguments of `xen_domctl_mem_sharing_op`.
    #[derive(Clone, Copy)]
    pub union xen_domctl_mem_sharing_op_u (size 1,
        c "__typeof__(((struct xen_domctl_mem_sharing_op *)0)->u)")
    {
        /// `XEN_DOMCTL_MEM_SHARING_CONTROL`: non-zero enables.
        pub enable: u8,
    }

    /// `XEN_DOMCTL_mem_sharing_op`.
    pub struct xen_domctl_mem_sharing_op<H> (size 2) {
        /// `XEN_DOMCTL_MEM_SHARING_*`.
        pub op: u8,
        /// The arguments.
        pub u: H::Union<xen_domctl_mem_sharing_op_u>,
    }

    /// `XEN_DOMCTL_audit_p2m`: all OUT error counts.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_audit_p2m (size 24) {
        /// Orphaned pages.
        pub orphans: u64,
        /// Bad M2P entries.
        pub m2p_bad: u64,
        /// Bad P2M entries.
        pub p2m_bad: u64,
    }

    /// `XEN_DOMCTL_set_virq_handler`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_set_virq_handler (size 4) {
        /// IN: the global virtual IRQ to route to the domain.
        pub virq: u32,
    }

    /// `XEN_DOMCTL_setvcpuextstate` / `XEN_DOMCTL_getvcpuextstate` (x86).
    pub struct xen_domctl_vcpuextstate<H> (size 32) {
        /// IN: the vCPU.
        pub vcpu: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// GET IN/OUT: the xfeature mask of the saved format; SET: ignored.
        pub xfeature_mask: u64,
        /// SET IN / GET IN/OUT: the size of the state in bytes.
        count size / set_size: u64,
        /// Guest handle of the state (`uint64_t` in C, but Xen counts it in
        /// bytes). Extent: `size` bytes.
        handle buffer / set_buffer: H::InOut<u8> [size => size],
    }

    /// `XEN_DOMCTL_set_access_required`: whether page access events need a
    /// listener (else access reverts to full permissions).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_set_access_required (size 1) {
        /// IN: non-zero if a listener is required.
        pub access_required: u8,
    }

    /// `XEN_DOMCTL_set_broken_page_p2m`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_set_broken_page_p2m (size 8) {
        /// IN: the guest frame to mark broken.
        pub pfn: u64,
    }

    /// `XEN_DOMCTL_cacheflush` (Arm): clean and invalidate caches of a range
    /// of guest memory.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_cacheflush (size 16) {
        /// IN: the first guest frame.
        pub start_pfn: xen_pfn_t,
        /// IN: the number of frames.
        pub nr_pfns: xen_pfn_t,
    }

    /// `XEN_DOMCTL_get_paging_mempool_size` /
    /// `XEN_DOMCTL_set_paging_mempool_size`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_paging_mempool (size 8) {
        /// The paging memory pool's size in bytes.
        pub size: u64,
    }

    /// One MSR of `xen_domctl_vcpu_msrs` (x86).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_vcpu_msr (size 16) {
        /// The MSR index.
        pub index: u32,
        /// Reserved.
        pub reserved: u32,
        /// The MSR value.
        pub value: u64,
    }
    /// `struct xen_domctl_vcpu_msr`.
    pub type xen_domctl_vcpu_msr_t (size 16) = xen_domctl_vcpu_msr;

    /// `XEN_DOMCTL_set_vcpu_msrs` / `XEN_DOMCTL_get_vcpu_msrs` (x86). A null
    /// `msrs` asks for the maximum `msr_count`; get fails with `ENOBUFS`
    /// (and updates `msr_count`) if the array is too small.
    pub struct xen_domctl_vcpu_msrs<H> (size 16) {
        /// IN: the vCPU.
        pub vcpu: u32,
        /// IN/OUT: the number of entries in / written to `msrs`.
        count msr_count / set_msr_count: u32,
        /// IN/OUT: guest handle of an array of `xen_domctl_vcpu_msr_t`.
        /// Extent: at most `msr_count` entries.
        handle msrs / set_msrs: H::InOut<xen_domctl_vcpu_msr> [msr_count => msr_count],
    }

    /// `XEN_DOMCTL_setvnumainfo`: the guest's virtual NUMA topology.
    pub struct xen_domctl_vnuma<H> (size 48) {
        /// IN: the number of vNUMA nodes (> 0).
        count nr_vnodes / set_nr_vnodes: u32,
        /// IN: the number of memory ranges.
        count nr_vmemranges / set_nr_vmemranges: u32,
        /// IN: the number of vCPUs (must be the domain's `max_vcpus`).
        count nr_vcpus / set_nr_vcpus: u32,
        /// Must be zero.
        pub pad: u32,
        /// IN: guest handle of the node distances (`unsigned int`s).
        /// Extent: `nr_vnodes * nr_vnodes` elements.
        handle vdistance / set_vdistance: H::In<u32> [nr_vnodes => nr_vnodes * nr_vnodes],
        /// IN: guest handle of the vNUMA node of each vCPU (`unsigned
        /// int`s). Extent: `nr_vcpus` elements.
        handle vcpu_to_vnode / set_vcpu_to_vnode: H::In<u32> [nr_vcpus => nr_vcpus],
        /// IN: guest handle of the physical node of each vNUMA node
        /// (`unsigned int`s). Extent: `nr_vnodes` elements.
        handle vnode_to_pnode / set_vnode_to_pnode: H::In<u32> [nr_vnodes => nr_vnodes],
        /// IN: guest handle of `xen_vmemrange_t`s. Extent: `nr_vmemranges`
        /// elements.
        handle vmemrange / set_vmemrange: H::In<crate::memory::xen_vmemrange>
            [nr_vmemranges => nr_vmemranges],
    }

    /// `XEN_DOMCTL_psr_cmt_op`: Cache Monitoring Technology.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_psr_cmt_op (size 8) {
        /// `XEN_DOMCTL_PSR_CMT_OP_*`.
        pub cmd: u32,
        /// The command's data (the RMID for `QUERY_RMID`).
        pub data: u32,
    }

    /// Detach the domain's RMID.
    pub const XEN_DOMCTL_PSR_CMT_OP_DETACH: u32 = 0;
    /// Attach an RMID to the domain.
    pub const XEN_DOMCTL_PSR_CMT_OP_ATTACH: u32 = 1;
    /// Query the domain's RMID.
    pub const XEN_DOMCTL_PSR_CMT_OP_QUERY_RMID: u32 = 2;

    /// Enable a monitor event.
    pub const XEN_DOMCTL_MONITOR_OP_ENABLE: u32 = 0;
    /// Disable a monitor event.
    pub const XEN_DOMCTL_MONITOR_OP_DISABLE: u32 = 1;
    /// Get the bitmap of supported monitor events.
    pub const XEN_DOMCTL_MONITOR_OP_GET_CAPABILITIES: u32 = 2;
    /// Emulate each repetition of a `rep` instruction.
    pub const XEN_DOMCTL_MONITOR_OP_EMULATE_EACH_REP: u32 = 3;
    /// Control register monitoring (turning it off may crash the guest
    /// unless all vCPUs have resumed).
    pub const XEN_DOMCTL_MONITOR_OP_CONTROL_REGISTERS: u32 = 4;
    /// A control register write.
    pub const XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG: u32 = 0;
    /// An MSR write.
    pub const XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR: u32 = 1;
    /// A single step.
    pub const XEN_DOMCTL_MONITOR_EVENT_SINGLESTEP: u32 = 2;
    /// A software breakpoint.
    pub const XEN_DOMCTL_MONITOR_EVENT_SOFTWARE_BREAKPOINT: u32 = 3;
    /// A guest request.
    pub const XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST: u32 = 4;
    /// A debug exception.
    pub const XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION: u32 = 5;
    /// A CPUID instruction.
    pub const XEN_DOMCTL_MONITOR_EVENT_CPUID: u32 = 6;
    /// A privileged call.
    pub const XEN_DOMCTL_MONITOR_EVENT_PRIVILEGED_CALL: u32 = 7;
    /// An interrupt.
    pub const XEN_DOMCTL_MONITOR_EVENT_INTERRUPT: u32 = 8;
    /// A descriptor table access.
    pub const XEN_DOMCTL_MONITOR_EVENT_DESC_ACCESS: u32 = 9;
    /// An instruction the emulator does not implement.
    pub const XEN_DOMCTL_MONITOR_EVENT_EMUL_UNIMPLEMENTED: u32 = 10;
    /// An in-guest page fault (enabled by default).
    pub const XEN_DOMCTL_MONITOR_EVENT_INGUEST_PAGEFAULT: u32 = 11;
    /// A VM exit.
    pub const XEN_DOMCTL_MONITOR_EVENT_VMEXIT: u32 = 12;

    /// `XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG` options.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_monitor_op_u_mov_to_cr (size 16,
        c "__typeof__(((struct xen_domctl_monitor_op *)0)->u.mov_to_cr)") {
        /// Which control register.
        pub index: u8,
        /// Pause the vCPU until the response.
        pub sync: u8,
        /// Send the event only when the value changes.
        pub onchangeonly: u8,
        /// Padding.
        pub pad1: u8,
        /// Padding.
        pub pad2: u32,
        /// Send the event only if a changed bit is not masked here.
        pub bitmask: u64,
    }

    /// `XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR` options.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_monitor_op_u_mov_to_msr (size 8,
        c "__typeof__(((struct xen_domctl_monitor_op *)0)->u.mov_to_msr)") {
        /// The MSR.
        pub msr: u32,
        /// Send the event only when the value changes.
        pub onchangeonly: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 3],
    }

    /// `XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST` options.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_monitor_op_u_guest_request (size 2,
        c "__typeof__(((struct xen_domctl_monitor_op *)0)->u.guest_request)") {
        /// Pause the vCPU until the response.
        pub sync: u8,
        /// Also accept requests from guest user space.
        pub allow_userspace: u8,
    }

    /// `XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION` options.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_monitor_op_u_debug_exception (size 1,
        c "__typeof__(((struct xen_domctl_monitor_op *)0)->u.debug_exception)") {
        /// Pause the vCPU until the response.
        pub sync: u8,
    }

    /// `XEN_DOMCTL_MONITOR_EVENT_VMEXIT` options.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_monitor_op_u_vmexit (size 1,
        c "__typeof__(((struct xen_domctl_monitor_op *)0)->u.vmexit)") {
        /// Send the event and do not process the VM exit.
        pub sync: u8,
    }

    /// `XEN_DOMCTL_MONITOR_OP_ENABLE` options, by event.
    #[derive(Clone, Copy)]
    pub union xen_domctl_monitor_op_u (size 16,
        c "__typeof__(((struct xen_domctl_monitor_op *)0)->u)")
    {
        /// `XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG`.
        pub mov_to_cr: xen_domctl_monitor_op_u_mov_to_cr,
        /// `XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR`.
        pub mov_to_msr: xen_domctl_monitor_op_u_mov_to_msr,
        /// `XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST`.
        pub guest_request: xen_domctl_monitor_op_u_guest_request,
        /// `XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION`.
        pub debug_exception: xen_domctl_monitor_op_u_debug_exception,
        /// `XEN_DOMCTL_MONITOR_EVENT_VMEXIT`.
        pub vmexit: xen_domctl_monitor_op_u_vmexit,
    }

    /// `XEN_DOMCTL_monitor_op`: choose the VM events reported on the
    /// monitor ring.
    pub struct xen_domctl_monitor_op<H> (size 24) {
        /// `XEN_DOMCTL_MONITOR_OP_*`.
        pub op: u32,
        /// `XEN_DOMCTL_MONITOR_EVENT_*` (ENABLE/DISABLE); OUT: a bitmap of
        /// `1 << XEN_DOMCTL_MONITOR_EVENT_*` (GET_CAPABILITIES).
        pub event: u32,
        /// `XEN_DOMCTL_MONITOR_OP_ENABLE` options.
        pub u: H::Union<xen_domctl_monitor_op_u>,
    }

    /// `XEN_DOMCTL_psr_alloc`: cache and memory bandwidth allocation.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_psr_alloc (size 16) {
        /// IN: `XEN_DOMCTL_PSR_*`.
        pub cmd: u32,
        /// IN: the socket.
        pub target: u32,
        /// IN/OUT: the value.
        pub data: u64,
    }

    /// Set the L3 cache bitmask.
    pub const XEN_DOMCTL_PSR_SET_L3_CBM: u32 = 0;
    /// Get the L3 cache bitmask.
    pub const XEN_DOMCTL_PSR_GET_L3_CBM: u32 = 1;
    /// Set the L3 code bitmask (CDP).
    pub const XEN_DOMCTL_PSR_SET_L3_CODE: u32 = 2;
    /// Set the L3 data bitmask (CDP).
    pub const XEN_DOMCTL_PSR_SET_L3_DATA: u32 = 3;
    /// Get the L3 code bitmask (CDP).
    pub const XEN_DOMCTL_PSR_GET_L3_CODE: u32 = 4;
    /// Get the L3 data bitmask (CDP).
    pub const XEN_DOMCTL_PSR_GET_L3_DATA: u32 = 5;
    /// Set the L2 cache bitmask.
    pub const XEN_DOMCTL_PSR_SET_L2_CBM: u32 = 6;
    /// Get the L2 cache bitmask.
    pub const XEN_DOMCTL_PSR_GET_L2_CBM: u32 = 7;
    /// Set the memory bandwidth throttle.
    pub const XEN_DOMCTL_PSR_SET_MBA_THRTL: u32 = 8;
    /// Get the memory bandwidth throttle.
    pub const XEN_DOMCTL_PSR_GET_MBA_THRTL: u32 = 9;

    /// `XEN_DOMCTL_vuart_op`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_vuart_op (size 24) {
        /// `XEN_DOMCTL_VUART_OP_*`.
        pub cmd: u32,
        /// IN: `XEN_DOMCTL_VUART_TYPE_*` (only vpl011).
        pub r#type: u32,
        /// IN: the guest frame used as the ring buffer.
        pub gfn: u64,
        /// IN: the domain running the backend console.
        pub console_domid: domid_t,
        /// Padding.
        pub pad: [u8; 2],
        /// OUT: the remote event channel port (`evtchn_port_t`) for ring
        /// events.
        pub evtchn: u32,
    }

    /// Initialise the virtual UART.
    pub const XEN_DOMCTL_VUART_OP_INIT: u32 = 0;
    /// An emulated PL011.
    pub const XEN_DOMCTL_VUART_TYPE_VPL011: u32 = 0;

    /// `XEN_DOMCTL_vmtrace_op`: VM tracing (e.g. Intel Processor Trace).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_vmtrace_op (size 24) {
        /// IN: `XEN_DOMCTL_vmtrace_*`.
        pub cmd: u32,
        /// IN: the vCPU.
        pub vcpu: u32,
        /// IN: command-specific data.
        pub key: u64,
        /// IN/OUT: command-specific data.
        pub value: u64,
    }
    /// `struct xen_domctl_vmtrace_op`.
    pub type xen_domctl_vmtrace_op_t (size 24) = xen_domctl_vmtrace_op;

    /// Enable tracing.
    pub const XEN_DOMCTL_vmtrace_enable: u32 = 1;
    /// Disable tracing.
    pub const XEN_DOMCTL_vmtrace_disable: u32 = 2;
    /// Reset status and position, then enable tracing.
    pub const XEN_DOMCTL_vmtrace_reset_and_enable: u32 = 3;
    /// Get the output position within the buffer (into `value`).
    pub const XEN_DOMCTL_vmtrace_output_position: u32 = 4;
    /// Get a platform-specific option (`key`) into `value`.
    pub const XEN_DOMCTL_vmtrace_get_option: u32 = 5;
    /// Set a platform-specific option (`key`) to `value`.
    pub const XEN_DOMCTL_vmtrace_set_option: u32 = 6;

    /// Create a domain ([`xen_domctl_createdomain`]).
    pub const XEN_DOMCTL_createdomain: u32 = 1;
    /// Destroy a domain (no payload).
    pub const XEN_DOMCTL_destroydomain: u32 = 2;
    /// Pause a domain (no payload).
    pub const XEN_DOMCTL_pausedomain: u32 = 3;
    /// Unpause a domain (no payload).
    pub const XEN_DOMCTL_unpausedomain: u32 = 4;
    /// Get a domain's information ([`xen_domctl_getdomaininfo`]).
    pub const XEN_DOMCTL_getdomaininfo: u32 = 5;
    /// Set a vCPU's affinity (`struct xen_domctl_vcpuaffinity`).
    pub const XEN_DOMCTL_setvcpuaffinity: u32 = 9;
    /// Shadow paging and log-dirty ([`xen_domctl_shadow_op`]).
    pub const XEN_DOMCTL_shadow_op: u32 = 10;
    /// Set the memory limit ([`xen_domctl_max_mem`]).
    pub const XEN_DOMCTL_max_mem: u32 = 11;
    /// Set a vCPU's context ([`xen_domctl_vcpucontext`]).
    pub const XEN_DOMCTL_setvcpucontext: u32 = 12;
    /// Get a vCPU's context ([`xen_domctl_vcpucontext`]).
    pub const XEN_DOMCTL_getvcpucontext: u32 = 13;
    /// Get a vCPU's information ([`xen_domctl_getvcpuinfo`]).
    pub const XEN_DOMCTL_getvcpuinfo: u32 = 14;
    /// Allocate the vCPUs ([`xen_domctl_max_vcpus`]).
    pub const XEN_DOMCTL_max_vcpus: u32 = 15;
    /// Scheduler parameters ([`xen_domctl_scheduler_op`]).
    pub const XEN_DOMCTL_scheduler_op: u32 = 16;
    /// Set the domain handle ([`xen_domctl_setdomainhandle`]).
    pub const XEN_DOMCTL_setdomainhandle: u32 = 17;
    /// Enable or disable debugging ([`xen_domctl_setdebugging`]).
    pub const XEN_DOMCTL_setdebugging: u32 = 18;
    /// Grant or revoke IRQ access ([`xen_domctl_irq_permission`]).
    pub const XEN_DOMCTL_irq_permission: u32 = 19;
    /// Grant or revoke I/O memory access ([`xen_domctl_iomem_permission`]).
    pub const XEN_DOMCTL_iomem_permission: u32 = 20;
    /// Grant or revoke I/O port access ([`xen_domctl_ioport_permission`]).
    pub const XEN_DOMCTL_ioport_permission: u32 = 21;
    /// Fill a hypercall page ([`xen_domctl_hypercall_init`]).
    pub const XEN_DOMCTL_hypercall_init: u32 = 22;
    /// Set the wallclock offset ([`xen_domctl_settimeoffset`]).
    pub const XEN_DOMCTL_settimeoffset: u32 = 24;
    /// Get a vCPU's affinity (`struct xen_domctl_vcpuaffinity`).
    pub const XEN_DOMCTL_getvcpuaffinity: u32 = 25;
    /// Obsolete (PPC only).
    pub const XEN_DOMCTL_real_mode_area: u32 = 26;
    /// Resume a suspended domain (no payload).
    pub const XEN_DOMCTL_resumedomain: u32 = 27;
    /// Send a trigger ([`xen_domctl_sendtrigger`]).
    pub const XEN_DOMCTL_sendtrigger: u32 = 28;
    /// Subscribe to suspend notification ([`xen_domctl_subscribe`]).
    pub const XEN_DOMCTL_subscribe: u32 = 29;
    /// Get the HVM context ([`xen_domctl_hvmcontext`]).
    pub const XEN_DOMCTL_gethvmcontext: u32 = 33;
    /// Set the HVM context ([`xen_domctl_hvmcontext`]).
    pub const XEN_DOMCTL_sethvmcontext: u32 = 34;
    /// Set the address size ([`xen_domctl_address_size`]).
    pub const XEN_DOMCTL_set_address_size: u32 = 35;
    /// Get the address size ([`xen_domctl_address_size`]).
    pub const XEN_DOMCTL_get_address_size: u32 = 36;
    /// Assign a device ([`xen_domctl_assign_device`]).
    pub const XEN_DOMCTL_assign_device: u32 = 37;
    /// Bind a pass-through IRQ ([`xen_domctl_bind_pt_irq`]).
    pub const XEN_DOMCTL_bind_pt_irq: u32 = 38;
    /// Map I/O memory ([`xen_domctl_memory_mapping`]).
    pub const XEN_DOMCTL_memory_mapping: u32 = 39;
    /// Map I/O ports ([`xen_domctl_ioport_mapping`]).
    pub const XEN_DOMCTL_ioport_mapping: u32 = 40;
    /// Set a vCPU's extended context (`struct xen_domctl_ext_vcpucontext`).
    pub const XEN_DOMCTL_set_ext_vcpucontext: u32 = 42;
    /// Get a vCPU's extended context (`struct xen_domctl_ext_vcpucontext`).
    pub const XEN_DOMCTL_get_ext_vcpucontext: u32 = 43;
    /// Obsolete (IA64 only).
    pub const XEN_DOMCTL_set_opt_feature: u32 = 44;
    /// Test whether a device can be assigned ([`xen_domctl_assign_device`]).
    pub const XEN_DOMCTL_test_assign_device: u32 = 45;
    /// Set the domain's target ([`xen_domctl_set_target`]).
    pub const XEN_DOMCTL_set_target: u32 = 46;
    /// Deassign a device ([`xen_domctl_assign_device`]).
    pub const XEN_DOMCTL_deassign_device: u32 = 47;
    /// Unbind a pass-through IRQ ([`xen_domctl_bind_pt_irq`]).
    pub const XEN_DOMCTL_unbind_pt_irq: u32 = 48;
    /// Get a device's siblings ([`xen_domctl_get_device_group`]).
    pub const XEN_DOMCTL_get_device_group: u32 = 50;
    /// Single-stepping ([`xen_domctl_debug_op`]).
    pub const XEN_DOMCTL_debug_op: u32 = 54;
    /// Get one HVM context record ([`xen_domctl_hvmcontext_partial`]).
    pub const XEN_DOMCTL_gethvmcontext_partial: u32 = 55;
    /// Control a VM event ring ([`xen_domctl_vm_event_op`]).
    pub const XEN_DOMCTL_vm_event_op: u32 = 56;
    /// Memory sharing ([`xen_domctl_mem_sharing_op`]).
    pub const XEN_DOMCTL_mem_sharing_op: u32 = 57;
    /// Get TSC information ([`xen_domctl_tsc_info`]).
    pub const XEN_DOMCTL_gettscinfo: u32 = 59;
    /// Set TSC information ([`xen_domctl_tsc_info`]).
    pub const XEN_DOMCTL_settscinfo: u32 = 60;
    /// Get page frame types ([`xen_domctl_getpageframeinfo3`]).
    pub const XEN_DOMCTL_getpageframeinfo3: u32 = 61;
    /// Set a vCPU's extended state ([`xen_domctl_vcpuextstate`]).
    pub const XEN_DOMCTL_setvcpuextstate: u32 = 62;
    /// Get a vCPU's extended state ([`xen_domctl_vcpuextstate`]).
    pub const XEN_DOMCTL_getvcpuextstate: u32 = 63;
    /// Require a page access listener ([`xen_domctl_set_access_required`]).
    pub const XEN_DOMCTL_set_access_required: u32 = 64;
    /// Audit the P2M ([`xen_domctl_audit_p2m`]).
    pub const XEN_DOMCTL_audit_p2m: u32 = 65;
    /// Route a global VIRQ to the domain ([`xen_domctl_set_virq_handler`]).
    pub const XEN_DOMCTL_set_virq_handler: u32 = 66;
    /// Mark a page broken ([`xen_domctl_set_broken_page_p2m`]).
    pub const XEN_DOMCTL_set_broken_page_p2m: u32 = 67;
    /// Set the NUMA node affinity (`struct xen_domctl_nodeaffinity`).
    pub const XEN_DOMCTL_setnodeaffinity: u32 = 68;
    /// Get the NUMA node affinity (`struct xen_domctl_nodeaffinity`).
    pub const XEN_DOMCTL_getnodeaffinity: u32 = 69;
    /// Flush caches, Arm ([`xen_domctl_cacheflush`]).
    pub const XEN_DOMCTL_cacheflush: u32 = 71;
    /// Get a vCPU's MSRs ([`xen_domctl_vcpu_msrs`]).
    pub const XEN_DOMCTL_get_vcpu_msrs: u32 = 72;
    /// Set a vCPU's MSRs ([`xen_domctl_vcpu_msrs`]).
    pub const XEN_DOMCTL_set_vcpu_msrs: u32 = 73;
    /// Set the virtual NUMA topology ([`xen_domctl_vnuma`]).
    pub const XEN_DOMCTL_setvnumainfo: u32 = 74;
    /// Cache monitoring ([`xen_domctl_psr_cmt_op`]).
    pub const XEN_DOMCTL_psr_cmt_op: u32 = 75;
    /// Monitor VM events ([`xen_domctl_monitor_op`]).
    pub const XEN_DOMCTL_monitor_op: u32 = 77;
    /// Cache and bandwidth allocation ([`xen_domctl_psr_alloc`]).
    pub const XEN_DOMCTL_psr_alloc: u32 = 78;
    /// Soft-reset the domain (no payload).
    pub const XEN_DOMCTL_soft_reset: u32 = 79;
    /// Virtual UART ([`xen_domctl_vuart_op`]).
    pub const XEN_DOMCTL_vuart_op: u32 = 81;
    /// Get the CPUID/MSR policy ([`xen_domctl_cpu_policy`]).
    pub const XEN_DOMCTL_get_cpu_policy: u32 = 82;
    /// Set the CPUID/MSR policy ([`xen_domctl_cpu_policy`]).
    pub const XEN_DOMCTL_set_cpu_policy: u32 = 83;
    /// VM tracing ([`xen_domctl_vmtrace_op`]).
    pub const XEN_DOMCTL_vmtrace_op: u32 = 84;
    /// Get the paging pool size ([`xen_domctl_paging_mempool`]).
    pub const XEN_DOMCTL_get_paging_mempool_size: u32 = 85;
    /// Set the paging pool size ([`xen_domctl_paging_mempool`]).
    pub const XEN_DOMCTL_set_paging_mempool_size: u32 = 86;
    /// gdbsx guest memory I/O ([`xen_domctl_gdbsx_memio`]).
    pub const XEN_DOMCTL_gdbsx_guestmemio: u32 = 1000;
    /// gdbsx: pause a vCPU ([`xen_domctl_gdbsx_pauseunp_vcpu`]).
    pub const XEN_DOMCTL_gdbsx_pausevcpu: u32 = 1001;
    /// gdbsx: unpause a vCPU ([`xen_domctl_gdbsx_pauseunp_vcpu`]).
    pub const XEN_DOMCTL_gdbsx_unpausevcpu: u32 = 1002;
    /// gdbsx: the domain's status ([`xen_domctl_gdbsx_domstatus`]).
    pub const XEN_DOMCTL_gdbsx_domstatus: u32 = 1003;

    /// The payload of [`xen_domctl`], by `cmd`; `pad` fixes its size at 128
    /// bytes.
    #[derive(Clone, Copy)]
    pub union xen_domctl_u (size 128, c "__typeof__(((struct xen_domctl *)0)->u)") {
        /// `XEN_DOMCTL_setvcpuaffinity`, `XEN_DOMCTL_getvcpuaffinity`.
        pub vcpuaffinity: xen_domctl_vcpuaffinity,
        /// `XEN_DOMCTL_setnodeaffinity`, `XEN_DOMCTL_getnodeaffinity`.
        pub nodeaffinity: xen_domctl_nodeaffinity,
        /// `XEN_DOMCTL_set_ext_vcpucontext`, `XEN_DOMCTL_get_ext_vcpucontext`.
        pub ext_vcpucontext: xen_domctl_ext_vcpucontext,
        /// `XEN_DOMCTL_createdomain`.
        pub createdomain: xen_domctl_createdomain,
        /// `XEN_DOMCTL_getdomaininfo`.
        pub getdomaininfo: xen_domctl_getdomaininfo,
        /// `XEN_DOMCTL_getpageframeinfo3`.
        pub getpageframeinfo3: xen_domctl_getpageframeinfo3,
        /// `XEN_DOMCTL_shadow_op`.
        pub shadow_op: xen_domctl_shadow_op,
        /// `XEN_DOMCTL_max_mem`.
        pub max_mem: xen_domctl_max_mem,
        /// `XEN_DOMCTL_setvcpucontext` / `XEN_DOMCTL_getvcpucontext`.
        pub vcpucontext: xen_domctl_vcpucontext,
        /// `XEN_DOMCTL_getvcpuinfo`.
        pub getvcpuinfo: xen_domctl_getvcpuinfo,
        /// `XEN_DOMCTL_max_vcpus`.
        pub max_vcpus: xen_domctl_max_vcpus,
        /// `XEN_DOMCTL_scheduler_op`.
        pub scheduler_op: xen_domctl_scheduler_op,
        /// `XEN_DOMCTL_setdomainhandle`.
        pub setdomainhandle: xen_domctl_setdomainhandle,
        /// `XEN_DOMCTL_setdebugging`.
        pub setdebugging: xen_domctl_setdebugging,
        /// `XEN_DOMCTL_irq_permission`.
        pub irq_permission: xen_domctl_irq_permission,
        /// `XEN_DOMCTL_iomem_permission`.
        pub iomem_permission: xen_domctl_iomem_permission,
        /// `XEN_DOMCTL_ioport_permission`.
        pub ioport_permission: xen_domctl_ioport_permission,
        /// `XEN_DOMCTL_hypercall_init`.
        pub hypercall_init: xen_domctl_hypercall_init,
        /// `XEN_DOMCTL_settimeoffset`.
        pub settimeoffset: xen_domctl_settimeoffset,
        /// `XEN_DOMCTL_gettscinfo` / `XEN_DOMCTL_settscinfo`.
        pub tsc_info: xen_domctl_tsc_info,
        /// `XEN_DOMCTL_gethvmcontext` / `XEN_DOMCTL_sethvmcontext`.
        pub hvmcontext: xen_domctl_hvmcontext,
        /// `XEN_DOMCTL_gethvmcontext_partial`.
        pub hvmcontext_partial: xen_domctl_hvmcontext_partial,
        /// `XEN_DOMCTL_set_address_size` / `XEN_DOMCTL_get_address_size`.
        pub address_size: xen_domctl_address_size,
        /// `XEN_DOMCTL_sendtrigger`.
        pub sendtrigger: xen_domctl_sendtrigger,
        /// `XEN_DOMCTL_get_device_group`.
        pub get_device_group: xen_domctl_get_device_group,
        /// `XEN_DOMCTL_assign_device` and friends.
        pub assign_device: xen_domctl_assign_device,
        /// `XEN_DOMCTL_bind_pt_irq` / `XEN_DOMCTL_unbind_pt_irq`.
        pub bind_pt_irq: xen_domctl_bind_pt_irq,
        /// `XEN_DOMCTL_memory_mapping`.
        pub memory_mapping: xen_domctl_memory_mapping,
        /// `XEN_DOMCTL_ioport_mapping`.
        pub ioport_mapping: xen_domctl_ioport_mapping,
        /// `XEN_DOMCTL_set_target`.
        pub set_target: xen_domctl_set_target,
        /// `XEN_DOMCTL_subscribe`.
        pub subscribe: xen_domctl_subscribe,
        /// `XEN_DOMCTL_debug_op`.
        pub debug_op: xen_domctl_debug_op,
        /// `XEN_DOMCTL_vm_event_op`.
        pub vm_event_op: xen_domctl_vm_event_op,
        /// `XEN_DOMCTL_mem_sharing_op`.
        pub mem_sharing_op: xen_domctl_mem_sharing_op,
        /// `XEN_DOMCTL_get_cpu_policy` / `XEN_DOMCTL_set_cpu_policy`.
        pub cpu_policy: xen_domctl_cpu_policy,
        /// `XEN_DOMCTL_setvcpuextstate` / `XEN_DOMCTL_getvcpuextstate`.
        pub vcpuextstate: xen_domctl_vcpuextstate,
        /// `XEN_DOMCTL_get_vcpu_msrs` / `XEN_DOMCTL_set_vcpu_msrs`.
        pub vcpu_msrs: xen_domctl_vcpu_msrs,
        /// `XEN_DOMCTL_set_access_required`.
        pub access_required: xen_domctl_set_access_required,
        /// `XEN_DOMCTL_audit_p2m`.
        pub audit_p2m: xen_domctl_audit_p2m,
        /// `XEN_DOMCTL_set_virq_handler`.
        pub set_virq_handler: xen_domctl_set_virq_handler,
        /// `XEN_DOMCTL_gdbsx_guestmemio`.
        pub gdbsx_guest_memio: xen_domctl_gdbsx_memio,
        /// `XEN_DOMCTL_set_broken_page_p2m`.
        pub set_broken_page_p2m: xen_domctl_set_broken_page_p2m,
        /// `XEN_DOMCTL_cacheflush`.
        pub cacheflush: xen_domctl_cacheflush,
        /// `XEN_DOMCTL_gdbsx_pausevcpu` / `XEN_DOMCTL_gdbsx_unpausevcpu`.
        pub gdbsx_pauseunp_vcpu: xen_domctl_gdbsx_pauseunp_vcpu,
        /// `XEN_DOMCTL_gdbsx_domstatus`.
        pub gdbsx_domstatus: xen_domctl_gdbsx_domstatus,
        /// `XEN_DOMCTL_setvnumainfo`.
        pub vnuma: xen_domctl_vnuma,
        /// `XEN_DOMCTL_psr_cmt_op`.
        pub psr_cmt_op: xen_domctl_psr_cmt_op,
        /// `XEN_DOMCTL_monitor_op`.
        pub monitor_op: xen_domctl_monitor_op,
        /// `XEN_DOMCTL_psr_alloc`.
        pub psr_alloc: xen_domctl_psr_alloc,
        /// `XEN_DOMCTL_vuart_op`.
        pub vuart_op: xen_domctl_vuart_op,
        /// `XEN_DOMCTL_vmtrace_op`.
        pub vmtrace_op: xen_domctl_vmtrace_op,
        /// `XEN_DOMCTL_get_paging_mempool_size` /
        /// `XEN_DOMCTL_set_paging_mempool_size`.
        pub paging_mempool: xen_domctl_paging_mempool,
        /// Fixes the union's size.
        pub pad: [u8; 128],
    }

    /// The argument of `HYPERVISOR_domctl`.
    #[derive(Clone, Copy)]
    pub struct xen_domctl (size 144) {
        /// `XEN_DOMCTL_*`.
        pub cmd: u32,
        /// Must be [`XEN_DOMCTL_INTERFACE_VERSION`].
        pub interface_version: u32,
        /// The target domain (IN/OUT for `XEN_DOMCTL_createdomain`).
        pub domain: domid_t,
        /// Padding.
        pub _pad: [u16; 3],
        /// The payload, by `cmd`.
        pub u: xen_domctl_u,
    }
    /// `struct xen_domctl`.
    pub type xen_domctl_t (size 144) = xen_domctl;
}
