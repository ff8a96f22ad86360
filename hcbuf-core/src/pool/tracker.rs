//! An optional record of the pool's live allocations, for a backend that
//! must tell pool memory from any other address: the software model of Xen
//! answers `EFAULT` for anything else, as Xen faults on an unmapped page.
//! Off by default ([`PoolConfig::track_allocations`](super::PoolConfig::track_allocations));
//! when off it costs one predictable branch per allocation and free.

use std::collections::BTreeMap;
use std::sync::PoisonError;

use super::sync::{Mutex, MutexGuard};

/// Whether Xen may only read a range, or also write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Xen reads.
    Read,
    /// Xen writes (and reads).
    Write,
}

#[derive(Clone, Copy, Debug)]
struct Live {
    /// The requested length: the bytes the owner may hand out.
    len: usize,
    /// Whether the owner has handed the memory out writable (a `&mut`,
    /// a `GuestHandleMut`), so Xen may write it.
    writable: bool,
}

/// Live blocks by start address.
#[derive(Debug, Default)]
pub(crate) struct Tracker {
    live: Mutex<BTreeMap<usize, Live>>,
}

impl Tracker {
    fn live(&self) -> MutexGuard<'_, BTreeMap<usize, Live>> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[cold]
    pub(crate) fn allocated(&self, addr: usize, len: usize, writable: bool) {
        if len > 0 {
            self.live().insert(addr, Live { len, writable });
        }
    }

    #[cold]
    pub(crate) fn freed(&self, addr: usize) {
        self.live().remove(&addr);
    }

    /// The block at `addr` now has `len` requested bytes (resized in
    /// place, so never to 0: only empty blocks stay empty in place, and
    /// they have no record); whether it was lent writable does not change.
    #[cold]
    pub(crate) fn resized(&self, addr: usize, len: usize) {
        if let Some(block) = self.live().get_mut(&addr) {
            block.len = len;
        }
    }

    #[cold]
    pub(crate) fn written(&self, addr: usize) {
        if let Some(live) = self.live().get_mut(&addr) {
            live.writable = true;
        }
    }

    /// Whether `addr..addr+len` lies inside one live block that allows
    /// `access`. An empty range is always allowed (Xen touches nothing).
    pub(crate) fn allows(&self, addr: u64, len: usize, access: Access) -> bool {
        if len == 0 {
            return true;
        }
        let Ok(addr) = usize::try_from(addr) else {
            return false;
        };
        let Some(end) = addr.checked_add(len) else {
            return false;
        };
        let live = self.live();
        match live.range(..=addr).next_back() {
            Some((&start, block)) => {
                end <= start + block.len && (access == Access::Read || block.writable)
            }
            None => false,
        }
    }
}
