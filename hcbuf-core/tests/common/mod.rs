//! Helpers shared by hcbuf-core's integration tests.
#![allow(dead_code)]

use hcbuf_core::{PoolBox, XenWritable};

/// `VmLck` of this process in bytes, from `/proc/self/status`.
pub fn vm_locked_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmLck:"))
        .expect("VmLck line");
    let kb: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmLck value");
    kb * 1024
}

/// Whether any mapping of this process covers `addr`.
pub fn is_mapped(addr: usize) -> bool {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("read /proc/self/maps");
    maps.lines().any(|l| {
        let range = l.split_whitespace().next().unwrap_or_default();
        let (lo, hi) = range.split_once('-').unwrap_or_default();
        let lo = usize::from_str_radix(lo, 16).unwrap_or(usize::MAX);
        let hi = usize::from_str_radix(hi, 16).unwrap_or(0);
        (lo..hi).contains(&addr)
    })
}

/// Overwrites the `u32` at byte `offset` of a pool value, as only a buggy
/// or hostile caller would (the typed `Op` sets its header itself).
pub fn poke_u32<T: XenWritable>(value: &mut PoolBox<'_, T>, offset: usize, word: u32) {
    assert!(offset + size_of::<u32>() <= size_of::<T>());
    let ptr = value.as_mut_ptr();
    // SAFETY: `ptr` comes from exclusive (`&mut`) access to the box, which
    // nothing else borrows; `offset + 4` is within the `T` (asserted); the
    // box's memory is initialised, and every bit pattern is a valid `T`
    // (`XenWritable`), so the value stays valid whatever the four bytes.
    unsafe { ptr.byte_add(offset).cast::<u32>().write_unaligned(word) };
}
