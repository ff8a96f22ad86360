//! hcbuf's runtime: hypercall-safe memory, typed guest handles and the
//! dispatch of checked hypercalls to Xen.
//!
//! Not written yet beyond re-exporting the raw ABI as [`sys`]; the pool, the
//! handles and the backends arrive with the next issues (see the
//! workspace's `ARCHITECTURE.md`).
#![deny(unsafe_op_in_unsafe_fn)]

/// The raw Xen ABI (`hcbuf-sys`), re-exported so that users of hcbuf
/// depend on this crate only.
pub use hcbuf_sys as sys;
