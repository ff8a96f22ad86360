//! A block of pool memory as its owner holds it: where it is, how many
//! bytes were asked for, how many may be non-zero, and where it goes back.

use std::ptr::NonNull;

/// A block of pool memory at `ptr` of `len` requested bytes.
#[derive(Debug)]
pub(crate) struct Block {
    pub(crate) ptr: NonNull<u8>,
    pub(super) len: usize,
    /// How many bytes from the start may be non-zero; everything after is
    /// zero. Grows when the owner hands the block out writable.
    pub(super) dirty: usize,
    pub(super) origin: Origin,
}

/// Where a block came from, so it can go back there. Plain aligned words
/// rather than an enum with payloads: blocks are moved on the hot path,
/// and whole-word fields keep those moves cheap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Origin {
    pub(super) kind: Kind,
    /// The size class of a slot, or the shard that caches a run.
    pub(super) index: usize,
    /// The length of a run in pages.
    pub(super) pages: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub(super) enum Kind {
    /// A zero-length block: no memory at all.
    Empty,
    /// A slot of size class `index`.
    Slot,
    /// A run of `pages` pages, cached by shard `index` when freed.
    Run,
}

impl Origin {
    pub(super) const EMPTY: Origin = Origin {
        kind: Kind::Empty,
        index: 0,
        pages: 0,
    };

    #[inline]
    pub(super) fn slot(class: usize) -> Origin {
        Origin {
            kind: Kind::Slot,
            index: class,
            pages: 0,
        }
    }

    pub(super) fn run(pages: usize, shard: usize) -> Origin {
        Origin {
            kind: Kind::Run,
            index: shard,
            pages,
        }
    }
}

// SAFETY: a block is exclusive ownership of pool memory, which any thread
// may use; it is freed through the pool's locks or the freeing thread's
// own cache.
unsafe impl Send for Block {}
// SAFETY: through a shared `&Block` its fields are only read; the memory
// it owns is written through one only by `Pool::free`, which the owner
// calls from its `Drop` (holding the block exclusively, then).
unsafe impl Sync for Block {}

impl Block {
    /// Records that the first `len` bytes may now be written.
    #[inline]
    pub(super) fn mark_written(&mut self) {
        self.dirty = self.dirty.max(self.len);
    }

    /// Zeroes the requested bytes that may be non-zero.
    #[inline]
    pub(super) fn zero_requested(&mut self) {
        let n = self.dirty.min(self.len);
        // SAFETY: the block's first `len` bytes are pool memory owned by
        // this block.
        unsafe { self.ptr.as_ptr().write_bytes(0, n) };
        if self.dirty <= self.len {
            self.dirty = 0;
        }
    }
}
