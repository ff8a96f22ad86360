//! Hypercall signatures as data: for every hypercall of Xen 4.17, what each
//! of its five registers is, so that a whole call derived with
//! `#[derive(HypercallArgs)] #[hypercall(op = …)]` is checked against it.
//!
//! A register is one of the [`kind`]s: an integer ([`kind::Int`]), a
//! pointer to one `T` ([`kind::Ptr`]) or to several ([`kind::Slice`],
//! whose count is another register, [`kind::Len`]), a union family's
//! buffer ([`kind::Buffer`]), a batch's entries ([`kind::Entries`]), the
//! command that selects the rest ([`kind::Selector`]), or nothing
//! ([`kind::Absent`]). The field at each register must [`Fits`] its kind:
//! a guest handle to exactly the pointee, in a direction that allows what
//! Xen does (a read-only [`GuestHandle`] only where Xen only reads), an
//! integer only where Xen takes a number, a [`Count`] where Xen takes the
//! length of another register's buffer (filled from that buffer's
//! [`Lent`] length, so it never exceeds it).
//!
//! Where the first register is a command that selects what the others
//! are (`xen_version`, `memory_op`, `console_io`, `hypfs_op`, `sched_op`,
//! `event_channel_op`, `grant_table_op`, `hvm_op`, `vcpu_op`,
//! `physdev_op`, …), the command is part of the call's type: the field is
//! a [`Command<C>`](Command), and the signature is that of command `C`
//! ([`Sub`]). No whole call can pair a command with another command's
//! buffer.
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
//!
//! A hypercall hcbuf has no signature for (an unknown number, a command
//! hcbuf does not declare, or one refused because it acts on the calling
//! vCPU, the dom0 kernel's, not on a guest) is the user's proof to make:
//! `#[hypercall(op = …, signature = S)]` with an `unsafe impl Signature
//! for S` that states what Xen does with each register. A hypercall whose
//! signature hcbuf knows cannot be given another.
//!
//! [`GuestHandle`]: crate::GuestHandle
//! [`Lent`]: crate::handle::Lent

pub mod kind;
mod table;

use crate::args::RegisterArg;

pub use table::{CommandSignature, Fixed, NoSignature, has_fixed_signature};

/// Hypercall number `OP`, as a type.
#[derive(Debug)]
pub struct Hypercall<const OP: u64>;

/// Command `CMD` of hypercall `OP`, as a type: the signature of a call
/// whose command register selects what the others are.
#[derive(Debug)]
pub struct Sub<const OP: u64, const CMD: u32>;

/// What each register of a hypercall (or of one command of it) is.
///
/// # Safety
/// Each register's kind states what Xen 4.17 (and every version hcbuf
/// speaks) does with that register for this hypercall: an [`Int`]
/// is never dereferenced; a [`Ptr<D, T>`](kind::Ptr) is read (and, unless
/// `D` is [`Read`], written) as one `T` at most; a
/// [`Slice<D, T>`](kind::Slice) as at most as many `T` as the register its
/// [`Len`] names holds; a [`Buffer<F>`](kind::Buffer) as the
/// buffer of family `F`; nothing else is read as an address. A wrong
/// signature lets Xen touch memory the call does not own.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a signature of your own",
    label = "not an `unsafe impl Signature`",
    note = "`signature = S` names a type of your crate with an `unsafe impl Signature`, \
            stating what Xen does with each register of a hypercall hcbuf has no signature \
            for; hcbuf's own table (`Fixed`, `Sub`) cannot be borrowed for another hypercall"
)]
pub unsafe trait Signature {
    /// The call as C spells it, for messages and docs.
    const TEXT: &'static str;
    /// Register 1 (`rdi`).
    type R0: kind::Kind;
    /// Register 2 (`rsi`).
    type R1: kind::Kind;
    /// Register 3 (`rdx`).
    type R2: kind::Kind;
    /// Register 4 (`r10`).
    type R3: kind::Kind;
    /// Register 5 (`r8`).
    type R4: kind::Kind;
}

/// A signature of hcbuf's table (`Fixed<OP>`, or `Sub<OP, C>` for a command
/// hcbuf declares): what a derived whole call is checked against when it
/// names no `signature` of its own. Sealed: the table is hcbuf's, and none
/// of its types is a [`Signature`] a user could name for another hypercall.
#[diagnostic::on_unimplemented(
    message = "hcbuf has no signature `{Self}`",
    label = "no signature for this hypercall or command",
    note = "`NoSignature<OP>`: hcbuf's table gives hypercall OP no signature (it acts on the \
            calling vCPU, the dom0 kernel's, or hcbuf mirrors none of its buffers): describe \
            the call with `#[hypercall(op = N, signature = S)]` and an \
            `unsafe impl Signature for S`",
    note = "`MissingCommand<OP>`: the first register of hypercall OP is a command that selects \
            what the others are; type the first field `Command<XEN…_command>`",
    note = "`Sub<OP, CMD>` is command CMD of hypercall OP: hcbuf declares the commands whose \
            buffers it mirrors; a command hcbuf does not declare is issued through the \
            family's generic call (`CmdCall<P>`, `Version<P>`) with a payload of your own \
            (`hcbuf_sys::declare!` and an `unsafe impl SubOp`), or, for a hypercall none of \
            whose commands hcbuf declares, described with `#[hypercall(op = N, signature = S)]` \
            and an `unsafe impl Signature for S`"
)]
pub trait Known: Registers + known::Sealed {
    /// The call as C spells it.
    const TEXT: &'static str;
}

mod known {
    /// The seal of [`Known`](super::Known): the table's types only.
    pub trait Sealed {}
    impl<const OP: u64> Sealed for super::table::Fixed<OP> {}
    impl<const OP: u64, const C: u32> Sealed for super::Sub<OP, C> {}
}

/// The registers of a signature, for the derive's checks: every
/// [`Signature`]'s, and for a command hypercall called without a command
/// ([`MissingCommand`]) registers anything fits, so that the one error is
/// the missing signature, not one per field.
#[doc(hidden)]
pub trait Registers {
    /// Register 1.
    type R0: kind::Kind;
    /// Register 2.
    type R1: kind::Kind;
    /// Register 3.
    type R2: kind::Kind;
    /// Register 4.
    type R3: kind::Kind;
    /// Register 5.
    type R4: kind::Kind;
}

impl<S: Signature> Registers for S {
    type R0 = S::R0;
    type R1 = S::R1;
    type R2 = S::R2;
    type R3 = S::R3;
    type R4 = S::R4;
}

/// What a command hypercall called without a [`Command`] first looks up:
/// no signature.
#[derive(Debug)]
pub struct MissingCommand<const OP: u64>;

impl<const OP: u64> Registers for MissingCommand<OP> {
    type R0 = kind::Any;
    type R1 = kind::Any;
    type R2 = kind::Any;
    type R3 = kind::Any;
    type R4 = kind::Any;
}

/// What a call's first field tells the lookup: [`IsCommand<C>`] for a
/// [`Command<C>`], [`NotCommand`] for anything else.
#[doc(hidden)]
#[derive(Debug)]
pub enum NotCommand {}

/// See [`NotCommand`].
#[doc(hidden)]
#[derive(Debug)]
pub struct IsCommand<const C: u32>;

/// The signature of hypercall `Self` for a call whose first register is
/// tagged `First` (`RegisterArg::Tag`): the hypercall's own, or, for a
/// command hypercall, that of the command `First` names. Sealed: the table
/// is hcbuf's.
#[diagnostic::on_unimplemented(
    message = "no signature of `{Self}` starts with a `{First}`",
    label = "not a hypercall hcbuf knows, or not its command",
    note = "`Hypercall<N>` is hypercall number N; a hypercall whose first register is a \
            command (xen_version, memory_op, console_io, hypfs_op, sched_op, \
            event_channel_op, grant_table_op, hvm_op, vcpu_op, physdev_op, …) takes the \
            command as its first field, typed `Command<XEN…_command>`",
    note = "a hypercall hcbuf has no signature for is described with \
            `#[hypercall(op = N, signature = S)]` and an `unsafe impl Signature for S`"
)]
pub trait Lookup<First>: lookup::Sealed {
    /// The signature (for a command hypercall, that of the command, which
    /// hcbuf may not declare: [`Signature`] is checked where it is used).
    type Sig;
}

/// The command register of a command hypercall: command `C`, as a type
/// (`Command::<XENVER_extraversion>`), so that the call's signature is
/// that command's. A unit value: the register is `C`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Command<const C: u32>;

/// A count register: the number of elements of the buffer in the register
/// the signature's [`Len`] names, filled in from that buffer's
/// [`Lent`] length when the call is lowered (clamped
/// to the register's C type), so it never exceeds the buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count;

/// The registers of a call with signature `S`: `values` as the fields
/// lower them, with each [`Len`] register replaced by the
/// element count of the register it measures (`elements`).
#[inline(always)]
pub fn lower<S: Registers>(values: [u64; 5], elements: [u64; 5]) -> [u64; 5] {
    let mut registers = values;
    fill::<S::R0>(&mut registers[0], &elements);
    fill::<S::R1>(&mut registers[1], &elements);
    fill::<S::R2>(&mut registers[2], &elements);
    fill::<S::R3>(&mut registers[3], &elements);
    fill::<S::R4>(&mut registers[4], &elements);
    registers
}

#[inline(always)]
fn fill<K: kind::Kind>(register: &mut u64, elements: &[u64; 5]) {
    if let Some((measured, max)) = K::MEASURES {
        *register = elements[measured].min(max);
    }
}

/// A field that may stand in a register of kind `K` (see [`kind`]).
/// Sealed: which types fit which kinds is hcbuf's table.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be this register: the hypercall's signature has `{K}` here",
    label = "does not fit the signature",
    note = "`Int`: an integer; `Ptr<D, T>`: a `GuestHandle<T>` (Xen reads) or \
            `GuestHandleMut<T>` (Xen writes) to exactly `T`; `Slice<D, T>`: a \
            `Lent<GuestHandle…<T>>` from `PoolSlice::lend`/`lend_mut`; `Len<R>`: `Count`, set \
            from register R's buffer; `Selector`: `Command<XEN…_command>`; `Buffer<F>`: only \
            the family's own call (`Op::…(…).call()`, `CmdCall::new(…)`), not a whole call \
            of your own; `Entries`: a `Batch`; `Absent`: no field (the hypercall takes no such \
            register)"
)]
pub trait Fits<K>: RegisterArg + fits::Sealed<K> {}

mod fits {
    /// The seal of [`Fits`](super::Fits).
    pub trait Sealed<K> {}
}

mod lookup {
    /// The seal of [`Lookup`](super::Lookup): the table is hcbuf's.
    pub trait Sealed {}
    impl<const OP: u64> Sealed for super::Hypercall<OP> {}
}

macro_rules! fits {
    ($(impl[$($g:tt)*] $kind:ty => $ty:ty;)*) => {$(
        impl<$($g)*> fits::Sealed<$kind> for $ty {}
        #[diagnostic::do_not_recommend]
        impl<$($g)*> Fits<$kind> for $ty {}
    )*};
}

use crate::handle::{GuestHandle, GuestHandleMut, Lent};
use kind::*;

fits! {
    impl[] Int => u8;
    impl[] Int => u16;
    impl[] Int => u32;
    impl[] Int => u64;
    impl[] Int => i8;
    impl[] Int => i16;
    impl[] Int => i32;
    impl[] Int => i64;
    impl['a, T] Ptr<Read, T> => GuestHandle<'a, T>;
    impl['a, T, D: Direction] Ptr<D, T> => GuestHandleMut<'a, T>;
    impl['a, T] Slice<Read, T> => Lent<GuestHandle<'a, T>>;
    impl['a, T, D: Direction] Slice<D, T> => Lent<GuestHandleMut<'a, T>>;
    impl[const R: usize, W: Width] Len<R, W> => Count;
    impl[const C: u32] Selector => Command<C>;
    impl['a] Entries => Lent<GuestHandleMut<'a, crate::xen::multicall::CheckedEntry>>;
}

impl<T: RegisterArg> fits::Sealed<Any> for T {}
impl<T: RegisterArg> Fits<Any> for T {}

// SAFETY: a number (the command), not an address.
#[diagnostic::do_not_recommend]
unsafe impl<const C: u32> RegisterArg for Command<C> {
    type Tag = IsCommand<C>;
    #[inline]
    fn register(&self) -> u64 {
        u64::from(C)
    }
}
// SAFETY: the seal only: a unit value, no bytes, no address.
#[diagnostic::do_not_recommend]
unsafe impl<const C: u32> crate::marker::__private::Derived for Command<C> {}

// SAFETY: a number (filled in by `lower` from the buffer it measures).
#[diagnostic::do_not_recommend]
unsafe impl RegisterArg for Count {
    type Tag = NotCommand;
    #[inline]
    fn register(&self) -> u64 {
        0
    }
}
// SAFETY: the seal only: a unit value, no bytes, no address.
#[diagnostic::do_not_recommend]
unsafe impl crate::marker::__private::Derived for Count {}

/// For the derive: compiles only if a field of type `F` fits a register of
/// kind `K`.
#[doc(hidden)]
pub const fn assert_fits<F: Fits<K>, K>() {}

/// For the derive: compiles only if `S` is a signature of the user's (the
/// one error where it is not).
#[doc(hidden)]
pub const fn assert_signature<S: Signature>() {}

/// For the derive: compiles only if `S` is one of the table's signatures
/// (the one error where a call has none).
#[doc(hidden)]
pub const fn assert_known<S: Known>() {}

/// For the derive: the hypercall number privcmd passes (as a C `unsigned
/// int`, its low 32 bits): a larger number would reach another hypercall
/// than the one checked.
#[doc(hidden)]
pub const fn op_fits(op: u64) -> bool {
    op <= u32::MAX as u64
}
