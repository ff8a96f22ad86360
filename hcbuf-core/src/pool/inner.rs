//! The pool's shared state ([`Inner`]): its shards, the slab of every
//! slot page, the thread caches' counters, and how memory is mapped,
//! handed to threads and given back; with the locks around them.

use std::collections::HashMap;
use std::ptr::NonNull;
use std::sync::PoisonError;

use super::block::Origin;
use super::error::PoolError;
use super::magazine::{ThreadCounters, with_magazine};
use super::mapping::Mapping;
use super::shard::{Counters, ShardState, Slab};
use super::sync::{Arc, AtomicU64, AtomicUsize, Mutex, MutexGuard, Ordering, thread_local};
use super::tracker::Tracker;

/// The pool's shared state. Thread caches hold it weakly.
pub(crate) struct Inner {
    pub(super) id: u64,
    /// The process that made the pool. A child of `fork()` has a copy of
    /// this struct but not the pool's pages (`MADV_DONTFORK`): it must not
    /// touch or unmap them, even while exiting.
    pub(super) pid: u32,
    /// Whether threads keep caches of free slots (off when the cache limit
    /// is 0).
    pub(super) thread_caches: bool,
    /// The live allocations, when tracked.
    pub(super) tracker: Option<Tracker>,
    pub(super) mapping: Mapping,
    pub(super) shards: Box<[Shard]>,
    pub(super) page: usize,
    pub(super) locked: AtomicUsize,
    pub(super) peak_locked: AtomicUsize,
    pub(super) syscalls: AtomicU64,
    /// Every live thread cache's counters, and those of exited threads.
    pub(super) threads: Mutex<(Vec<Arc<ThreadCounters>>, Counters)>,
    /// The slab of every slot page, by page address, with its shard: how a
    /// slot that comes back from a thread cache finds its way home.
    pub(super) slabs: Mutex<HashMap<usize, (usize, NonNull<Slab>)>>,
}

// SAFETY: the slab pointers in `slabs` are only followed under their
// shard's lock; everything else in `Inner` is `Send + Sync` by itself.
unsafe impl Send for Inner {}
// SAFETY: as above.
unsafe impl Sync for Inner {}

/// One shard, on its own cache lines.
#[repr(align(128))]
pub(super) struct Shard(pub(super) Mutex<ShardState>);

impl Inner {
    /// A slot of `class` through this thread's cache (made or refilled as
    /// needed), or straight from a shard when the thread has none.
    ///
    /// (`this` rather than `self: &Arc<Self>`: under loom, `Arc` is a
    /// wrapper, which cannot be a receiver; see `sync`.)
    pub(super) fn alloc_slot(this: &Arc<Self>, class: usize) -> Result<NonNull<u8>, PoolError> {
        if this.thread_caches {
            if let Some(result) = with_magazine(this, |m| m.alloc(this, class)) {
                return result;
            }
        }
        let mut one = Vec::with_capacity(1);
        let mapped = this.refill(class, &mut one, 1)?;
        let mut state = lock(&this.shards[current_shard(this.shards.len())]);
        state.counters.allocations += 1;
        *if mapped {
            &mut state.counters.cache_misses
        } else {
            &mut state.counters.cache_hits
        } += 1;
        Ok(one.pop().expect("a refill yields a slot"))
    }

    /// Moves up to `n` free slots of `class` from this thread's shard into
    /// `out`, mapping a page if the shard has none. Returns whether it
    /// mapped.
    #[cold]
    pub(super) fn refill(
        &self,
        class: usize,
        out: &mut Vec<NonNull<u8>>,
        n: usize,
    ) -> Result<bool, PoolError> {
        let index = current_shard(self.shards.len());
        let shard = &self.shards[index];
        if lock(shard).take_slots(class, n, out) > 0 {
            return Ok(false);
        }
        // Map outside the lock: the shard's other threads go on meanwhile.
        let page = self.map(self.page)?;
        let mut slabs = lock_slabs(self);
        let mut state = lock(shard);
        let slab = state.add_slab(class, page);
        slabs.insert(page.as_ptr() as usize, (index, slab));
        drop(slabs);
        state.take_slots(class, n, out);
        Ok(true)
    }

    /// Gives (all-zero) slots back to their slabs, unmapping pages that
    /// empty over the cache bound.
    #[cold]
    pub(super) fn return_slots(&self, slots: &[NonNull<u8>]) {
        let mut unmap = Vec::new();
        {
            let mut slabs = lock_slabs(self);
            let mut held: Option<(usize, MutexGuard<'_, ShardState>)> = None;
            for &slot in slots {
                let page = slot.as_ptr() as usize & !(self.page - 1);
                let (index, slab) = *slabs.get(&page).expect("every slot's page has a slab");
                if held
                    .as_ref()
                    .is_none_or(|(held_index, _)| *held_index != index)
                {
                    // One shard lock at a time: release the previous first.
                    drop(held.take());
                    held = Some((index, lock(&self.shards[index])));
                }
                let (_, state) = held.as_mut().expect("a shard is held");
                // SAFETY: the slot was taken from this slab and is given
                // back once, by its only owner.
                if let Some(page) = unsafe { state.put_slot(slot, slab) } {
                    slabs.remove(&(page.as_ptr() as usize));
                    unmap.push(page);
                }
            }
        }
        for page in unmap {
            // SAFETY: the shard released this page: nothing lives in it.
            unsafe { self.unmap(page, self.page) };
        }
    }

    pub(super) fn alloc_run(&self, size: usize) -> Result<(NonNull<u8>, usize, Origin), PoolError> {
        let pages = size.div_ceil(self.page);
        if pages
            .checked_mul(self.page)
            .is_none_or(|b| b > isize::MAX as usize)
        {
            return Err(PoolError::BadRequest {
                size,
                align: self.page,
                why: "the size overflows the address space",
            });
        }
        let index = current_shard(self.shards.len());
        let origin = Origin::run(pages, index);
        {
            let mut state = lock(&self.shards[index]);
            if let Some((ptr, dirty)) = state.take_run(pages) {
                state.counters.allocations += 1;
                state.counters.cache_hits += 1;
                return Ok((ptr, dirty, origin));
            }
        }
        let ptr = self.map(pages * self.page)?;
        let mut state = lock(&self.shards[index]);
        state.counters.allocations += 1;
        state.counters.cache_misses += 1;
        Ok((ptr, 0, origin))
    }

    pub(super) fn free_run(&self, ptr: NonNull<u8>, pages: usize, shard: usize, dirty: usize) {
        let unmap = {
            let mut state = lock(&self.shards[shard]);
            state.counters.frees += 1;
            state.put_run(ptr, pages, dirty)
        };
        for (run, len) in unmap {
            // SAFETY: the shard released this run: nothing lives in it.
            unsafe { self.unmap(run, len) };
        }
    }

    pub(super) fn register(&self, counters: &Arc<ThreadCounters>) {
        lock_threads(self).0.push(Arc::clone(counters));
    }

    /// Folds an exiting thread's counters into the pool's.
    pub(super) fn retire(&self, counters: &Arc<ThreadCounters>) {
        let mut threads = lock_threads(self);
        threads.0.retain(|t| !Arc::ptr_eq(t, counters));
        let c = counters.snapshot();
        threads.1.allocations += c.allocations;
        threads.1.frees += c.frees;
        threads.1.cache_hits += c.cache_hits;
        threads.1.cache_misses += c.cache_misses;
    }

    /// Maps `len` bytes. If the OS refuses for want of lockable memory,
    /// first gives back everything cached in the shards, then tries once
    /// more.
    pub(super) fn map(&self, len: usize) -> Result<NonNull<u8>, PoolError> {
        let attempt = || {
            self.mapping
                .map(len, self.locked.load(Ordering::Relaxed), &self.syscalls)
        };
        let ptr = match attempt() {
            Err(PoolError::MemlockLimit { .. } | PoolError::OutOfMemory { .. })
                if self.trim() > 0 =>
            {
                attempt()?
            }
            result => result?,
        };
        let now = self.locked.fetch_add(len, Ordering::Relaxed) + len;
        self.peak_locked.fetch_max(now, Ordering::Relaxed);
        Ok(ptr)
    }

    /// Unmaps every empty slab page and cached run of every shard; returns
    /// the bytes given back.
    #[cold]
    pub(super) fn trim(&self) -> usize {
        let mut unmap = Vec::new();
        {
            let mut slabs = lock_slabs(self);
            for shard in self.shards.iter() {
                for (ptr, len, is_slab) in lock(shard).trim() {
                    if is_slab {
                        slabs.remove(&(ptr.as_ptr() as usize));
                    }
                    unmap.push((ptr, len));
                }
            }
        }
        let mut bytes = 0;
        for (ptr, len) in unmap {
            bytes += len;
            // SAFETY: the shard released this mapping: nothing lives in it.
            unsafe { self.unmap(ptr, len) };
        }
        bytes
    }

    /// # Safety
    /// `ptr..ptr+len` must be a mapping of this pool that nothing uses.
    unsafe fn unmap(&self, ptr: NonNull<u8>, len: usize) {
        // SAFETY: forwarded from the caller.
        unsafe { self.mapping.unmap(ptr, len) };
        self.syscalls.fetch_add(1, Ordering::Relaxed);
        self.locked.fetch_sub(len, Ordering::Relaxed);
    }
}

impl Inner {
    /// Whether this is a child of `fork()` holding a copy of the pool.
    pub(crate) fn forked(&self) -> bool {
        self.pid != std::process::id()
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if self.forked() {
            // The pages are not in this process; their addresses may be
            // reused by the child's own mappings.
            return;
        }
        for shard in self.shards.iter() {
            let mappings = lock(shard).drain();
            for (ptr, len) in mappings {
                // SAFETY: no buffer outlives the pool it borrows, and thread
                // caches of a dropped pool are never used: nothing uses
                // these mappings any more.
                unsafe { self.unmap(ptr, len) };
            }
        }
    }
}

pub(super) fn lock(shard: &Shard) -> MutexGuard<'_, ShardState> {
    // No code panics while holding a shard lock, but if one ever did, the
    // state is still consistent between calls: carry on.
    shard.0.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(super) fn lock_slabs(inner: &Inner) -> MutexGuard<'_, HashMap<usize, (usize, NonNull<Slab>)>> {
    inner.slabs.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(super) fn lock_threads(inner: &Inner) -> MutexGuard<'_, (Vec<Arc<ThreadCounters>>, Counters)> {
    inner.threads.lock().unwrap_or_else(PoisonError::into_inner)
}

/// This thread's shard: threads are numbered round-robin on first use.
#[inline]
pub(super) fn current_shard(count: usize) -> usize {
    #[cfg(not(loom))]
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    // Loom replays a model many times and needs every replay to number its
    // threads alike (the number picks the shard, hence the locks taken): a
    // counter that starts afresh in each execution.
    #[cfg(loom)]
    loom::lazy_static! {
        static ref NEXT: AtomicUsize = AtomicUsize::new(0);
    }
    thread_local! {
        static INDEX: usize = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    INDEX.try_with(|i| *i).unwrap_or(0) & (count - 1)
}
