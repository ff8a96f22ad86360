//! One shard of the pool: slot pages per class and cached page runs,
//! behind one lock that only the threads mapped to this shard take in the
//! common path.
//!
//! Nothing here makes system calls: a shard hands out memory it already
//! has, takes back memory, and says which mappings to give back to the OS;
//! the caller maps and unmaps outside the lock.

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
    live: usize,
    /// Position in the class's list of slabs with free slots, if listed.
    partial_pos: Option<usize>,
    /// Position in the shard's list of all slabs.
    all_pos: usize,
}

/// Where a block came from, so it can go back there.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin {
    /// A zero-length block: no memory at all.
    Empty,
    /// A slot of a slab owned by shard `shard`.
    Slot { slab: NonNull<Slab>, shard: usize },
    /// A run of whole pages cached by shard `shard` when freed.
    Run { pages: usize, shard: usize },
}

/// Counters kept under the shard's lock (so the hot path touches no shared
/// cache line).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counters {
    pub(crate) allocations: u64,
    pub(crate) frees: u64,
    pub(crate) cache_hits: u64,
    pub(crate) cache_misses: u64,
}

impl Counters {
    /// An allocation served from memory the shard had.
    #[inline]
    pub(crate) fn hit(&mut self) {
        self.allocations += 1;
        self.cache_hits += 1;
    }
}

/// The state behind a shard's lock.
pub(crate) struct ShardState {
    /// Per class: slabs with at least one free slot (most recent last).
    partial: [Vec<NonNull<Slab>>; CLASSES],
    /// Every slab of this shard.
    all: Vec<NonNull<Slab>>,
    /// Free page runs by length in pages.
    runs: BTreeMap<usize, Vec<NonNull<u8>>>,
    /// Bytes held with nothing living in them (empty slabs, cached runs).
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

    /// A free slot of `class`, if a slab of this shard has one.
    #[inline]
    pub(crate) fn take_slot(&mut self, class: usize) -> Option<(NonNull<u8>, NonNull<Slab>)> {
        let slab_ptr = *self.partial[class].last()?;
        // SAFETY: listed slabs are live boxes owned by this shard, and we
        // hold its lock (`&mut self`).
        let slab = unsafe { &mut *slab_ptr.as_ptr() };
        let slot = match slab.free {
            Some(slot) => {
                // SAFETY: a free slot's first word holds the next free
                // slot (written by `put_slot`); slots are ≥ 16 bytes and
                // aligned to their size.
                slab.free = unsafe { slot.cast::<Option<NonNull<u8>>>().read() };
                slot
            }
            None => {
                // SAFETY: `bump < capacity` while the slab is listed with no
                // freed slot, so the slot lies inside the slab's page.
                let slot = unsafe { slab.base.add(slab.bump * slot_size(class)) };
                slab.bump += 1;
                slot
            }
        };
        if slab.live == 0 {
            self.cached_bytes -= self.page;
        }
        slab.live += 1;
        if slab.live == slab.capacity {
            self.partial[class].pop();
            slab.partial_pos = None;
        }
        Some((slot, slab_ptr))
    }

    /// Adopts a freshly mapped page as a slab of `class` and takes a slot
    /// from it.
    pub(crate) fn add_slab(
        &mut self,
        class: usize,
        base: NonNull<u8>,
    ) -> (NonNull<u8>, NonNull<Slab>) {
        let slab = Box::new(Slab {
            base,
            class,
            free: None,
            bump: 0,
            capacity: self.page / slot_size(class),
            live: 0,
            partial_pos: Some(self.partial[class].len()),
            all_pos: self.all.len(),
        });
        let ptr = NonNull::from(Box::leak(slab));
        self.partial[class].push(ptr);
        self.all.push(ptr);
        self.cached_bytes += self.page;
        self.take_slot(class).expect("a new slab has free slots")
    }

    /// Returns a slot. If that empties a page and the cache is over its
    /// bound, the page leaves the shard and is returned for unmapping.
    ///
    /// # Safety
    /// `slot` must have come from `take_slot`/`add_slab` of this shard for
    /// `slab`, and must not be used after this call.
    pub(crate) unsafe fn put_slot(
        &mut self,
        slot: NonNull<u8>,
        slab_ptr: NonNull<Slab>,
    ) -> Option<NonNull<u8>> {
        // SAFETY: the slab is live (it has a live slot) and owned by this
        // shard, whose lock we hold.
        let slab = unsafe { &mut *slab_ptr.as_ptr() };
        // SAFETY: the slot is ours again and large enough for a link.
        unsafe { slot.cast::<Option<NonNull<u8>>>().write(slab.free) };
        slab.free = Some(slot);
        slab.live -= 1;
        if slab.partial_pos.is_none() {
            slab.partial_pos = Some(self.partial[slab.class].len());
            self.partial[slab.class].push(slab_ptr);
        }
        if slab.live > 0 {
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

    /// A cached run of exactly `pages` pages, if there is one.
    #[inline]
    pub(crate) fn take_run(&mut self, pages: usize) -> Option<NonNull<u8>> {
        let run = self.runs.get_mut(&pages)?.pop()?;
        self.cached_bytes -= pages * self.page;
        Some(run)
    }

    /// Caches a freed run, or returns it for unmapping if the cache would
    /// exceed its bound.
    pub(crate) fn put_run(&mut self, run: NonNull<u8>, pages: usize) -> Option<NonNull<u8>> {
        let bytes = pages * self.page;
        if self.cached_bytes + bytes > self.cache_limit {
            return Some(run);
        }
        self.cached_bytes += bytes;
        self.runs.entry(pages).or_default().push(run);
        None
    }

    /// Empties the shard for the pool's drop: every mapping it holds, with
    /// its length. Slabs still holding live slots (only possible if an
    /// owner was leaked with `mem::forget`) are released too, since no
    /// borrow of the pool can outlive its drop.
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
            out.extend(runs.into_iter().map(|r| (r, pages * self.page)));
        }
        self.cached_bytes = 0;
        out
    }
}
