//! Marker traits that stand for safety proofs about a type's bytes.
//!
//! They are `unsafe` and sealed: only this crate (and, later, its derive)
//! implements them, so a type cannot claim a property it lacks.

mod sealed {
    pub trait Sealed {}
}

/// Plain data: `Copy`, no padding, no pointers or references, and every
/// bit pattern (all zeroes included) is a valid value. Memory Xen writes
/// into, and memory the pool zeroes, may hold any such type.
///
/// # Safety
/// Implementors must satisfy every property above. The trait is sealed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not plain data that hypercall memory may hold",
    label = "not plain data",
    note = "pool memory holds integers, arrays of them, and (later) types deriving `HypercallArgs`; \
            references, pointers, `bool`, `char`, enums and heap types cannot be put in it"
)]
pub unsafe trait PlainData: Copy + sealed::Sealed + 'static {}

macro_rules! plain_data {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        // SAFETY: integers have no padding and every bit pattern is valid.
        unsafe impl PlainData for $t {}
    )*};
}

plain_data!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);

impl<T: PlainData, const N: usize> sealed::Sealed for [T; N] {}
// SAFETY: an array has no padding between elements beyond what `T` has
// (none), and is valid for every bit pattern if `T` is.
unsafe impl<T: PlainData, const N: usize> PlainData for [T; N] {}
