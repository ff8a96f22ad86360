//! `multicall` (`common/multicall.c`): a batch of calls, each run through
//! the same dispatcher, each result written back into its entry.

use std::mem::offset_of;

use hcbuf_sys::errno::XEN_EINVAL;
use hcbuf_sys::xen::multicall_entry;

use super::Ctx;
use crate::backend::XenErrno;

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
            let result = as_long(self.dispatch(call.op, [a0, a1, a2, a3, a4]));
            let result_at = self.mem.offset(at, offset_of!(multicall_entry, result))?;
            self.mem.write(result_at, &result)?;
        }
        Ok(0)
    }
}
