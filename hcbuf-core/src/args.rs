//! What a hypercall is, as types: the traits `#[derive(HypercallArgs)]`
//! implements, and the families of sub-op hypercalls.
//!
//! A whole hypercall is a struct deriving [`HypercallArgs`] with
//! `#[hypercall(op = …)]`: its fields are the register arguments, each a
//! [`RegisterArg`] (an integer, or a guest handle to pool memory), so a
//! top-level pointer argument can only be a guest handle. A sub-op payload
//! derives it with `#[hypercall(<family> = <command>, twin = <raw type>)]`
//! and so implements [`SubOp`]: its command number is part of its type,
//! and its layout is checked against its `hcbuf-sys` twin.
//!
//! Every whole call is checked against the hypercall's signature
//! ([`crate::signature`]): each register is what Xen takes there, and a
//! command hypercall's command is part of the call's type.
//!
//! ```
//! use hcbuf_core::signature::Command;
//! use hcbuf_core::{GuestHandleMut, HypercallArgs};
//! use hcbuf_core::sys::{version::*, xen::__HYPERVISOR_xen_version};
//!
//! /// `HYPERVISOR_xen_version(XENVER_extraversion, buf)`.
//! #[derive(HypercallArgs)]
//! #[hypercall(op = __HYPERVISOR_xen_version)]
//! struct ExtraVersion<'a> {
//!     cmd: Command<XENVER_extraversion>,
//!     buf: GuestHandleMut<'a, xen_extraversion_t>,
//! }
//! ```

use crate::handle::{GuestHandle, GuestHandleMut, Lent};
use crate::marker::{XenWritable, sealed::Sealed};
use hcbuf_sys::handles::{Extent, Handle, Lending};

/// A whole hypercall: its number and its five register arguments.
///
/// # Safety
/// Every register that carries an address carries a guest handle to
/// hypercall-safe memory borrowed for as long as `self` lives. Sealed:
/// use `#[derive(HypercallArgs)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a hypercall hcbuf can issue",
    label = "not `#[derive(HypercallArgs)]`",
    note = "describe the call as a struct of register arguments with \
            `#[derive(HypercallArgs)] #[hypercall(op = <hypercall number>)]`; its pointer \
            arguments are then guest handles to pool memory"
)]
pub unsafe trait HypercallArgs: Sealed {
    /// The hypercall number (`__HYPERVISOR_*`).
    const OP: u64;
    /// The register arguments, unused ones 0. A backend lowers a call
    /// once per issue: a family buffer's call lowers once in its life
    /// (see [`Call`](crate::xen::Call)), lowered again its address
    /// register is 0. To inspect what a call hands Xen without issuing
    /// it, read [`lend`](Self::lend).
    fn registers(&self) -> [u64; 5];

    /// Reports every range of memory the call lends Xen: each handle's
    /// buffer (as many elements as the signature or the payload's counts
    /// say), with its direction, nested handles included. A backend that
    /// checks what Xen touches (the software Xen) allows exactly these.
    /// Lending less than the call uses is safe (such a backend refuses the
    /// rest); the default lends nothing.
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        let _ = to;
    }

    /// For a call that carries other calls (a `multicall`): reports, for
    /// each range [`lend`](Self::lend) reports on behalf of a carried call,
    /// the index of the entry whose call lends it, and returns `true`. A
    /// backend that checks what Xen touches (the software Xen) then lets
    /// each carried call touch only what it lends itself. The default
    /// reports nothing and returns `false`: a call that carries none, or
    /// that cannot tell which entry lends what (such a backend can then
    /// only allow every carried call all that the whole call lends).
    fn lend_by_entry(&self, to: &mut dyn FnMut(usize, Lending)) -> bool {
        let _ = to;
        false
    }
}

/// A value that can be a register argument: an integer or a guest handle.
///
/// # Safety
/// `register` returns either a plain number or the address of
/// hypercall-safe memory. Sealed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a hypercall register argument",
    label = "not an integer or a guest handle",
    note = "a register argument is an integer, or a `GuestHandle`/`GuestHandleMut` borrowed \
            from pool memory; a reference or raw pointer would hand Xen an address that may \
            not be locked or alive"
)]
pub unsafe trait RegisterArg: Sealed {
    /// What the signature lookup learns from this type in the first
    /// register: whether it is a command, and which.
    #[doc(hidden)]
    type Tag;

    /// The register's value.
    fn register(&self) -> u64;

    /// The number of elements the register's buffer holds (a [`Lent`]'s
    /// length), which a [`Count`](crate::signature::Count) register of
    /// the same call takes; 0 for anything else.
    ///
    /// [`Lent`]: crate::handle::Lent
    #[inline]
    fn elements(&self) -> u64 {
        0
    }

    /// Reports the memory the register lends Xen: a handle's buffer (one
    /// element, or a [`Lent`]'s length), with its direction; nothing for
    /// a number.
    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        let _ = to;
    }
}

macro_rules! unsigned_registers {
    ($($t:ty),*) => {$(
        // SAFETY: a number, not an address.
        #[diagnostic::do_not_recommend]
        unsafe impl RegisterArg for $t {
            type Tag = crate::signature::NotCommand;
            #[inline]
            fn register(&self) -> u64 {
                u64::from(*self)
            }
        }
    )*};
}
unsigned_registers!(u8, u16, u32, u64);

macro_rules! signed_registers {
    ($($t:ty),*) => {$(
        // SAFETY: a number, not an address (sign-extended, as C passes it).
        #[diagnostic::do_not_recommend]
        unsafe impl RegisterArg for $t {
            type Tag = crate::signature::NotCommand;
            #[inline]
            fn register(&self) -> u64 {
                i64::from(*self) as u64
            }
        }
    )*};
}
signed_registers!(i8, i16, i32, i64);

/// Both kinds of handle, bare (one element) and lent (as many as the
/// `Lent` says).
macro_rules! handle_registers {
    ($($handle:ident),*) => {$(
        // SAFETY: the address of pool memory borrowed by the handle (or 0).
        #[diagnostic::do_not_recommend]
        unsafe impl<T> RegisterArg for $handle<'_, T> {
            type Tag = crate::signature::NotCommand;
            #[inline]
            fn register(&self) -> u64 {
                self.addr()
            }
            fn lend(&self, to: &mut dyn FnMut(Lending)) {
                Handle::lend(self, Extent(1), to);
            }
        }

        // SAFETY: the address of pool memory borrowed by the handle (or 0),
        // which holds at least the lent number of elements (`Lent`'s
        // contract).
        #[diagnostic::do_not_recommend]
        unsafe impl<T> RegisterArg for Lent<$handle<'_, T>> {
            type Tag = crate::signature::NotCommand;
            #[inline]
            fn register(&self) -> u64 {
                self.handle().addr()
            }
            #[inline]
            fn elements(&self) -> u64 {
                self.len() as u64
            }
            fn lend(&self, to: &mut dyn FnMut(Lending)) {
                Handle::lend(self.handle(), Extent(self.len() as u64), to);
            }
        }
    )*};
}
handle_registers!(GuestHandle, GuestHandleMut);

/// A sub-op payload: the member of a family's union (or the buffer of a
/// family's command) that command `CMD` of family `Family` takes.
///
/// hcbuf's own payloads implement it through their family tables, a
/// user's derived payload through the derive. A struct of the user's own,
/// declared with `hcbuf_sys::declare!` (so it is `XenWritable`, with the
/// markers' checks), implements it by hand:
///
/// ```text
/// // SAFETY: `my_max_mem` is laid out as `struct xen_domctl_max_mem`
/// // (proven by `hcbuf_sys::prove::prove` in this crate's tests), the
/// // member of `xen_domctl.u` that `XEN_DOMCTL_max_mem` reads and writes.
/// unsafe impl SubOp for my_max_mem {
///     type Family = family::Domctl;
///     const CMD: u32 = XEN_DOMCTL_max_mem;
/// }
/// ```
///
/// (`hcbuf-core/tests/user_declared.rs` does this end to end.)
///
/// # Safety
/// The type is laid out exactly as the C struct (or buffer) that command
/// `CMD` of `Family` reads and writes: its size at least what Xen touches,
/// every field at the C offset with the C meaning, every guest handle
/// where C has one, with the element type and direction Xen uses; no
/// larger than the family's union (128 bytes for `sysctl` and `domctl`);
/// and its `Lends` reports every buffer its handles reach as far as its
/// counts let Xen go (`declare!` and the derive write that impl). For a
/// `declare!`d struct, prove the layout against the headers of every Xen
/// version you issue it on.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sub-op payload",
    label = "no family or command number",
    note = "derive it with `#[derive(HypercallArgs)] #[hypercall(<family> = <command>, twin = \
            <hcbuf_sys type>)]`"
)]
pub unsafe trait SubOp: XenWritable + hcbuf_sys::handles::Lends {
    /// The family whose hypercall carries this payload.
    type Family: family::Family;
    /// The command number (`XEN_SYSCTL_*`, `XEN_DOMCTL_*`, …).
    const CMD: u32;
    /// The releases whose layout this is (every release hcbuf speaks,
    /// unless a release changed it: `xen_domctl_createdomain` is 4.17's,
    /// `hcbuf_sys::v4_20::domctl::xen_domctl_createdomain` 4.20's).
    const RELEASES: &'static [crate::release::Release] = &crate::release::Release::ALL;
}

/// The families of sub-op hypercalls, as types.
pub mod family {
    use crate::marker::sealed::CoreOnly;
    use hcbuf_sys::xen;

    /// A family of sub-op hypercalls. Sealed: the families are hcbuf's
    /// (`hcbuf_sys::families`).
    pub trait Family: CoreOnly {
        /// Its hypercall number.
        const OP: u32;
        /// Its name, for messages.
        const NAME: &'static str;
    }

    /// `Self` is the family `F`: how a payload of the wrong family is
    /// told (a bound on its `Family`, naming both).
    #[diagnostic::on_unimplemented(
        message = "a `{Self}` payload where a `{F}` payload belongs",
        label = "a payload of another family",
        note = "each family's buffer takes its own payloads: `Op::sysctl(release, pool, payload)` a \
                sysctl one (`hcbuf_core::xen::sysctl`), `Op::domctl(release, pool, domain, payload)` a \
                domctl one (`hcbuf_core::xen::domctl`); a memory_op, sched_op, event_channel_op, \
                grant_table_op or hvm_op payload goes in a `CmdCall`, a xen_version buffer in a \
                `Version`; a payload of your own names \
                its family in `#[hypercall(<family> = <command>, ...)]` and takes a twin of \
                that family"
    )]
    pub trait Is<F>: Family {}

    macro_rules! families {
        ($($(#[$m:meta])* $name:ident: $key:ident = $op:ident, $text:literal, $shape:ident;)*) => {$(
            $(#[$m])*
            #[derive(Debug)]
            pub enum $name {}
            #[diagnostic::do_not_recommend]
            impl CoreOnly for $name {}
            #[diagnostic::do_not_recommend]
            impl Is<$name> for $name {}
            impl Family for $name {
                const OP: u32 = xen::$op;
                const NAME: &'static str = $text;
            }
        )*};
    }

    // The list is `hcbuf_sys::families`'s, declared once there.
    hcbuf_sys::with_families!(families);
}
