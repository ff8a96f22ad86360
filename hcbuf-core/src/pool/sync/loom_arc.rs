//! std's `Arc` and `Weak` for the loom build, with every reference-count
//! operation made visible to loom.
//!
//! Loom 0.7 has an `Arc` but no `Weak`, and the pool's thread caches hold
//! their pool weakly. Std's own types would work under loom, but their
//! count changes are invisible to it: loom's partial-order reduction
//! would take dropping a pool handle as independent of everything, and
//! never run the drop between another thread's `Weak::upgrade` and what
//! follows it (the path these wrappers exist to model). So each operation
//! first does a read-modify-write of a loom atomic shared by all handles
//! of one allocation: loom orders those operations between threads and
//! explores their interleavings. The count operation itself follows in
//! the same loom step, so it is atomic to loom, as std's is. The shadow
//! operations use the orderings std's count operations do.

use std::ops::Deref;
use std::sync as std_sync;

use loom::sync::atomic::{AtomicUsize, Ordering};

/// `std::sync::Arc`, each count operation a loom operation.
pub(crate) struct Arc<T> {
    inner: std_sync::Arc<T>,
    /// Shared by every `Arc` and `Weak` of this allocation; its value
    /// means nothing.
    shadow: std_sync::Arc<AtomicUsize>,
}

/// `std::sync::Weak`, each count operation a loom operation.
pub(crate) struct Weak<T> {
    inner: std_sync::Weak<T>,
    shadow: std_sync::Arc<AtomicUsize>,
}

impl<T> Arc<T> {
    pub(crate) fn new(value: T) -> Self {
        Arc {
            inner: std_sync::Arc::new(value),
            shadow: std_sync::Arc::new(AtomicUsize::new(0)),
        }
    }

    pub(crate) fn downgrade(this: &Self) -> Weak<T> {
        this.shadow.fetch_add(1, Ordering::Acquire);
        Weak {
            inner: std_sync::Arc::downgrade(&this.inner),
            shadow: std_sync::Arc::clone(&this.shadow),
        }
    }

    pub(crate) fn ptr_eq(this: &Self, other: &Self) -> bool {
        std_sync::Arc::ptr_eq(&this.inner, &other.inner)
    }
}

impl<T> Clone for Arc<T> {
    fn clone(&self) -> Self {
        self.shadow.fetch_add(1, Ordering::Relaxed);
        Arc {
            inner: std_sync::Arc::clone(&self.inner),
            shadow: std_sync::Arc::clone(&self.shadow),
        }
    }
}

impl<T> Deref for Arc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> Drop for Arc<T> {
    fn drop(&mut self) {
        // Release, and acquire for the last handle, which drops `T`; the
        // count itself drops right after this (the `inner` field).
        self.shadow.fetch_add(1, Ordering::AcqRel);
    }
}

impl<T> Weak<T> {
    pub(crate) fn upgrade(&self) -> Option<Arc<T>> {
        self.shadow.fetch_add(1, Ordering::Acquire);
        Some(Arc {
            inner: self.inner.upgrade()?,
            shadow: std_sync::Arc::clone(&self.shadow),
        })
    }

    pub(crate) fn strong_count(&self) -> usize {
        // A load, as std's is; an RMW so that loom orders it too.
        self.shadow.fetch_add(1, Ordering::Relaxed);
        self.inner.strong_count()
    }
}
