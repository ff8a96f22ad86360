//! The `multicall` hypercall: `HYPERVISOR_multicall(calls, nr_calls)`
//! issues a batch of hypercalls, each described by a [`MulticallEntry`],
//! and writes each one's result back into its entry.
//!
//! An entry's arguments are raw integers, so an address among them is not
//! a checked guest handle: an entry is made only by the `unsafe`
//! [`MulticallEntry::new`] (or [`MulticallEntry::carrying`]), whose caller
//! vouches for the addresses, and a `multicall` takes only a batch's
//! [`CheckedEntry`]s: typed batches, which keep every call's borrows, are
//! [`crate::api::Batch`].

use hcbuf_sys::xen::{__HYPERVISOR_multicall, multicall_entry};

use std::cell::Cell;

use hcbuf_sys::handles::Lending;

use crate::HypercallArgs;
use crate::args::RegisterArg;
use crate::handle::{GuestHandleMut, Lent};
use crate::marker::__private::Derived;
use crate::owned::PoolSlice;
use crate::signature::{Count, Fixed};

/// One call of a batch (`struct multicall_entry`), made by
/// [`MulticallEntry::new`]. No `Default`: an all-zero entry is hypercall 0
/// (`set_trap_table`) with a null argument, which would clear a PV
/// kernel's trap table. (A zeroed slice of entries from the pool holds
/// such entries; a `multicall` issues only a [`Batch`](crate::api::Batch)'s,
/// each made from a checked call.)
#[derive(HypercallArgs, Clone, Copy, Debug, PartialEq, Eq)]
#[hypercall(data, twin = multicall_entry)]
#[repr(C)]
pub struct MulticallEntry {
    /// The hypercall number (`__HYPERVISOR_*`).
    op: u64,
    /// OUT: the call's return value, full width (a negative errno as a
    /// two's-complement `u64`).
    pub result: u64,
    /// The register arguments (the sixth is unused by every hypercall).
    args: [u64; 6],
}

impl MulticallEntry {
    /// An entry for hypercall `op` with register arguments `args`.
    ///
    /// # Safety
    /// Every address among `args` must be a guest handle to hypercall-safe
    /// (pool) memory that stays alive, and untouched by anything but Xen,
    /// until the multicall carrying this entry has returned — for
    /// instance the registers of a derived [`HypercallArgs`] value that
    /// the caller keeps borrowed across the multicall.
    pub unsafe fn new(op: u64, args: [u64; 6]) -> Self {
        MulticallEntry {
            op,
            result: 0,
            args,
        }
    }

    /// The entry that carries `call` (its number and its five registers).
    ///
    /// # Safety
    /// `call` must stay borrowed, so that the memory its handles reach
    /// stays alive and untouched, until the multicall carrying this entry
    /// has returned (the registers are `call`'s, lowered by the derive from
    /// integers and guest handles).
    pub unsafe fn carrying<A: HypercallArgs>(call: &A) -> Self {
        let [a0, a1, a2, a3, a4] = call.registers();
        // SAFETY: the caller keeps `call`, and so every handle among its
        // registers, borrowed until the multicall has returned.
        unsafe { MulticallEntry::new(A::OP, [a0, a1, a2, a3, a4, 0]) }
    }

    /// The hypercall number.
    pub fn op(&self) -> u64 {
        self.op
    }

    /// The register arguments.
    pub fn args(&self) -> [u64; 6] {
        self.args
    }
}

/// An entry of a batch whose calls were each checked against their own
/// signature ([`Batch::push`](crate::api::Batch::push) takes only derived
/// calls): the only element a `multicall` accepts. It has no constructor
/// and is not data Xen may write into pool memory of the caller's, so no
/// zeroed or hand-filled entry can become one.
#[derive(Debug)]
#[repr(transparent)]
pub struct CheckedEntry(MulticallEntry);

/// `HYPERVISOR_multicall(calls, nr_calls)`: issue every entry of `calls`
/// in order. Made only from a batch's entries, with what their calls lend.
///
/// It lowers once, as the calls it carries do (a family buffer's `Call`, a
/// `CmdCall`): its entries hold those calls' one lowering, so a backend
/// that issued the multicall again (a retry) would hand Xen their buffers
/// a second time, counts Xen raised included. Lowered again, its entries'
/// address is 0 and Xen answers `EFAULT` without running any of them.
#[derive(Debug)]
pub struct Multicall<'a> {
    /// The entries, which Xen reads and writes the results into.
    calls: Lent<GuestHandleMut<'a, CheckedEntry>>,
    /// The number of entries: filled from `calls`' length.
    nr_calls: Count,
    /// What the entries' calls lend Xen, recorded when each was made.
    carried: &'a [Lending],
    /// Where each entry's part of `carried` ends (entry `i` lends
    /// `carried[ends[i - 1]..ends[i]]`).
    ends: &'a [usize],
    /// Whether the multicall was lowered to registers already.
    lowered: Cell<bool>,
}

impl<'a> Multicall<'a> {
    /// Issues every entry of `calls` (the first `u32::MAX` if there are
    /// more, which no batch has), whose calls lend `carried`: entry `i`'s
    /// call the ranges from `ends[i - 1]` (0 for the first) to `ends[i]`.
    ///
    /// # Safety
    /// Every entry was made by [`MulticallEntry::carrying`] from a call
    /// that stays borrowed until this multicall has returned, and
    /// `carried` is what those calls lend (each one's
    /// [`HypercallArgs::lend`]). (`ends` only says which entry lends which
    /// of those ranges: a wrong one makes a checking backend refuse an
    /// entry's access, never allow one outside `carried`.)
    pub(crate) unsafe fn new(
        calls: &'a mut PoolSlice<'_, MulticallEntry>,
        carried: &'a [Lending],
        ends: &'a [usize],
    ) -> Self {
        let (handle, len) = calls.lend_mut().into_parts();
        // SAFETY: `CheckedEntry` is `#[repr(transparent)]` over
        // `MulticallEntry`, so the handle reaches `len` of them, borrowed
        // exclusively; the caller vouches that each entry is a checked
        // call's.
        let calls = unsafe { Lent::new(GuestHandleMut::from_raw(handle.addr()), len) };
        Multicall {
            calls,
            nr_calls: Count,
            carried,
            ends,
            lowered: Cell::new(false),
        }
    }

    /// The number of entries passed to Xen.
    pub fn nr_calls(&self) -> u32 {
        u32::try_from(self.calls.len()).unwrap_or(u32::MAX)
    }
}

// SAFETY: the two registers of `multicall`'s signature (a batch's entries
// and their count, lowered through it), and nothing else.
#[diagnostic::do_not_recommend]
unsafe impl Derived for Multicall<'_> {}
// SAFETY: as above: the entries are pool memory borrowed for `'a`, each a
// checked call's, whose memory stays borrowed as long (`new`'s contract).
#[diagnostic::do_not_recommend]
unsafe impl HypercallArgs for Multicall<'_> {
    const OP: u64 = __HYPERVISOR_multicall as u64;
    fn registers(&self) -> [u64; 5] {
        let [calls, nr_calls, ..] =
            crate::signature::lower::<Fixed<{ __HYPERVISOR_multicall as u64 }>>(
                [self.calls.register(), self.nr_calls.register(), 0, 0, 0],
                [self.calls.elements(), 0, 0, 0, 0],
            );
        let first = !self.lowered.replace(true);
        [if first { calls } else { 0 }, nr_calls, 0, 0, 0]
    }
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        self.calls.lend(to);
        for &range in self.carried {
            to(range);
        }
    }
    fn lend_by_entry(&self, to: &mut dyn FnMut(usize, Lending)) -> bool {
        let mut start = 0;
        for (entry, &end) in self.ends.iter().enumerate() {
            let end = end.clamp(start, self.carried.len());
            for &range in &self.carried[start..end] {
                to(entry, range);
            }
            start = end;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::{Fits, Registers, kind};

    /// `Multicall` is written by hand (it carries its entries' lending):
    /// its fields are what the table's signature says.
    #[test]
    fn the_fields_fit_the_multicall_signature() {
        fn fits<F: Fits<K>, K>() {}
        type S = Fixed<{ __HYPERVISOR_multicall as u64 }>;
        fits::<Lent<GuestHandleMut<'static, CheckedEntry>>, <S as Registers>::R0>();
        fits::<Count, <S as Registers>::R1>();
        fn absent<K: 'static>() -> bool {
            std::any::TypeId::of::<K>() == std::any::TypeId::of::<kind::Absent>()
        }
        assert!(absent::<<S as Registers>::R2>());
    }
}
