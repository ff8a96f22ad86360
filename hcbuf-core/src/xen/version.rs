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
use crate::signature::Command;
use crate::signature::kind::{Absent, Ptr, ReadWrite};
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
    fn lend(&self, to: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {
        // The xen_version buffers are plain data: nothing nested.
        hcbuf_sys::handles::Handle::lend(&self.buf, hcbuf_sys::handles::Extent(1), to);
    }
}

/// `HYPERVISOR_xen_version(XENVER_version, NULL)`: `major << 16 | minor`.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(op = __HYPERVISOR_xen_version)]
pub struct VersionNumber {
    /// Always `XENVER_version`.
    pub cmd: Command<XENVER_version>,
}

/// `HYPERVISOR_xen_version(XENVER_pagesize, NULL)`: the page size.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(op = __HYPERVISOR_xen_version)]
pub struct PageSize {
    /// Always `XENVER_pagesize`.
    pub cmd: Command<XENVER_pagesize>,
}

/// The buffer of `XENVER_build_id` (`xen_build_id_t`): a length, then that
/// many bytes, which Xen fills with the build id (it returns their number;
/// `ENOBUFS` if the id is longer). The length is always
/// [`BuildIdBuffer::CAPACITY`], the size of the bytes that follow it, so
/// Xen never writes past the buffer.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub struct BuildIdBuffer {
    len: u32,
    bytes: [u8; BuildIdBuffer::CAPACITY],
}

impl BuildIdBuffer {
    /// The most bytes of build id the buffer holds (Xen's are 20, a
    /// SHA-1).
    pub const CAPACITY: usize = 1024;

    /// An empty buffer whose length is its capacity.
    pub const fn new() -> Self {
        BuildIdBuffer {
            len: Self::CAPACITY as u32,
            bytes: [0; Self::CAPACITY],
        }
    }

    /// The bytes after the length, as Xen left them.
    pub fn bytes(&self) -> &[u8; Self::CAPACITY] {
        &self.bytes
    }
}

impl hcbuf_sys::handles::Lends for BuildIdBuffer {
    fn lend(&self, _: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {}
}

impl Default for BuildIdBuffer {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: `#[repr(C)]` integers (a `u32` then bytes, no padding: asserted
// below), no address; every bit pattern is valid. A zeroed buffer (the
// pool's) has length 0, and Xen writes nothing into it.
#[diagnostic::do_not_recommend]
unsafe impl Derived for BuildIdBuffer {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl crate::HypercallSafe for BuildIdBuffer {}
// SAFETY: as above. Xen writes only the bytes after the length, at most
// the length; it never writes the length, the one field that bounds it.
#[diagnostic::do_not_recommend]
unsafe impl crate::XenWritable for BuildIdBuffer {}
const _: () = assert!(size_of::<BuildIdBuffer>() == 4 + BuildIdBuffer::CAPACITY);

/// `HYPERVISOR_xen_version(XENVER_build_id, buf)`: returns the id's length.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_xen_version)]
pub struct BuildId<'a> {
    /// Always `XENVER_build_id`.
    pub cmd: Command<XENVER_build_id>,
    /// The buffer Xen fills.
    pub buf: GuestHandleMut<'a, BuildIdBuffer>,
}

impl crate::signature::CommandSignature<XENVER_build_id> for family::XenVersion {
    const TEXT: &'static str = "(XENVER_build_id, xen_build_id_t *)";
    type R1 = Ptr<ReadWrite, BuildIdBuffer>;
    type R2 = Absent;
    type R3 = Absent;
    type R4 = Absent;
}

// The xen_version buffers are typedefs of `char` arrays (byte arrays
// here); two commands share the 1024-byte one.
payloads!(family::XenVersion, pointer = ReadWrite {
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
