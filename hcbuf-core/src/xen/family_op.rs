//! The buffer of a union family's hypercall (`struct xen_sysctl`,
//! `struct xen_domctl`): the family's header, whose command is set from the
//! payload's type, then a 128-byte area holding the payload.

use std::marker::PhantomData;
use std::mem::{ManuallyDrop, align_of, size_of};

use hcbuf_sys::{domctl, sysctl, xen::domid_t};

use crate::args::{HypercallArgs, SubOp, family};
use crate::handle::GuestHandleMut;
use crate::marker::{__private::Derived, HypercallSafe, XenWritable};
use crate::owned::PoolBox;
use crate::pool::{Pool, PoolError};
use hcbuf_sys::handles::{Extent, Handle, Lending};

/// A family whose hypercall takes one buffer: a header then a union of
/// the payloads.
pub trait UnionFamily: family::Family {
    /// The header before the union.
    type Header: XenWritable;
    /// The header for command `cmd` (and domain `domain`, where the family
    /// has one).
    fn header(cmd: u32, domain: domid_t) -> Self::Header;

    /// Makes the header one Xen refuses (`EACCES`) before reading the
    /// payload: its interface version cleared.
    fn disarm(header: &mut Self::Header);
}

/// The header of `struct xen_sysctl`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct SysctlHeader {
    /// `XEN_SYSCTL_*`.
    pub cmd: u32,
    /// `XEN_SYSCTL_INTERFACE_VERSION`.
    pub interface_version: u32,
}

/// The header of `struct xen_domctl`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct DomctlHeader {
    /// `XEN_DOMCTL_*`.
    pub cmd: u32,
    /// `XEN_DOMCTL_INTERFACE_VERSION`.
    pub interface_version: u32,
    /// The domain the command is about.
    pub domain: domid_t,
    /// Reserved, zero.
    pub pad: [u16; 3],
}

impl UnionFamily for family::Sysctl {
    type Header = SysctlHeader;
    fn disarm(header: &mut SysctlHeader) {
        header.interface_version = 0;
    }
    fn header(cmd: u32, _: domid_t) -> SysctlHeader {
        SysctlHeader {
            cmd,
            interface_version: sysctl::XEN_SYSCTL_INTERFACE_VERSION,
        }
    }
}

impl UnionFamily for family::Domctl {
    type Header = DomctlHeader;
    fn disarm(header: &mut DomctlHeader) {
        header.interface_version = 0;
    }
    fn header(cmd: u32, domain: domid_t) -> DomctlHeader {
        DomctlHeader {
            cmd,
            interface_version: domctl::XEN_DOMCTL_INTERFACE_VERSION,
            domain,
            pad: [0; 3],
        }
    }
}

macro_rules! plain_header {
    ($($t:ty),*) => {$(
        // SAFETY: `#[repr(C)]` integers with no padding (asserted below).
        #[diagnostic::do_not_recommend]
        unsafe impl Derived for $t {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl HypercallSafe for $t {}
        // SAFETY: integers only: every bit pattern is valid.
        #[diagnostic::do_not_recommend]
        unsafe impl XenWritable for $t {}
    )*};
}
plain_header!(SysctlHeader, DomctlHeader);
static_assertions::const_assert_eq!(size_of::<SysctlHeader>(), 8);
static_assertions::const_assert_eq!(size_of::<DomctlHeader>(), 16);

/// The payload area: 128 bytes, the size of the families' unions.
#[repr(C)]
union Area<P> {
    payload: ManuallyDrop<P>,
    bytes: [u8; 128],
}

/// The whole buffer of a union-family hypercall carrying payload `P`:
/// laid out as `struct xen_sysctl` / `struct xen_domctl`, with the header's
/// command taken from `P`'s type. Made only in pool memory, by
/// [`Op::sysctl`] or [`Op::domctl`].
#[repr(C)]
pub struct Op<P: SubOp>
where
    P::Family: UnionFamily,
{
    header: <P::Family as UnionFamily>::Header,
    area: Area<P>,
}

// SAFETY: a header without padding, then a union whose 128-byte member
// covers it whole (no padding); guest handles inside `P` are its only
// addresses (`P: HypercallSafe`).
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp> Derived for Op<P> where P::Family: UnionFamily {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp> HypercallSafe for Op<P> where P::Family: UnionFamily {}
// SAFETY: the header is integers; every bit pattern of the area is a valid
// `P` (`P: XenWritable`) and a valid byte array.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp> XenWritable for Op<P> where P::Family: UnionFamily {}

impl<P: SubOp> Op<P>
where
    P::Family: UnionFamily,
{
    const FITS: () = assert!(
        size_of::<P>() <= 128 && align_of::<P>() <= 8,
        "the payload does not fit the family's 128-byte union"
    );

    fn new_in(pool: &Pool, domain: domid_t, payload: P) -> Result<PoolBox<'_, Self>, PoolError> {
        let () = Self::FITS;
        // Zeroed pool memory, so the bytes of the area `P` does not cover
        // are initialised (zero) too.
        let mut op = pool.boxed::<Self>()?;
        op.header = <P::Family as UnionFamily>::header(P::CMD, domain);
        op.area.payload = ManuallyDrop::new(payload);
        Ok(op)
    }

    /// The header (its command is `P`'s).
    pub fn header(&self) -> &<P::Family as UnionFamily>::Header {
        &self.header
    }

    /// The payload, as Xen left it.
    pub fn payload(&self) -> &P {
        // SAFETY: the area was zeroed and then written as a `P`; whatever
        // Xen wrote since is a valid `P` (`XenWritable`).
        unsafe { &self.area.payload }
    }

    /// The payload, to change before the call.
    pub fn payload_mut(&mut self) -> &mut P {
        // SAFETY: as for `payload`.
        unsafe { &mut self.area.payload }
    }
}

impl<P: SubOp> PoolBox<'_, Op<P>>
where
    P::Family: UnionFamily,
{
    /// The hypercall that hands this buffer to Xen (which writes it back).
    /// If the payload may lend buffers, it is issued once (see [`Call`]'s
    /// `Drop`): build a new `Op` for the next call.
    pub fn call(&mut self) -> Call<'_, P> {
        Call {
            op: self.handle_mut(),
            _payload: PhantomData,
        }
    }
}

impl<P: SubOp> Op<P>
where
    P::Family: UnionFamily + family::Is<family::Sysctl>,
{
    /// A `sysctl` buffer in `pool` carrying `payload`.
    pub fn sysctl(pool: &Pool, payload: P) -> Result<PoolBox<'_, Self>, PoolError> {
        Self::new_in(pool, 0, payload)
    }
}

impl<P: SubOp> Op<P>
where
    P::Family: UnionFamily + family::Is<family::Domctl>,
{
    /// A `domctl` buffer in `pool` about `domain`, carrying `payload`.
    pub fn domctl(
        pool: &Pool,
        domain: domid_t,
        payload: P,
    ) -> Result<PoolBox<'_, Self>, PoolError> {
        Self::new_in(pool, domain, payload)
    }
}

/// The hypercall of a union family: one register, the buffer's handle.
pub struct Call<'a, P: SubOp>
where
    P::Family: UnionFamily,
{
    op: GuestHandleMut<'a, Op<P>>,
    _payload: PhantomData<P>,
}

// SAFETY: one register, a handle to a pool buffer borrowed for `'a`.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp> Derived for Call<'_, P> where P::Family: UnionFamily {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp> HypercallArgs for Call<'_, P>
where
    P::Family: UnionFamily,
{
    const OP: u64 = <P::Family as family::Family>::OP as u64;
    fn registers(&self) -> [u64; 5] {
        [self.op.addr(), 0, 0, 0, 0]
    }
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        // The buffer, which Xen reads and writes back, then what the
        // payload's measured handles lend.
        Handle::lend(&self.op, Extent(1), to);
        let op = std::ptr::with_exposed_provenance::<Op<P>>(self.op.addr() as usize);
        // SAFETY: `self.op` was made by `PoolBox::call` from a live
        // `PoolBox<Op<P>>` (the address of its value, exposed by the cast
        // that made the handle), which it borrows exclusively for `'a`: the
        // buffer is alive, holds a valid `Op<P>` (`XenWritable`), and
        // nothing else reads or writes it while this shared borrow, which
        // ends before `lend` returns, reads it.
        unsafe { &*op }.payload().lend(to);
    }
}

/// A payload that may lend buffers is issued once: once the call is over
/// (dropped), the buffer's interface version is cleared, so that issuing it
/// again fails with `EACCES` before Xen reads the payload. Xen may have
/// rewritten a count past the buffer it measures (a sizing answer, such as
/// `pm_cx_stat.nr`), and a nested union's member cannot be told apart to
/// forget its handles; build a new `Op` (its setters check the counts
/// again) for the next call. A payload with no handle at all is issued
/// again as it is.
impl<P: SubOp> Drop for Call<'_, P>
where
    P::Family: UnionFamily,
{
    fn drop(&mut self) {
        if !P::MAY_LEND {
            return;
        }
        let op = std::ptr::with_exposed_provenance_mut::<Op<P>>(self.op.addr() as usize);
        // SAFETY: as in `lend`: the buffer is a live `Op<P>` this call
        // borrows exclusively for `'a`, and the call is over (a batch that
        // carried it borrowed it, so it has been issued or dropped too):
        // nothing else reads or writes it while this write runs.
        unsafe { <P::Family as UnionFamily>::disarm(&mut (*op).header) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcbuf_sys::{domctl::xen_domctl, sysctl::xen_sysctl};
    use std::mem::offset_of;

    #[test]
    fn the_buffers_are_laid_out_as_xen_sysctl_and_xen_domctl() {
        type S = Op<crate::xen::sysctl::PhysInfo>;
        type D = Op<crate::xen::domctl::MaxMem>;
        assert_eq!(
            (size_of::<S>(), align_of::<S>()),
            (size_of::<xen_sysctl>(), align_of::<xen_sysctl>())
        );
        assert_eq!(offset_of!(S, area), offset_of!(xen_sysctl, u));
        assert_eq!(
            (size_of::<D>(), align_of::<D>()),
            (size_of::<xen_domctl>(), align_of::<xen_domctl>())
        );
        assert_eq!(offset_of!(D, area), offset_of!(xen_domctl, u));
        assert_eq!(
            offset_of!(DomctlHeader, domain),
            offset_of!(xen_domctl, domain)
        );
    }
}
