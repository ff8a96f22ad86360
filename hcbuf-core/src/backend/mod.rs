//! Backends: what issues a checked hypercall, and Xen's errors.
//!
//! [`Backend::hypercall`] accepts only [`HypercallArgs`] types (derived,
//! or hcbuf's own), so every call a backend sees was lowered from integers
//! and guest handles: there is no way to hand a backend a raw `(op, [u64;
//! 5])`.
//!
//! - [`Privcmd`]: Linux's privcmd driver (`/dev/xen/privcmd`), for a real
//!   dom0. See [`privcmd`] for the device paths, the `int` the ioctl returns
//!   and how [`Privcmd::hypercall_wide`] gets around it.
//! - [`soft::SoftXen`]: a software model of Xen 4.17 or 4.20, every guest
//!   address checked against what the call lends and the pool.
//! - [`Recording`]: issues nothing, records every call; for tests of code
//!   that builds hypercalls.
//! - [`AnyBackend`]: the real or the software Xen, chosen at run time.
//!
//! [`hypercall_wide`] issues a call as a one-entry `multicall` through any
//! backend, to read its result at full width.

mod any;
pub mod privcmd;
mod recording;
pub mod soft;

pub use any::AnyBackend;
pub use privcmd::{OpenError, PRIVCMD_DEVICE, PRIVCMD_PROC, Privcmd};
pub use recording::Recording;

use std::fmt;

use crate::args::HypercallArgs;
use crate::pool::{Pool, PoolError};
use crate::xen::multicall::{Multicall, MulticallEntry};

/// A failed hypercall: Xen's errno (positive, as `XEN_E*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XenErrno(pub i32);

impl XenErrno {
    /// The errno's name (`"EACCES"`), if Xen defines it.
    pub fn name(self) -> Option<&'static str> {
        hcbuf_sys::errno::errno_name(self.0)
    }
}

impl fmt::Display for XenErrno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.0),
            None => write!(f, "Xen error {}", self.0),
        }
    }
}

impl std::error::Error for XenErrno {}

/// Something that can issue hypercalls: the privcmd driver, a software
/// model of Xen, a recorder for tests.
pub trait Backend {
    /// Issues one hypercall and returns its (non-negative) result.
    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno>;

    /// The release this backend is, if it knows without asking (the
    /// software Xen is the one it models); `None` makes the typed API ask
    /// the hypervisor once ([`Release::detect`](crate::Release::detect)).
    fn release(&self) -> Option<crate::Release> {
        None
    }
}

/// A [`hypercall_wide`] that failed: either the multicall entry could not
/// be allocated, or Xen (or the kernel) refused the call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WideError {
    /// Allocating the multicall entry in pool memory failed; nothing was
    /// issued.
    #[error("cannot allocate the multicall entry: {0}")]
    Alloc(#[from] PoolError),
    /// The `multicall` hypercall itself failed, or the call it carried
    /// returned an error.
    #[error(transparent)]
    Xen(#[from] XenErrno),
}

/// The largest errno a hypercall returns, as Linux's `MAX_ERRNO`: a result
/// in `-MAX_ERRNO..=-1` (as a signed `long`) is an error, anything else a
/// value.
const MAX_ERRNO: i64 = 4095;

/// Issues `args` through `backend` as a one-entry `__HYPERVISOR_multicall`
/// and returns the call's result at full width (64 bits), as libxc's
/// `do_memory_op` does on Linux.
///
/// Why: a backend's own result may be narrower than Xen's `long` (the
/// privcmd ioctl returns an `int`, see [`privcmd`]). A multicall entry has
/// a 64-bit `result` field that Xen fills in memory, so no width is lost.
///
/// How: the entry (`op = A::OP`, the five registers of `args`) is copied
/// into `pool` memory, which Xen reads and writes; the `multicall`
/// hypercall itself returns 0 on success (its errors, such as `EFAULT` for
/// an unreadable entry, are returned as [`WideError::Xen`]). The entry's
/// `result` is then read: a value in `-4095..=-1` (as an `i64`) is the
/// carried call's `-errno` and gives `Err(XenErrno(errno))`; anything else
/// is its result.
///
/// Only calls Xen allows inside a multicall can go this way (`memory_op`,
/// `xen_version`, … but not `multicall` itself).
pub fn hypercall_wide<B: Backend, A: HypercallArgs>(
    backend: &B,
    pool: &Pool,
    args: &A,
) -> Result<u64, WideError> {
    // SAFETY: this function holds `args` borrowed until the multicall has
    // returned.
    let entry = unsafe { MulticallEntry::carrying(args) };
    let mut calls = pool.slice_from(&[entry])?;
    let mut carried = Vec::new();
    args.lend(&mut |range| carried.push(range));
    // All of it is the one entry's.
    let ends = [carried.len()];
    // 0 on success: the carried call's result is in the entry.
    // SAFETY: the one entry carries `args`, borrowed until this returns,
    // and `carried` is what it lends.
    let multicall = unsafe { Multicall::new(&mut calls, &carried, &ends) };
    backend.hypercall(&multicall)?;
    entry_result(calls[0].result).map_err(WideError::Xen)
}

/// The carried call's outcome from a multicall entry's `result`.
pub(crate) fn entry_result(result: u64) -> Result<u64, XenErrno> {
    let signed = result as i64;
    if (-MAX_ERRNO..0).contains(&signed) {
        // In range: -signed fits in an i32.
        Err(XenErrno((-signed) as i32))
    } else {
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Recording;
    use crate::xen::memory::MaximumRamPage;
    use hcbuf_sys::memory::XENMEM_maximum_ram_page;
    use hcbuf_sys::xen::{__HYPERVISOR_memory_op, __HYPERVISOR_multicall};

    /// A software Xen that runs a multicall by writing `result` into each
    /// entry, as Xen does.
    struct FakeMulticall {
        result: u64,
        seen: std::sync::Mutex<Vec<MulticallEntry>>,
    }

    impl Backend for FakeMulticall {
        fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
            assert_eq!(A::OP, u64::from(__HYPERVISOR_multicall));
            let [calls, nr, ..] = args.registers();
            assert_eq!(nr, 1);
            let entry = calls as *mut MulticallEntry;
            // SAFETY: the register is a guest handle to the one-entry pool
            // slice `hypercall_wide` holds across this call; like Xen, we
            // read and write it in place.
            unsafe {
                self.seen.lock().unwrap().push(*entry);
                (*entry).result = self.result;
            }
            Ok(0)
        }
    }

    fn fake(result: u64) -> FakeMulticall {
        FakeMulticall {
            result,
            seen: Default::default(),
        }
    }

    #[test]
    fn the_entry_carries_the_call_and_the_result_comes_back_whole() {
        let pool = Pool::locked_anonymous();
        let xen = fake(0x1_2345_6789);
        let wide = hypercall_wide(&xen, &pool, &MaximumRamPage::new()).unwrap();
        assert_eq!(wide, 0x1_2345_6789);
        let seen = xen.seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].op(), u64::from(__HYPERVISOR_memory_op));
        assert_eq!(
            seen[0].args(),
            [u64::from(XENMEM_maximum_ram_page), 0, 0, 0, 0, 0]
        );
        assert_eq!(
            seen[0].result, 0,
            "the result Xen wrote went into the pool copy"
        );
        assert_eq!(pool.stats().live(), 0);
    }

    #[test]
    fn a_negative_errno_in_the_entry_is_an_error() {
        let pool = Pool::locked_anonymous();
        let xen = fake((-22i64) as u64);
        match hypercall_wide(&xen, &pool, &MaximumRamPage::new()) {
            Err(WideError::Xen(e)) => assert_eq!(e, XenErrno(22)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_multicalls_own_error_is_returned() {
        let pool = Pool::locked_anonymous();
        let xen = Recording::new();
        xen.reply(Err(XenErrno(14)));
        match hypercall_wide(&xen, &pool, &MaximumRamPage::new()) {
            Err(WideError::Xen(e)) => assert_eq!(e, XenErrno(14)),
            other => panic!("{other:?}"),
        }
        let calls = xen.calls();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].0, u64::from(__HYPERVISOR_multicall));
        assert_eq!(calls[0].1[1], 1);
    }

    #[test]
    fn entry_results_in_the_errno_range_are_errors_and_the_rest_values() {
        assert_eq!(entry_result(0), Ok(0));
        assert_eq!(entry_result(u64::MAX), Err(XenErrno(1)));
        assert_eq!(entry_result((-4095i64) as u64), Err(XenErrno(4095)));
        assert_eq!(entry_result((-4096i64) as u64), Ok((-4096i64) as u64));
        assert_eq!(entry_result(i64::MIN as u64), Ok(i64::MIN as u64));
        assert_eq!(entry_result(u64::from(u32::MAX)), Ok(u64::from(u32::MAX)));
    }
}
