//! `multicall` (`common/multicall.c`): a batch of calls, each run through
//! the same dispatcher, each result written back into its entry. A
//! multicall that says which entry lends what (a `Batch`'s) has each
//! entry's call touch only what that call lends.

use std::mem::offset_of;

use hcbuf_sys::errno::XEN_EINVAL;
use hcbuf_sys::handles::Lending;
use hcbuf_sys::xen::multicall_entry;

use super::Ctx;
use crate::backend::XenErrno;

/// What each entry of a multicall lends
/// ([`HypercallArgs::lend_by_entry`](crate::args::HypercallArgs::lend_by_entry)).
pub(super) struct Carried {
    /// The ranges, by entry.
    lent: Vec<Lending>,
    /// The entry of each range: sorted, as `lent`.
    owners: Vec<usize>,
}

impl Carried {
    pub(super) fn new(mut by_entry: Vec<(usize, Lending)>) -> Self {
        // Stable, and already in order for a batch's multicall.
        by_entry.sort_by_key(|&(entry, _)| entry);
        let (owners, lent) = by_entry.into_iter().unzip();
        Carried { lent, owners }
    }

    /// What entry `entry` lends (nothing for an entry no range names).
    pub(super) fn of(&self, entry: usize) -> &[Lending] {
        let start = self.owners.partition_point(|&owner| owner < entry);
        let end = self.owners.partition_point(|&owner| owner <= entry);
        &self.lent[start..end]
    }
}

/// A call's result as Xen's `long`: the value, or `-errno`.
fn as_long(result: Result<u64, XenErrno>) -> u64 {
    match result {
        Ok(value) => value,
        Err(XenErrno(errno)) => (-i64::from(errno)) as u64,
    }
}

impl Ctx<'_> {
    /// `HYPERVISOR_multicall(call_list, nr_calls)`: returns 0 once every
    /// entry ran (their errors are in their `result`s); `EFAULT` stops the
    /// batch at an entry that cannot be read or whose result cannot be
    /// written. A multicall inside a multicall is `EINVAL` (Xen refuses
    /// re-entry).
    pub(super) fn multicall(&mut self, [list, nr_calls, ..]: [u64; 5]) -> Result<u64, XenErrno> {
        if self.in_multicall {
            return Err(XenErrno(XEN_EINVAL));
        }
        self.in_multicall = true;
        let result = self.run_batch(list, nr_calls as u32);
        self.in_multicall = false;
        result
    }

    fn run_batch(&mut self, list: u64, nr_calls: u32) -> Result<u64, XenErrno> {
        for i in 0..nr_calls {
            let at = self.mem.element::<multicall_entry>(list, u64::from(i))?;
            let call: multicall_entry = self.mem.read(at)?;
            let [a0, a1, a2, a3, a4, _] = call.args;
            let registers = [a0, a1, a2, a3, a4];
            let result = match self.carried {
                // The entry's call sees only what it lends; the entries
                // are the multicall's again for the result.
                Some(carried) => {
                    let entry = self.mem.narrowed(carried.of(i as usize));
                    let outer = std::mem::replace(&mut self.mem, entry);
                    let result = self.dispatch(call.op, registers);
                    self.mem = outer;
                    result
                }
                None => self.dispatch(call.op, registers),
            };
            let result = as_long(result);
            let result_at = self.mem.offset(at, offset_of!(multicall_entry, result))?;
            self.mem.write(result_at, &result)?;
        }
        Ok(0)
    }
}
