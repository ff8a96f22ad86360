//! The `xen_version` hypercall (`public/version.h`, `public/features.h`).
//!
//! `HYPERVISOR_xen_version(cmd, arg)`: each `XENVER_*` command below names
//! the type its `arg` points to. `XENVER_version` and `XENVER_pagesize` take
//! no argument (pass 0) and return their answer as the hypercall result.

use core::ffi::{c_uchar, c_uint};

abi! {
    headers = ["xen/version.h", "xen/features.h"];

    /// Returns `major << 16 | minor`; no argument.
    pub const XENVER_version: u32 = 0;
    /// Writes a [`xen_extraversion_t`].
    pub const XENVER_extraversion: u32 = 1;
    /// Writes a [`xen_compile_info`].
    pub const XENVER_compile_info: u32 = 2;
    /// Writes a [`xen_capabilities_info_t`].
    pub const XENVER_capabilities: u32 = 3;
    /// Writes a [`xen_changeset_info_t`].
    pub const XENVER_changeset: u32 = 4;
    /// Writes a [`xen_platform_parameters`].
    pub const XENVER_platform_parameters: u32 = 5;
    /// Reads and writes a [`xen_feature_info`].
    pub const XENVER_get_features: u32 = 6;
    /// Returns the page size; no argument.
    pub const XENVER_pagesize: u32 = 7;
    /// Writes the domain handle (a `xen_domain_handle_t`).
    pub const XENVER_guest_handle: u32 = 8;
    /// Writes a [`xen_commandline_t`].
    pub const XENVER_commandline: u32 = 9;
    /// Reads and writes a [`xen_build_id`] followed by its buffer.
    pub const XENVER_build_id: u32 = 10;

    /// The version suffix, e.g. `.7` (NUL-terminated).
    pub type xen_extraversion_t (size 16) = [u8; 16];
    /// `sizeof(xen_extraversion_t)`.
    pub const XEN_EXTRAVERSION_LEN: usize = 16;

    /// How and where Xen was built (`XENVER_compile_info`).
    #[derive(Clone, Copy, Debug)]
    pub struct xen_compile_info (size 144) {
        /// The compiler's version string.
        pub compiler: [u8; 64],
        /// The user who built Xen.
        pub compile_by: [u8; 16],
        /// The build host's domain.
        pub compile_domain: [u8; 32],
        /// The build date.
        pub compile_date: [u8; 32],
    }

    /// The capability list, e.g. `xen-3.0-x86_64 hvm-3.0-x86_64`.
    pub type xen_capabilities_info_t (size 1024) = [u8; 1024];
    /// `sizeof(xen_capabilities_info_t)`.
    pub const XEN_CAPABILITIES_INFO_LEN: usize = 1024;

    /// The source changeset Xen was built from.
    pub type xen_changeset_info_t (size 64) = [u8; 64];
    /// `sizeof(xen_changeset_info_t)`.
    pub const XEN_CHANGESET_INFO_LEN: usize = 64;

    /// `XENVER_platform_parameters`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_platform_parameters (size 8) {
        /// The start of Xen's reserved virtual range.
        pub virt_start: crate::arch::xen_ulong_t,
    }

    /// `XENVER_get_features`: one 32-bit word of the feature bitmap.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_feature_info (size 8) {
        /// IN: which 32-bit submap to return.
        pub submap_idx: c_uint,
        /// OUT: the submap (bits are `XENFEAT_*`).
        pub submap: u32,
    }

    /// The hypervisor command line (NUL-terminated).
    pub type xen_commandline_t (size 1024) = [u8; 1024];

    /// `XENVER_build_id`: a length followed by that many bytes of build id.
    #[derive(Debug)]
    pub struct xen_build_id (size 4) {
        /// IN: the size of `buf`; the result is the length written.
        pub len: u32,
        /// OUT: the build id (a flexible array member).
        pub buf: [c_uchar; 0],
    }

    /// PV guests may write their page tables directly.
    pub const XENFEAT_writable_page_tables: u32 = 0;
    /// PV guests may write their descriptor tables directly.
    pub const XENFEAT_writable_descriptor_tables: u32 = 1;
    /// The guest's physical map is translated by Xen.
    pub const XENFEAT_auto_translated_physmap: u32 = 2;
    /// The guest kernel runs in ring 0.
    pub const XENFEAT_supervisor_mode_kernel: u32 = 3;
    /// PAE page directories may sit above 4 GiB.
    pub const XENFEAT_pae_pgdir_above_4gb: u32 = 4;
    /// `MMU_PT_UPDATE_PRESERVE_AD` is supported.
    pub const XENFEAT_mmu_pt_update_preserve_ad: u32 = 5;
    /// Highmem assist is available.
    pub const XENFEAT_highmem_assist: u32 = 6;
    /// Grant mappings leave bits available to the guest.
    pub const XENFEAT_gnttab_map_avail_bits: u32 = 7;
    /// HVM event delivery through a callback vector.
    pub const XENFEAT_hvm_callback_vector: u32 = 8;
    /// The HVM pvclock is safe to use.
    pub const XENFEAT_hvm_safe_pvclock: u32 = 9;
    /// HVM guests may use PIRQs.
    pub const XENFEAT_hvm_pirqs: u32 = 10;
    /// The guest is dom0.
    pub const XENFEAT_dom0: u32 = 11;
    /// `XENMEM_*` vnode operations are supported.
    pub const XENFEAT_memory_op_vnode_supported: u32 = 13;
    /// Arm SMCCC is supported.
    pub const XENFEAT_ARM_SMCCC_supported: u32 = 14;
    /// The Linux RSDP location is not restricted.
    pub const XENFEAT_linux_rsdp_unrestricted: u32 = 15;
    /// The domain is not direct mapped.
    pub const XENFEAT_not_direct_mapped: u32 = 16;
    /// The domain is direct mapped.
    pub const XENFEAT_direct_mapped: u32 = 17;
    /// How many 32-bit submaps `XENVER_get_features` has.
    pub const XENFEAT_NR_SUBMAPS: u32 = 1;
}
