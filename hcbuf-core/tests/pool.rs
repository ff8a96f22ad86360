//! The pool's allocation behaviour: zeroing, alignment, no overlap, reuse
//! without system calls, the cache bound, and the backends' selection.

use std::collections::BTreeMap;

mod common;

use hcbuf_core::pool::{DevicePath, MemorySource, PoolConfig, page_size};
use hcbuf_core::{Pool, PoolError};

const SIZES: &[usize] = &[
    1, 7, 8, 16, 17, 64, 100, 512, 2048, 2049, 4080, 4096, 4097, 16384, 65536,
];

#[test]
fn allocations_are_zeroed_even_when_reused() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    for &size in SIZES {
        {
            let mut s = pool.slice::<u8>(size).unwrap();
            assert!(
                s.iter().all(|&b| b == 0),
                "fresh {size}-byte buffer is zeroed"
            );
            s.fill(0xa5);
        }
        let s = pool.slice::<u8>(size).unwrap();
        assert!(
            s.iter().all(|&b| b == 0),
            "reused {size}-byte buffer is zeroed"
        );
    }
}

#[test]
fn buffers_are_aligned_and_disjoint() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let mut live = Vec::new();
    for round in 0..4 {
        for &size in SIZES {
            let s = pool.slice::<u64>(size.div_ceil(8)).unwrap();
            assert_eq!(s.as_ptr() as usize % 8, 0, "u64 alignment for {size} bytes");
            live.push((s.as_ptr() as usize, size.div_ceil(8) * 8, round, s));
        }
    }
    let mut ranges: BTreeMap<usize, usize> = BTreeMap::new();
    for (addr, len, _, _) in &live {
        ranges.insert(*addr, *len);
    }
    assert_eq!(ranges.len(), live.len(), "no two buffers share an address");
    let mut end = 0;
    for (addr, len) in ranges {
        assert!(
            addr >= end,
            "buffer at {addr:#x} overlaps the previous one ending at {end:#x}"
        );
        end = addr + len;
    }
}

#[test]
fn page_sized_requests_are_page_aligned() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let b = pool.boxed::<[u8; 4096]>().unwrap();
    assert_eq!(b.as_ptr() as usize % page_size(), 0);
}

#[test]
fn the_steady_state_makes_no_syscalls() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    for &size in SIZES {
        drop(pool.slice::<u8>(size).unwrap());
    }
    let warm = pool.stats();
    for _ in 0..100 {
        for &size in SIZES {
            let held: Vec<_> = (0..4).map(|_| pool.slice::<u8>(size).unwrap()).collect();
            drop(held);
        }
    }
    let after = pool.stats();
    let ops = 100 * SIZES.len() as u64 * 4;
    // The first round of 4 held buffers may map up to 3 more blocks per
    // size; after that, everything is reused.
    assert!(
        after.syscalls - warm.syscalls <= 3 * 3 * SIZES.len() as u64,
        "{warm:?} -> {after:?}"
    );
    assert_eq!(after.allocations - warm.allocations, ops);
    assert!(after.cache_hits - warm.cache_hits >= ops - 3 * SIZES.len() as u64);
    assert_eq!(after.live(), 0);
}

#[test]
fn small_buffers_share_pages() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let held: Vec<_> = (0..page_size() / 64)
        .map(|_| pool.boxed::<[u8; 64]>().unwrap())
        .collect();
    assert_eq!(
        pool.stats().locked_bytes,
        page_size(),
        "a page's worth of 64-byte slots in one page"
    );
    let one_more = pool.boxed::<[u8; 64]>().unwrap();
    assert_eq!(pool.stats().locked_bytes, 2 * page_size());
    drop((held, one_more));
}

#[test]
fn a_cache_limit_of_zero_returns_pages_as_soon_as_they_empty() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::with_config(
        PoolConfig::default()
            .source(MemorySource::LockedAnonymous)
            .cache_limit(0),
    )
    .unwrap();
    let a = pool.boxed::<u64>().unwrap();
    let b = pool.boxed::<u64>().unwrap();
    let big = pool.slice::<u8>(65536).unwrap();
    assert_eq!(pool.stats().locked_bytes, page_size() + 65536);
    drop(big);
    assert_eq!(
        pool.stats().locked_bytes,
        page_size(),
        "a freed run over the bound goes back"
    );
    drop(a);
    assert_eq!(
        pool.stats().locked_bytes,
        page_size(),
        "a page with a live buffer stays"
    );
    drop(b);
    assert_eq!(
        pool.stats().locked_bytes,
        0,
        "an empty page over the bound goes back"
    );
    let s = pool.stats();
    assert_eq!(
        (s.allocations, s.frees, s.peak_locked_bytes),
        (3, 3, page_size() + 65536)
    );
}

#[test]
fn within_the_cache_limit_freed_memory_stays() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::with_config(
        PoolConfig::default()
            .source(MemorySource::LockedAnonymous)
            .cache_limit(64 << 20),
    )
    .unwrap();
    drop(pool.slice::<u8>(65536).unwrap());
    drop(pool.boxed::<u32>().unwrap());
    assert_eq!(pool.stats().locked_bytes, 65536 + page_size());
    let before = pool.stats().syscalls;
    drop(pool.slice::<u8>(65536).unwrap());
    drop(pool.boxed::<u32>().unwrap());
    assert_eq!(pool.stats().syscalls, before, "reuse makes no syscall");
}

#[test]
fn zero_length_buffers_take_no_memory() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let s = pool.slice::<u64>(0).unwrap();
    assert!(s.is_empty());
    assert_eq!(s.as_ptr() as usize % 8, 0);
    let b = pool.boxed::<[u32; 0]>().unwrap();
    assert_eq!(b.len(), 0);
    let stats = pool.stats();
    assert_eq!((stats.allocations, stats.locked_bytes), (0, 0));
}

#[test]
fn impossible_requests_are_errors() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    match pool.slice::<u64>(usize::MAX / 4) {
        Err(PoolError::BadRequest { .. }) => {}
        other => panic!("expected BadRequest, got {other:?}"),
    }
    match pool.slice::<u8>(isize::MAX as usize) {
        Err(PoolError::BadRequest { .. } | PoolError::OutOfMemory { .. }) => {}
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(pool.stats().live(), 0);
    assert_eq!(pool.stats().locked_bytes, 0);
}

#[test]
fn values_and_slices_are_copied_in() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let b = pool.boxed_from(0x1122_3344_5566_7788u64).unwrap();
    assert_eq!(*b, 0x1122_3344_5566_7788);
    let s = pool.slice_from(&[1u32, 2, 3]).unwrap();
    assert_eq!(&*s, &[1, 2, 3]);
}

#[test]
fn the_device_backend_maps_shared_memory_and_never_faults() {
    // A device's pages are not locked by the pool: no memlock needed.
    // /dev/zero stands in for /dev/xen/hypercall: every MAP_SHARED mapping
    // of it is fresh memory, as privcmd-buf's are.
    let pool = Pool::device(dev_zero()).unwrap();
    assert!(pool.never_faults());
    let mut a = pool.slice::<u8>(100).unwrap();
    let b = pool.slice::<u8>(100).unwrap();
    a.fill(1);
    assert!(b.iter().all(|&x| x == 0), "separate mappings do not alias");
    let big = pool.slice::<u8>(65536).unwrap();
    assert!(big.iter().all(|&x| x == 0));
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let addr = a.as_ptr() as usize & !(page_size() - 1);
    let line = maps
        .lines()
        .find(|l| l.starts_with(&format!("{addr:x}-")))
        .expect("mapping listed");
    assert!(
        line.contains(" rw-s ") && line.contains("/dev/zero"),
        "MAP_SHARED of the device: {line}"
    );
}

#[test]
fn auto_falls_back_only_when_the_device_is_absent() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    // SAFETY: no such file (the pool falls back to locked memory).
    let missing = unsafe { DevicePath::new("/nonexistent/hypercall") };
    let missing = PoolConfig::default().source(MemorySource::Auto(missing));
    let pool = Pool::with_config(missing).unwrap();
    assert!(
        !pool.never_faults(),
        "absent device: locked anonymous memory"
    );

    let present = PoolConfig::default().source(MemorySource::Auto(dev_zero()));
    assert!(Pool::with_config(present).unwrap().never_faults());

    // A directory cannot be opened read-write: that is an error, not a
    // reason to fall back.
    // SAFETY: no character device is at `/` (a directory, which the pool
    // refuses): there is nothing to vouch for.
    let broken = PoolConfig::default().source(MemorySource::Auto(unsafe { DevicePath::new("/") }));
    match Pool::with_config(broken) {
        Err(e @ PoolError::DeviceOpen { .. }) => assert!(e.to_string().contains("cannot open /")),
        other => panic!("expected DeviceOpen, got {other:?}"),
    }
}

#[test]
fn an_explicit_device_must_exist() {
    // SAFETY: no such file (the pool refuses it).
    match Pool::device(unsafe { DevicePath::new("/nonexistent/hypercall") }) {
        Err(e @ PoolError::DeviceOpen { .. }) => {
            assert!(e.to_string().contains("/nonexistent/hypercall"), "{e}")
        }
        other => panic!("expected DeviceOpen, got {other:?}"),
    }
}

#[test]
fn written_memory_is_zeroed_before_reuse_whatever_the_sizes() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    // The pool zeroes only what may have been written: check that every
    // way of writing is seen, including a smaller reuse of a slot that
    // leaves a dirty tail, and copies.
    let pool = Pool::locked_anonymous();
    {
        let mut a = pool.slice::<u8>(64).unwrap();
        a.fill(0xff);
    }
    {
        let mut b = pool.slice::<u8>(40).unwrap();
        assert!(b.iter().all(|&x| x == 0));
        b[0] = 1;
    }
    let c = pool.slice::<u8>(64).unwrap();
    assert!(
        c.iter().all(|&x| x == 0),
        "the tail written by the first owner is zero too"
    );
    drop(c);

    drop(pool.slice_from(&[0xeeu8; 4096]).unwrap());
    assert!(
        pool.slice::<u8>(4096).unwrap().iter().all(|&x| x == 0),
        "a copied-in slot"
    );
    drop(pool.bounce_in(&[0x77u8; 65536]).unwrap());
    assert!(
        pool.slice::<u8>(65536).unwrap().iter().all(|&x| x == 0),
        "a copied-in run"
    );
    {
        let mut run = pool.slice::<u8>(20000).unwrap();
        run[19999] = 9;
    }
    assert!(
        pool.slice::<u8>(20000).unwrap().iter().all(|&x| x == 0),
        "a written run"
    );
    drop(pool.boxed_from(u64::MAX).unwrap());
    assert_eq!(*pool.boxed::<u64>().unwrap(), 0, "a boxed value");
}

#[test]
fn a_finished_thread_gives_its_cached_slots_back() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    // A cache limit this small returns every page as soon as it is empty,
    // so the pool's locked bytes show whether slots came home.
    let pool = Pool::with_config(
        PoolConfig::default()
            .source(MemorySource::LockedAnonymous)
            .cache_limit(1),
    )
    .unwrap();
    std::thread::scope(|s| {
        s.spawn(|| {
            let held: Vec<_> = (0..100)
                .map(|_| pool.boxed::<[u8; 64]>().unwrap())
                .collect();
            drop(held);
            assert!(
                pool.stats().locked_bytes > 0,
                "the thread's cache still holds slots"
            );
        });
    });
    // Scoped threads may still be running their thread-local destructors
    // when the scope ends: wait for the slots to come home.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while pool.stats().locked_bytes > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let stats = pool.stats();
    assert_eq!(stats.locked_bytes, 0, "{stats:?}");
    assert_eq!((stats.allocations, stats.frees), (100, 100));
}

#[test]
fn a_thread_cache_of_a_dropped_pool_is_never_used() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    // (That a dropped pool's pages are unmapped is checked in locked.rs,
    // a binary of its own: here other tests may map the same addresses.)
    let first = Pool::locked_anonymous();
    drop(first.boxed::<u64>().unwrap()); // this thread now caches slots of `first`
    drop(first);
    // The same thread, a new pool: its cache must not hand out the old
    // pool's (unmapped) slots, which writing would crash on.
    let second = Pool::locked_anonymous();
    for _ in 0..1000 {
        let mut b = second.boxed::<u64>().unwrap();
        *b = 1;
    }
    let stats = second.stats();
    assert_eq!(
        (stats.allocations, stats.frees, stats.cache_misses),
        (1000, 1000, 1)
    );
}

#[test]
fn a_full_run_cache_keeps_the_run_just_freed() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let page = page_size();
    // Two shards of 1 MiB cache each.
    let config = PoolConfig::default().source(MemorySource::LockedAnonymous);
    let pool = Pool::with_config(config.cache_limit(2 << 20).shards(2)).unwrap();
    // Fill this thread's shard cache with 64 KiB runs, then free a larger
    // run: it stays, and older runs make room.
    let runs: Vec<_> = (0..20).map(|_| pool.slice::<u8>(65536).unwrap()).collect();
    drop(runs);
    let big = 16 * page + 65536;
    drop(pool.slice::<u8>(big).unwrap());
    let before = pool.stats().syscalls;
    drop(pool.slice::<u8>(big).unwrap());
    assert_eq!(
        pool.stats().syscalls,
        before,
        "the freed run was kept and reused"
    );
}

#[test]
fn a_run_larger_than_the_cache_does_not_flush_it() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let config = PoolConfig::default().source(MemorySource::LockedAnonymous);
    let pool = Pool::with_config(config.cache_limit(256 << 10).shards(1)).unwrap();
    let runs: Vec<_> = (0..2).map(|_| pool.slice::<u8>(65536).unwrap()).collect();
    drop(runs);
    drop(pool.slice::<u8>(1 << 20).unwrap()); // over the bound: unmapped at once
    assert_eq!(
        pool.stats().locked_bytes,
        2 * 65536,
        "the cached runs stayed"
    );
    let before = pool.stats().syscalls;
    let again: Vec<_> = (0..2).map(|_| pool.slice::<u8>(65536).unwrap()).collect();
    assert_eq!(pool.stats().syscalls, before);
    drop(again);
}

#[test]
fn clones_are_the_same_pool() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let other = pool.clone();
    let a = pool.boxed::<u64>().unwrap();
    let mut b = other.boxed::<u64>().unwrap();
    assert_eq!(pool.stats().live(), 2, "both allocations count in one pool");
    drop(a);
    drop(pool);
    *b = 7;
    assert_eq!(
        (other.stats().live(), *b),
        (1, 7),
        "the pool lives on in its clone"
    );
    drop(b);
    assert_eq!(other.stats().live(), 0);
}

// ---------------------------------------------------------------------
// Resizing

/// Resizes `s` to `len` and says whether it stayed at the same address.
fn resize_in_place(s: &mut hcbuf_core::PoolSlice<'_, u8>, len: usize) -> bool {
    let before = s.as_ptr();
    s.resize(len).unwrap();
    assert_eq!(s.len(), len);
    s.as_ptr() == before
}

#[test]
fn resizing_keeps_the_contents_and_zeroes_the_new_elements() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    assert_eq!(page_size(), 4096, "the cases below count 4 KiB pages");
    let pool = Pool::locked_anonymous();
    // (from, to, stays): within a slot class and within a run's pages the
    // memory stays; across them it moves.
    let cases = [
        (10, 16, true),
        (16, 3, true),
        (17, 32, true),
        (32, 33, false),
        (100, 4096, false),
        (4096, 4097, false),
        (5000, 8192, true),
        (8192, 4097, true),
        (8192, 8193, false),
        (65536, 100, false),
        (100, 0, false),
        (0, 100, false),
    ];
    for (from, to, stays) in cases {
        let mut s = pool.slice::<u8>(from).unwrap();
        for (i, b) in s.iter_mut().enumerate() {
            *b = (i % 251 + 1) as u8;
        }
        assert_eq!(resize_in_place(&mut s, to), stays, "{from} -> {to}");
        let keep = from.min(to);
        for (i, &b) in s.iter().enumerate() {
            let want = if i < keep { (i % 251 + 1) as u8 } else { 0 };
            assert_eq!(b, want, "{from} -> {to}: byte {i}");
        }
    }
    assert_eq!(pool.stats().live(), 0);
}

#[test]
fn shrinking_then_growing_in_place_never_shows_old_data() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    for (full, small) in [(16, 1), (4096, 3000), (12288, 8200)] {
        let mut s = pool.slice::<u8>(full).unwrap();
        s.fill(0xee);
        assert!(resize_in_place(&mut s, small));
        assert!(resize_in_place(&mut s, full));
        assert!(s[..small].iter().all(|&b| b == 0xee));
        assert!(
            s[small..].iter().all(|&b| b == 0),
            "{full}/{small}: the bytes dropped by shrinking come back zero"
        );
    }
}

#[test]
fn a_resize_that_cannot_be_served_changes_nothing() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let mut s = pool.slice_from(&[7u64, 8, 9]).unwrap();
    let before = (s.as_ptr(), pool.stats());
    assert!(matches!(
        s.resize(usize::MAX),
        Err(PoolError::BadRequest { .. })
    ));
    assert!(matches!(
        s.resize(isize::MAX as usize / 8),
        Err(PoolError::BadRequest { .. } | PoolError::OutOfMemory { .. })
    ));
    assert_eq!(&s[..], &[7, 8, 9]);
    assert_eq!(s.as_ptr(), before.0);
    let after = pool.stats();
    assert_eq!(after.live(), before.1.live());
    assert_eq!(after.allocations, before.1.allocations);
}

#[test]
fn a_move_counts_as_an_allocation_and_a_free_and_in_place_counts_nothing() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let mut s = pool.slice::<u32>(4).unwrap();
    let start = pool.stats();
    s.resize(3).unwrap();
    assert_eq!(pool.stats().allocations, start.allocations, "in place");
    s.resize(1000).unwrap();
    let moved = pool.stats();
    assert_eq!(moved.allocations, start.allocations + 1);
    assert_eq!(moved.frees, start.frees + 1);
    assert_eq!(moved.live(), 1);
    drop(s);
    assert_eq!(pool.stats().live(), 0);
}

#[test]
fn the_allocation_record_follows_a_resize() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    use hcbuf_core::pool::Access;
    let pool = Pool::with_config(
        PoolConfig::default()
            .source(MemorySource::LockedAnonymous)
            .track_allocations(true),
    )
    .unwrap();
    let mut s = pool.slice::<u8>(20).unwrap();
    let addr = s.as_ptr() as u64;
    assert!(pool.allows(addr, 20, Access::Read));
    s.resize(30).unwrap();
    assert_eq!(s.as_ptr() as u64, addr, "in place");
    assert!(pool.allows(addr, 30, Access::Read));
    assert!(!pool.allows(addr, 31, Access::Read));
    s.resize(5).unwrap();
    assert!(!pool.allows(addr, 6, Access::Read));
    s.resize(5000).unwrap();
    let moved = s.as_ptr() as u64;
    assert_ne!(moved, addr);
    assert!(!pool.allows(addr, 1, Access::Read), "the old block is gone");
    assert!(pool.allows(moved, 5000, Access::Read));
    assert!(
        !pool.allows(moved, 5000, Access::Write),
        "not yet lent writable"
    );
    s.fill(1);
    assert!(pool.allows(moved, 5000, Access::Write));
    s.resize(4500).unwrap();
    assert!(pool.allows(moved, 4500, Access::Write), "still writable");
}

/// `/dev/zero` as a pool's device, for tests that never reach real Xen.
fn dev_zero() -> DevicePath {
    // SAFETY: every MAP_SHARED mapping of /dev/zero is a shared memory
    // object of its own, zero-filled: no two buffers alias. Its pages may
    // be paged out, which only real Xen would notice, and these tests
    // hand them to none.
    unsafe { DevicePath::new("/dev/zero") }
}

#[test]
fn a_file_that_is_not_a_character_device_is_refused() {
    let dir = std::env::temp_dir().join(format!("hcbuf-pool-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("not-a-device");
    std::fs::write(&file, []).unwrap();
    // SAFETY: no character device is there (a regular file, which the pool
    // refuses before mapping it): there is nothing to vouch for.
    match Pool::device(unsafe { DevicePath::new(&file) }) {
        Err(e @ PoolError::DeviceOpen { .. }) => {
            assert!(e.to_string().contains("not a character device"), "{e}")
        }
        other => panic!("expected DeviceOpen, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_device_swapped_for_a_file_after_the_pool_was_made_is_refused() {
    // A device's pages are not locked by the pool: no memlock needed.
    let dir = std::env::temp_dir().join(format!("hcbuf-pool-swap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let node = dir.join("hypercall");
    std::os::unix::fs::symlink("/dev/zero", &node).unwrap();
    // SAFETY: the only character device ever at the node is /dev/zero
    // (fresh, unshared pages per mapping; the regular file put there below
    // the pool refuses), and no real Xen sees these pages.
    let pool = Pool::device(unsafe { DevicePath::new(&node) }).unwrap();
    let first = pool.slice::<u8>(1 << 20).unwrap();
    std::fs::remove_file(&node).unwrap();
    std::fs::write(&node, vec![0u8; 4 << 20]).unwrap();
    // A run of another size: a new mapping, from a file that is no longer
    // the device (its pages would be every mapping's).
    match pool.slice::<u8>(2 << 20) {
        Err(e @ PoolError::DeviceOpen { .. }) => {
            assert!(e.to_string().contains("no longer the device"), "{e}")
        }
        other => panic!("expected DeviceOpen, got {other:?}"),
    }
    drop(first);
    let _ = std::fs::remove_dir_all(&dir);
}
