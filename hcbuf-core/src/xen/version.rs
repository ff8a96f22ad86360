//! The `xen_version` hypercall: `HYPERVISOR_xen_version(cmd, arg)`, where
//! `arg` is a buffer whose type each `XENVER_*` command fixes.
//! [`Version`] is the call for the commands that fill a buffer;
//! [`VersionNumber`] the ones that take none (`XENVER_version`,
//! `XENVER_pagesize`), whose answer is the result.

use hcbuf_sys::version::*;
use hcbuf_sys::xen::__HYPERVISOR_xen_version;

use crate::HypercallArgs;
use crate::args::{SubOp, family};
use crate::handle::GuestHandleMut;
use crate::marker::__private::Derived;
use crate::xen::raw::raw_payloads;

/// `XENVER_extraversion`: the version suffix, NUL-terminated.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_extraversion, twin = xen_extraversion_t)]
#[repr(C)]
pub struct ExtraVersion {
    /// The text.
    #[hypercall(whole)]
    pub text: [u8; 16],
}

/// `XENVER_compile_info`: how and where Xen was built.
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_compile_info, twin = xen_compile_info)]
#[repr(C)]
pub struct CompileInfo {
    /// The compiler.
    pub compiler: [u8; 64],
    /// The builder.
    pub compile_by: [u8; 16],
    /// The build host's domain.
    pub compile_domain: [u8; 32],
    /// The date.
    pub compile_date: [u8; 32],
}

/// `XENVER_capabilities` or `XENVER_commandline` (same buffer type).
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_capabilities, twin = xen_capabilities_info_t)]
#[repr(C)]
pub struct Capabilities {
    /// The text.
    #[hypercall(whole)]
    pub text: [u8; 1024],
}

/// `XENVER_commandline`: the hypervisor's command line.
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_commandline, twin = xen_capabilities_info_t)]
#[repr(C)]
pub struct CommandLine {
    /// The text.
    #[hypercall(whole)]
    pub text: [u8; 1024],
}

/// `XENVER_changeset`: the source changeset.
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_changeset, twin = xen_changeset_info_t)]
#[repr(C)]
pub struct Changeset {
    /// The text.
    #[hypercall(whole)]
    pub text: [u8; 64],
}

/// `XENVER_platform_parameters`.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_platform_parameters, twin = xen_platform_parameters)]
#[repr(C)]
pub struct PlatformParameters {
    /// The start of Xen's virtual range.
    pub virt_start: u64,
}

/// `XENVER_get_features`: one 32-bit word of the feature bitmap.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(xen_version = XENVER_get_features, twin = xen_feature_info)]
#[repr(C)]
pub struct FeatureInfo {
    /// IN: which word.
    pub submap_idx: u32,
    /// OUT: the word (`XENFEAT_*` bits).
    pub submap: u32,
}

/// `HYPERVISOR_xen_version(P::CMD, buf)`: fills the buffer.
pub struct Version<'a, P: SubOp<Family = family::XenVersion>> {
    /// The buffer Xen fills.
    pub buf: GuestHandleMut<'a, P>,
}

// SAFETY: two registers: the command, and a handle to pool memory.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp<Family = family::XenVersion>> Derived for Version<'_, P> {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp<Family = family::XenVersion>> HypercallArgs for Version<'_, P> {
    const OP: u64 = __HYPERVISOR_xen_version as u64;
    fn registers(&self) -> [u64; 5] {
        [u64::from(P::CMD), self.buf.addr(), 0, 0, 0]
    }
}

/// `HYPERVISOR_xen_version(cmd, NULL)` for `XENVER_version`
/// (`major << 16 | minor`) and `XENVER_pagesize`.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_xen_version)]
pub struct VersionNumber {
    /// `XENVER_version` or `XENVER_pagesize`.
    pub cmd: u32,
}

// The xen_version buffers are typedefs of `char` arrays; two commands share
// the 1024-byte one.
raw_payloads!(family::XenVersion {
    xen_extraversion_t => [XENVER_extraversion];
    xen_compile_info => [XENVER_compile_info];
    xen_capabilities_info_t => [XENVER_capabilities, XENVER_commandline];
    xen_changeset_info_t => [XENVER_changeset];
    xen_platform_parameters => [XENVER_platform_parameters];
    xen_feature_info => [XENVER_get_features];
});
