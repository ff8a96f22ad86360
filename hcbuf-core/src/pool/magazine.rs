//! Per-thread caches of free slots ("magazines"), one per thread and pool.
//!
//! The common path of a small allocation or free touches only the calling
//! thread's magazine: no lock, no atomic read-modify-write, no shared cache
//! line. Free slots of a class are kept as a list threaded through their
//! own first word (like glibc's tcache); every other byte of a cached slot
//! is zero, and the link is cleared when the slot is handed out. A
//! magazine refills from, and flushes half of a class to, the shards when
//! it runs dry or holds more than [`capacity`] slots of a class.
//!
//! A magazine holds the pool weakly: when the thread exits, its slots go
//! back to their shards if the pool still exists; if the pool is gone, its
//! memory went with it and the magazine's entries are forgotten (never
//! touched). Pools have never-reused ids, so a magazine can never be
//! mistaken for a newer pool's.

use super::Inner;
use super::shard::Counters;
use super::size_class::{CLASSES, slot_size};
use super::sync::{Arc, AtomicU64, Ordering, Weak, thread_local};
use std::cell::RefCell;
use std::ptr::NonNull;

/// Slots taken from a shard at once when a magazine runs dry.
pub(crate) const REFILL: usize = 16;
/// A magazine holding more than `capacity(class)` slots of a class gives
/// half back: at most 64 slots, and at most 128 KiB, per class.
#[inline]
pub(crate) fn capacity(class: usize) -> usize {
    ((128 << 10) / slot_size(class)).clamp(16, 64)
}

/// One thread's counters for one pool. Only that thread writes them (plain
/// load + store, no read-modify-write); `Pool::stats` reads them. Each sits
/// on cache lines of its own, so two threads' counting never collides.
#[derive(Debug, Default)]
#[repr(align(128))]
pub(crate) struct ThreadCounters {
    allocations: AtomicU64,
    frees: AtomicU64,
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
}

impl ThreadCounters {
    #[inline]
    fn bump(counter: &AtomicU64) {
        counter.store(counter.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> Counters {
        Counters {
            allocations: self.allocations.load(Ordering::Relaxed),
            frees: self.frees.load(Ordering::Relaxed),
            cache_hits: self.cache_hits.load(Ordering::Relaxed),
            cache_misses: self.cache_misses.load(Ordering::Relaxed),
        }
    }
}

/// The free slots of one class: a list through the slots' first words.
#[derive(Clone, Copy)]
struct List {
    head: Option<NonNull<u8>>,
    len: usize,
}

/// One thread's cache for one pool.
pub(crate) struct Magazine {
    pool_id: u64,
    pool: Weak<Inner>,
    lists: [List; CLASSES],
    counters: Arc<ThreadCounters>,
}

#[cfg(not(loom))]
thread_local! {
    static MAGAZINES: RefCell<Vec<Magazine>> = const { RefCell::new(Vec::new()) };
}
// Loom's `thread_local!` takes no `const { }` initialiser (which only saves
// std a lazy-initialisation check).
#[cfg(loom)]
thread_local! {
    static MAGAZINES: RefCell<Vec<Magazine>> = RefCell::new(Vec::new());
}

impl Magazine {
    /// A cached slot of `class`, all zero.
    #[inline(always)]
    fn pop(&mut self, class: usize) -> Option<NonNull<u8>> {
        let list = &mut self.lists[class];
        let slot = list.head?;
        // SAFETY: a listed slot's first word holds the next listed slot;
        // the slot is pool memory this magazine owns.
        list.head = unsafe { slot.cast::<Option<NonNull<u8>>>().read() };
        // SAFETY: as above; clearing the link makes the slot all zero.
        unsafe { slot.cast::<usize>().write(0) };
        list.len -= 1;
        Some(slot)
    }

    /// Lists an all-zero slot; returns `true` if the class is now over
    /// capacity.
    #[inline(always)]
    fn push(&mut self, class: usize, slot: NonNull<u8>) -> bool {
        let list = &mut self.lists[class];
        // SAFETY: the slot is pool memory given to this magazine, at least
        // 16 bytes and aligned: room for the link.
        unsafe { slot.cast::<Option<NonNull<u8>>>().write(list.head) };
        list.head = Some(slot);
        list.len += 1;
        list.len > capacity(class)
    }

    /// Unlists up to `n` slots of `class`, all zero.
    fn take(&mut self, class: usize, n: usize) -> Vec<NonNull<u8>> {
        let mut out = Vec::with_capacity(n.min(self.lists[class].len));
        while out.len() < n {
            match self.pop(class) {
                Some(slot) => out.push(slot),
                None => break,
            }
        }
        out
    }

    /// A slot of `class` for an allocation, refilling from the pool's
    /// shards if the list is empty. Counted.
    pub(crate) fn alloc(
        &mut self,
        inner: &Inner,
        class: usize,
    ) -> Result<NonNull<u8>, super::PoolError> {
        let mapped = if self.lists[class].head.is_some() {
            false
        } else {
            let mut batch = Vec::with_capacity(REFILL);
            let mapped = inner.refill(class, &mut batch, REFILL)?;
            for slot in batch {
                self.push(class, slot);
            }
            mapped
        };
        let slot = self.pop(class).expect("a refill yields at least one slot");
        ThreadCounters::bump(&self.counters.allocations);
        ThreadCounters::bump(if mapped {
            &self.counters.cache_misses
        } else {
            &self.counters.cache_hits
        });
        Ok(slot)
    }
}

impl Drop for Magazine {
    fn drop(&mut self) {
        // In a child of fork() the slots' pages do not exist: forget them.
        if let Some(inner) = self.pool.upgrade().filter(|inner| !inner.forked()) {
            for class in 0..CLASSES {
                let slots = self.take(class, usize::MAX);
                inner.return_slots(&slots);
            }
            inner.retire(&self.counters);
        }
    }
}

/// Runs `f` on this thread's magazine for the pool, if there is one.
#[inline(always)]
fn with_existing<R>(inner: &Inner, f: impl FnOnce(&mut Magazine) -> R) -> Option<R> {
    MAGAZINES
        .try_with(|cell| {
            let mut magazines = cell.try_borrow_mut().ok()?;
            let m = magazines.iter_mut().find(|m| m.pool_id == inner.id)?;
            Some(f(m))
        })
        .ok()
        .flatten()
}

/// The fast path of an allocation: a cached all-zero slot of `class`,
/// counted as a cache hit. Never creates a magazine or takes a lock.
#[inline(always)]
pub(crate) fn pop(inner: &Inner, class: usize) -> Option<NonNull<u8>> {
    with_existing(inner, |m| {
        let slot = m.pop(class)?;
        ThreadCounters::bump(&m.counters.allocations);
        ThreadCounters::bump(&m.counters.cache_hits);
        Some(slot)
    })
    .flatten()
}

/// The fast path of a free: caches an all-zero slot of `class`, giving
/// half the class back to the shards if that is over capacity. Returns
/// `false` (and keeps nothing) if the thread has no magazine for the pool.
#[inline(always)]
pub(crate) fn push(inner: &Inner, class: usize, slot: NonNull<u8>) -> bool {
    let excess = with_existing(inner, |m| {
        ThreadCounters::bump(&m.counters.frees);
        m.push(class, slot)
            .then(|| m.take(class, capacity(class) / 2))
    });
    match excess {
        None => false,
        Some(None) => true,
        Some(Some(slots)) => {
            inner.return_slots(&slots);
            true
        }
    }
}

/// Runs `f` on this thread's magazine for the pool `inner`, making one if
/// needed. `None` when no magazine is usable: the thread is exiting (its
/// thread-locals are being destroyed) or this is a nested call.
pub(crate) fn with_magazine<R>(
    inner: &Arc<Inner>,
    f: impl FnOnce(&mut Magazine) -> R,
) -> Option<R> {
    MAGAZINES
        .try_with(|cell| {
            let mut magazines = cell.try_borrow_mut().ok()?;
            let index = match magazines.iter().position(|m| m.pool_id == inner.id) {
                Some(index) => index,
                None => {
                    // Forget the magazines of dropped pools (their memory
                    // is gone; dropping them touches nothing).
                    magazines.retain(|m| m.pool.strong_count() > 0);
                    let counters = Arc::new(ThreadCounters::default());
                    inner.register(&counters);
                    magazines.push(Magazine {
                        pool_id: inner.id,
                        pool: Arc::downgrade(inner),
                        lists: [List { head: None, len: 0 }; CLASSES],
                        counters,
                    });
                    magazines.len() - 1
                }
            };
            Some(f(&mut magazines[index]))
        })
        .ok()
        .flatten()
}
