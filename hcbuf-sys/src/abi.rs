//! A machine-readable description of every item this crate mirrors.
//!
//! Each module of `hcbuf-sys` declares its structs, unions, type aliases and
//! constants through one [`abi!`](crate::abi!) invocation, which both defines
//! the items and registers them here. The layout proof
//! (`hcbuf-sys/tests/abi/`) walks every [`Version`] of
//! [`VERSIONS`](crate::VERSIONS) and compares each of its items with what a
//! C compiler reports for that version's headers; the registry-coverage
//! check requires every module to be in [`MODULES`](crate::MODULES) and in
//! a version, so an item cannot be added without being checked.

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
    /// The Rust types it is made of, as declared: each field's type (or
    /// the aliased type), each followed by `;`. A [`Version`] reads the
    /// declarations a type holds from it, to leave out whatever holds an
    /// item the version replaces.
    pub parts: &'static str,
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

/// The largest of `sizes` (0 for none): a union's size when no byte of
/// it is padding in every member.
#[doc(hidden)]
pub const fn largest(sizes: &[usize]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < sizes.len() {
        if sizes[i] > max {
            max = sizes[i];
        }
        i += 1;
    }
    max
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

/// A Debian package that ships a [`Version`]'s public headers (under
/// `usr/include/xen/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Package {
    /// The Debian suite whose package is this version, e.g. `bookworm`.
    pub suite: &'static str,
    /// The binary package, e.g. `libxen-dev`.
    pub name: &'static str,
}

/// One Xen release this crate declares: the shared modules (Xen 4.17's
/// declarations, [`SHARED`](crate::SHARED)) and the version's own sibling
/// modules (e.g. [`v4_20`](crate::v4_20)), which hold exactly what differs.
///
/// An item of an own module replaces the shared item of the same name in
/// the shared module of the same path (`hcbuf_sys::v4_20::domctl` replaces
/// in `hcbuf_sys::domctl`), or is new. A shared item is left out of the
/// version ([`Version::left_out`]) when it is replaced, when it is listed
/// in [`removed`](Version::removed), or when it holds a left-out item
/// (a struct or union with a member of that type, a handle to it, an alias
/// of it; transitively), since its Rust type would name the wrong one:
/// such a container is the version's to redeclare if it needs it. Every
/// other shared item is the version's as it is.
///
/// Another version is one more sibling module (`src/v4_NN/`, listed in
/// `modules!` in `lib.rs`) and one more entry of
/// [`VERSIONS`](crate::VERSIONS).
#[derive(Clone, Copy, Debug)]
pub struct Version {
    /// The release, `major.minor`: `"4.17"`.
    pub name: &'static str,
    /// The package whose headers the version is proven against.
    pub package: Package,
    /// The shared modules the version starts from.
    pub shared: &'static [&'static Module],
    /// The version's own modules, each the sibling of a shared module.
    pub own: &'static [&'static Module],
    /// Shared items the version's headers no longer have, each as
    /// `module::item` with the module's path below the crate
    /// (`"sysctl::XEN_SYSCTL_get_cpu_levelling_caps"`).
    pub removed: &'static [&'static str],
}

/// Why a shared item is not part of a [`Version`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// The version's own module (its path given) declares an item of the
    /// same name.
    Replaced(&'static str),
    /// Listed in [`Version::removed`].
    Removed,
    /// Holds, directly or through other types, the named shared item (a
    /// type, or a constant its type names), which is left out.
    Holds(&'static str),
}

/// How deep [`Version::left_out`] follows types held in types (C nests a
/// few levels; a handle to a declaration holding a handle back must not
/// recurse forever).
const HOLDS_DEPTH: usize = 16;

impl Version {
    /// Every module with items in this version: the shared ones, then the
    /// version's own.
    pub fn modules(&self) -> impl Iterator<Item = &'static Module> + use<> {
        self.shared.iter().chain(self.own.iter()).copied()
    }

    /// Whether `module` is one of the version's own modules.
    pub fn is_own(&self, module: &Module) -> bool {
        self.own.iter().any(|m| str_eq(m.path, module.path))
    }

    /// The version's own module that replaces items of the shared `module`.
    pub fn sibling(&self, module: &Module) -> Option<&'static Module> {
        let shared = below_crate(module.path)?;
        self.own
            .iter()
            .copied()
            .find(|own| below_version(own.path).is_some_and(|p| str_eq(p, shared)))
    }

    /// Why the item `name` of `module` is not part of this version; `None`
    /// when it is (every item of an own module, and every shared item the
    /// version keeps).
    pub fn left_out(&self, module: &Module, name: &str) -> Option<LeftOut> {
        self.left_out_at(module, name, 0)
    }

    fn left_out_at(&self, module: &Module, name: &str, depth: usize) -> Option<LeftOut> {
        if self.is_own(module) {
            return None;
        }
        if let Some(own) = self.sibling(module) {
            let declared = own.layouts.iter().any(|l| str_eq(l.name, name))
                || own.consts.iter().any(|c| str_eq(c.name, name));
            if declared {
                return Some(LeftOut::Replaced(own.path));
            }
        }
        let path = below_crate(module.path).unwrap_or(module.path);
        let removed = self.removed.iter().any(|r| {
            r.rsplit_once("::")
                .is_some_and(|(m, item)| str_eq(m, path) && str_eq(item, name))
        });
        if removed {
            return Some(LeftOut::Removed);
        }
        if depth >= HOLDS_DEPTH {
            return None;
        }
        let layout = module.layouts.iter().find(|l| str_eq(l.name, name))?;
        identifiers(layout.parts)
            .filter(|part| !str_eq(part, name))
            .find_map(|part| {
                // A declaration, or a constant (an array's length).
                self.shared.iter().find_map(|m| {
                    let held = (m.layouts.iter().map(|l| l.name))
                        .chain(m.consts.iter().map(|c| c.name))
                        .find(|n| str_eq(n, part))?;
                    self.left_out_at(m, held, depth + 1)
                        .map(|_| LeftOut::Holds(held))
                })
            })
    }

    /// The layouts of `module` that are part of this version.
    pub fn layouts(
        &self,
        module: &'static Module,
    ) -> impl Iterator<Item = &'static Layout> + use<'_> {
        module
            .layouts
            .iter()
            .filter(move |l| self.left_out(module, l.name).is_none())
    }

    /// The constants of `module` that are part of this version.
    pub fn consts(
        &self,
        module: &'static Module,
    ) -> impl Iterator<Item = &'static Constant> + use<'_> {
        module
            .consts
            .iter()
            .filter(move |c| self.left_out(module, c.name).is_none())
    }

    /// Every shared item left out of this version, with its module and why.
    pub fn left_out_items(
        &self,
    ) -> impl Iterator<Item = (&'static Module, &'static str, LeftOut)> + use<'_> {
        self.shared.iter().copied().flat_map(move |m| {
            let names = m.layouts.iter().map(|l| l.name);
            names
                .chain(m.consts.iter().map(|c| c.name))
                .filter_map(move |n| self.left_out(m, n).map(|why| (m, n, why)))
        })
    }
}

/// A module path below the crate: `domctl` for `hcbuf_sys::domctl`.
fn below_crate(path: &str) -> Option<&str> {
    path.split_once("::").map(|(_, rest)| rest)
}

/// An own module's path below the crate and the version module: `domctl`
/// for `hcbuf_sys::v4_20::domctl`.
fn below_version(path: &str) -> Option<&str> {
    below_crate(path).and_then(below_crate)
}

/// The identifiers of a Rust type as `stringify!` spells it.
fn identifiers(types: &str) -> impl Iterator<Item = &str> {
    types
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
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
/// user's tests run `prove::prove` on its module. A
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
                parts: "",
            };
        }
    )*};
}
byte_arrays!(u8 => "uint8_t[N]", i8 => "char[N]");

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    use super::*;

    /// A stand-in for a version's own `domctl` and `sysctl` modules:
    /// `createdomain` and `CPUFREQ_NAME_LEN` replaced (layouts made up).
    const DOMCTL: Module = Module {
        path: "hcbuf_sys::v9_99::domctl",
        headers: &[],
        layouts: &[Layout {
            name: "xen_domctl_createdomain",
            kind: Kind::Struct,
            c_type: "struct xen_domctl_createdomain",
            size: 4,
            align: 4,
            fields: &[],
            parts: "u32;",
        }],
        consts: &[],
    };
    const SYSCTL: Module = Module {
        path: "hcbuf_sys::v9_99::sysctl",
        headers: &[],
        layouts: &[],
        consts: &[Constant {
            name: "CPUFREQ_NAME_LEN",
            value: 32,
        }],
    };
    const V9_99: Version = Version {
        name: "9.99",
        package: Package {
            suite: "sid",
            name: "libxen-dev",
        },
        shared: crate::SHARED,
        own: &[&DOMCTL, &SYSCTL],
        removed: &["sysctl::XEN_SYSCTL_physinfo"],
    };

    #[test]
    fn replaced_items_and_their_containers_are_left_out() {
        let (domctl, sysctl) = (&crate::domctl::ABI, &crate::sysctl::ABI);
        let v = V9_99;
        assert_eq!(v.sibling(domctl).map(|m| m.path), Some(DOMCTL.path));
        assert_eq!(v.sibling(&crate::xen::ABI).map(|m| m.path), None);
        assert_eq!(
            v.left_out(domctl, "xen_domctl_createdomain"),
            Some(LeftOut::Replaced(DOMCTL.path))
        );
        assert_eq!(
            v.left_out(domctl, "xen_domctl_u"),
            Some(LeftOut::Holds("xen_domctl_createdomain"))
        );
        assert_eq!(
            v.left_out(domctl, "xen_domctl"),
            Some(LeftOut::Holds("xen_domctl_u"))
        );
        // An alias holds its target.
        assert_eq!(
            v.left_out(domctl, "xen_domctl_t"),
            Some(LeftOut::Holds("xen_domctl"))
        );
        // A constant in an array's length is held too.
        assert_eq!(
            v.left_out(sysctl, "xen_set_cpufreq_gov"),
            Some(LeftOut::Holds("CPUFREQ_NAME_LEN"))
        );
        assert_eq!(
            v.left_out(sysctl, "XEN_SYSCTL_physinfo"),
            Some(LeftOut::Removed)
        );
        assert_eq!(v.left_out(domctl, "xen_domctl_getdomaininfo"), None);
        assert_eq!(v.left_out(domctl, "XEN_DOMCTL_INTERFACE_VERSION"), None);
        // The version's own items are never left out.
        assert_eq!(v.left_out(&DOMCTL, "xen_domctl_createdomain"), None);
        assert!(v.layouts(domctl).all(|l| l.name != "xen_domctl_u"));
        assert!(v.consts(sysctl).all(|c| c.name != "XEN_SYSCTL_physinfo"));
    }

    #[test]
    fn the_registry_versions() {
        let names: Vec<&str> = crate::VERSIONS.iter().map(|v| v.name).collect();
        assert_eq!(names, ["4.17", "4.20"]);
        let (v4_17, v4_20) = (&crate::VERSIONS[0], &crate::VERSIONS[1]);
        // 4.17 is the shared modules as they are.
        assert_eq!(v4_17.left_out_items().count(), 0);
        assert_eq!(v4_17.modules().count(), crate::SHARED.len());
        // 4.20 redeclares every container of what it replaces: nothing is
        // left out only for holding a replaced item.
        for (m, name, why) in v4_20.left_out_items() {
            assert!(
                matches!(why, LeftOut::Replaced(_)),
                "{}::{name}: {why:?}",
                m.path
            );
        }
        let replaced = |m: &Module, name| v4_20.left_out(m, name).is_some();
        assert!(replaced(&crate::domctl::ABI, "xen_domctl_createdomain"));
        assert!(replaced(&crate::domctl::ABI, "xen_domctl_u"));
        assert!(replaced(&crate::sysctl::ABI, "xen_sysctl_pm_op_u"));
        assert!(!replaced(&crate::sysctl::ABI, "xen_sysctl_physinfo"));
        // MODULES is every module: the shared ones, then 4.20's own.
        assert_eq!(
            crate::MODULES.len(),
            crate::SHARED.len() + crate::v4_20::MODULES.len()
        );
    }
}
