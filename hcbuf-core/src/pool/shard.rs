//! One shard of the pool: slot pages per class and cached page runs,
//! behind one lock. Threads reach a shard only to refill or flush their
//! own slot caches (see `magazine`), and for page runs.
//!
//! Invariant: a slot on a slab's free list is zero except its first word
//! (the list link), which `take_slots` clears; so slots leave a shard all
//! zero. Cached runs carry the length of their prefix that may be non-zero
//! (see `Block::dirty`); whoever allocates one zeroes what it needs.
//!
//! Nothing here makes system calls: a shard hands out memory it has, takes
//! memory back, and says which mappings to give back to the OS; the
//! caller maps and unmaps outside the lock.

use std::collections::BTreeMap;
use std::ptr::NonNull;

use super::size_class::{CLASSES, slot_size};

/// A page of slots of one class. Lives in a `Box` owned by its shard (as a
/// raw pointer, so blocks can name it) until the page is unmapped.
pub(crate) struct Slab {
    base: NonNull<u8>,
    class: usize,
    /// Head of the list of freed slots; each free slot's first word holds
    /// the next one's address.
    free: Option<NonNull<u8>>,
    /// Slots never handed out start at `base + bump * slot`.
    bump: usize,
    capacity: usize,
    /// Slots not on this slab's free list (in use, or in a thread's cache).
    out: usize,
    /// Position in the class's list of slabs with free slots, if listed.
    partial_pos: Option<usize>,
    /// Position in the shard's list of all slabs.
    all_pos: usize,
}

/// Counters kept under a shard's lock (page runs, and allocations made
/// where no thread cache is available).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counters {
    pub(crate) allocations: u64,
    pub(crate) frees: u64,
    pub(crate) cache_hits: u64,
    pub(crate) cache_misses: u64,
}

/// The state behind a shard's lock.
pub(crate) struct ShardState {
    /// Per class: slabs with at least one free slot (most recent last).
    partial: [Vec<NonNull<Slab>>; CLASSES],
    /// Every slab of this shard.
    all: Vec<NonNull<Slab>>,
    /// Free page runs by length in pages, each with its dirty prefix.
    runs: BTreeMap<usize, Vec<(NonNull<u8>, usize)>>,
    /// Bytes held with nothing in them (empty slabs, cached runs).
    cached_bytes: usize,
    /// The bound on `cached_bytes`; beyond it, emptied pages go back.
    cache_limit: usize,
    page: usize,
    pub(crate) counters: Counters,
}

// SAFETY: the pointers name pool mappings and boxed slabs owned by this
// shard; they are only dereferenced under the shard's lock, from any thread.
unsafe impl Send for ShardState {}

impl ShardState {
    pub(crate) fn new(cache_limit: usize, page: usize) -> Self {
        ShardState {
            partial: Default::default(),
            all: Vec::new(),
            runs: BTreeMap::new(),
            cached_bytes: 0,
            cache_limit,
            page,
            counters: Counters::default(),
        }
    }

    /// Moves up to `max` free (all-zero) slots of `class` into `out`;
    /// returns how many.
    pub(crate) fn take_slots(
        &mut self,
        class: usize,
        max: usize,
        out: &mut Vec<NonNull<u8>>,
    ) -> usize {
        let mut taken = 0;
        while taken < max {
            let Some(&slab_ptr) = self.partial[class].last() else {
                break;
            };
            // SAFETY: listed slabs are live boxes owned by this shard, and
            // we hold its lock (`&mut self`).
            let slab = unsafe { &mut *slab_ptr.as_ptr() };
            if slab.out == 0 {
                self.cached_bytes -= self.page;
            }
            while taken < max && slab.out < slab.capacity {
                let ptr = match slab.free {
                    Some(slot) => {
                        // SAFETY: a free slot's first word holds the next
                        // free slot (written by `put_slot`); slots are at
                        // least 16 bytes and aligned to their size.
                        slab.free = unsafe { slot.cast::<Option<NonNull<u8>>>().read() };
                        // SAFETY: restore the invariant that a slot outside
                        // its slab is all zero.
                        unsafe { slot.cast::<usize>().write(0) };
                        slot
                    }
                    None => {
                        // SAFETY: `bump < capacity` here (no freed slot and
                        // not all out), so the slot lies inside the page.
                        let slot = unsafe { slab.base.add(slab.bump * slot_size(class)) };
                        slab.bump += 1;
                        slot
                    }
                };
                slab.out += 1;
                out.push(ptr);
                taken += 1;
            }
            if slab.out == slab.capacity {
                self.partial[class].pop();
                slab.partial_pos = None;
            }
        }
        taken
    }

    /// Adopts a freshly mapped (zero) page as a slab of `class`; returns
    /// the slab, for the pool's page-to-slab map.
    pub(crate) fn add_slab(&mut self, class: usize, base: NonNull<u8>) -> NonNull<Slab> {
        let slab = Box::new(Slab {
            base,
            class,
            free: None,
            bump: 0,
            capacity: self.page / slot_size(class),
            out: 0,
            partial_pos: Some(self.partial[class].len()),
            all_pos: self.all.len(),
        });
        let ptr = NonNull::from(Box::leak(slab));
        self.partial[class].push(ptr);
        self.all.push(ptr);
        self.cached_bytes += self.page;
        ptr
    }

    /// Returns a slot, which must be all zero, to its slab. If that empties the page and the
    /// cache is over its bound, the page leaves the shard and is returned
    /// for unmapping.
    ///
    /// # Safety
    /// `slot` must have been taken from `slab` of this shard and not
    /// returned since, and must not be used after this call.
    pub(crate) unsafe fn put_slot(
        &mut self,
        slot: NonNull<u8>,
        slab_ptr: NonNull<Slab>,
    ) -> Option<NonNull<u8>> {
        // SAFETY: the slab is live (one of its slots is out) and owned by
        // this shard, whose lock we hold.
        let slab = unsafe { &mut *slab_ptr.as_ptr() };
        // SAFETY: the slot is ours again and large enough for a link.
        unsafe { slot.cast::<Option<NonNull<u8>>>().write(slab.free) };
        slab.free = Some(slot);
        slab.out -= 1;
        if slab.partial_pos.is_none() {
            slab.partial_pos = Some(self.partial[slab.class].len());
            self.partial[slab.class].push(slab_ptr);
        }
        if slab.out > 0 {
            return None;
        }
        self.cached_bytes += self.page;
        if self.cached_bytes <= self.cache_limit {
            return None;
        }
        Some(self.remove_slab(slab_ptr))
    }

    /// Unlists an empty slab, frees its box and returns its page.
    fn remove_slab(&mut self, slab_ptr: NonNull<Slab>) -> NonNull<u8> {
        // SAFETY: the slab is listed here, hence a live box of this shard.
        let slab = unsafe { Box::from_raw(slab_ptr.as_ptr()) };
        if let Some(pos) = slab.partial_pos {
            let list = &mut self.partial[slab.class];
            list.swap_remove(pos);
            if let Some(moved) = list.get(pos) {
                // SAFETY: listed slabs are live boxes of this shard.
                unsafe { (*moved.as_ptr()).partial_pos = Some(pos) };
            }
        }
        self.all.swap_remove(slab.all_pos);
        if let Some(moved) = self.all.get(slab.all_pos) {
            // SAFETY: as above.
            unsafe { (*moved.as_ptr()).all_pos = slab.all_pos };
        }
        self.cached_bytes -= self.page;
        slab.base
    }

    /// A cached run of exactly `pages` pages and its dirty prefix, if any.
    pub(crate) fn take_run(&mut self, pages: usize) -> Option<(NonNull<u8>, usize)> {
        let run = self.runs.get_mut(&pages)?.pop()?;
        self.cached_bytes -= pages * self.page;
        Some(run)
    }

    /// Caches a freed run (with its dirty prefix). If that would exceed the
    /// cache's bound, cached runs of other lengths make room (the run just
    /// freed is the likeliest to be wanted again); if they cannot, the run
    /// itself goes. Returns the mappings to unmap, with their lengths.
    pub(crate) fn put_run(
        &mut self,
        run: NonNull<u8>,
        pages: usize,
        dirty: usize,
    ) -> Vec<(NonNull<u8>, usize)> {
        let bytes = pages * self.page;
        if bytes > self.cache_limit {
            return vec![(run, bytes)];
        }
        let mut unmap = Vec::new();
        while self.cached_bytes + bytes > self.cache_limit {
            // Evict the longest other length first: the fewest unmaps.
            let other = self
                .runs
                .iter()
                .rev()
                .find(|(p, v)| **p != pages && !v.is_empty());
            let Some((&other, _)) = other else { break };
            let (victim, _) = self.take_run(other).expect("a cached run of that length");
            unmap.push((victim, other * self.page));
        }
        if self.cached_bytes + bytes > self.cache_limit {
            unmap.push((run, bytes));
        } else {
            self.cached_bytes += bytes;
            self.runs.entry(pages).or_default().push((run, dirty));
        }
        unmap
    }

    /// Releases every empty slab and cached run: the mappings, with their
    /// lengths and whether each was a slab page.
    pub(crate) fn trim(&mut self) -> Vec<(NonNull<u8>, usize, bool)> {
        let mut out = Vec::new();
        let empty: Vec<NonNull<Slab>> = self
            .all
            .iter()
            .copied()
            // SAFETY: every slab in `all` is a live box of this shard.
            .filter(|s| unsafe { s.as_ref() }.out == 0)
            .collect();
        for slab in empty {
            out.push((self.remove_slab(slab), self.page, true));
        }
        for (pages, runs) in &mut self.runs {
            for (run, _) in runs.drain(..) {
                self.cached_bytes -= pages * self.page;
                out.push((run, pages * self.page, false));
            }
        }
        self.runs.retain(|_, runs| !runs.is_empty());
        out
    }

    /// Empties the shard for the pool's drop: every mapping it holds, with
    /// its length. Slabs with slots still out (only possible if an owner
    /// was leaked with `mem::forget`, or a thread cache outlives the pool)
    /// are released too: no borrow of the pool outlives its drop.
    pub(crate) fn drain(&mut self) -> Vec<(NonNull<u8>, usize)> {
        let mut out = Vec::new();
        for slab_ptr in self.all.drain(..) {
            // SAFETY: every slab in `all` is a live box of this shard.
            let slab = unsafe { Box::from_raw(slab_ptr.as_ptr()) };
            out.push((slab.base, self.page));
        }
        for list in &mut self.partial {
            list.clear();
        }
        for (pages, runs) in std::mem::take(&mut self.runs) {
            out.extend(runs.into_iter().map(|(r, _)| (r, pages * self.page)));
        }
        self.cached_bytes = 0;
        out
    }
}
