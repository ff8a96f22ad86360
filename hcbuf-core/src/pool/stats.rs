//! The pool's counters (libxencall keeps the same ones).

use super::shard::Counters;

/// A snapshot of a pool's counters. While other threads use the pool, the
/// counters are read one after another, not at one instant, so they can be
/// slightly out of step with each other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PoolStats {
    /// Successful allocations (zero-length ones excluded).
    pub allocations: u64,
    /// Blocks given back.
    pub frees: u64,
    /// Allocations served from memory the pool already had.
    pub cache_hits: u64,
    /// Allocations that had to map new memory.
    pub cache_misses: u64,
    /// System calls made on the pool's memory (`mmap`, `mlock`, `madvise`,
    /// `munmap`).
    pub syscalls: u64,
    /// Bytes of hypercall-safe memory the pool holds from the OS now.
    pub locked_bytes: usize,
    /// The most it ever held.
    pub peak_locked_bytes: usize,
}

impl PoolStats {
    /// Allocations not yet freed (0 if a concurrent snapshot caught more
    /// frees than allocations).
    pub fn live(&self) -> u64 {
        self.allocations.saturating_sub(self.frees)
    }

    pub(super) fn add(&mut self, c: &Counters) {
        self.allocations += c.allocations;
        self.frees += c.frees;
        self.cache_hits += c.cache_hits;
        self.cache_misses += c.cache_misses;
    }
}
