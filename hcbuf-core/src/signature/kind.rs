//! The kinds of register a [`Signature`](super::Signature) names. Each is
//! a type with no values: it only says what the register is.

use std::marker::PhantomData;

/// What a register kind tells the lowering: whether it is a count, of
/// which register's buffer, and the largest value its C type holds.
pub trait Kind {
    /// `Some((register, max))` for a count of `register`'s elements.
    const MEASURES: Option<(usize, u64)> = None;
}

/// An integer Xen never dereferences.
#[derive(Debug)]
pub enum Int {}

/// Anything: the registers of a call that has no signature, which is
/// reported once, as such.
#[doc(hidden)]
#[derive(Debug)]
pub enum Any {}

/// A register the hypercall does not take: no field may stand there.
#[derive(Debug)]
pub enum Absent {}

/// The command that selects what the other registers are: the field is a
/// [`Command<C>`](super::Command).
#[derive(Debug)]
pub enum Selector {}

/// Names types without owning them: the kinds are never values.
type Names<T> = PhantomData<fn() -> T>;

/// A pointer to one `T` that Xen accesses as `D` says.
pub struct Ptr<D, T>(Names<(D, T)>);

/// A pointer to as many `T` as a [`Len`] register says, which Xen accesses
/// as `D` says.
pub struct Slice<D, T>(Names<(D, T)>);

/// The number of elements of register `R`'s buffer, as the C type `W`
/// (`u32` for `unsigned int`, `u64` for `unsigned long`).
pub struct Len<const R: usize, W>(Names<W>);

/// The buffer of family `F` (`struct xen_sysctl`, `struct xen_domctl`,
/// the payload of a `memory_op`, `sched_op`, ... command), which Xen reads and writes back. No
/// register type fits it: only the family's own call lowers it
/// ([`Op::call`](crate::xen::Op), [`CmdCall`](crate::xen::CmdCall)),
/// which issues a buffer whose counts Xen may raise once.
pub struct Buffer<F>(Names<F>);

/// A batch's multicall entries, each made from a call checked against its
/// own signature.
#[derive(Debug)]
pub enum Entries {}

/// Xen only reads.
#[derive(Debug)]
pub enum Read {}
/// Xen only writes.
#[derive(Debug)]
pub enum Write {}
/// Xen reads and writes.
#[derive(Debug)]
pub enum ReadWrite {}

/// A direction: [`Read`], [`Write`] or [`ReadWrite`].
pub trait Direction: seal::Sealed {
    /// Whether Xen may write.
    const WRITES: bool;
}

/// A count's C type: `u32` or `u64`.
pub trait Width: seal::Sealed {
    /// Its largest value.
    const MAX: u64;
}

/// The seal of [`Direction`] and [`Width`]: the five are hcbuf's.
mod seal {
    pub trait Sealed {}
    impl Sealed for super::Read {}
    impl Sealed for super::Write {}
    impl Sealed for super::ReadWrite {}
    impl Sealed for u32 {}
    impl Sealed for u64 {}
}

impl Direction for Read {
    const WRITES: bool = false;
}
impl Direction for Write {
    const WRITES: bool = true;
}
impl Direction for ReadWrite {
    const WRITES: bool = true;
}
impl Width for u32 {
    const MAX: u64 = u32::MAX as u64;
}
impl Width for u64 {
    const MAX: u64 = u64::MAX;
}

impl Kind for Int {}
impl Kind for Any {}
impl Kind for Absent {}
impl Kind for Selector {}
impl<D: Direction, T> Kind for Ptr<D, T> {}
impl<D: Direction, T> Kind for Slice<D, T> {}
impl<F> Kind for Buffer<F> {}
impl Kind for Entries {}
impl<const R: usize, W: Width> Kind for Len<R, W> {
    const MEASURES: Option<(usize, u64)> = Some((R, W::MAX));
}
