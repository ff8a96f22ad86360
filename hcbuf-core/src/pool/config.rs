//! How a pool is built: where its memory comes from, how much it caches,
//! whether it records its allocations.

use std::path::{Path, PathBuf};

use super::HYPERCALL_DEVICE;

/// A hypercall buffer device to map a pool's pages from: Linux's
/// privcmd-buf (`/dev/xen/hypercall`), or a device the caller vouches for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DevicePath(PathBuf);

impl DevicePath {
    /// Linux's privcmd-buf device, [`HYPERCALL_DEVICE`].
    pub fn hypercall() -> Self {
        DevicePath(HYPERCALL_DEVICE.into())
    }

    /// The device at `path`.
    ///
    /// # Safety
    /// Whenever a character device is at `path` (the pool refuses any
    /// other file, and a device other than the one it was made on), each
    /// `mmap(MAP_SHARED)` of it at offset 0 maps pages of its own,
    /// zero-filled, that no other mapping shares (so two pool buffers
    /// never alias and no write through one reaches another, or the pool's
    /// own free lists); and, if the pool's memory is handed to real Xen,
    /// pages that stay resident and in place while mapped. privcmd-buf is
    /// all of these; `/dev/zero` is the first only (tests without Xen may
    /// use it).
    pub unsafe fn new(path: impl Into<PathBuf>) -> Self {
        DevicePath(path.into())
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// Which memory a pool uses.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemorySource {
    /// The device if it exists, else locked anonymous memory (what
    /// libxencall does). Any error other than "no such file" is an error.
    Auto(DevicePath),
    /// The device (`mmap` `MAP_SHARED`); an error if absent.
    Device(DevicePath),
    /// Anonymous memory, locked, `MADV_DONTFORK`, touched.
    LockedAnonymous,
}

/// How to build a [`Pool`](super::Pool).
#[derive(Clone, Debug)]
pub struct PoolConfig {
    pub(super) source: MemorySource,
    pub(super) cache_limit: usize,
    pub(super) shards: Option<usize>,
    pub(super) track: bool,
}

impl Default for PoolConfig {
    fn default() -> Self {
        PoolConfig {
            source: MemorySource::Auto(DevicePath::hypercall()),
            cache_limit: 8 << 20,
            shards: None,
            track: false,
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

    /// Bounds the bytes of unused memory the pool's shards keep mapped for
    /// reuse (default 8 MiB, split evenly between shards). Memory beyond it
    /// goes back to the OS as soon as nothing lives in it. Each thread's
    /// slot cache holds at most 64 free slots (and 128 KiB) per size class
    /// on top of this; a limit of 0 turns those caches off too, so every
    /// page goes back the moment its last buffer is freed.
    pub fn cache_limit(mut self, bytes: usize) -> Self {
        self.cache_limit = bytes;
        self
    }

    /// Keeps a record of the live allocations, so that
    /// [`Pool::allows`](super::Pool::allows) can tell pool memory from any other address (what
    /// the software model of Xen needs; off by default).
    pub fn track_allocations(mut self, on: bool) -> Self {
        self.track = on;
        self
    }

    /// Sets the number of shards, rounded up to a power of two between 1
    /// and 64 (default: twice the CPUs). Threads are spread over them
    /// round-robin; each shard has its own lock and its share of the cache.
    pub fn shards(mut self, count: usize) -> Self {
        self.shards = Some(count);
        self
    }
}
