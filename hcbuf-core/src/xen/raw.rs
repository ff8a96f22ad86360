//! Which commands take which raw payload: the table the derive checks a
//! payload's command against. Element types of a payload's buffers (one
//! CPU's topology, one node's memory) are not payloads: they derive with
//! `#[hypercall(data, ...)]` and are not listed.

use crate::args::family::Family;

/// A raw `hcbuf-sys` type that is the payload of some commands of a family.
/// Sealed: the table is hcbuf's, checked against Xen's headers; a type of
/// another crate that claimed to be a command's payload would let a
/// too-small buffer reach Xen.
pub trait RawPayload: crate::marker::sealed::Own {
    /// The family whose commands take it.
    type Family: Family;
    /// The commands that take it.
    const CMDS: &'static [u32];
}

/// Declares which commands of `$family` take each raw twin. Each family's
/// module keeps its own table, next to its typed payloads.
macro_rules! raw_payloads {
    ($family:ty { $($twin:ty => [$($cmd:expr),+ $(,)?];)* }) => {$(
        #[diagnostic::do_not_recommend]
        impl $crate::marker::sealed::Own for $twin {}
        impl $crate::xen::RawPayload for $twin {
            type Family = $family;
            const CMDS: &'static [u32] = &[$($cmd),+];
        }
    )*};
}
pub(crate) use raw_payloads;
