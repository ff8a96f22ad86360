//! The item as the derive sees it: its fields, its `#[repr]`, and what its
//! `#[hypercall(...)]` attribute says.

use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Ident, Path, Type};

use super::Ctxt;

/// A family of sub-op hypercalls: one of `hcbuf_sys::families::ALL`,
/// named in the attribute by its key.
pub(crate) type Family = &'static hcbuf_sys::families::Family;

/// What the type describes.
pub(crate) enum Mode {
    /// A whole hypercall: `op` and up to five register arguments, checked
    /// against hcbuf's signature of `op` or, for a hypercall hcbuf has none
    /// for, the user's `signature` (an `unsafe impl Signature`).
    Call { op: Expr, signature: Option<Path> },
    /// A sub-op payload of `family` with command `cmd`, laid out as `twin`.
    Payload {
        family: Family,
        cmd: Expr,
        twin: Path,
    },
    /// Plain hypercall data laid out as `twin`, bound to no command (an
    /// element of a buffer, a multicall entry).
    Data { twin: Path },
}

pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    /// `#[hypercall(pad)]`: explicit padding, which the twin has as
    /// implicit padding (no field to compare the offset with).
    pub(crate) pad: bool,
    /// `#[hypercall(whole)]`: the field is the whole twin (a buffer type
    /// such as `xen_extraversion_t`, which has no fields of its own).
    pub(crate) whole: bool,
    /// Where each of the field's markers was written, in order (for the
    /// checks on conflicts and repeats).
    pub(crate) markers: Vec<(&'static str, proc_macro2::Span)>,
}

/// What `#[repr(...)]` says.
#[derive(Default)]
pub(crate) struct Repr {
    /// The span of `C`, if present.
    pub(crate) c: Option<proc_macro2::Span>,
    /// Every other representation hint, with its span (`packed`, `align`,
    /// `transparent`, integer types).
    pub(crate) others: Vec<(String, proc_macro2::Span)>,
}

/// What the item's `#[hypercall(...)]` attributes say, key by key, as
/// written (which combinations make a type is `check`'s to decide).
#[derive(Default)]
pub(crate) struct Attrs {
    /// Whether any `#[hypercall]` attribute is on the item.
    pub(crate) seen: bool,
    /// `op = <hypercall number>`.
    pub(crate) op: Option<Expr>,
    /// `<family> = <command number>`.
    pub(crate) family: Option<(Family, Expr)>,
    /// `twin = <hcbuf_sys type>`.
    pub(crate) twin: Option<Path>,
    /// `data`.
    pub(crate) data: Option<Path>,
    /// `signature = <type>`.
    pub(crate) signature: Option<Path>,
}

pub(crate) struct Container<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) attrs: Attrs,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) repr: Repr,
}

impl<'a> Container<'a> {
    /// Parses the item, recording every problem in `cx`. `None` when the
    /// item is not a struct with named fields (nothing else to check).
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Container<'a>> {
        let fields = match &input.data {
            Data::Struct(s) => match &s.fields {
                Fields::Named(named) => named
                    .named
                    .iter()
                    .map(|f| {
                        let markers = parse_field_attrs(cx, &f.attrs);
                        let has = |name| markers.iter().any(|(m, _)| *m == name);
                        Field {
                            ident: f.ident.as_ref().expect("named field"),
                            ty: &f.ty,
                            pad: has("pad"),
                            whole: has("whole"),
                            markers,
                        }
                    })
                    .collect(),
                Fields::Unit => Vec::new(),
                Fields::Unnamed(_) => {
                    cx.error_spanned_by(
                        &input.ident,
                        "HypercallArgs needs named fields: they are checked one by one \
                         against the Xen ABI by name",
                    );
                    return None;
                }
            },
            Data::Enum(e) => {
                cx.error_spanned_by(
                    e.enum_token,
                    "HypercallArgs cannot be derived for an enum: Xen would be handed a \
                     discriminant it may overwrite with an invalid one; use a struct of integers",
                );
                return None;
            }
            Data::Union(u) => {
                cx.error_spanned_by(
                    u.union_token,
                    "HypercallArgs cannot be derived for a union: which member Xen sees \
                     cannot be checked; carry payloads in the family buffer `hcbuf_core::xen::Op<P>`",
                );
                return None;
            }
        };
        Some(Container {
            input,
            attrs: parse_attrs(cx, input),
            fields,
            repr: parse_repr(cx, &input.attrs),
        })
    }
}

/// The item's `#[hypercall(...)]` keys and values; a key given twice or
/// not known is an error here, at its span.
fn parse_attrs(cx: &Ctxt, input: &DeriveInput) -> Attrs {
    let mut attrs = Attrs::default();
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("hypercall"))
    {
        attrs.seen = true;
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(Ident::to_string)
                .unwrap_or_default();
            let once = |slot_was_set: bool| {
                if slot_was_set {
                    cx.error_spanned_by(&meta.path, format!("duplicate `{key}`"));
                }
            };
            if key == "data" {
                once(attrs.data.replace(meta.path.clone()).is_some());
            } else if key == "op" {
                let value: Expr = meta.value()?.parse()?;
                once(attrs.op.replace(value).is_some());
            } else if key == "signature" {
                let value: Path = meta.value()?.parse()?;
                once(attrs.signature.replace(value).is_some());
            } else if key == "twin" {
                let value: Path = meta.value()?.parse()?;
                once(attrs.twin.replace(value).is_some());
            } else if let Some(f) = hcbuf_sys::families::ALL.iter().find(|f| f.key == key) {
                let value: Expr = meta.value()?.parse()?;
                if attrs.family.replace((f, value)).is_some() {
                    cx.error_spanned_by(
                        &meta.path,
                        "a payload belongs to one family and one command",
                    );
                }
            } else {
                let families: Vec<&str> = hcbuf_sys::families::ALL.iter().map(|f| f.key).collect();
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "unknown key `{}`: expected `op = <hypercall number>` (with \
                         `signature = <type>` for a hypercall hcbuf has no signature for), one of \
                         `{}` `= <command number>` with `twin = <hcbuf_sys type>`, or `data` with \
                         `twin = <hcbuf_sys type>`",
                        quote::ToTokens::to_token_stream(&meta.path),
                        families.join("`, `")
                    ),
                );
                // Skip the value so parsing can go on to the next key.
                if meta.input.peek(syn::Token![=]) {
                    let _: Expr = meta.value()?.parse()?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    attrs
}

/// `#[hypercall(pad)]` / `#[hypercall(whole)]` on a field, each with its
/// span, as written (repeats and conflicts are `check`'s).
fn parse_field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Vec<(&'static str, proc_macro2::Span)> {
    let mut markers = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("hypercall")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("pad") {
                markers.push(("pad", meta.path.span()));
            } else if meta.path.is_ident("whole") {
                markers.push(("whole", meta.path.span()));
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    "a field takes `#[hypercall(pad)]` (explicit padding where the C struct \
                     has implicit padding) or `#[hypercall(whole)]` (the field is the whole \
                     twin, a buffer type)",
                );
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    markers
}

fn parse_repr(cx: &Ctxt, attrs: &[Attribute]) -> Repr {
    let mut repr = Repr::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let result = attr.parse_nested_meta(|meta| {
            let name = meta
                .path
                .get_ident()
                .map(Ident::to_string)
                .unwrap_or_default();
            if name == "C" {
                repr.c = Some(meta.path.span());
            } else {
                repr.others.push((name, meta.path.span()));
                if meta.input.peek(syn::token::Paren) {
                    let _content;
                    syn::parenthesized!(_content in meta.input);
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    repr
}
