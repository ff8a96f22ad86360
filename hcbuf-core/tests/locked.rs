//! The pool's memory is really locked (`VmLck`), a page stays locked while
//! any buffer lives in it, and everything is unlocked and unmapped when the
//! pool goes. One test in this binary, so no other test moves `VmLck`.

mod common;

use common::{is_mapped, vm_locked_bytes};
use hcbuf_core::Pool;
use hcbuf_core::pool::page_size;

/// The `Locked:` and `Size:` of the mapping holding `addr`, in bytes, from
/// `/proc/self/smaps`.
fn smaps_locked(addr: usize) -> (usize, usize) {
    let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
    let mut lines = smaps.lines();
    while let Some(line) = lines.next() {
        let Some((lo, rest)) = line.split_once('-') else {
            continue;
        };
        let (Ok(lo), Some(Ok(hi))) = (
            usize::from_str_radix(lo, 16),
            rest.split_whitespace()
                .next()
                .map(|h| usize::from_str_radix(h, 16)),
        ) else {
            continue;
        };
        if !(lo..hi).contains(&addr) {
            continue;
        }
        let field = |name: &str, lines: &mut std::str::Lines<'_>| {
            lines
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<usize>().ok())
                .map(|kb| kb * 1024)
                .expect("smaps field")
        };
        let size = field("Size:", &mut lines);
        let locked = field("Locked:", &mut lines);
        return (size, locked);
    }
    panic!("no mapping holds {addr:#x}");
}

#[test]
fn pool_memory_is_locked_while_held_and_released_with_the_pool() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let baseline = vm_locked_bytes();
    let pool = Pool::locked_anonymous();
    assert!(!pool.never_faults());

    // Nesting: two buffers on one page; dropping one leaves the page locked
    // (the first munlock of the 2010 design would have unlocked both).
    let a = pool.boxed::<[u8; 64]>().unwrap();
    let mut b = pool.boxed::<[u8; 64]>().unwrap();
    let page = page_size();
    assert_eq!(
        a.as_ptr() as usize / page,
        b.as_ptr() as usize / page,
        "one page"
    );
    b.fill(0x5a);
    drop(a);
    let (size, locked) = smaps_locked(b.as_ptr() as usize);
    assert_eq!(
        locked, size,
        "the page of the surviving buffer is still locked"
    );
    assert!(b.iter().all(|&x| x == 0x5a));

    // VmLck grows by exactly what the pool says it locked.
    let small: Vec<_> = (0..300)
        .map(|_| pool.boxed::<[u8; 48]>().unwrap())
        .collect();
    let big = pool.slice::<u8>(100_000).unwrap();
    let locked = pool.stats().locked_bytes;
    assert!(locked >= 100_000 + 300 * 64);
    assert_eq!(
        vm_locked_bytes() - baseline,
        locked,
        "VmLck grew by the pool's locked bytes"
    );
    for addr in [small[0].as_ptr() as usize, big.as_ptr() as usize] {
        let (size, locked) = smaps_locked(addr);
        assert_eq!(locked, size, "mapping at {addr:#x} is locked");
    }

    let addrs = [
        b.as_ptr() as usize,
        small[299].as_ptr() as usize,
        big.as_ptr() as usize,
    ];
    drop((b, small, big));
    drop(pool);
    assert_eq!(vm_locked_bytes(), baseline, "VmLck back to its baseline");
    for addr in addrs {
        assert!(
            !is_mapped(addr),
            "{addr:#x} is unmapped after the pool is dropped"
        );
    }
}
