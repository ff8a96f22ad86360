//! Typed Xen hypercalls, built with `#[derive(HypercallArgs)]` on the raw
//! ABI of `hcbuf-sys`.
//!
//! - [`sysctl`] and [`domctl`]: payloads of the two union families, carried
//!   in an [`Op`] (the family's header, with its command set from the
//!   payload's type, and the 128-byte payload area) and issued with a
//!   [`Call`].
//! - [`version`]: the `xen_version` buffers and call.
//!
//! Every payload is checked at compile time against its `hcbuf-sys` twin
//! (size, alignment, every offset), and its command against the commands
//! that take that twin ([`RawPayload`]).

pub mod domctl;
mod family_op;
mod raw;
pub mod sysctl;
pub mod version;

pub use family_op::{Call, Op, UnionFamily};
pub use raw::RawPayload;
