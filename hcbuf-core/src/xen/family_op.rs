//! The buffer of a union family's hypercall (`struct xen_sysctl`,
//! `struct xen_domctl`): the family's header, whose command is set from the
//! payload's type, then a 128-byte area holding the payload.

use std::marker::PhantomData;
use std::mem::{ManuallyDrop, align_of, size_of};

use hcbuf_sys::xen::domid_t;

use crate::args::{HypercallArgs, SubOp, family};
use crate::handle::GuestHandleMut;
use crate::marker::{__private::Derived, HypercallSafe, XenWritable};
use crate::owned::PoolBox;
use crate::pool::{Pool, PoolError};
use crate::release::Release;
use std::cell::Cell;

use hcbuf_sys::handles::Lending;

/// A family whose hypercall takes one buffer: a header then a union of
/// the payloads.
pub trait UnionFamily: family::Family {
    /// The header before the union.
    type Header: XenWritable;
    /// The header for command `cmd` of `release` (and domain `domain`,
    /// where the family has one).
    fn header(release: Release, cmd: u32, domain: domid_t) -> Self::Header;

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
    fn header(release: Release, cmd: u32, _: domid_t) -> SysctlHeader {
        SysctlHeader {
            cmd,
            interface_version: release.sysctl_interface(),
        }
    }
}

impl UnionFamily for family::Domctl {
    type Header = DomctlHeader;
    fn disarm(header: &mut DomctlHeader) {
        header.interface_version = 0;
    }
    fn header(release: Release, cmd: u32, domain: domid_t) -> DomctlHeader {
        DomctlHeader {
            cmd,
            interface_version: release.domctl_interface(),
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

/// Why an [`Op`] could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpError {
    /// No pool memory for the buffer.
    #[error(transparent)]
    Pool(#[from] PoolError),
    /// The payload is laid out as another release has it (a 4.17
    /// `createdomain` for Xen 4.20, say): Xen would read its fields at the
    /// wrong offsets.
    #[error(
        "`{payload}` is not laid out as {release} has it: use that release's payload \
         (`hcbuf_core::xen::v4_20` for what Xen 4.20 changed)"
    )]
    NotSpoken {
        /// The payload type.
        payload: &'static str,
        /// The release the buffer was for.
        release: Release,
    },
}

/// `Ok` if `P` is laid out as `release` has it (`SubOp::RELEASES`), else
/// [`OpError::NotSpoken`]: Xen would read its fields at the wrong offsets.
/// Every typed buffer and call is checked by it before it is made.
pub(crate) fn spoken<P: SubOp>(release: Release) -> Result<(), OpError> {
    if P::RELEASES.contains(&release) {
        return Ok(());
    }
    Err(OpError::NotSpoken {
        payload: std::any::type_name::<P>(),
        release,
    })
}

impl<P: SubOp + std::fmt::Debug> std::fmt::Debug for Op<P>
where
    P::Family: UnionFamily,
    <P::Family as UnionFamily>::Header: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Op")
            .field("header", self.header())
            .field("payload", self.payload())
            .field("issued", &(self.issued != 0))
            .finish()
    }
}

/// The payload area: 128 bytes, the size of the families' unions.
#[repr(C)]
union Area<P> {
    payload: ManuallyDrop<P>,
    bytes: [u8; 128],
}

/// The whole buffer of a union-family hypercall carrying payload `P`:
/// laid out as `struct xen_sysctl` / `struct xen_domctl`, with the header's
/// command taken from `P`'s type, then a word of hcbuf's own that Xen
/// never reads or writes (it copies only the C struct). Made only in pool
/// memory, by [`Op::sysctl`] or [`Op::domctl`].
///
/// A payload that may lend buffers ([`Lends::MAY_LEND`]) is issued once:
/// Xen may have raised a count past the buffer it measures (a sizing
/// answer such as `pm_cx_stat.nr`), which the payload's setters would
/// refuse. So a second [`call`](PoolBox::call) clears the header's
/// interface version (Xen answers `EACCES` before reading the payload),
/// and [`payload_mut`](Op::payload_mut) after a call forgets the
/// payload's handles (nested unions zeroed) before it lends it out. Build
/// a new `Op` for the next call. A payload without handles is issued again
/// as it is.
///
/// [`Lends::MAY_LEND`]: hcbuf_sys::handles::Lends::MAY_LEND
#[repr(C)]
pub struct Op<P: SubOp>
where
    P::Family: UnionFamily,
{
    header: <P::Family as UnionFamily>::Header,
    area: Area<P>,
    /// Non-zero once a call was made of this buffer: hcbuf's, past the C
    /// struct.
    issued: u64,
}

// SAFETY: a header without padding, then a union whose 128-byte member
// covers it whole (no padding), then a `u64` (the struct's alignment is 8,
// so none after it); guest handles inside `P` are its only addresses
// (`P: HypercallSafe`).
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

    fn new_in(
        release: Release,
        pool: &Pool,
        domain: domid_t,
        payload: P,
    ) -> Result<PoolBox<'_, Self>, OpError> {
        let () = Self::FITS;
        spoken::<P>(release)?;
        // Zeroed pool memory, so the bytes of the area `P` does not cover
        // are initialised (zero) too.
        let mut op = pool.boxed::<Self>()?;
        op.header = <P::Family as UnionFamily>::header(release, P::CMD, domain);
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

    /// The payload, to change before the call. After a call, a payload
    /// that may lend buffers first forgets them (its handles null, nested
    /// unions zeroed: what Xen wrote there can no longer be lent again).
    pub fn payload_mut(&mut self) -> &mut P {
        // SAFETY: as for `payload`.
        let payload = unsafe { &mut self.area.payload };
        if P::MAY_LEND && self.issued != 0 {
            payload.forget();
        }
        payload
    }

    /// The bytes of the C struct (`struct xen_sysctl` / `xen_domctl`):
    /// what Xen reads and writes, without hcbuf's word after it.
    const XEN_BYTES: u64 = (size_of::<<P::Family as UnionFamily>::Header>() + 128) as u64;
}

impl<P: SubOp> PoolBox<'_, Op<P>>
where
    P::Family: UnionFamily,
{
    /// The hypercall that hands this buffer to Xen (which writes it back).
    /// If the payload may lend buffers, the buffer is issued once (see
    /// [`Op`]): the call made a second time finds its interface version
    /// cleared. The call itself lowers once (see [`Call`]).
    pub fn call(&mut self) -> Call<'_, P> {
        let op: &mut Op<P> = self;
        if P::MAY_LEND {
            if op.issued != 0 {
                <P::Family as UnionFamily>::disarm(&mut op.header);
            }
            op.issued = 1;
        }
        Call {
            op: self.handle_mut(),
            lowered: Cell::new(false),
            _payload: PhantomData,
        }
    }
}

impl<P: SubOp> Op<P>
where
    P::Family: UnionFamily + family::Is<family::Sysctl>,
{
    /// A `sysctl` buffer of `release` in `pool` carrying `payload`
    /// ([`OpError::NotSpoken`] if the payload's layout is not that
    /// release's).
    pub fn sysctl(release: Release, pool: &Pool, payload: P) -> Result<PoolBox<'_, Self>, OpError> {
        Self::new_in(release, pool, 0, payload)
    }
}

impl<P: SubOp> Op<P>
where
    P::Family: UnionFamily + family::Is<family::Domctl>,
{
    /// A `domctl` buffer of `release` in `pool` about `domain`, carrying
    /// `payload` ([`OpError::NotSpoken`] if the payload's layout is not
    /// that release's).
    pub fn domctl(
        release: Release,
        pool: &Pool,
        domain: domid_t,
        payload: P,
    ) -> Result<PoolBox<'_, Self>, OpError> {
        Self::new_in(release, pool, domain, payload)
    }
}

/// The hypercall of a union family: one register, the buffer's handle.
/// It lowers once: lowered again (issued twice, or pushed twice in a
/// batch), its register is null, so Xen never reads the buffer again
/// within the call's life (a count it raised stays unused). The flag is a
/// `Cell`, so a call is not `Sync`: it is lowered by one thread at a time
/// (an atomic exchange would cost about a third of the typed call).
pub struct Call<'a, P: SubOp>
where
    P::Family: UnionFamily,
{
    op: GuestHandleMut<'a, Op<P>>,
    lowered: Cell<bool>,
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
        let first = !self.lowered.replace(true);
        [if first { self.op.addr() } else { 0 }, 0, 0, 0, 0]
    }
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        // The C struct, which Xen reads and writes back, then what the
        // payload's measured handles lend.
        to(Lending {
            addr: self.op.addr(),
            bytes: Op::<P>::XEN_BYTES,
            writable: true,
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use hcbuf_sys::{domctl::xen_domctl, sysctl::xen_sysctl};
    use std::mem::offset_of;

    #[test]
    fn the_buffers_are_laid_out_as_xen_sysctl_and_xen_domctl() {
        type S = Op<crate::xen::sysctl::PhysInfo>;
        type D = Op<crate::xen::domctl::MaxMem>;
        // The C struct, then hcbuf's word (Xen copies only the C struct).
        assert_eq!(
            (S::XEN_BYTES as usize + 8, size_of::<S>(), align_of::<S>()),
            (
                size_of::<xen_sysctl>() + 8,
                size_of::<xen_sysctl>() + 8,
                align_of::<xen_sysctl>()
            )
        );
        assert_eq!(offset_of!(S, area), offset_of!(xen_sysctl, u));
        assert_eq!(
            (D::XEN_BYTES as usize, size_of::<D>(), align_of::<D>()),
            (
                size_of::<xen_domctl>(),
                size_of::<xen_domctl>() + 8,
                align_of::<xen_domctl>()
            )
        );
        assert_eq!(offset_of!(D, area), offset_of!(xen_domctl, u));
        assert_eq!(
            offset_of!(DomctlHeader, domain),
            offset_of!(xen_domctl, domain)
        );
    }
}
