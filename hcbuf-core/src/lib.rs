//! hcbuf's runtime: hypercall-safe memory, typed guest handles, checked
//! hypercalls and the backends that issue them to Xen.
//!
//! - [`pool`]: the hypercall-safe memory pool.
//! - [`owned`]: typed owners of pool memory ([`PoolBox`], [`PoolSlice`]).
//! - [`bounce`]: bounce buffers over caller memory, direction in the type.
//! - [`handle`]: guest handles, the only way an address enters a hypercall
//!   argument ([`GuestHandle`], [`GuestHandleMut`]).
//! - [`marker`]: the sealed marker traits [`HypercallSafe`] and
//!   [`XenWritable`].
//! - [`args`]: what a hypercall is, as types ([`HypercallArgs`], [`SubOp`],
//!   and `#[derive(HypercallArgs)]`); [`derive`](mod@derive): the derive's whole
//!   syntax, with examples.
//! - [`release`]: the Xen releases hcbuf speaks ([`Release`]), detected
//!   once per handle.
//! - [`signature`]: what each register of each hypercall is, which every
//!   derived whole call is checked against.
//! - [`backend`]: the [`Backend`] trait that issues checked hypercalls,
//!   and the backends: [`Privcmd`](backend::Privcmd) (Linux's privcmd
//!   driver in a dom0, with foreign mappings), the software Xen (which
//!   the user's handlers extend), a recorder, and
//!   [`AnyBackend`](backend::AnyBackend), one of them chosen at run time.
//! - [`xen`]: the typed payloads and calls of each hypercall family;
//!   [`api`]: the typed [`Xen`](api::Xen) handle, one method per call.
//! - [`sys`]: the raw Xen ABI (`hcbuf-sys`).
#![deny(unsafe_op_in_unsafe_fn)]

// The derive names this crate `::hcbuf_core`, also in its own tests.
extern crate self as hcbuf_core;

pub mod api;
pub mod args;
pub mod backend;
pub mod bounce;
pub mod derive;
pub mod handle;
pub mod marker;
pub mod owned;
pub mod pool;
pub mod release;
pub mod signature;
pub mod xen;

pub use args::{HypercallArgs, RegisterArg, SubOp};
pub use backend::{Backend, XenErrno};
pub use bounce::{Bounce, In, InOut, Out};
pub use handle::{GuestHandle, GuestHandleMut};
pub use hcbuf_macros::HypercallArgs;
pub use marker::{HypercallSafe, XenWritable};
pub use owned::{PoolBox, PoolSlice};
pub use pool::{Pool, PoolConfig, PoolError, PoolStats};
pub use release::Release;

/// The raw Xen ABI (`hcbuf-sys`), re-exported so that users of hcbuf
/// depend on this crate only.
pub use hcbuf_sys as sys;

/// For the derive's expansion only; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::marker::__private::Derived;

    /// Compiles only if `T` may be a register argument.
    pub const fn assert_register_arg<T: ?Sized + crate::RegisterArg>() {}

    /// Compiles only if `T` may be in memory Xen writes.
    pub const fn assert_xen_writable<T: ?Sized + crate::XenWritable>() {}

    /// Compiles only if `T` holds no address: padding and a whole buffer
    /// are bytes Xen writes as it likes, which must never be read back as
    /// a handle.
    pub const fn assert_plain_data<T: ?Sized + crate::marker::PlainData>() {}

    /// Compiles only if the raw twin `R` is a payload of family `F`.
    pub const fn assert_twin_family<R: crate::xen::RawPayload, F>()
    where
        R::Family: crate::args::family::Is<F>,
    {
    }

    /// The type `T` of a twin's field (typed: `Declared::With<Typed>`).
    pub struct TwinFieldOf<T>(core::marker::PhantomData<fn() -> T>);

    impl<T> TwinFieldOf<T> {
        /// Given `|twin| &twin.field` (never called).
        pub fn of<S, C: FnOnce(&S) -> &T>(_field: C) -> Self {
            TwinFieldOf(core::marker::PhantomData)
        }

        /// Compiles only if `F`, the type of a user's payload field, may
        /// stand for `T`, the twin's field of the same name.
        pub fn holds<F: TwinField<T>>(self) {}
    }

    /// `Self` may stand for the twin's field type `T`: the same type, or
    /// a `GuestHandleMut` where the twin's handle is one Xen only reads.
    /// Sealed (its supertrait is private): an impl of the user's would let
    /// any type, a pointer among them, stand for a twin's handle.
    #[diagnostic::on_unimplemented(
        message = "this field is `{Self}`, but the twin's field of the same name is `{T}`",
        label = "not the twin's type",
        note = "a payload field has its twin's type, with the twin's guest handles typed: the \
                element type and direction Xen's header gives (a `GuestHandle` where Xen only \
                reads, a `GuestHandleMut` where it writes), an integer where the twin has one, \
                and the declared struct (`xen_..._t<Typed<'a>>`, or its hcbuf name) where the \
                twin nests one; give the field the type `{T}`"
    )]
    pub trait TwinField<T>: twin_field::Sealed<T> {}
    impl<T> TwinField<T> for T {}
    #[diagnostic::do_not_recommend]
    impl<'a, T> TwinField<crate::GuestHandle<'a, T>> for crate::GuestHandleMut<'a, T> {}

    /// The seal of [`TwinField`]: the same pairs, in a module no other
    /// crate can name.
    mod twin_field {
        #[diagnostic::on_unimplemented(
            message = "`{Self}` cannot stand for a twin's field by hand",
            label = "not the twin's type",
            note = "a payload field has its twin's own type (`{T}`); only hcbuf decides which \
                    types may stand for another (a `GuestHandleMut` for a `GuestHandle`)"
        )]
        pub trait Sealed<T> {}
        impl<T> Sealed<T> for T {}
        impl<'a, T> Sealed<crate::GuestHandle<'a, T>> for crate::GuestHandleMut<'a, T> {}
    }

    /// Compiles only if `T` is a type `hcbuf-sys` declares (a mirrored
    /// struct or union, or a byte array): a twin must be part of the ABI
    /// proven against Xen's headers, never a type of the user's own.
    pub const fn assert_abi_declared<T: hcbuf_sys::abi::Declared>() {}

    /// Whether bytes `offset .. offset + size` of a type laid out as
    /// `twin` overlap none of `twin`'s fields: a `#[hypercall(pad)]` field
    /// must lie over the twin's padding only, or it would hide a real
    /// field from the offset comparison. A twin without fields (a byte
    /// array, a buffer type) has no padding: every byte of it is data.
    pub const fn over_padding(twin: &hcbuf_sys::abi::Layout, offset: usize, size: usize) -> bool {
        if twin.fields.is_empty() {
            return false;
        }
        let end = offset + size;
        let mut i = 0;
        while i < twin.fields.len() {
            let f = &twin.fields[i];
            if !f.pad && offset < f.offset + f.size && f.offset < end {
                return false;
            }
            i += 1;
        }
        end <= twin.size
    }

    /// Whether `twin` has no fields (a byte array or other buffer type), so
    /// that one `#[hypercall(whole)]` field may stand for all of it.
    pub const fn fieldless(twin: &hcbuf_sys::abi::Layout) -> bool {
        twin.fields.is_empty()
    }

    /// Compiles only if `F` was derived with `twin = T`: a
    /// `#[hypercall(whole)]` field that is not a byte array must be data
    /// checked against the same twin as the payload it makes up.
    pub const fn assert_same_twin<F: ?Sized + HasTwin<Twin = T>, T>() {}

    /// The `twin` a type was derived with.
    ///
    /// # Safety
    /// Only the derive implements this, for a type whose layout it checked
    /// against `Twin`.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not data derived with a `twin`",
        label = "not `#[derive(HypercallArgs)]` with this twin",
        note = "a `#[hypercall(whole)]` field is a byte array over a buffer type, or a struct \
                that derives `#[hypercall(data, twin = ...)]` with the payload's own twin"
    )]
    pub unsafe trait HasTwin: crate::marker::sealed::Sealed {
        /// The `hcbuf-sys` type the layout was checked against.
        type Twin;
    }

    /// Whether `twin` has a field `name` at `offset`.
    pub const fn same_offset(twin: &hcbuf_sys::abi::Layout, name: &str, offset: usize) -> bool {
        matches!(twin.offset(name), Some(o) if o == offset)
    }

    /// Whether field `name` of `twin` is a count or a measured handle
    /// (private to its declaration).
    pub const fn is_measured(twin: &hcbuf_sys::abi::Layout, name: &str) -> bool {
        let mut i = 0;
        while i < twin.fields.len() {
            let field = &twin.fields[i];
            if field.measured && hcbuf_sys::abi::Layout::same_name(field.name, name) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// A whole call's field, for lowering: the field's register, element
    /// count and lending if it is a [`RegisterArg`](crate::RegisterArg),
    /// and otherwise nothing (the signature check reports such a field,
    /// once, at the field), chosen by auto-ref.
    pub struct Field<'r, T: ?Sized>(pub &'r T);

    /// The lowering of a register field (see [`Field`]).
    pub trait ViaRegisterArg {
        /// The register.
        fn register(&self) -> u64;
        /// Its buffer's element count.
        fn elements(&self) -> u64;
        /// What it lends.
        fn lend(&self, to: &mut dyn FnMut(hcbuf_sys::handles::Lending));
    }

    impl<T: ?Sized + crate::RegisterArg> ViaRegisterArg for Field<'_, T> {
        #[inline(always)]
        fn register(&self) -> u64 {
            self.0.register()
        }
        #[inline(always)]
        fn elements(&self) -> u64 {
            self.0.elements()
        }
        #[inline(always)]
        fn lend(&self, to: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {
            self.0.lend(to);
        }
    }

    /// What a field that is no register lowers to: nothing (it does not
    /// compile anyway).
    pub trait ViaNothing {
        /// 0.
        fn register(&self) -> u64 {
            0
        }
        /// 0.
        fn elements(&self) -> u64 {
            0
        }
        /// Nothing.
        fn lend(&self, _: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {}
    }

    impl<T: ?Sized> ViaNothing for &Field<'_, T> {}

    /// Whether `cmds` holds `cmd` (a `const fn` slice search).
    pub const fn contains(cmds: &[u32], cmd: u32) -> bool {
        let mut i = 0;
        while i < cmds.len() {
            if cmds[i] == cmd {
                return true;
            }
            i += 1;
        }
        false
    }
}
