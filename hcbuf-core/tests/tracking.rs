//! The record of live allocations the software model of Xen checks every
//! guest address against.

use hcbuf_core::Pool;
mod common;

use common::tracking_pool;
use hcbuf_core::pool::Access;

#[test]
fn only_live_pool_ranges_are_allowed_and_writes_only_once_lent_writable() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = tracking_pool();
    let mut buf = pool.slice::<u8>(100).unwrap();
    let addr = buf.as_ptr() as u64;
    assert!(pool.allows(addr, 100, Access::Read));
    assert!(pool.allows(addr + 50, 50, Access::Read), "a sub-range");
    assert!(
        !pool.allows(addr, 101, Access::Read),
        "one byte past the requested length"
    );
    assert!(!pool.allows(addr + 99, 2, Access::Read));
    assert!(
        !pool.allows(addr, 100, Access::Write),
        "not lent writable yet"
    );
    let handle = buf.handle_mut();
    assert_eq!(handle.addr(), addr);
    assert!(
        pool.allows(addr, 100, Access::Write),
        "a GuestHandleMut lends it writable"
    );

    let on_stack = 0u64;
    assert!(
        !pool.allows(&on_stack as *const u64 as u64, 8, Access::Read),
        "stack memory"
    );
    let on_heap = Box::new(0u64);
    assert!(
        !pool.allows(&*on_heap as *const u64 as u64, 8, Access::Read),
        "heap memory"
    );
    assert!(
        !pool.allows(u64::MAX - 4, 8, Access::Read),
        "an overflowing range"
    );
    assert!(
        pool.allows(0xdead_0000, 0, Access::Write),
        "an empty range touches nothing"
    );

    drop(buf);
    assert!(
        !pool.allows(addr, 1, Access::Read),
        "freed memory is no longer allowed"
    );
}

#[test]
fn copies_boxes_and_runs_are_recorded_too() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = tracking_pool();
    let copy = pool.slice_from(&[1u32, 2, 3]).unwrap();
    assert!(pool.allows(copy.as_ptr() as u64, 12, Access::Read));
    let mut value = pool.boxed::<u64>().unwrap();
    *value = 3;
    assert!(
        pool.allows(value.as_ptr() as u64, 8, Access::Write),
        "DerefMut lends it writable"
    );
    let run = pool.slice::<u8>(65536).unwrap();
    assert!(pool.allows(run.as_ptr() as u64, 65536, Access::Read));
}

#[test]
fn an_untracked_pool_allows_nothing() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let pool = Pool::locked_anonymous();
    let buf = pool.slice::<u8>(16).unwrap();
    assert!(!pool.allows(buf.as_ptr() as u64, 16, Access::Read));
}
