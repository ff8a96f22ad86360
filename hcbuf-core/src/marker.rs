//! Marker traits that stand for safety proofs about a type's bytes.
//!
//! Both are `unsafe` and sealed: they are implemented here for integers,
//! arrays and guest handles, and by `#[derive(HypercallArgs)]`, which
//! checks every field; a manual `impl` does not compile. (The derive
//! expands in the user's crate, so it implements a hidden trait,
//! [`__private::Derived`], from which the seal follows: a hand-written
//! `unsafe impl` of that trait is the one way around the checks, and it
//! says `unsafe`.) So a type cannot claim a property it lacks, however
//! its fields are hidden behind aliases or newtypes.
//!
//! Tables that only hcbuf itself may extend (the hypercall families, which
//! raw `hcbuf-sys` struct is the payload of which commands) are sealed by
//! a second, crate-private seal (`sealed::Own`) instead, which no derive
//! grants.

/// The seal. Its module is private, so no one outside this crate can name
/// it; every type gets it through [`__private::Derived`].
pub(crate) mod sealed {
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot implement hcbuf's hypercall traits by hand",
        label = "not derived",
        note = "these traits stand for checks only `#[derive(HypercallArgs)]` makes: derive it on \
                the type (`#[hypercall(op = ...)]` for a call, `#[hypercall(<family> = <command>, \
                twin = ...)]` for a payload, `#[hypercall(data, twin = ...)]` for plain data)"
    )]
    pub trait Sealed {}

    /// The seal of what only hcbuf-core itself defines: implemented by
    /// hand here and nowhere else (not through `Derived`).
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be added to hcbuf's own tables",
        label = "not one of hcbuf's",
        note = "the hypercall families and the raw payload table (which `hcbuf-sys` struct \
                commands take) are hcbuf's: a payload of your own derives \
                `#[hypercall(<family> = <command>, twin = <hcbuf_sys type>)]` with a twin \
                from that table"
    )]
    pub trait Own {}
}

/// For the derive's expansion only. Implementing [`__private::Derived`]
/// by hand bypasses every check the derive makes.
#[doc(hidden)]
pub mod __private {
    /// Implemented by `#[derive(HypercallArgs)]` (and by this crate for its
    /// own types) after checking the type; the seal follows from it.
    ///
    /// # Safety
    /// Only the derive may implement this.
    pub unsafe trait Derived {}
    #[diagnostic::do_not_recommend]
    impl<T: ?Sized + Derived> super::sealed::Sealed for T {}
}

/// `#[repr(C)]` plain data that may be handed to Xen: no implicit padding
/// (Xen would read uninitialised bytes), and its only addresses are guest
/// handles into hypercall-safe memory — no pointers, references, heap
/// types or interior mutability.
///
/// # Safety
/// Implementors must satisfy every property above. The trait is sealed:
/// use `#[derive(HypercallArgs)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be handed to Xen: it is not plain hypercall data",
    label = "not hypercall-safe",
    note = "hypercall data holds integers, arrays of them, guest handles \
            (`GuestHandle`/`GuestHandleMut`, borrowed from pool memory) and structs that \
            `#[derive(HypercallArgs)]`",
    note = "a pointer, reference, `Box`, `Vec`, `String`, slice or `Cell` is an address Xen \
            cannot trust: allocate the data from a `Pool` and pass a guest handle to it"
)]
pub unsafe trait HypercallSafe: sealed::Sealed {}

/// [`HypercallSafe`] data for which every bit pattern is a valid value, so
/// Xen may write it (and the pool may zero it). `bool`, `char`, enums and
/// references are not.
///
/// # Safety
/// As [`HypercallSafe`], and no bit pattern may be invalid. Sealed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be in memory Xen reads and writes",
    label = "not plain data Xen may write",
    note = "allowed: integers, arrays of them, guest handles (`GuestHandle`, `GuestHandleMut`) \
            and structs that `#[derive(HypercallArgs)]`",
    note = "a pointer, reference, `Box`, `Vec`, `String`, slice or `Cell` is an address Xen \
            cannot trust: allocate the data from a `Pool` and store a guest handle to it",
    note = "`bool`, `char` and enums have invalid bit patterns Xen could write: use an \
            integer of the same width (`u8` for a flag) and convert after the call"
)]
pub unsafe trait XenWritable: HypercallSafe {}

macro_rules! integers {
    ($($t:ty),*) => {$(
        // SAFETY: integers have no padding, hold no address, and every bit
        // pattern is a valid integer.
        #[diagnostic::do_not_recommend]
        unsafe impl __private::Derived for $t {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl HypercallSafe for $t {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl XenWritable for $t {}
    )*};
}

integers!(u8, u16, u32, u64, i8, i16, i32, i64, usize, isize);

// SAFETY: an array adds no padding between its elements and no addresses
// beyond theirs.
#[diagnostic::do_not_recommend]
unsafe impl<T: HypercallSafe, const N: usize> __private::Derived for [T; N] {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<T: HypercallSafe, const N: usize> HypercallSafe for [T; N] {}
// SAFETY: an array is valid for every bit pattern if its element is.
#[diagnostic::do_not_recommend]
unsafe impl<T: XenWritable, const N: usize> XenWritable for [T; N] {}
