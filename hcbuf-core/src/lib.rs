//! hcbuf's runtime: hypercall-safe memory, typed guest handles and the
//! dispatch of checked hypercalls to Xen.
//!
//! - [`pool`]: the hypercall-safe memory pool.
//! - [`owned`]: typed owners of pool memory ([`PoolBox`], [`PoolSlice`]).
//! - [`bounce`]: bounce buffers over caller memory, direction in the type.
//! - [`handle`]: guest handles, the only way an address enters a hypercall
//!   argument ([`GuestHandle`], [`GuestHandleMut`]).
//! - [`marker`]: the sealed marker traits [`HypercallSafe`] and
//!   [`XenWritable`].
//! - [`args`]: what a hypercall is, as types ([`HypercallArgs`], [`SubOp`],
//!   and `#[derive(HypercallArgs)]`).
//! - [`dispatch`]: the [`Backend`] trait that issues derived hypercalls.
//! - [`backend`]: the backends: [`Privcmd`](backend::Privcmd), Linux's
//!   privcmd driver in a dom0.
//! - [`sys`]: the raw Xen ABI (`hcbuf-sys`).
#![deny(unsafe_op_in_unsafe_fn)]

// The derive names this crate `::hcbuf_core`, also in its own tests.
extern crate self as hcbuf_core;

pub mod api;
pub mod args;
pub mod backend;
pub mod bounce;
pub mod dispatch;
pub mod handle;
pub mod marker;
pub mod owned;
pub mod pool;
pub mod xen;

pub use args::{HypercallArgs, RegisterArg, SubOp};
pub use bounce::{Bounce, In, InOut, Out};
pub use dispatch::{Backend, XenErrno};
pub use handle::{GuestHandle, GuestHandleMut};
pub use hcbuf_macros::HypercallArgs;
pub use marker::{HypercallSafe, XenWritable};
pub use owned::{PoolBox, PoolSlice};
pub use pool::{Pool, PoolConfig, PoolError, PoolStats};

/// The raw Xen ABI (`hcbuf-sys`), re-exported so that users of hcbuf
/// depend on this crate only.
pub use hcbuf_sys as sys;

/// For the derive's expansion only; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::marker::__private::Derived;

    /// Compiles only if `T` may be a register argument.
    pub const fn assert_register_arg<T: ?Sized + crate::RegisterArg>() {}

    /// Compiles only if `T` may be in memory Xen writes.
    pub const fn assert_xen_writable<T: ?Sized + crate::XenWritable>() {}

    /// Compiles only if the raw twin `R` is a payload of family `F`.
    pub const fn assert_twin_family<R: crate::xen::RawPayload<Family = F>, F>() {}

    /// The size of what `field` returns: of a twin's field, given
    /// `|twin: Twin| twin.field` (never called; by value, so that packed
    /// twins work too).
    pub const fn output_size<T, F, C: FnOnce(T) -> F>(_field: &C) -> usize {
        core::mem::size_of::<F>()
    }

    /// Whether `cmds` holds `cmd` (a `const fn` slice search).
    pub const fn contains(cmds: &[u32], cmd: u32) -> bool {
        let mut i = 0;
        while i < cmds.len() {
            if cmds[i] == cmd {
                return true;
            }
            i += 1;
        }
        false
    }
}
