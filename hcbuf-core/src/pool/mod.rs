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
//! Requests of up to 2048 bytes take a slot of a power-of-two class in a
//! page of such slots; larger ones take a run of whole pages. Freed memory
//! stays with the pool, so a steady state makes no system calls; an empty
//! page or a freed run goes back to the OS only when the pool's cache of
//! unused memory is over its bound ([`PoolConfig::cache_limit`]). Every
//! allocation is zeroed (the requested bytes). The pool is sharded: each
//! thread uses one shard's lock (threads are spread round-robin over
//! twice as many shards as CPUs), so two threads do not contend in the
//! common path.
//!
//! # Fork
//! Pool memory is mapped `MADV_DONTFORK`: a child of `fork()` does not have
//! it. A child must not use the pool or any buffer from it; it may `exec`
//! or exit. The parent's buffers are unaffected.

mod backend;
mod error;
mod shard;
mod size_class;
mod stats;

pub use backend::{HYPERCALL_DEVICE, page_size};
pub use error::PoolError;
pub use stats::PoolStats;

use std::path::{Path, PathBuf};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use backend::Backend;
pub(crate) use shard::Origin;
use shard::ShardState;

/// Which memory a pool uses.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemorySource {
    /// The device at the path if it exists, else locked anonymous memory
    /// (what libxencall does). Any error other than "no such file" is an
    /// error.
    Auto(PathBuf),
    /// The device at the path (`mmap` `MAP_SHARED`); an error if absent.
    Device(PathBuf),
    /// Anonymous memory, locked, `MADV_DONTFORK`, touched.
    LockedAnonymous,
}

/// How to build a [`Pool`].
#[derive(Clone, Debug)]
pub struct PoolConfig {
    source: MemorySource,
    cache_limit: usize,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            source: MemorySource::Auto(HYPERCALL_DEVICE.into()),
            cache_limit: 8 << 20,
        }
    }
}

impl PoolConfig {
    /// Chooses the memory source (default: [`MemorySource::Auto`] with
    /// [`HYPERCALL_DEVICE`]).
    pub fn source(mut self, source: MemorySource) -> Self {
        self.source = source;
        self
    }

    /// Bounds the bytes of unused memory the pool keeps mapped for reuse
    /// (default 8 MiB, split evenly between shards). Memory beyond it goes
    /// back to the OS as soon as nothing lives in it; 0 returns every page
    /// as soon as it empties.
    pub fn cache_limit(mut self, bytes: usize) -> Self {
        self.cache_limit = bytes;
        self
    }
}

/// A pool of hypercall-safe memory. `Send + Sync`; see the [module
/// docs](self) for what it guarantees.
pub struct Pool {
    backend: Backend,
    shards: Box<[Shard]>,
    page: usize,
    locked: AtomicUsize,
    peak_locked: AtomicUsize,
    syscalls: AtomicU64,
}

/// One shard, on its own cache lines.
#[repr(align(128))]
struct Shard(Mutex<ShardState>);

/// A block of pool memory at `ptr`, at least as large as requested.
#[derive(Debug)]
pub(crate) struct Block {
    pub(crate) ptr: NonNull<u8>,
    origin: Origin,
}

// SAFETY: a block is exclusive ownership of pool memory, which any thread
// may use; it is freed through the pool's locks.
unsafe impl Send for Block {}
// SAFETY: shared access to a block only reads its fields.
unsafe impl Sync for Block {}

impl Pool {
    /// A pool on `/dev/xen/hypercall` if it exists, else on locked
    /// anonymous memory.
    pub fn new() -> Result<Pool, PoolError> {
        Pool::with_config(PoolConfig::default())
    }

    /// A pool on the hypercall buffer device at `path`.
    pub fn device(path: impl AsRef<Path>) -> Result<Pool, PoolError> {
        Pool::with_config(PoolConfig::default().source(MemorySource::Device(path.as_ref().into())))
    }

    /// A pool on locked anonymous memory (the fallback).
    pub fn locked_anonymous() -> Pool {
        Pool::build(Backend::LockedAnonymous, PoolConfig::default().cache_limit)
    }

    /// A pool as `config` says.
    pub fn with_config(config: PoolConfig) -> Result<Pool, PoolError> {
        let backend = match &config.source {
            MemorySource::Auto(path) => {
                Backend::open_device(path)?.unwrap_or(Backend::LockedAnonymous)
            }
            MemorySource::Device(path) => {
                Backend::open_device(path)?.ok_or_else(|| PoolError::DeviceOpen {
                    path: path.clone(),
                    source: std::io::Error::from_raw_os_error(libc::ENOENT),
                })?
            }
            MemorySource::LockedAnonymous => Backend::LockedAnonymous,
        };
        Ok(Pool::build(backend, config.cache_limit))
    }

    fn build(backend: Backend, cache_limit: usize) -> Pool {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let count = (cpus * 2).next_power_of_two().clamp(2, 64);
        let page = page_size();
        let per_shard = cache_limit / count;
        Pool {
            backend,
            shards: (0..count)
                .map(|_| Shard(Mutex::new(ShardState::new(per_shard, page))))
                .collect(),
            page,
            locked: AtomicUsize::new(0),
            peak_locked: AtomicUsize::new(0),
            syscalls: AtomicU64::new(0),
        }
    }

    /// Whether the pool's pages can never fault: `true` on the hypercall
    /// buffer device, `false` on locked anonymous memory (which compaction
    /// may briefly unmap; a hypercall hitting that window fails with
    /// `EFAULT`).
    pub fn never_faults(&self) -> bool {
        self.backend.never_faults()
    }

    /// The pool's counters, summed over its shards.
    pub fn stats(&self) -> PoolStats {
        let mut stats = PoolStats {
            syscalls: self.syscalls.load(Ordering::Relaxed),
            locked_bytes: self.locked.load(Ordering::Relaxed),
            peak_locked_bytes: self.peak_locked.load(Ordering::Relaxed),
            ..PoolStats::default()
        };
        for shard in self.shards.iter() {
            stats.add(&lock(shard).counters);
        }
        stats
    }

    /// Allocates `size` zeroed bytes aligned to `align` (a power of two, at
    /// most a page).
    pub(crate) fn alloc_zeroed(&self, size: usize, align: usize) -> Result<Block, PoolError> {
        let block = self.alloc(size, align)?;
        // SAFETY: the block's first `size` bytes are pool memory owned by
        // nobody else.
        unsafe { block.ptr.as_ptr().write_bytes(0, size) };
        Ok(block)
    }

    /// Allocates `size` bytes aligned to `align` holding whatever the pool
    /// memory last held: the caller must overwrite all `size` bytes before
    /// anyone sees them (so that no stale data is ever visible).
    pub(crate) fn alloc(&self, size: usize, align: usize) -> Result<Block, PoolError> {
        if !align.is_power_of_two() || align > self.page {
            return Err(PoolError::BadRequest {
                size,
                align,
                why: "alignment must be a power of two no larger than a page",
            });
        }
        if size == 0 {
            let ptr = NonNull::new(align as *mut u8).expect("alignment is non-zero");
            return Ok(Block { ptr, origin: Origin::Empty });
        }
        match size_class::class_of(size, align) {
            Some(class) => self.alloc_slot(class),
            None => self.alloc_run(size),
        }
    }

    fn alloc_slot(&self, class: usize) -> Result<Block, PoolError> {
        let shard = current_shard(self.shards.len());
        {
            let mut state = lock(&self.shards[shard]);
            if let Some((ptr, slab)) = state.take_slot(class) {
                state.counters.hit();
                return Ok(Block {
                    ptr,
                    origin: Origin::Slot { slab, shard },
                });
            }
            state.counters.cache_misses += 1;
        }
        // Map outside the lock: other threads of this shard go on meanwhile.
        let page = self.map(self.page)?;
        let mut state = lock(&self.shards[shard]);
        state.counters.allocations += 1;
        let (ptr, slab) = state.add_slab(class, page);
        Ok(Block {
            ptr,
            origin: Origin::Slot { slab, shard },
        })
    }

    fn alloc_run(&self, size: usize) -> Result<Block, PoolError> {
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
        let shard = current_shard(self.shards.len());
        {
            let mut state = lock(&self.shards[shard]);
            if let Some(ptr) = state.take_run(pages) {
                state.counters.hit();
                return Ok(Block {
                    ptr,
                    origin: Origin::Run { pages, shard },
                });
            }
            state.counters.cache_misses += 1;
        }
        let ptr = self.map(pages * self.page)?;
        lock(&self.shards[shard]).counters.allocations += 1;
        Ok(Block {
            ptr,
            origin: Origin::Run { pages, shard },
        })
    }

    /// Gives a block back to the pool.
    pub(crate) fn free(&self, block: Block) {
        let unmap = match block.origin {
            Origin::Empty => return,
            Origin::Slot { slab, shard } => {
                let mut state = lock(&self.shards[shard]);
                state.counters.frees += 1;
                // SAFETY: the block came from this slab of this shard and is
                // consumed here.
                unsafe { state.put_slot(block.ptr, slab) }.map(|page| (page, self.page))
            }
            Origin::Run { pages, shard } => {
                let mut state = lock(&self.shards[shard]);
                state.counters.frees += 1;
                state
                    .put_run(block.ptr, pages)
                    .map(|run| (run, pages * self.page))
            }
        };
        if let Some((ptr, len)) = unmap {
            // SAFETY: the shard released this mapping: nothing lives in it.
            unsafe { self.unmap(ptr, len) };
        }
    }

    fn map(&self, len: usize) -> Result<NonNull<u8>, PoolError> {
        let locked = self.locked.load(Ordering::Relaxed);
        let mapped = self.backend.map(len, locked)?;
        self.syscalls.fetch_add(mapped.syscalls, Ordering::Relaxed);
        let now = self.locked.fetch_add(len, Ordering::Relaxed) + len;
        self.peak_locked.fetch_max(now, Ordering::Relaxed);
        Ok(mapped.ptr)
    }

    /// # Safety
    /// `ptr..ptr+len` must be a mapping of this pool that nothing uses.
    unsafe fn unmap(&self, ptr: NonNull<u8>, len: usize) {
        // SAFETY: forwarded from the caller.
        unsafe { self.backend.unmap(ptr, len) };
        self.syscalls.fetch_add(1, Ordering::Relaxed);
        self.locked.fetch_sub(len, Ordering::Relaxed);
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for shard in self.shards.iter() {
            let mappings = lock(shard).drain();
            for (ptr, len) in mappings {
                // SAFETY: no buffer can outlive the pool it borrows, so
                // nothing uses these mappings any more.
                unsafe { self.unmap(ptr, len) };
            }
        }
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("backend", &self.backend.describe())
            .field("shards", &self.shards.len())
            .field("stats", &self.stats())
            .finish()
    }
}

fn lock(shard: &Shard) -> MutexGuard<'_, ShardState> {
    // No code panics while holding a shard lock, but if one ever did, the
    // state is still consistent between calls: carry on.
    shard.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// This thread's shard: threads are numbered round-robin on first use.
#[inline]
fn current_shard(count: usize) -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static INDEX: usize = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    INDEX.with(|i| *i) & (count - 1)
}
