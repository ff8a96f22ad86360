//! The call of the pointer families (`hcbuf_sys::families`, shape
//! `pointer` or `pointer_count`): `HYPERVISOR_x(cmd, arg[, count])`, where
//! `arg` points to the one payload the command takes. `memory_op`,
//! `sched_op`, `event_channel_op`, `hvm_op` and `grant_table_op` are
//! issued this one way: [`CmdCall`] owns its payload in a pool box and
//! lowers once.

use std::cell::Cell;

use crate::HypercallArgs;
use crate::XenWritable;
use crate::args::{SubOp, family};
use crate::marker::__private::Derived;
use crate::marker::sealed::CoreOnly;
use crate::owned::PoolBox;
use crate::signature::kind::{Absent, Kind, Len};
use hcbuf_sys::handles::{Lending, Lends};

/// A family whose hypercall is `(cmd, arg)` or `(cmd, arg, count)`: what
/// [`CmdCall`] puts in the registers after the command and the pointer.
/// Sealed: the families are hcbuf's (`hcbuf_sys::families`).
pub trait PointerFamily: family::Family + CoreOnly {
    /// The third register's kind in the signature table: [`Absent`], or
    /// the count of payloads the pointer points to (`grant_table_op`).
    type Count: Kind;
    /// The third register's value: 0, or a count of one payload.
    const COUNT: u64;
}

macro_rules! pointer_families {
    ($($(#[$m:meta])* $ty:ident: $key:ident = $op:ident, $name:literal, $shape:ident;)*) => {
        $(pointer_families!(@one $shape $ty);)*
    };
    (@one pointer $ty:ident) => {
        impl PointerFamily for family::$ty {
            type Count = Absent;
            const COUNT: u64 = 0;
        }
    };
    (@one pointer_count $ty:ident) => {
        impl PointerFamily for family::$ty {
            type Count = Len<1, u32>;
            const COUNT: u64 = 1;
        }
    };
    (@one $shape:ident $ty:ident) => {};
}
hcbuf_sys::with_families!(pointer_families);

/// `HYPERVISOR_x(P::CMD, arg[, 1])`: the command of payload `P`, which it
/// owns in a pool box, in the hypercall of `P`'s family.
///
/// Xen may write a count past the buffer it measures (a sizing answer:
/// `XENMEM_reserved_device_memory_map`'s `nr_entries`), so a payload that
/// was issued is never issued again as it is:
/// - the call lowers once: lowered again (issued twice, or pushed twice in
///   a batch), its pointer is null and Xen reads nothing;
/// - the payload comes back ([`into_payload`](Self::into_payload)) with
///   its measured handles forgotten (null) once the call was lowered; lend
///   the buffers again (the setters check the counts) to issue it again.
///
/// Both hold whatever the caller does: a `CmdCall` that is forgotten
/// (`mem::forget`) keeps its payload, which then cannot be issued again.
pub struct CmdCall<'p, P: SubOp + XenWritable>
where
    P::Family: PointerFamily,
{
    /// The payload, in pool memory (Xen may write it back).
    arg: PoolBox<'p, P>,
    /// The payload's address, taken from a writable handle when the call
    /// was made (the pool memory does not move with the box).
    addr: u64,
    /// Whether the call was lowered to registers already (a `Cell`: the
    /// call is not `Sync`, so one thread lowers it at a time).
    lowered: Cell<bool>,
}

impl<'p, P: SubOp + XenWritable> CmdCall<'p, P>
where
    P::Family: PointerFamily,
{
    /// The call carrying `payload`.
    pub fn new(mut payload: PoolBox<'p, P>) -> Self {
        let addr = payload.handle_mut().addr();
        CmdCall {
            arg: payload,
            addr,
            lowered: Cell::new(false),
        }
    }

    /// The payload, as Xen left it (`&mut self`: no batch holds the call
    /// while it is read).
    pub fn payload(&mut self) -> &P {
        &self.arg
    }

    /// The payload back, its measured handles forgotten if the call was
    /// lowered (issued, or pushed into a batch).
    pub fn into_payload(self) -> PoolBox<'p, P> {
        let CmdCall {
            mut arg, lowered, ..
        } = self;
        if P::MAY_LEND && lowered.into_inner() {
            Lends::forget(&mut *arg);
        }
        arg
    }
}

impl<P: SubOp + XenWritable> std::fmt::Debug for CmdCall<'_, P>
where
    P::Family: PointerFamily,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CmdCall")
            .field("family", &<P::Family as family::Family>::NAME)
            .field("cmd", &P::CMD)
            .field("arg", &format_args!("{:#x}", self.addr))
            .finish()
    }
}

// SAFETY: the command, the address of the pool box the call owns (or 0
// once lowered), and the family's count of one payload (or 0).
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp + XenWritable> Derived for CmdCall<'_, P> where P::Family: PointerFamily {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp + XenWritable> HypercallArgs for CmdCall<'_, P>
where
    P::Family: PointerFamily,
{
    const OP: u64 = <P::Family as family::Family>::OP as u64;
    fn registers(&self) -> [u64; 5] {
        let first = !self.lowered.replace(true);
        let arg = if first { self.addr } else { 0 };
        let count = if first {
            <P::Family as PointerFamily>::COUNT
        } else {
            0
        };
        [u64::from(P::CMD), arg, count, 0, 0]
    }
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        to(Lending {
            addr: self.addr,
            bytes: std::mem::size_of::<P>() as u64,
            writable: true,
        });
        Lends::lend(&*self.arg, to);
    }
}
