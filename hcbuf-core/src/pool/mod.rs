//! The hypercall-safe memory pool.
//!
//! Xen reads and writes hypercall arguments in place, through the guest
//! virtual addresses it is given. The memory behind them must be present,
//! must not move while Xen uses it, and must stay alive until the call
//! returns. libxc learnt in 2010 that `mlock()`ing the caller's own memory
//! around each call does not get there, for three reasons this pool
//! answers by construction:
//!
//! 1. **`mlock` does not nest.** Two objects on one page: the first
//!    `munlock` unlocks both. Here a pool page holds only pool data and is
//!    locked once, when it is mapped, for as long as the pool holds it; it
//!    is unmapped only when nothing lives in it. Buffers never lock or
//!    unlock anything themselves.
//! 2. **Locking the stack is dubious** (it locks whatever else shares the
//!    pages, and the frame dies with the function). Here every argument is
//!    allocated from the pool; callers' own memory reaches Xen only through
//!    [`bounce buffers`](crate::bounce), which copy it into pool memory.
//! 3. **`mlock`ed memory still takes minor faults**: compaction and
//!    migration may briefly unmap a locked page, and a hypercall touching it
//!    then fails with `EFAULT`. The kernel's hypercall buffer device
//!    (`/dev/xen/hypercall`, Linux ≥ 4.18) hands out pages that are never
//!    migrated; the pool uses it whenever it exists and reports
//!    [`Pool::never_faults`]`() == true`. Without it (older kernels, tests),
//!    the pool falls back to anonymous memory locked with `mlock`, and
//!    `never_faults()` is `false`: correct except for that rare race, as
//!    with libxencall's own fallback.
//!
//! # Allocation
//! Requests of up to 4096 bytes take a slot of a power-of-two class in a
//! page of such slots; larger ones take a run of whole pages. Freed memory
//! stays with the pool, so a steady state makes no system calls; an empty
//! page or a freed run goes back to the OS only when the pool's cache of
//! unused memory is over its bound ([`PoolConfig::cache_limit`]).
//!
//! Every allocation is zeroed (the requested bytes). The pool knows which
//! memory may be non-zero: a block remembers how much of it was ever
//! handed out writable (a `&mut`, a copy into it, later a guest handle Xen
//! may write through), and only that prefix is cleared before the memory
//! is handed out again. Memory nobody could have written is not zeroed
//! twice.
//!
//! Threads do not contend in the common path: each thread keeps a small
//! cache of free slots per pool (no lock, no atomic read-modify-write),
//! refilled from and flushed to one of the pool's shards in batches; page
//! runs come from the thread's shard, each behind its own lock (threads are
//! spread round-robin over twice as many shards as CPUs).
//!
//! ```
//! use hcbuf_core::Pool;
//!
//! let pool = Pool::new()?; // /dev/xen/hypercall if present, else locked memory
//! let mut ids = pool.slice::<u32>(16)?; // zeroed, hypercall-safe
//! ids[0] = 7;
//! let stats = pool.stats();
//! assert_eq!((stats.allocations, stats.live()), (1, 1));
//! drop(ids);
//! assert_eq!(pool.stats().live(), 0);
//! # Ok::<(), hcbuf_core::PoolError>(())
//! ```
//!
//! # Fork
//! Pool memory is mapped `MADV_DONTFORK`: a child of `fork()` does not have
//! it. A child must not use the pool or any buffer from it (nor drop a
//! buffer); it may `exec` or exit, and the pool knows to touch nothing of
//! its pages then (its thread caches and its drop check the process id).
//! The parent's buffers are unaffected.

mod block;
mod config;
mod error;
mod inner;
mod magazine;
mod mapping;
mod shard;
mod size_class;
mod stats;
mod sync;
mod tracker;

pub use config::{DevicePath, MemorySource, PoolConfig};
pub use error::PoolError;
pub use mapping::{HYPERCALL_DEVICE, page_size};
pub use stats::PoolStats;
pub use tracker::Access;

use std::collections::HashMap;
use std::ptr::NonNull;

pub(crate) use block::Block;
use block::{Kind, Origin};
pub(crate) use inner::Inner;
use inner::{Shard, current_shard, lock, lock_threads};
use mapping::Mapping;
use shard::{Counters, ShardState};
use sync::{Arc, AtomicU64, AtomicUsize, Mutex, Ordering};
use tracker::Tracker;

/// A pool of hypercall-safe memory. `Send + Sync`; see the [module
/// docs](self) for what it guarantees.
///
/// Cloning is cheap and gives another handle to the same pool (a backend
/// that checks addresses against the pool keeps one); the pool's memory
/// goes back to the OS when the last handle and the last buffer are gone.
#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

impl Pool {
    /// A pool on `/dev/xen/hypercall` if it exists, else on locked
    /// anonymous memory.
    pub fn new() -> Result<Pool, PoolError> {
        Pool::with_config(PoolConfig::default())
    }

    /// A pool on the hypercall buffer device `device` (an error if it
    /// does not exist or is not a character device).
    pub fn device(device: DevicePath) -> Result<Pool, PoolError> {
        Pool::with_config(PoolConfig::default().source(MemorySource::Device(device)))
    }

    /// A pool on locked anonymous memory (the fallback).
    pub fn locked_anonymous() -> Pool {
        Pool::build(Mapping::LockedAnonymous, &PoolConfig::default())
    }

    /// A pool as `config` says.
    pub fn with_config(config: PoolConfig) -> Result<Pool, PoolError> {
        let mapping = match &config.source {
            MemorySource::Auto(device) => {
                Mapping::open_device(device.path())?.unwrap_or(Mapping::LockedAnonymous)
            }
            MemorySource::Device(device) => {
                Mapping::open_device(device.path())?.ok_or_else(|| PoolError::DeviceOpen {
                    path: device.path().to_owned(),
                    source: std::io::Error::from_raw_os_error(libc::ENOENT),
                })?
            }
            MemorySource::LockedAnonymous => Mapping::LockedAnonymous,
        };
        Ok(Pool::build(mapping, &config))
    }

    fn build(mapping: Mapping, config: &PoolConfig) -> Pool {
        // Std's even under loom (whose atomics cannot be statics): ids are
        // only compared, so their values steer nothing.
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let count = config
            .shards
            .unwrap_or(cpus * 2)
            .clamp(1, 64)
            .next_power_of_two();
        let cache_limit = config.cache_limit;
        let page = page_size();
        let per_shard = cache_limit / count;
        let shards = (0..count).map(|_| Shard(Mutex::new(ShardState::new(per_shard, page))));
        Pool {
            inner: Arc::new(Inner {
                id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                pid: std::process::id(),
                thread_caches: cache_limit > 0,
                tracker: config.track.then(Tracker::default),
                mapping,
                shards: shards.collect(),
                page,
                locked: AtomicUsize::new(0),
                peak_locked: AtomicUsize::new(0),
                syscalls: AtomicU64::new(0),
                threads: Mutex::new((Vec::new(), Counters::default())),
                slabs: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Whether the pool's pages can never fault: `true` on the hypercall
    /// buffer device, `false` on locked anonymous memory (which compaction
    /// may briefly unmap; a hypercall hitting that window fails with
    /// `EFAULT`).
    pub fn never_faults(&self) -> bool {
        self.inner.mapping.never_faults()
    }

    /// The pool's counters, summed over its shards and threads.
    pub fn stats(&self) -> PoolStats {
        let inner = &self.inner;
        let mut stats = PoolStats {
            syscalls: inner.syscalls.load(Ordering::Relaxed),
            locked_bytes: inner.locked.load(Ordering::Relaxed),
            peak_locked_bytes: inner.peak_locked.load(Ordering::Relaxed),
            ..PoolStats::default()
        };
        for shard in inner.shards.iter() {
            stats.add(&lock(shard).counters);
        }
        let threads = lock_threads(inner);
        stats.add(&threads.1);
        for t in &threads.0 {
            stats.add(&t.snapshot());
        }
        stats
    }

    /// Allocates `size` zeroed bytes aligned to `align` (a power of two, at
    /// most a page).
    #[inline(always)]
    pub(crate) fn alloc_zeroed(&self, size: usize, align: usize) -> Result<Block, PoolError> {
        let block = match self.alloc_cached(size, align) {
            // Cached slots are all zero.
            Some(block) => block,
            None => {
                let mut block = self.alloc_slow(size, align)?;
                block.zero_requested();
                block
            }
        };
        if let Some(tracker) = &self.inner.tracker {
            tracker.allocated(block.ptr.as_ptr() as usize, block.len, false);
        }
        Ok(block)
    }

    /// Allocates a block whose first `src.len()` bytes are a copy of `src`.
    #[inline(always)]
    pub(crate) fn alloc_copy(&self, src: &[u8], align: usize) -> Result<Block, PoolError> {
        let mut block = match self.alloc_cached(src.len(), align) {
            Some(block) => block,
            None => self.alloc_slow(src.len(), align)?,
        };
        // SAFETY: the block holds `src.len()` bytes owned by it; `src` is
        // caller memory, so the two do not overlap.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), block.ptr.as_ptr(), src.len()) };
        block.mark_written();
        if let Some(tracker) = &self.inner.tracker {
            tracker.allocated(block.ptr.as_ptr() as usize, block.len, false);
        }
        Ok(block)
    }

    /// Records that the owner hands `block` out writable (a `&mut`, a
    /// handle Xen writes through): the block's requested bytes must be
    /// zeroed before their next use, and the allocation record now lets
    /// Xen write them.
    #[inline(always)]
    pub(crate) fn lend_writable(&self, block: &mut Block) {
        block.mark_written();
        if let Some(tracker) = &self.inner.tracker {
            tracker.written(block.ptr.as_ptr() as usize);
        }
    }

    /// Whether `addr..addr+len` is pool memory that Xen may access as
    /// `access`: inside one live allocation (its requested length), handed
    /// out writable if Xen is to write it. Always `false` unless the pool
    /// tracks its allocations ([`PoolConfig::track_allocations`]); an
    /// empty range is always allowed.
    pub fn allows(&self, addr: u64, len: usize, access: Access) -> bool {
        self.inner
            .tracker
            .as_ref()
            .is_some_and(|t| t.allows(addr, len, access))
    }

    /// The common path: a slot from this thread's cache, no lock taken.
    ///
    /// This and the other hot functions (`alloc_zeroed`, `free`, the
    /// owners' constructors and `Drop`, the magazine's `pop`/`push`) are
    /// `#[inline(always)]`: when the inliner declined them (it did once
    /// the crate grew), blocks went back through memory and the reload
    /// stalled on store forwarding, 7 ns -> 16 ns per allocation and free.
    #[inline(always)]
    fn alloc_cached(&self, size: usize, align: usize) -> Option<Block> {
        if size == 0 || !self.inner.thread_caches || !align.is_power_of_two() {
            return None;
        }
        let class = size_class::class_of(size, align)?;
        let ptr = magazine::pop(&self.inner, class)?;
        Some(Block {
            ptr,
            len: size,
            dirty: 0,
            origin: Origin::slot(class),
        })
    }

    /// Every other allocation: zero-length, page runs, a thread cache to
    /// make or refill. The block's requested bytes may hold stale data
    /// (see `Block::dirty`): callers zero or overwrite them.
    #[inline(never)]
    fn alloc_slow(&self, size: usize, align: usize) -> Result<Block, PoolError> {
        if !align.is_power_of_two() || align > self.inner.page {
            return Err(PoolError::BadRequest {
                size,
                align,
                why: "alignment must be a power of two no larger than a page",
            });
        }
        if size == 0 {
            let ptr = NonNull::new(align as *mut u8).expect("alignment is non-zero");
            return Ok(Block {
                ptr,
                len: 0,
                dirty: 0,
                origin: Origin::EMPTY,
            });
        }
        let (ptr, dirty, origin) = match size_class::class_of(size, align) {
            Some(class) => (
                Inner::alloc_slot(&self.inner, class)?,
                0,
                Origin::slot(class),
            ),
            None => self.inner.alloc_run(size)?,
        };
        Ok(Block {
            ptr,
            len: size,
            dirty,
            origin,
        })
    }

    /// Gives a block back to the pool. The caller must not use the block
    /// afterwards (owners call this from `Drop`).
    #[inline(always)]
    pub(crate) fn free(&self, block: &Block) {
        if let Some(tracker) = &self.inner.tracker {
            tracker.freed(block.ptr.as_ptr() as usize);
        }
        if block.origin.kind == Kind::Slot {
            if block.dirty > 0 {
                // Slots go back all zero (the caches' and shards'
                // invariant).
                // SAFETY: the block owns its first `dirty` bytes (at most
                // its slot size).
                unsafe { block.ptr.as_ptr().write_bytes(0, block.dirty) };
            }
            let class = block.origin.index;
            if self.inner.thread_caches && magazine::push(&self.inner, class, block.ptr) {
                return;
            }
        }
        self.free_slow(block);
    }

    /// Changes `block`'s requested length to `size` bytes (alignment
    /// `align`, as when it was allocated), keeping the first
    /// `min(old, new)` bytes; bytes past the old length read as zero.
    ///
    /// The block stays where it is while its slot class or its number of
    /// pages still fits the new size (nothing is counted then); otherwise
    /// the contents move to a new block (an allocation and a free). On
    /// error the block is untouched, as `Vec::try_reserve` leaves a vector.
    pub(crate) fn resize(
        &self,
        block: &mut Block,
        size: usize,
        align: usize,
    ) -> Result<(), PoolError> {
        if self.fits_in_place(block, size, align) {
            if size > block.len {
                // Bytes past `dirty` are zero already; between the old
                // length and `dirty` they may hold earlier data.
                let stale = block.dirty.min(size).saturating_sub(block.len);
                // SAFETY: the block owns `size` bytes (its slot or run
                // holds them, checked above); the range starts at its old
                // length.
                unsafe { block.ptr.as_ptr().add(block.len).write_bytes(0, stale) };
            }
            block.len = size;
            if let Some(tracker) = &self.inner.tracker {
                tracker.resized(block.ptr.as_ptr() as usize, size);
            }
            return Ok(());
        }
        let mut moved = self.alloc_zeroed(size, align)?;
        let keep = block.len.min(size);
        if keep > 0 {
            // SAFETY: both blocks own at least `keep` bytes and are
            // distinct live allocations, so they do not overlap.
            unsafe { std::ptr::copy_nonoverlapping(block.ptr.as_ptr(), moved.ptr.as_ptr(), keep) };
            moved.mark_written();
        }
        self.free(block);
        *block = moved;
        Ok(())
    }

    /// Whether `block`'s memory holds `size` bytes aligned to `align`
    /// without moving: the same slot class, or a run of as many pages.
    fn fits_in_place(&self, block: &Block, size: usize, align: usize) -> bool {
        match block.origin.kind {
            Kind::Empty => size == 0,
            Kind::Slot => size > 0 && size_class::class_of(size, align) == Some(block.origin.index),
            Kind::Run => {
                size_class::class_of(size, align).is_none()
                    && size.div_ceil(self.inner.page) == block.origin.pages
            }
        }
    }

    #[inline(never)]
    fn free_slow(&self, block: &Block) {
        let Origin { kind, index, pages } = block.origin;
        match kind {
            Kind::Empty => {}
            Kind::Slot => {
                lock(&self.inner.shards[current_shard(self.inner.shards.len())])
                    .counters
                    .frees += 1;
                self.inner.return_slots(&[block.ptr]);
            }
            Kind::Run => self.inner.free_run(block.ptr, pages, index, block.dirty),
        }
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("memory", &self.inner.mapping.describe())
            .field("shards", &self.inner.shards.len())
            .field("stats", &self.stats())
            .finish()
    }
}
