//! The item as the derive sees it: its fields, its `#[repr]`, and what its
//! `#[hypercall(...)]` attribute says.

use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Ident, Path, Type};

use super::Ctxt;

/// The families of sub-op hypercalls, each with its key in the attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Sysctl,
    Domctl,
    XenVersion,
    MemoryOp,
    ConsoleIo,
    Hypfs,
}

impl Family {
    pub(crate) const ALL: [(&'static str, Family); 6] = [
        ("sysctl", Family::Sysctl),
        ("domctl", Family::Domctl),
        ("xen_version", Family::XenVersion),
        ("memory_op", Family::MemoryOp),
        ("console_io", Family::ConsoleIo),
        ("hypfs", Family::Hypfs),
    ];

    /// The name of its marker type in `hcbuf_core::args::family`.
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            Family::Sysctl => "Sysctl",
            Family::Domctl => "Domctl",
            Family::XenVersion => "XenVersion",
            Family::MemoryOp => "MemoryOp",
            Family::ConsoleIo => "ConsoleIo",
            Family::Hypfs => "Hypfs",
        }
    }
}

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

pub(crate) struct Container<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) mode: Option<Mode>,
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
                        let (pad, whole) = parse_field_attrs(cx, &f.attrs);
                        Field {
                            ident: f.ident.as_ref().expect("named field"),
                            ty: &f.ty,
                            pad,
                            whole,
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
            mode: parse_mode(cx, input),
            fields,
            repr: parse_repr(cx, &input.attrs),
        })
    }
}

fn parse_mode(cx: &Ctxt, input: &DeriveInput) -> Option<Mode> {
    let mut op: Option<Expr> = None;
    let mut family: Option<(Family, Expr)> = None;
    let mut twin: Option<Path> = None;
    let mut data: Option<Path> = None;
    let mut signature: Option<Path> = None;
    let mut seen_attr = false;
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("hypercall"))
    {
        seen_attr = true;
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(Ident::to_string)
                .unwrap_or_default();
            if key == "data" {
                if data.replace(meta.path.clone()).is_some() {
                    cx.error_spanned_by(&meta.path, "duplicate `data`");
                }
            } else if key == "op" {
                let value: Expr = meta.value()?.parse()?;
                if op.replace(value).is_some() {
                    cx.error_spanned_by(&meta.path, "duplicate `op`");
                }
            } else if key == "signature" {
                let value: Path = meta.value()?.parse()?;
                if signature.replace(value).is_some() {
                    cx.error_spanned_by(&meta.path, "duplicate `signature`");
                }
            } else if key == "twin" {
                let value: Path = meta.value()?.parse()?;
                if twin.replace(value).is_some() {
                    cx.error_spanned_by(&meta.path, "duplicate `twin`");
                }
            } else if let Some((_, f)) = Family::ALL.iter().find(|(name, _)| *name == key) {
                let value: Expr = meta.value()?.parse()?;
                if family.replace((*f, value)).is_some() {
                    cx.error_spanned_by(
                        &meta.path,
                        "a payload belongs to one family and one command",
                    );
                }
            } else {
                let families: Vec<&str> = Family::ALL.iter().map(|(n, _)| *n).collect();
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
    if let (Some(sig), None) = (&signature, &op) {
        cx.error_spanned_by(
            sig,
            "`signature` describes the registers of a whole hypercall (`op = ...`); a payload or \
             data is checked against its `twin` instead",
        );
    }
    if let Some(data) = data {
        return match (op, family, twin) {
            (None, None, Some(twin)) => Some(Mode::Data { twin }),
            (None, None, None) => {
                cx.error_spanned_by(
                    data,
                    "`data` needs `twin = <hcbuf_sys type>` to check its layout against",
                );
                None
            }
            _ => {
                cx.error_spanned_by(
                    data,
                    "`data` is plain hypercall data bound to no call or command: drop `op` or the family key",
                );
                None
            }
        };
    }
    match (op, family, twin) {
        (Some(op), None, None) => Some(Mode::Call { op, signature }),
        (None, Some((family, cmd)), Some(twin)) => Some(Mode::Payload { family, cmd, twin }),
        (Some(op), Some(_), _) => {
            cx.error_spanned_by(
                op,
                "`op` describes a whole hypercall, a family key a sub-op payload: choose one",
            );
            None
        }
        (Some(_), None, Some(twin)) => {
            cx.error_spanned_by(
                twin,
                "`twin` checks a payload's layout; a whole hypercall (`op`) is lowered to \
                 registers and has no memory layout to check",
            );
            None
        }
        (None, Some((_, cmd)), None) => {
            cx.error_spanned_by(
                cmd,
                "a payload needs `twin = <hcbuf_sys type>`: the raw struct its size, alignment \
                 and field offsets are checked against",
            );
            None
        }
        (None, None, _) => {
            let what = if seen_attr {
                "say what the type is: "
            } else {
                ""
            };
            cx.syn_error(syn::Error::new(
                input.ident.span(),
                format!(
                    "{what}add `#[hypercall(op = <hypercall number>)]` for a whole hypercall, \
                     or `#[hypercall(<family> = <command number>, twin = <hcbuf_sys type>)]` \
                     for a sub-op payload"
                ),
            ));
            None
        }
    }
}

/// `#[hypercall(pad)]` / `#[hypercall(whole)]` on a field.
fn parse_field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> (bool, bool) {
    let (mut pad, mut whole) = (false, false);
    for attr in attrs.iter().filter(|a| a.path().is_ident("hypercall")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("pad") {
                pad = true;
            } else if meta.path.is_ident("whole") {
                whole = true;
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
    (pad, whole)
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
