//! hcbuf's runtime: hypercall-safe memory, typed guest handles and the
//! dispatch of checked hypercalls to Xen.
//!
//! - [`pool`]: the hypercall-safe memory pool.
//! - [`owned`]: typed owners of pool memory ([`PoolBox`], [`PoolSlice`]).
//! - [`bounce`]: bounce buffers over caller memory, direction in the type.
//! - [`sys`]: the raw Xen ABI (`hcbuf-sys`).
#![deny(unsafe_op_in_unsafe_fn)]

pub mod bounce;
pub mod marker;
pub mod owned;
pub mod pool;

pub use bounce::{Bounce, In, InOut, Out};
pub use owned::{PoolBox, PoolSlice};
pub use pool::{Pool, PoolConfig, PoolError, PoolStats};

/// The raw Xen ABI (`hcbuf-sys`), re-exported so that users of hcbuf
/// depend on this crate only.
pub use hcbuf_sys as sys;
