//! Two threads, more than 10^6 pool operations: every live buffer carries
//! a pattern naming it, checked before it is freed (so any overlap between
//! buffers, or a buffer handed out twice, shows up), some buffers are freed
//! by the other thread, and the counters balance at the end.

use std::sync::mpsc;

mod common;

use common::{Rng, verify_tagged as verify};
use hcbuf_core::{Pool, PoolSlice};

const OPS_PER_THREAD: u64 = 600_000;
/// Sizes in u64 words: mostly small slots, some pages, a few long runs.
const WORDS: &[usize] = &[
    1, 2, 3, 8, 13, 32, 64, 100, 256, 300, 512, 513, 1024, 2048, 8192,
];

fn worker<'p>(
    pool: &'p Pool,
    id: u64,
    give: mpsc::Sender<(u64, PoolSlice<'p, u64>)>,
    take: mpsc::Receiver<(u64, PoolSlice<'p, u64>)>,
) -> u64 {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (id + 1));
    let mut live: Vec<(u64, PoolSlice<'p, u64>)> = Vec::new();
    let mut ops = 0;
    for n in 0..OPS_PER_THREAD {
        let r = rng.next();
        if live.len() < 8 || (live.len() < 64 && r % 2 == 0) {
            let mut words = WORDS[(r >> 8) as usize % WORDS.len()];
            if words == 8192 && r % 64 != 0 {
                words = 16;
            }
            let tag = (id << 56) | n;
            let mut buf = pool.slice::<u64>(words).unwrap();
            verify(&buf, 0);
            buf.fill(tag);
            live.push((tag, buf));
        } else {
            let (tag, buf) = live.swap_remove((r >> 16) as usize % live.len());
            verify(&buf, tag);
            if r % 16 == 0 {
                // Freed by the other thread, into this thread's shard.
                give.send((tag, buf)).unwrap();
            } else {
                drop(buf);
            }
        }
        ops += 1;
        while let Ok((tag, buf)) = take.try_recv() {
            verify(&buf, tag);
            drop(buf);
        }
    }
    for (tag, buf) in live.drain(..) {
        verify(&buf, tag);
    }
    drop(give);
    for (tag, buf) in take {
        verify(&buf, tag);
    }
    ops
}

#[test]
fn two_threads_a_million_operations_no_overlap_balanced_stats() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let (to_b, from_a) = mpsc::channel();
    let (to_a, from_b) = mpsc::channel();
    let ops: u64 = std::thread::scope(|s| {
        let a = s.spawn(|| worker(&pool, 1, to_b, from_b));
        let b = s.spawn(|| worker(&pool, 2, to_a, from_a));
        a.join().unwrap() + b.join().unwrap()
    });
    assert!(ops >= 1_000_000);
    let stats = pool.stats();
    assert_eq!(stats.allocations, stats.frees, "{stats:?}");
    assert_eq!(
        stats.allocations,
        stats.cache_hits + stats.cache_misses,
        "{stats:?}"
    );
    assert!(stats.allocations > 500_000, "{stats:?}");
    assert!(
        stats.cache_hits > stats.allocations * 99 / 100,
        "mostly reuse: {stats:?}"
    );
    assert!(stats.locked_bytes <= stats.peak_locked_bytes);
    drop(pool);
}
