//! `public/version.h` and `public/features.h` as Xen 4.20 has them: what is
//! new since the shared [`version`](crate::version) module (Xen 4.17's).
//!
//! 4.20 adds non-truncating variants of the string queries: each takes a
//! [`xen_varbuf`] (a length, then that many bytes) and returns the bytes
//! written, without a NUL; with a null argument it returns the size
//! needed. 4.17 answers them `-ENOSYS`. Every other item is the shared
//! module's, unchanged (`xen_feature_info.submap_idx` is spelled
//! `uint32_t` in 4.20, `unsigned int` in 4.17: the same type).
//!
//! [`xen_varbuf`]: crate::v4_20::version::xen_varbuf

use core::ffi::c_uchar;

abi! {
    headers = ["xen/version.h", "xen/features.h"];

    /// Reads and writes a [`xen_varbuf`]: the version suffix (new in 4.20;
    /// `XENVER_extraversion` truncates it to 16 bytes).
    pub const XENVER_extraversion2: u32 = 11;
    /// Reads and writes a [`xen_varbuf`]: the capability list (new in
    /// 4.20).
    pub const XENVER_capabilities2: u32 = 12;
    /// Reads and writes a [`xen_varbuf`]: the source changeset (new in
    /// 4.20).
    pub const XENVER_changeset2: u32 = 13;
    /// Reads and writes a [`xen_varbuf`]: the hypervisor command line (new
    /// in 4.20; `XENVER_commandline` truncates it to 1024 bytes).
    pub const XENVER_commandline2: u32 = 14;

    /// A length followed by that many bytes (new in 4.20): the argument of
    /// the `XENVER_*2` commands (and, in 4.20, what `XENVER_build_id`
    /// operates on; `xen_build_id` has its layout).
    #[derive(Debug)]
    pub struct xen_varbuf (size 4) {
        /// IN: the size of `buf` in bytes; the result is the length
        /// written.
        pub len: u32,
        /// OUT: the data, without a NUL terminator (a flexible array
        /// member).
        pub buf: [c_uchar; 0],
    }

    /// The domain may use `VCPUOP_register_runstate_phys_area` and
    /// `VCPUOP_register_vcpu_time_phys_area` (new since 4.17).
    pub const XENFEAT_runstate_phys_area: u32 = 18;
    /// See [`XENFEAT_runstate_phys_area`] (new since 4.17).
    pub const XENFEAT_vcpu_time_phys_area: u32 = 19;
    /// Xen passes every MSI-X vector control write to the device model
    /// (new since 4.17).
    pub const XENFEAT_dm_msix_all_writes: u32 = 20;
}
