//! Guest memory: the only place the software Xen reads or writes the
//! caller's memory, and where every such access is checked.
//!
//! Every access names its address, its length (the size of the value, or
//! of the bytes) and its direction, and is allowed only if
//! - the call lends that range with that access: it lies inside one of the
//!   ranges the call's handles reach ([`HypercallArgs::lend`]: each
//!   register's buffer, each measured handle of its payload as far as its
//!   counts go), lent writable for a write, which only a `GuestHandleMut`
//!   lends, from an exclusive borrow of its pool memory; and
//! - the range lies inside one live pool allocation ([`Pool::allows`]), so
//!   an address a caller vouched for with `unsafe` (`from_raw`,
//!   `Lent::new`) that is not pool memory is refused too.
//!
//! Anything else is what Xen answers for an unmapped guest page: `EFAULT`,
//! counted in the fault counter.
//!
//! [`HypercallArgs::lend`]: crate::args::HypercallArgs::lend
//!
//! Only raw ABI values cross this boundary: integers, arrays of them and
//! the `hcbuf-sys` structs listed at the end of this file (all without
//! padding, as `abi!` asserts for every struct it declares).

use std::mem::size_of;
use std::sync::atomic::{AtomicU64, Ordering};

use hcbuf_sys::errno::XEN_EFAULT;

use hcbuf_sys::handles::Lending;

use crate::backend::XenErrno;
use crate::marker::PlainData;
use crate::pool::{Access, Pool};

/// A raw ABI value the model may read from and write to guest memory.
///
/// # Safety
/// `#[repr(C)]` (or `#[repr(C, packed)]`) data made of integers, arrays of
/// integers and raw handles (`RawHandle`, an integer) only: no references,
/// no pointers, every bit pattern a valid value, and no padding, so every
/// byte written is initialised (the caller reads the memory back as its
/// own padding-free types).
pub(super) unsafe trait Raw: Copy {}

/// `EFAULT`.
const FAULT: XenErrno = XenErrno(XEN_EFAULT);

/// The caller's memory, as one hypercall lends it.
pub(super) struct Guest<'a> {
    pool: &'a Pool,
    lent: &'a [Lending],
    faults: &'a AtomicU64,
}

impl<'a> Guest<'a> {
    pub(super) fn new(pool: &'a Pool, lent: &'a [Lending], faults: &'a AtomicU64) -> Self {
        Guest { pool, lent, faults }
    }

    /// Whether the call lends `addr..addr+len` with `access`.
    fn lends(&self, addr: u64, len: usize, access: Access) -> bool {
        let Some(end) = addr.checked_add(len as u64) else {
            return false;
        };
        self.lent.iter().any(|range| {
            (access == Access::Read || range.writable)
                && range.addr <= addr
                && range
                    .addr
                    .checked_add(range.bytes)
                    .is_some_and(|range_end| end <= range_end)
        })
    }

    /// Counts a fault and returns `EFAULT`.
    fn fault(&self) -> XenErrno {
        self.faults.fetch_add(1, Ordering::Relaxed);
        FAULT
    }

    /// `Ok` if `addr..addr+len` may be accessed as `access`, else a counted
    /// `EFAULT`. Xen's own whole-struct checks (a copy back of a buffer
    /// whose fields the model writes one by one) use this directly.
    pub(super) fn check(&self, addr: u64, len: usize, access: Access) -> Result<(), XenErrno> {
        if len == 0 || (self.lends(addr, len, access) && self.pool.allows(addr, len, Access::Read))
        {
            Ok(())
        } else {
            Err(self.fault())
        }
    }

    /// The address of element `index` of an array of `T` at `base`, or a
    /// counted `EFAULT` if it overflows (no such guest address exists).
    pub(super) fn element<T>(&self, base: u64, index: u64) -> Result<u64, XenErrno> {
        let size = size_of::<T>() as u64;
        index
            .checked_mul(size)
            .and_then(|off| base.checked_add(off))
            .ok_or_else(|| self.fault())
    }

    /// `base + offset`, or a counted `EFAULT` if it overflows.
    pub(super) fn offset(&self, base: u64, offset: usize) -> Result<u64, XenErrno> {
        base.checked_add(offset as u64).ok_or_else(|| self.fault())
    }

    // Provenance, for every access below: `addr` came from a guest handle,
    // made from a pointer into pool memory by an `as usize` cast (which
    // exposes the pointer's provenance; `GuestHandle::from_raw` callers
    // promise the same), so `with_exposed_provenance` recovers it.

    /// Reads a `T` at `addr` (any alignment).
    pub(super) fn read<T: Raw>(&self, addr: u64) -> Result<T, XenErrno> {
        self.check(addr, size_of::<T>(), Access::Read)?;
        let src = std::ptr::with_exposed_provenance::<T>(addr as usize);
        // SAFETY: `addr..addr+size_of::<T>()` was just checked to lie inside
        // a range this call lends (one of its handles' buffers, borrowed
        // for the whole call: the `HypercallArgs` contract) and inside one
        // live pool allocation, so it stays mapped, and nothing writes it
        // meanwhile: a range lent read-only is borrowed shared, one lent
        // writable exclusively, by the call. Pool memory is plain,
        // initialised bytes (zeroed or copied in when allocated, then
        // written only as padding-free values), and every bit pattern is a
        // valid `T` (`Raw`). `read_unaligned` takes any alignment.
        Ok(unsafe { src.read_unaligned() })
    }

    /// Writes `value` at `addr` (any alignment).
    pub(super) fn write<T: Raw>(&self, addr: u64, value: &T) -> Result<(), XenErrno> {
        self.check(addr, size_of::<T>(), Access::Write)?;
        let dst = std::ptr::with_exposed_provenance_mut::<T>(addr as usize);
        // SAFETY: `addr..addr+size_of::<T>()` was just checked to lie inside
        // a range this call lends writable, which only a `GuestHandleMut`
        // lends, from an exclusive borrow of its pool memory for the whole
        // call, and inside one live pool allocation: no reference reads or
        // writes it meanwhile. `T` has no padding (`Raw`), so every byte
        // written is initialised, and any bytes are valid for the caller's
        // types there (`XenWritable`). `write_unaligned` takes any
        // alignment.
        unsafe { dst.write_unaligned(*value) };
        Ok(())
    }

    /// Writes element `index` of an array of `T` at `base`.
    pub(super) fn write_at<T: Raw>(
        &self,
        base: u64,
        index: u64,
        value: &T,
    ) -> Result<(), XenErrno> {
        self.write(self.element::<T>(base, index)?, value)
    }

    /// Reads `len` bytes at `addr`.
    pub(super) fn read_bytes(&self, addr: u64, len: usize) -> Result<Vec<u8>, XenErrno> {
        self.check(addr, len, Access::Read)?;
        let mut out = vec![0u8; len];
        if len > 0 {
            let src = std::ptr::with_exposed_provenance::<u8>(addr as usize);
            // SAFETY: as for `read`: the range is checked to be lent by the
            // call and live pool memory, not written meanwhile; `out` is a
            // fresh vector of `len` bytes, so the two do not overlap.
            unsafe { std::ptr::copy_nonoverlapping(src, out.as_mut_ptr(), len) };
        }
        Ok(out)
    }

    /// Writes `bytes` at `addr`.
    pub(super) fn write_bytes(&self, addr: u64, bytes: &[u8]) -> Result<(), XenErrno> {
        self.check(addr, bytes.len(), Access::Write)?;
        if !bytes.is_empty() {
            let dst = std::ptr::with_exposed_provenance_mut::<u8>(addr as usize);
            // SAFETY: as for `write`: the range is checked to be lent
            // writable by the call (an exclusive borrow) and live pool
            // memory; `bytes` is the model's own memory, so the two do not
            // overlap.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len()) };
        }
        Ok(())
    }

    /// The same memory, as a call that lends only `lent` sees it (one
    /// entry of a multicall): faults counted in the same counter.
    pub(super) fn narrowed(&self, lent: &'a [Lending]) -> Guest<'a> {
        Guest::new(self.pool, lent, self.faults)
    }

    /// Reads a [`PlainData`] value at `addr` (any alignment): for a user's
    /// handler ([`super::extend`]), which names its own types.
    pub(super) fn read_plain<T: PlainData>(&self, addr: u64) -> Result<T, XenErrno> {
        self.check(addr, size_of::<T>(), Access::Read)?;
        let src = std::ptr::with_exposed_provenance::<T>(addr as usize);
        // SAFETY: as for `read`: the range is checked to be lent by the
        // call and live pool memory, not written meanwhile, and holds
        // initialised bytes. Every bit pattern is a valid `T`
        // (`PlainData: XenWritable`), and none is an address a safe caller
        // could follow (`PlainData`). `read_unaligned` takes any alignment.
        Ok(unsafe { src.read_unaligned() })
    }

    /// Writes a [`PlainData`] value at `addr` (any alignment): for a
    /// user's handler.
    pub(super) fn write_plain<T: PlainData>(&self, addr: u64, value: &T) -> Result<(), XenErrno> {
        self.check(addr, size_of::<T>(), Access::Write)?;
        let dst = std::ptr::with_exposed_provenance_mut::<T>(addr as usize);
        // SAFETY: as for `write`: the range is checked to be lent writable
        // by the call (an exclusive borrow) and live pool memory. `T` has
        // no implicit padding (`PlainData: HypercallSafe`), so every byte
        // written is initialised; it holds no address (`PlainData`), so
        // the caller's types there read no handle Xen chose. `value` is
        // the handler's own memory, so the two do not overlap, and a byte
        // copy takes any alignment.
        unsafe {
            std::ptr::copy_nonoverlapping(
                std::ptr::from_ref(value).cast::<u8>(),
                dst.cast::<u8>(),
                size_of::<T>(),
            )
        };
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The values that cross the boundary.
// ---------------------------------------------------------------------------

macro_rules! integers {
    ($($t:ty),*) => {$(
        // SAFETY: an integer: no padding, no address, every bit pattern valid.
        unsafe impl Raw for $t {}
    )*};
}
integers!(u8, u16, u32, u64, i8, i16, i32);

// SAFETY: an array of raw values adds no padding (its size is a multiple
// of its element's, which is a multiple of the alignment) and no addresses.
unsafe impl<T: Raw, const N: usize> Raw for [T; N] {}

/// `hcbuf-sys` structs the model reads and writes.
macro_rules! raw_structs {
    ($($t:path),* $(,)?) => {$(
        // SAFETY: an `abi!` struct of integers, arrays of integers and raw
        // handles, checked against Xen's headers; every bit pattern of its
        // fields is valid, and `abi!` asserts that it has no implicit
        // padding (its padding is declared as fields).
        unsafe impl Raw for $t {}
    )*};
}

raw_structs!(
    hcbuf_sys::xen::multicall_entry,
    hcbuf_sys::sysctl::xen_sysctl_readconsole,
    hcbuf_sys::sysctl::xen_sysctl_getdomaininfolist,
    hcbuf_sys::sysctl::xen_sysctl_cputopoinfo,
    hcbuf_sys::sysctl::xen_sysctl_numainfo,
    hcbuf_sys::sysctl::xen_sysctl_getcpuinfo,
    hcbuf_sys::sysctl::xen_sysctl_debug_keys,
    hcbuf_sys::domctl::xen_domctl_createdomain,
    hcbuf_sys::v4_20::domctl::xen_domctl_createdomain,
    hcbuf_sys::domctl::xen_domctl_getvcpuinfo,
    hcbuf_sys::domctl::xen_domctl_max_mem,
    hcbuf_sys::domctl::xen_domctl_max_vcpus,
    hcbuf_sys::domctl::xen_domctl_vcpuaffinity,
    hcbuf_sys::domctl::xen_domctl_nodeaffinity,
    hcbuf_sys::domctl::xen_domctl_settimeoffset,
    hcbuf_sys::domctl::xen_domctl_sched_credit,
    hcbuf_sys::domctl::xen_domctl_sched_credit2,
    hcbuf_sys::sysctl::xen_sysctl_cpupool_op,
    hcbuf_sys::sysctl::xen_sysctl_credit_schedule,
    hcbuf_sys::sysctl::xen_sysctl_credit2_schedule,
    hcbuf_sys::memory::xen_memory_domain,
    hcbuf_sys::memory::xen_memory_map,
    hcbuf_sys::memory::xen_memory_reservation,
    hcbuf_sys::domctl::xen_domctl_vcpucontext,
    hcbuf_sys::sched::sched_remote_shutdown,
    hcbuf_sys::hvm::xen_hvm_param,
);

raw_structs!(
    hcbuf_sys::arch::xen_arch_domainconfig,
    hcbuf_sys::version::xen_compile_info,
    hcbuf_sys::version::xen_platform_parameters,
    hcbuf_sys::version::xen_feature_info,
    hcbuf_sys::sysctl::xen_sysctl_physinfo,
    hcbuf_sys::sysctl::xen_sysctl_cputopo,
    hcbuf_sys::sysctl::xen_sysctl_meminfo,
    hcbuf_sys::sysctl::xen_sysctl_cpuinfo,
    // Its one nested struct, `xen_arch_domainconfig`, is checked above.
    hcbuf_sys::domctl::xen_domctl_getdomaininfo,
    hcbuf_sys::memory::e820entry,
    hcbuf_sys::hypfs::xen_hypfs_direntry,
);

// The `event_channel_op` and `grant_table_op` structs the model reads
// whole (`evtchn_status`, which holds a union, is read field by field).
raw_structs!(
    hcbuf_sys::event_channel::evtchn_alloc_unbound,
    hcbuf_sys::event_channel::evtchn_bind_interdomain,
    hcbuf_sys::event_channel::evtchn_close,
    hcbuf_sys::grant_table::gnttab_query_size,
    hcbuf_sys::grant_table::gnttab_setup_table,
);
