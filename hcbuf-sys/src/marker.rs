//! Marker traits that stand for safety proofs about a type's bytes.
//!
//! They live with the ABI because they are facts about declarations:
//! [`abi!`](crate::abi!) implements them for every struct it declares,
//! each bounded by its fields (a struct is plain data if every field is),
//! after asserting that the struct has no implicit padding.
//!
//! All three are `unsafe` and sealed: implemented here for integers and
//! arrays, by `abi!` for declared structs, by `hcbuf-core` for its guest
//! handles, and by `hcbuf-core`'s `#[derive(HypercallArgs)]`, which checks
//! every field. The seal follows from a hidden trait,
//! [`__private::Derived`]; a hand-written `unsafe impl` of it is the one way
//! around the checks, and it says `unsafe`.

/// The seal. Its module is private, so no other crate can name it; every
/// type gets it through [`__private::Derived`].
mod sealed {
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot implement hcbuf's hypercall traits by hand",
        label = "not derived",
        note = "these traits stand for checks only `#[derive(HypercallArgs)]` makes: derive it on \
                the type (`#[hypercall(op = ...)]` for a call, `#[hypercall(<family> = <command>, \
                twin = ...)]` for a payload, `#[hypercall(data, twin = ...)]` for plain data)"
    )]
    pub trait Sealed {}
}

/// For `abi!`'s and the derive's expansions only. Implementing
/// [`__private::Derived`] by hand bypasses every check they make.
#[doc(hidden)]
pub mod __private {
    /// Implemented by `abi!`, by `#[derive(HypercallArgs)]` (and by
    /// hcbuf's crates for their own types) after checking the type; the
    /// seals of hcbuf's traits follow from it.
    ///
    /// # Safety
    /// Only the derive and `abi!` may implement this.
    pub unsafe trait Derived {}
    #[diagnostic::do_not_recommend]
    impl<T: ?Sized + Derived> super::sealed::Sealed for T {}
}

/// `#[repr(C)]` data that may be handed to Xen: no implicit padding (Xen
/// would read uninitialised bytes), and its only addresses are guest
/// handles into hypercall-safe memory — no pointers, references, heap
/// types or interior mutability.
///
/// # Safety
/// Implementors must satisfy every property above. Sealed: declare the
/// type with `abi!` or use `#[derive(HypercallArgs)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be handed to Xen: it is not plain hypercall data",
    label = "not hypercall-safe",
    note = "hypercall data holds integers, arrays of them, guest handles \
            (`GuestHandle`/`GuestHandleMut`, borrowed from pool memory) and the structs \
            hcbuf-sys declares (with their typed handles: `xen_..._t<Typed<'a>>`) or that \
            `#[derive(HypercallArgs)]`",
    note = "a pointer, reference, `Box`, `Vec`, `String`, slice, `Cell` or a raw handle \
            (`RawHandle`, an integer address) is an address Xen cannot trust: allocate the \
            data from a `Pool` and pass a guest handle to it"
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
    note = "allowed: integers, arrays of them, guest handles (`GuestHandle`, `GuestHandleMut`), \
            the structs hcbuf-sys declares (with typed handles) and structs that \
            `#[derive(HypercallArgs)]`",
    note = "a pointer, reference, `Box`, `Vec`, `String`, slice or `Cell` is an address Xen \
            cannot trust: allocate the data from a `Pool` and store a guest handle to it",
    note = "`bool`, `char` and enums have invalid bit patterns Xen could write: use an \
            integer of the same width (`u8` for a flag) and convert after the call"
)]
pub unsafe trait XenWritable: HypercallSafe {}

/// [`XenWritable`] data that holds no address at all: no guest handle, no
/// multicall entry, nothing whose bytes Xen or hcbuf would read as a
/// place in memory. The only kind of element a guest handle may point to:
/// bytes Xen copies into a buffer (console text, say) must never become a
/// handle or a nested call to an address of Xen's choosing.
///
/// # Safety
/// As [`XenWritable`], and no field is an address. Sealed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not plain data, where Xen writes bytes of its own choosing",
    label = "an address (a guest handle), or a type with invalid bit patterns",
    note = "the element of a guest handle, a `#[hypercall(whole)]` buffer and a \
            `#[hypercall(pad)]` field are plain data: integers, arrays of them and declared \
            structs without handles; bytes Xen writes there must never be read back as a \
            handle or a call, nor be an invalid `bool`, `char`, enum or `NonZero`",
    note = "to hand Xen several handles, use the declared struct or call that carries them \
            (a `Batch` for multicall entries)"
)]
pub unsafe trait PlainData: XenWritable {}

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
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl PlainData for $t {}
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
// SAFETY: an array holds an address only if its element does.
#[diagnostic::do_not_recommend]
unsafe impl<T: PlainData, const N: usize> PlainData for [T; N] {}
