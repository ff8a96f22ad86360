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
use crate::xen::raw::payloads;

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

// The xen_version buffers are typedefs of `char` arrays (byte arrays
// here); two commands share the 1024-byte one.
payloads!(family::XenVersion {
    /// `XENVER_extraversion`: the version suffix, NUL-terminated.
    ExtraVersion: xen_extraversion_t = XENVER_extraversion;
    /// `XENVER_compile_info`: how and where Xen was built.
    CompileInfo: xen_compile_info = XENVER_compile_info;
    /// The 1024-byte text of `XENVER_capabilities` and
    /// `XENVER_commandline`.
    CapabilitiesText: xen_capabilities_info_t =
        XENVER_capabilities as Capabilities, XENVER_commandline as CommandLine;
    /// `XENVER_changeset`: the source changeset.
    Changeset: xen_changeset_info_t = XENVER_changeset;
    /// `XENVER_platform_parameters`.
    PlatformParameters: xen_platform_parameters = XENVER_platform_parameters;
    /// `XENVER_get_features`: one 32-bit word of the feature bitmap.
    FeatureInfo: xen_feature_info = XENVER_get_features;
});
