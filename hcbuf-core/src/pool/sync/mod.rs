//! The pool's synchronisation primitives, named in one place so that the
//! `loom` model test (`tests/loom.rs`, built with `RUSTFLAGS="--cfg loom"`)
//! can swap in loom's instrumented versions. A normal build re-exports
//! std's, so it compiles to exactly the code it did before this module.
//!
//! What loom sees and what it does not:
//! - Mutexes, atomics and the thread-local magazines are loom's under
//!   `cfg(loom)`. Loom threads are not OS threads (a whole model runs on
//!   one), so std's `thread_local!` would be shared between them; loom's
//!   gives each model thread its own, and runs their destructors when the
//!   model thread ends, as std does for OS threads: the flush of a
//!   magazine at thread exit is modelled.
//! - `Arc` and `Weak` are std's, under loom wrapped so that each count
//!   operation is a loom operation too (`loom_arc.rs`): loom 0.7 has no
//!   `Weak`, and a thread's magazines hold their pool weakly.
//! - `static` counters (pool ids) stay std atomics: loom's cannot be
//!   statics. The thread numbering that picks a thread's shard is the
//!   exception (see `current_shard`), because it steers control flow.

#[cfg(loom)]
mod loom_arc;

#[cfg(loom)]
pub(crate) use loom_arc::{Arc, Weak};
#[cfg(not(loom))]
pub(crate) use std::sync::{Arc, Weak};

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
#[cfg(not(loom))]
pub(crate) use std::sync::{Mutex, MutexGuard};
#[cfg(not(loom))]
pub(crate) use std::thread_local;

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
#[cfg(loom)]
pub(crate) use loom::sync::{Mutex, MutexGuard};
#[cfg(loom)]
pub(crate) use loom::thread_local;
