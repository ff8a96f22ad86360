//! A machine-readable description of every item this crate mirrors.
//!
//! Each module of `hcbuf-sys` declares its structs, unions, type aliases and
//! constants through one [`abi!`](crate::abi!) invocation, which both defines
//! the items and registers them here. The layout proof
//! (`hcbuf-sys/tests/abi.rs`) walks [`MODULES`](crate::MODULES) and compares every entry with
//! what a C compiler reports for Xen's own headers, so an item cannot be
//! added without being checked.

/// What kind of C type a [`Layout`] describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `struct`.
    Struct,
    /// A `union`.
    Union,
    /// A `typedef` of a scalar or an array.
    Alias,
}

/// Size, alignment and field offsets of one mirrored type, as Rust sees it.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// The Rust name (identical to the C tag or typedef name where C has one).
    pub name: &'static str,
    /// What kind of type this is.
    pub kind: Kind,
    /// A C type expression naming the same type, e.g. `struct xen_sysctl`.
    pub c_type: &'static str,
    /// `size_of` in bytes.
    pub size: usize,
    /// `align_of` in bytes.
    pub align: usize,
    /// Every field, in declaration order.
    pub fields: &'static [Field],
}

/// One field of a [`Layout`].
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The field name (a raw identifier keeps its `r#` prefix).
    pub name: &'static str,
    /// `offset_of` in bytes.
    pub offset: usize,
    /// `size_of` the field's type in bytes (0 for a flexible array member).
    pub size: usize,
    /// Explicit padding: bytes C leaves unnamed, declared so that the
    /// struct has no implicit padding. Not compared with the headers (C has
    /// no such field); a derive's `#[hypercall(pad)]` may lie over it.
    pub pad: bool,
    /// A count, or a guest handle measured by counts: private, set only
    /// through the declaration's setters, which keep every count within
    /// the buffer its handle was lent from.
    pub measured: bool,
}

impl Layout {
    /// The offset of field `name`; `None` if there is no such field. A
    /// `const fn`, so `Layout::offset(..).expect(..)` in a constant fails
    /// the build, not the run, for a misspelt name.
    pub const fn offset(&self, name: &str) -> Option<usize> {
        let mut i = 0;
        while i < self.fields.len() {
            if str_eq(self.fields[i].name, name) {
                return Some(self.fields[i].offset);
            }
            i += 1;
        }
        None
    }
}

impl Layout {
    /// `a == b`, in a `const fn`: whether two field names are the same.
    pub const fn same_name(a: &str, b: &str) -> bool {
        str_eq(a, b)
    }
}

/// `a == b`, in a `const fn`.
const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The size of a field, given `|s: S| s.field` (never called; by value,
/// so that packed structs work too, and typed through the struct, so that
/// a field spelled through a generic parameter has its `Raw` size).
#[doc(hidden)]
pub const fn field_size<S, F, C: FnOnce(S) -> F>(_field: &C) -> usize {
    core::mem::size_of::<F>()
}

/// One mirrored constant.
#[derive(Clone, Copy, Debug)]
pub struct Constant {
    /// The name, identical to the C macro or enumerator.
    pub name: &'static str,
    /// The value's bits, sign-extended to 64 (as C's conversion of the
    /// value to `unsigned long long` gives them).
    pub value: u64,
}

/// The items of one module of this crate.
#[derive(Clone, Copy, Debug)]
pub struct Module {
    /// The Rust module path, e.g. `hcbuf_sys::sysctl`.
    pub path: &'static str,
    /// The C header(s) the items come from, as `#include` arguments.
    pub headers: &'static [&'static str],
    /// Every struct, union and type alias the module defines.
    pub layouts: &'static [Layout],
    /// Every constant the module defines.
    pub consts: &'static [Constant],
}

impl Module {
    /// The constant of this module whose value is `value`, if any.
    pub fn const_named_by_value(&self, value: u64) -> Option<&'static str> {
        self.consts
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.name)
    }
}

/// A type this crate declares: a struct or union mirrored from Xen's
/// headers (and proven against them by the layout test), or a byte array
/// (the buffer types of `xen_version` and the like, whose C typedefs are
/// arrays of `char`). `hcbuf-core`'s derive accepts only such types as a
/// payload's `twin`, and reads [`Declared::LAYOUT`] to check that a field
/// marked as padding covers only bytes the twin leaves as padding.
///
/// Sealed: implemented by [`abi!`](crate::abi!) for every struct and union
/// it declares, and here for byte arrays; a type of another crate cannot
/// claim to be part of the Xen ABI.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a type of the Xen ABI that hcbuf-sys declares",
    label = "not declared in hcbuf-sys",
    note = "a `twin` is the `hcbuf_sys` struct or union mirrored from Xen's headers (and \
            proven against them), e.g. `twin = hcbuf_core::sys::sysctl::xen_sysctl_cputopo`; \
            a type of your own cannot vouch for the layout Xen uses"
)]
pub trait Declared: private::Sealed {
    /// The same declaration with its guest handles spelled by `H`
    /// ([`Handles`](crate::handles::Handles)): `Self` for the raw spelling
    /// and for declarations without handles.
    type With<H: crate::handles::Handles>;
    /// The type's layout, as registered in its module's
    /// [`Module::layouts`].
    const LAYOUT: Layout;
}

/// A type declared with [`declare!`](crate::declare): its layout, as
/// [`Declared`] gives it for hcbuf-sys's own, but proven by no one until the
/// user's tests run [`prove`](crate::prove::prove) on its module. A
/// description, not a proof: implementing it by hand claims nothing.
pub trait Described {
    /// The same declaration with its guest handles spelled by `H`.
    type With<H: crate::handles::Handles>;
    /// The type's layout, as registered in its module's
    /// [`Module::layouts`].
    const LAYOUT: Layout;
}

/// The seal of [`Declared`]: the module is private, so no other crate can
/// name `Sealed`, let alone implement it.
mod private {
    pub trait Sealed {}
}
/// The path `abi!` names the seal by (`$crate::abi::__Sealed`); crate-private,
/// so an `abi!` invoked from another crate does not compile.
pub(crate) use private::Sealed as __Sealed;

macro_rules! byte_arrays {
    ($($t:ty => $name:literal),*) => {$(
        impl<const N: usize> private::Sealed for [$t; N] {}
        #[diagnostic::do_not_recommend]
        impl<const N: usize> Declared for [$t; N] {
            type With<H: crate::handles::Handles> = Self;
            const LAYOUT: Layout = Layout {
                name: $name,
                kind: Kind::Alias,
                c_type: $name,
                size: N,
                align: 1,
                fields: &[],
            };
        }
    )*};
}
byte_arrays!(u8 => "uint8_t[N]", i8 => "char[N]");
