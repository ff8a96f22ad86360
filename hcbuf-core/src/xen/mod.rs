//! Typed Xen hypercalls, built with `#[derive(HypercallArgs)]` on the raw
//! ABI of `hcbuf-sys`.
//!
//! - [`sysctl`] and [`domctl`]: payloads of the two union families, carried
//!   in an [`Op`] (the family's header, with its command set from the
//!   payload's type, and the 128-byte payload area) and issued with a
//!   [`Call`].
//! - [`version`]: the `xen_version` buffers and call.
//! - [`memory`]: the `memory_op` payloads, their buffer elements and calls.
//! - [`event_channel`]: the `event_channel_op` payloads.
//! - [`hypfs`]: the hypervisor filesystem's records and calls.
//! - [`console`]: writing to and reading from Xen's console.
//! - [`multicall`]: the ABI types of a batch of hypercalls.
//! - [`v4_20`]: the payloads Xen 4.20 changed or added.
//!
//! Every payload is checked at compile time against its `hcbuf-sys` twin
//! (size, alignment, every offset), and its command against the commands
//! that take that twin ([`RawPayload`]).

pub mod console;
pub mod domctl;
pub mod event_channel;
mod family_op;
pub mod hypfs;
pub mod memory;
pub mod multicall;
mod raw;
pub mod sysctl;
mod union;
pub mod v4_20;
pub mod version;

pub use family_op::{Call, Op, OpError, UnionFamily};
pub use raw::Cmd;
pub use raw::RawPayload;
pub use union::Selected;
