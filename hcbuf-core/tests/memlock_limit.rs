//! Running out of lockable memory is a typed error with the numbers, and
//! leaves nothing behind. As root the limit does not apply, so this test
//! drops `CAP_IPC_LOCK` from its own thread first (capabilities are
//! per-thread; `mlock` checks the calling thread's). It is the only test in
//! this binary because `RLIMIT_MEMLOCK` is process-wide.

mod common;

use common::{drop_cap_ipc_lock, set_memlock_limit, vm_locked_bytes};
use hcbuf_core::{Pool, PoolError};

#[test]
fn rlimit_memlock_exhaustion_is_a_typed_error_and_leaks_nothing() {
    const LIMIT: u64 = 64 * 1024;
    let baseline = vm_locked_bytes();
    assert_eq!(
        baseline, 0,
        "this test process locks nothing before the test"
    );
    set_memlock_limit(LIMIT);
    drop_cap_ipc_lock();

    let pool = Pool::locked_anonymous();
    let held = pool.slice::<u8>(16384).unwrap();
    match pool.slice::<u8>(1 << 20) {
        Err(
            e @ PoolError::MemlockLimit {
                requested,
                locked,
                limit,
            },
        ) => {
            assert_eq!((requested, locked, limit), (1 << 20, 16384, LIMIT));
            let text = e.to_string();
            for number in ["1048576", "16384", "65536", "RLIMIT_MEMLOCK"] {
                assert!(text.contains(number), "{text:?} names {number}");
            }
        }
        other => panic!("expected MemlockLimit, got {:?}", other.map(|s| s.len())),
    }
    let stats = pool.stats();
    assert_eq!(
        (stats.live(), stats.locked_bytes),
        (1, 16384),
        "the failed request left nothing"
    );
    assert_eq!(
        vm_locked_bytes(),
        16384,
        "nothing stays locked or mapped from the failure"
    );

    // Small buffers until the limit bites, then all of them go back.
    let mut small = Vec::new();
    let err = loop {
        match pool.boxed::<[u8; 512]>() {
            Ok(b) => small.push(b),
            Err(e) => break e,
        }
        assert!(small.len() < 1000, "the limit never applied");
    };
    assert!(
        matches!(err, PoolError::MemlockLimit { limit: LIMIT, .. }),
        "{err:?}"
    );
    assert_eq!(
        small.len(),
        (LIMIT as usize - 16384) / 512,
        "every byte up to the limit was usable"
    );
    drop((small, held));
    drop(pool);
    assert_eq!(vm_locked_bytes(), 0);

    // Memory the pool merely caches is given back before a request fails:
    // 48 KiB cached, 56 KiB wanted, 64 KiB allowed.
    let pool = Pool::locked_anonymous();
    drop(pool.slice::<u8>(48 << 10).unwrap());
    assert_eq!(
        pool.stats().locked_bytes,
        48 << 10,
        "the freed run stays cached"
    );
    let big = pool
        .slice::<u8>(56 << 10)
        .expect("the cache is trimmed, then the request fits");
    assert_eq!(pool.stats().locked_bytes, 56 << 10);
    drop(big);
}
