//! `public/domctl.h` as Xen 4.20 has it: what differs from the shared
//! [`domctl`](crate::domctl) module (Xen 4.17's), and what is new.
//!
//! Interface version 0x17 (bumped in 4.19): `xen_domctl_createdomain`
//! gained `altp2m_opts` (64 -> 68 bytes on x86_64), so the union
//! [`xen_domctl_u`] and [`xen_domctl`] that hold it are redeclared here; the
//! new commands `XEN_DOMCTL_gsi_permission` (88) and
//! `XEN_DOMCTL_set_llc_colors` (89) have their payloads here too. Every
//! other domctl item of 4.20 is the shared module's, unchanged.
//!
//! [`xen_domctl_u`]: crate::v4_20::domctl::xen_domctl_u
//! [`xen_domctl`]: crate::v4_20::domctl::xen_domctl

use crate::arch::xen_arch_domainconfig;
use crate::domctl as shared;
use crate::xen::{domid_t, xen_domain_handle_t};

abi! {
    headers = ["xen/domctl.h"];

    /// The domctl interface version of Xen 4.19 to 4.21: 0x17 (4.17's is
    /// 0x15). Any other value in `xen_domctl.interface_version` fails with
    /// `EACCES`.
    pub const XEN_DOMCTL_INTERFACE_VERSION: u32 = 0x17;

    /// `XEN_DOMCTL_createdomain`, as 4.19 and 4.20 have it: 4.17's fields
    /// with `altp2m_opts` inserted after `grant_opts` (68 bytes on x86_64,
    /// 4.17's 64; `vmtrace_size`, `cpupool_id` and `arch` move up 4 bytes).
    /// `xen_domctl.domain` is IN/OUT: an invalid id (0 or >=
    /// `DOMID_FIRST_RESERVED`) asks Xen to allocate one.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_createdomain (size 68) {
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
        /// IN (new in 4.19): altp2m options: the altp2m mode
        /// (`XEN_DOMCTL_ALTP2M_*`, 0 for none) in the bits of
        /// [`XEN_DOMCTL_ALTP2M_mode_mask`].
        pub altp2m_opts: u32,
        /// IN: the per-vCPU VM trace buffer size in bytes; 0 disables.
        pub vmtrace_size: u32,
        /// IN: the CPU pool to use (0 or an existing pool).
        pub cpupool_id: u32,
        /// IN: the architecture-specific configuration (the shared type).
        pub arch: xen_arch_domainconfig,
    }

    /// `altp2m_opts` mode (new in 4.19): altp2m "mixed" mode (not
    /// evaluated for safety from a security perspective).
    pub const XEN_DOMCTL_ALTP2M_mixed: u32 = 1;
    /// `altp2m_opts` mode (new in 4.19): altp2m external mode.
    pub const XEN_DOMCTL_ALTP2M_external: u32 = 2;
    /// `altp2m_opts` mode (new in 4.19): altp2m limited mode.
    pub const XEN_DOMCTL_ALTP2M_limited: u32 = 3;
    /// The bits of `altp2m_opts` that hold the mode (new in 4.19).
    pub const XEN_DOMCTL_ALTP2M_mode_mask: u32 = 0x3;

    /// `xen_domctl_gsi_permission.flags`: revoke access (new in 4.20).
    pub const XEN_DOMCTL_GSI_REVOKE: u32 = 0;
    /// `xen_domctl_gsi_permission.flags`: grant access (new in 4.20).
    pub const XEN_DOMCTL_GSI_GRANT: u32 = 1;
    /// The action bits of `xen_domctl_gsi_permission.flags` (new in 4.20).
    pub const XEN_DOMCTL_GSI_ACTION_MASK: u32 = 1;

    /// `XEN_DOMCTL_gsi_permission` (new in 4.20, x86): grant or revoke the
    /// domain's access to a GSI (a PVH dom0 passing a device through).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_domctl_gsi_permission (size 8) {
        /// IN: the GSI.
        pub gsi: u32,
        /// IN: [`XEN_DOMCTL_GSI_GRANT`] or [`XEN_DOMCTL_GSI_REVOKE`]
        /// (within [`XEN_DOMCTL_GSI_ACTION_MASK`]); other bits must be 0.
        pub flags: u32,
    }

    /// `XEN_DOMCTL_set_llc_colors` (new in 4.20): the last-level-cache
    /// colours the domain's memory is allocated from (Xen built with LLC
    /// colouring; `EOPNOTSUPP` otherwise).
    pub struct xen_domctl_set_llc_colors<H> (size 16) {
        /// IN: the number of entries of `llc_colors`.
        count num_llc_colors / set_num_llc_colors: u32,
        /// IN: must be zero.
        pub pad: u32,
        /// IN: guest handle of the colours (`uint32`): `num_llc_colors`
        /// entries.
        handle llc_colors / set_llc_colors: H::In<u32> [num_llc_colors => num_llc_colors],
    }

    /// Monitor event (new since 4.17): I/O instructions
    /// (`xen_domctl_monitor_op.event`).
    pub const XEN_DOMCTL_MONITOR_EVENT_IO: u32 = 13;

    /// Apply a device tree overlay (new in 4.19, Arm only: its payload,
    /// `struct xen_domctl_dt_overlay`, exists only in Arm builds and is not
    /// declared here).
    pub const XEN_DOMCTL_dt_overlay: u32 = 87;
    /// Grant or revoke GSI access ([`xen_domctl_gsi_permission`]; new in
    /// 4.20).
    pub const XEN_DOMCTL_gsi_permission: u32 = 88;
    /// Set the LLC colours ([`xen_domctl_set_llc_colors`]; new in 4.20).
    pub const XEN_DOMCTL_set_llc_colors: u32 = 89;

    /// The payload of [`xen_domctl`], by `cmd`, as 4.20 has it: 4.17's
    /// members with `createdomain` of 4.20's type, and the new
    /// `gsi_permission` and `set_llc_colors`; `pad` fixes its size at 128
    /// bytes, as in 4.17.
    #[derive(Clone, Copy)]
    pub union xen_domctl_u (size 128, c "__typeof__(((struct xen_domctl *)0)->u)") {
        /// `XEN_DOMCTL_setvcpuaffinity`, `XEN_DOMCTL_getvcpuaffinity`.
        pub vcpuaffinity: shared::xen_domctl_vcpuaffinity,
        /// `XEN_DOMCTL_setnodeaffinity`, `XEN_DOMCTL_getnodeaffinity`.
        pub nodeaffinity: shared::xen_domctl_nodeaffinity,
        /// `XEN_DOMCTL_set_ext_vcpucontext`, `XEN_DOMCTL_get_ext_vcpucontext`.
        pub ext_vcpucontext: shared::xen_domctl_ext_vcpucontext,
        /// `XEN_DOMCTL_createdomain`: 4.20's [`xen_domctl_createdomain`] (68
        /// bytes, with `altp2m_opts`).
        pub createdomain: xen_domctl_createdomain,
        /// `XEN_DOMCTL_getdomaininfo`.
        pub getdomaininfo: shared::xen_domctl_getdomaininfo,
        /// `XEN_DOMCTL_getpageframeinfo3`.
        pub getpageframeinfo3: shared::xen_domctl_getpageframeinfo3,
        /// `XEN_DOMCTL_shadow_op`.
        pub shadow_op: shared::xen_domctl_shadow_op,
        /// `XEN_DOMCTL_max_mem`.
        pub max_mem: shared::xen_domctl_max_mem,
        /// `XEN_DOMCTL_setvcpucontext` / `XEN_DOMCTL_getvcpucontext`.
        pub vcpucontext: shared::xen_domctl_vcpucontext,
        /// `XEN_DOMCTL_getvcpuinfo`.
        pub getvcpuinfo: shared::xen_domctl_getvcpuinfo,
        /// `XEN_DOMCTL_max_vcpus`.
        pub max_vcpus: shared::xen_domctl_max_vcpus,
        /// `XEN_DOMCTL_scheduler_op`.
        pub scheduler_op: shared::xen_domctl_scheduler_op,
        /// `XEN_DOMCTL_setdomainhandle`.
        pub setdomainhandle: shared::xen_domctl_setdomainhandle,
        /// `XEN_DOMCTL_setdebugging`.
        pub setdebugging: shared::xen_domctl_setdebugging,
        /// `XEN_DOMCTL_irq_permission`.
        pub irq_permission: shared::xen_domctl_irq_permission,
        /// `XEN_DOMCTL_gsi_permission` (new in 4.20).
        pub gsi_permission: xen_domctl_gsi_permission,
        /// `XEN_DOMCTL_iomem_permission`.
        pub iomem_permission: shared::xen_domctl_iomem_permission,
        /// `XEN_DOMCTL_ioport_permission`.
        pub ioport_permission: shared::xen_domctl_ioport_permission,
        /// `XEN_DOMCTL_hypercall_init`.
        pub hypercall_init: shared::xen_domctl_hypercall_init,
        /// `XEN_DOMCTL_settimeoffset`.
        pub settimeoffset: shared::xen_domctl_settimeoffset,
        /// `XEN_DOMCTL_gettscinfo` / `XEN_DOMCTL_settscinfo`.
        pub tsc_info: shared::xen_domctl_tsc_info,
        /// `XEN_DOMCTL_gethvmcontext` / `XEN_DOMCTL_sethvmcontext`.
        pub hvmcontext: shared::xen_domctl_hvmcontext,
        /// `XEN_DOMCTL_gethvmcontext_partial`.
        pub hvmcontext_partial: shared::xen_domctl_hvmcontext_partial,
        /// `XEN_DOMCTL_set_address_size` / `XEN_DOMCTL_get_address_size`.
        pub address_size: shared::xen_domctl_address_size,
        /// `XEN_DOMCTL_sendtrigger`.
        pub sendtrigger: shared::xen_domctl_sendtrigger,
        /// `XEN_DOMCTL_get_device_group`.
        pub get_device_group: shared::xen_domctl_get_device_group,
        /// `XEN_DOMCTL_assign_device` and friends.
        pub assign_device: shared::xen_domctl_assign_device,
        /// `XEN_DOMCTL_bind_pt_irq` / `XEN_DOMCTL_unbind_pt_irq`.
        pub bind_pt_irq: shared::xen_domctl_bind_pt_irq,
        /// `XEN_DOMCTL_memory_mapping`.
        pub memory_mapping: shared::xen_domctl_memory_mapping,
        /// `XEN_DOMCTL_ioport_mapping`.
        pub ioport_mapping: shared::xen_domctl_ioport_mapping,
        /// `XEN_DOMCTL_set_target`.
        pub set_target: shared::xen_domctl_set_target,
        /// `XEN_DOMCTL_subscribe`.
        pub subscribe: shared::xen_domctl_subscribe,
        /// `XEN_DOMCTL_debug_op`.
        pub debug_op: shared::xen_domctl_debug_op,
        /// `XEN_DOMCTL_vm_event_op`.
        pub vm_event_op: shared::xen_domctl_vm_event_op,
        /// `XEN_DOMCTL_mem_sharing_op`.
        pub mem_sharing_op: shared::xen_domctl_mem_sharing_op,
        /// `XEN_DOMCTL_get_cpu_policy` / `XEN_DOMCTL_set_cpu_policy`.
        pub cpu_policy: shared::xen_domctl_cpu_policy,
        /// `XEN_DOMCTL_setvcpuextstate` / `XEN_DOMCTL_getvcpuextstate`.
        pub vcpuextstate: shared::xen_domctl_vcpuextstate,
        /// `XEN_DOMCTL_get_vcpu_msrs` / `XEN_DOMCTL_set_vcpu_msrs`.
        pub vcpu_msrs: shared::xen_domctl_vcpu_msrs,
        /// `XEN_DOMCTL_set_access_required`.
        pub access_required: shared::xen_domctl_set_access_required,
        /// `XEN_DOMCTL_audit_p2m`.
        pub audit_p2m: shared::xen_domctl_audit_p2m,
        /// `XEN_DOMCTL_set_virq_handler`.
        pub set_virq_handler: shared::xen_domctl_set_virq_handler,
        /// `XEN_DOMCTL_gdbsx_guestmemio`.
        pub gdbsx_guest_memio: shared::xen_domctl_gdbsx_memio,
        /// `XEN_DOMCTL_set_broken_page_p2m`.
        pub set_broken_page_p2m: shared::xen_domctl_set_broken_page_p2m,
        /// `XEN_DOMCTL_cacheflush`.
        pub cacheflush: shared::xen_domctl_cacheflush,
        /// `XEN_DOMCTL_gdbsx_pausevcpu` / `XEN_DOMCTL_gdbsx_unpausevcpu`.
        pub gdbsx_pauseunp_vcpu: shared::xen_domctl_gdbsx_pauseunp_vcpu,
        /// `XEN_DOMCTL_gdbsx_domstatus`.
        pub gdbsx_domstatus: shared::xen_domctl_gdbsx_domstatus,
        /// `XEN_DOMCTL_setvnumainfo`.
        pub vnuma: shared::xen_domctl_vnuma,
        /// `XEN_DOMCTL_psr_cmt_op`.
        pub psr_cmt_op: shared::xen_domctl_psr_cmt_op,
        /// `XEN_DOMCTL_monitor_op`.
        pub monitor_op: shared::xen_domctl_monitor_op,
        /// `XEN_DOMCTL_psr_alloc`.
        pub psr_alloc: shared::xen_domctl_psr_alloc,
        /// `XEN_DOMCTL_vuart_op`.
        pub vuart_op: shared::xen_domctl_vuart_op,
        /// `XEN_DOMCTL_vmtrace_op`.
        pub vmtrace_op: shared::xen_domctl_vmtrace_op,
        /// `XEN_DOMCTL_get_paging_mempool_size` /
        /// `XEN_DOMCTL_set_paging_mempool_size`.
        pub paging_mempool: shared::xen_domctl_paging_mempool,
        /// `XEN_DOMCTL_set_llc_colors` (new in 4.20).
        pub set_llc_colors: xen_domctl_set_llc_colors,
        /// Fixes the union's size.
        pub pad: [u8; 128],
    }

    /// The argument of `HYPERVISOR_domctl`, as 4.20 has it: 4.17's layout
    /// (144 bytes), with 4.20's [`xen_domctl_u`].
    #[derive(Clone, Copy)]
    pub struct xen_domctl (size 144) {
        /// `XEN_DOMCTL_*`.
        pub cmd: u32,
        /// Must be [`XEN_DOMCTL_INTERFACE_VERSION`] (0x17).
        pub interface_version: u32,
        /// The target domain (IN/OUT for `XEN_DOMCTL_createdomain`).
        pub domain: domid_t,
        /// Padding.
        pub _pad: [u16; 3],
        /// The payload, by `cmd`.
        pub u: xen_domctl_u,
    }
    /// `struct xen_domctl` (4.20's).
    pub type xen_domctl_t (size 144) = xen_domctl;
}
