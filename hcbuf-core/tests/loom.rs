//! `loom` models of the pool's cross-thread paths.
//!
//! Run with
//! `RUSTFLAGS="--cfg loom" cargo test -p hcbuf-core --test loom --release`
//! (with a `CARGO_TARGET_DIR` of its own, e.g. `target/loom`, so the flag
//! does not invalidate the normal build).
//!
//! Under `cfg(loom)` the pool's mutexes, atomics and per-thread slot caches
//! ("magazines") are loom's (see `src/pool/sync/`), so loom runs each
//! model below under every interleaving of those operations (up to the
//! preemption bound each states). What is modelled is what the ordinary
//! tests can only hope to hit by chance:
//! - a buffer allocated on one thread and freed on another, and two
//!   threads' caches flushed at thread exit into the same page at once
//!   (`slots_cross_threads_and_all_come_home`);
//! - two threads freeing the last two slots of one page, with the thread
//!   caches off (`a_page_emptied_by_two_threads_is_unmapped_once`);
//! - the last handle of a pool dropped while another thread's cache still
//!   holds slots of it: the cache holds the pool weakly and must forget
//!   them, not flush them into freed memory
//!   (`a_cache_outliving_its_pool_is_forgotten`).
//!
//! Each model checks the pool's own books (`Pool::stats`) and the process's
//! locked memory (`VmLck`): a page unmapped twice shows as `locked_bytes`
//! wrapping below zero, one never unmapped as `VmLck` not coming back.
//! Pages are really mapped and locked in every execution (it is cheap).
#![cfg(loom)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use common::vm_locked_bytes;
use hcbuf_core::Pool;
use hcbuf_core::pool::{MemorySource, PoolConfig, page_size};
use loom::model::Builder;
use loom::sync::mpsc;
use loom::thread;

/// Serialises the models: each compares the process's `VmLck` with what it
/// was at the start of an execution, which another test's pool would move.
static VM_LOCKED: Mutex<()> = Mutex::new(());

/// Runs `model` under loom with at most `preemptions` preemptions per
/// execution, and prints how many executions that was. The bound keeps
/// each model to seconds: with a bound of 3 instead of 2, the first model
/// below runs some 820,000 executions (about 2.5 minutes, mostly in the
/// `mmap`/`mlock` of each), against some 30,000 with 2.
fn check(preemptions: usize, model: impl Fn() + Sync + Send + 'static) {
    static EXECUTIONS: AtomicUsize = AtomicUsize::new(0);
    let _serial = VM_LOCKED.lock().unwrap_or_else(PoisonError::into_inner);
    let mut builder = Builder::new();
    builder.preemption_bound = Some(preemptions);
    EXECUTIONS.store(0, Ordering::Relaxed);
    builder.check(move || {
        EXECUTIONS.fetch_add(1, Ordering::Relaxed);
        model();
    });
    // Shown with `--nocapture`: how much of the model loom explored.
    println!("{} executions", EXECUTIONS.load(Ordering::Relaxed));
}

/// Yields to the model's other threads until `done()`; panics with `what`
/// if that does not come.
///
/// Loom's `JoinHandle::join` returns as soon as the thread's closure
/// does, before the thread's thread-locals are destroyed (std's `join`
/// waits for that too), and a thread's cache is flushed by that
/// destructor. So a model waits for the flush's effect instead. While this
/// thread yields, loom runs the others; a flush takes a few dozen loom
/// steps, so 50 rounds are ample. (Unbounded, a missing effect would
/// spin until loom gave up with "Model exceeded maximum number of
/// branches", which says less.)
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..50 {
        if done() {
            return;
        }
        thread::yield_now();
    }
    panic!("{what}: not so after the other threads ran");
}

/// A pool on locked anonymous memory, whatever this machine has.
fn config() -> PoolConfig {
    PoolConfig::default().source(MemorySource::LockedAnonymous)
}

/// Leaks `pool` so that model threads, which must be `'static` (loom has
/// no scoped threads), can borrow it and pass its buffers to each other.
/// [`reclaim`] takes it back.
fn leak(pool: Pool) -> &'static Pool {
    Box::leak(Box::new(pool))
}

/// Drops a pool [`leak`]ed earlier.
///
/// # Safety
/// `pool` must come from [`leak`], and nothing may use it afterwards: every
/// thread that borrowed it has been joined and every buffer dropped.
unsafe fn reclaim(pool: &'static Pool) {
    // SAFETY: `pool` is the leaked box (the caller says), and nothing
    // borrows it any more.
    drop(unsafe { Box::from_raw(std::ptr::from_ref(pool).cast_mut()) });
}

/// Thread A allocates two slots and hands one to thread B, which frees it
/// into its own cache; both threads then exit, flushing their caches
/// (A's slots and the one B freed go to the same page, possibly at the
/// same time). The thread caches are on, but with a cache limit of one
/// byte every page that empties goes straight back to the OS: so after the
/// joins every slot must be home and every page unmapped, exactly once.
#[test]
fn slots_cross_threads_and_all_come_home() {
    check(2, || {
        let baseline = vm_locked_bytes();
        // Two shards: A and B are numbered 0 and 1, so the slot B frees
        // goes home to the other thread's shard.
        let pool = leak(Pool::with_config(config().cache_limit(1).shards(2)).unwrap());
        let (tx, rx) = mpsc::channel();
        let a = thread::spawn(move || {
            let mut kept = pool.boxed::<u64>().unwrap();
            *kept = 7; // written: must be zeroed on the way back
            tx.send(pool.boxed::<u64>().unwrap()).unwrap();
            drop(kept);
        });
        let b = thread::spawn(move || {
            let own = pool.boxed::<u64>().unwrap();
            let mut theirs = rx.recv().unwrap();
            *theirs = 9;
            drop(theirs);
            drop(own);
        });
        a.join().unwrap();
        b.join().unwrap();
        // Both pages empty only once both threads' caches are flushed.
        wait_until("every page back to the OS", || {
            pool.stats().locked_bytes == 0
        });

        let stats = pool.stats();
        assert_eq!(
            (stats.allocations, stats.frees, stats.live()),
            (3, 3, 0),
            "every allocation and free counted once, on whichever thread"
        );
        assert_eq!(stats.cache_hits + stats.cache_misses, stats.allocations);
        assert_eq!(
            stats.locked_bytes, 0,
            "every page came home and went back to the OS exactly once"
        );
        assert!(stats.peak_locked_bytes >= page_size());
        // SAFETY: both threads are joined and their buffers dropped.
        unsafe { reclaim(pool) };
        assert_eq!(
            vm_locked_bytes(),
            baseline,
            "the pool unlocked all it locked"
        );
    });
}

/// With the thread caches off (cache limit 0), a page goes back to the OS
/// the moment its last slot is freed. Two threads free the last two slots
/// of one page at once: whichever is last must unmap it, once.
#[test]
fn a_page_emptied_by_two_threads_is_unmapped_once() {
    check(3, || {
        let baseline = vm_locked_bytes();
        // One shard: both frees count under, and contend for, one lock.
        let pool = leak(Pool::with_config(config().cache_limit(0).shards(1)).unwrap());
        let one = pool.boxed::<u64>().unwrap();
        let two = pool.boxed::<u64>().unwrap();
        let before = pool.stats();
        assert_eq!(before.locked_bytes, page_size(), "both slots in one page");

        let threads = [one, two].map(|buffer| thread::spawn(move || drop(buffer)));
        for t in threads {
            t.join().unwrap();
        }

        let stats = pool.stats();
        assert_eq!(
            (stats.allocations, stats.frees, stats.live()),
            (2, 2, 0),
            "both frees counted"
        );
        assert_eq!(stats.cache_hits + stats.cache_misses, stats.allocations);
        assert_eq!(stats.locked_bytes, 0, "the page went back");
        assert_eq!(
            stats.syscalls,
            before.syscalls + 1,
            "one munmap, by whichever thread freed last"
        );
        // SAFETY: both threads are joined and their buffers dropped.
        unsafe { reclaim(pool) };
        assert_eq!(vm_locked_bytes(), baseline);
    });
}

/// A thread fills its cache with slots of a pool, drops its handle and
/// exits, while the main thread drops the pool's last other handle. Its
/// cache holds the pool weakly: if the pool is still there at thread exit
/// the slots go home, else the pool has unmapped their page (with slots
/// still out) and the cache must forget them without touching anything.
/// Either way every page is unmapped exactly once.
#[test]
fn a_cache_outliving_its_pool_is_forgotten() {
    check(3, || {
        let baseline = vm_locked_bytes();
        // The default cache limit: pages stay mapped until the pool goes.
        let pool = Pool::with_config(config().shards(1)).unwrap();
        let theirs = pool.clone();
        let t = thread::spawn(move || {
            // The cache takes a batch of slots from the shard and keeps
            // this one too when it is freed.
            drop(theirs.boxed::<u64>().unwrap());
            drop(theirs);
        });
        drop(pool);
        t.join().unwrap();
        // The thread's cache may still hold the pool (a strong reference
        // while it flushes): the page goes when that is dropped.
        wait_until("the pool's memory unlocked", || {
            vm_locked_bytes() == baseline
        });
    });
}
