//! Marker traits that stand for safety proofs about a type's bytes.
//!
//! The three markers, [`HypercallSafe`], [`XenWritable`] and
//! [`PlainData`], are the ABI crate's (`hcbuf_sys::marker`), because
//! `hcbuf-sys`'s declarations implement them, each bounded by its fields.
//! This crate implements them for its guest handles (a handle is hypercall
//! data only when its element is plain data), and `#[derive(HypercallArgs)]`
//! for the user's types, after checking every field; a manual `impl` does
//! not compile. (The derive expands in the user's crate, so it implements
//! a hidden trait, [`__private::Derived`], from which the seals follow: a
//! hand-written `unsafe impl` of that trait is the one way around the
//! checks, and it says `unsafe`.) So a type cannot claim a property it
//! lacks, however its fields are hidden behind aliases or newtypes.
//!
//! Tables that only hcbuf itself may extend (the hypercall families, which
//! raw `hcbuf-sys` struct is the payload of which commands) are sealed by
//! a second, crate-private seal (`sealed::CoreOnly`) instead, which no derive
//! grants.

pub use hcbuf_sys::marker::{HypercallSafe, PlainData, XenWritable};

/// The seals of this crate's own traits.
pub(crate) mod sealed {
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot implement hcbuf's hypercall traits by hand",
        label = "not derived",
        note = "these traits stand for checks only `#[derive(HypercallArgs)]` makes: derive it on \
                the type (`#[hypercall(op = ...)]` for a call, `#[hypercall(<family> = <command>, \
                twin = ...)]` for a payload, `#[hypercall(data, twin = ...)]` for plain data)"
    )]
    pub trait Sealed {}
    #[diagnostic::do_not_recommend]
    impl<T: ?Sized + hcbuf_sys::marker::__private::Derived> Sealed for T {}

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
    pub trait CoreOnly {}
}

/// For the derive's expansion only. Implementing [`__private::Derived`]
/// by hand bypasses every check the derive makes.
#[doc(hidden)]
pub mod __private {
    pub use hcbuf_sys::marker::__private::Derived;
}
