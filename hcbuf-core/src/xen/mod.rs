//! Typed Xen hypercalls, built with `#[derive(HypercallArgs)]` on the raw
//! ABI of `hcbuf-sys`.
//!
//! - [`sysctl`] and [`domctl`]: payloads of the two union families, carried
//!   in an [`Op`] (the family's header, with its command set from the
//!   payload's type, and the 128-byte payload area) and issued with a
//!   [`Call`].
//! - [`version`]: the `xen_version` buffers and call.
//! - [`memory`]: the `memory_op` payloads and their buffer elements; like
//!   every family of the `(cmd, arg)` shape, issued with a [`CmdCall`].
//! - [`event_channel`] and [`grant_table`]: the `event_channel_op` and
//!   `grant_table_op` payloads (issued with a [`CmdCall`] too).
//! - [`hypfs`]: the hypervisor filesystem's records and calls.
//! - [`sched`]: why `sched_op` has no public payload (its remote
//!   shutdown is `Xen::shutdown_domain`'s alone); [`hvm`]: `hvm_op`'s HVM
//!   parameters.
//! - [`console`]: writing to and reading from Xen's console.
//! - [`multicall`]: the ABI types of a batch of hypercalls.
//! - [`v4_20`]: the payloads Xen 4.20 changed or added.
//!
//! Every payload is checked at compile time against its `hcbuf-sys` twin
//! (size, alignment, every offset), and its command against the commands
//! that take that twin ([`RawPayload`]).

mod cmd_call;
pub mod console;
pub mod domctl;
pub mod event_channel;
mod family_op;
pub mod grant_table;
pub mod hvm;
pub mod hypfs;
pub mod memory;
pub mod multicall;
mod raw;
pub mod sched;
pub mod sysctl;
mod union;
pub mod v4_20;
pub mod version;

pub use cmd_call::{CmdCall, PointerFamily};
pub(crate) use family_op::spoken;
pub use family_op::{Call, Op, OpError, UnionFamily};
pub use raw::Cmd;
pub(crate) use raw::Guarded;
pub use raw::RawPayload;
pub use union::Selected;
