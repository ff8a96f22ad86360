//! Checks that need only the syntax: which kind of type the attribute
//! describes, conflicts and repeats, what the expansion would write again.
//! Everything that needs types (every field hypercall-safe, no padding,
//! the twin's layout) is asserted by the emitted code instead, so the
//! compiler can report it at the field.

use syn::GenericParam;
use syn::visit::Visit;

use super::Ctxt;
use super::ast::{Attrs, Container, Mode};

/// The most register arguments a hypercall has (x86_64: `rdi`, `rsi`,
/// `rdx`, `r10`, `r8`).
pub(crate) const MAX_ARGS: usize = 5;

/// Checks `c` and says what it describes (`None` after an error).
pub(crate) fn check(cx: &Ctxt, c: &Container<'_>) -> Option<Mode> {
    check_hygiene(cx, c);
    check_generics(cx, c);
    check_field_markers(cx, c);
    let mode = mode(cx, c);
    match &mode {
        Some(Mode::Call { .. }) => check_call(cx, c),
        Some(Mode::Payload { .. } | Mode::Data { .. }) => check_payload(cx, c),
        None => {}
    }
    mode
}

/// The kind of type the attribute's keys make, or why they make none.
fn mode(cx: &Ctxt, c: &Container<'_>) -> Option<Mode> {
    let Attrs {
        seen,
        op,
        family,
        twin,
        data,
        signature,
    } = &c.attrs;
    if let (Some(sig), None) = (signature, op) {
        cx.error_spanned_by(
            sig,
            "`signature` describes the registers of a whole hypercall (`op = ...`); a payload or \
             data is checked against its `twin` instead",
        );
    }
    if let Some(data) = data {
        return match (op, family, twin) {
            (None, None, Some(twin)) => Some(Mode::Data { twin: twin.clone() }),
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
        (Some(op), None, None) => Some(Mode::Call {
            op: op.clone(),
            signature: signature.clone(),
        }),
        (None, Some((family, cmd)), Some(twin)) => Some(Mode::Payload {
            family,
            cmd: cmd.clone(),
            twin: twin.clone(),
        }),
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
            let what = if *seen { "say what the type is: " } else { "" };
            cx.syn_error(syn::Error::new(
                c.input.ident.span(),
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

/// A field is padding or the whole twin, once: `pad` and `whole` together
/// say two things of one field, and a repeat is a slip.
fn check_field_markers(cx: &Ctxt, c: &Container<'_>) {
    for field in &c.fields {
        for (i, (name, span)) in field.markers.iter().enumerate() {
            let earlier = &field.markers[..i];
            if earlier.iter().any(|(n, _)| n == name) {
                cx.syn_error(syn::Error::new(
                    *span,
                    format!("duplicate `{name}` on `{}`", field.ident),
                ));
            } else if let Some((other, _)) = earlier.iter().find(|(n, _)| n != name) {
                cx.syn_error(syn::Error::new(
                    *span,
                    format!(
                        "`{other}` and `{name}` on one field: `pad` is explicit padding where the \
                         C struct has implicit padding, `whole` a field that is the whole twin \
                         (a buffer type); a field is one or the other"
                    ),
                ));
            }
        }
    }
}

fn check_generics(cx: &Ctxt, c: &Container<'_>) {
    for param in &c.input.generics.params {
        match param {
            GenericParam::Lifetime(_) => {}
            GenericParam::Type(t) => cx.error_spanned_by(
                t,
                "hypercall types cannot be generic over a type: each field's layout must be \
                 known here to check it against the Xen ABI; use a concrete type",
            ),
            GenericParam::Const(k) => cx.error_spanned_by(
                k,
                "hypercall types cannot be generic over a constant: the layout must be known \
                 here to check it against the Xen ABI",
            ),
        }
    }
}

fn check_call(cx: &Ctxt, c: &Container<'_>) {
    for field in c.fields.iter().skip(MAX_ARGS) {
        cx.error_spanned_by(
            field.ident,
            format!("a hypercall takes at most {MAX_ARGS} register arguments"),
        );
    }
}

fn check_payload(cx: &Ctxt, c: &Container<'_>) {
    if c.repr.c.is_none() {
        cx.error_spanned_by(
            &c.input.ident,
            "a hypercall payload needs `#[repr(C)]`: without it Rust may reorder the fields \
             and Xen would read them at the wrong offsets",
        );
    }
    for (name, span) in &c.repr.others {
        let why = match name.as_str() {
            "packed" => {
                "`packed` misaligns fields Xen reads as aligned; the ABI has no packed payloads"
            }
            "align" => "`align` adds padding the ABI does not have",
            "transparent" => "a payload is `#[repr(C)]`, not `transparent`",
            _ => "a payload is a `#[repr(C)]` struct; other representations change its layout",
        };
        cx.syn_error(syn::Error::new(
            *span,
            format!("`#[repr({name})]` on a hypercall payload: {why}"),
        ));
    }
}

/// The names the expansion brings into scope for its checks: `__hcbuf`
/// (hcbuf-core), `__core` (core), `__HcbufSignature` and the `__hcbuf_*`
/// items and lifetimes. The user's tokens are written again inside that
/// scope, so a name of the user's spelled the same would mean one item in
/// the struct and another in every check.
fn is_reserved(name: &str) -> bool {
    let name = name.strip_prefix("r#").unwrap_or(name);
    ["__hcbuf", "__Hcbuf", "__core"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// Every token of the user's that the expansion writes again (the item's
/// name, generics, field names and types, and the attribute's values)
/// must mean there what it means in the struct: no name the expansion
/// reserves, and no macro, whose expansion could resolve differently
/// inside the checks' scope than outside it.
fn check_hygiene(cx: &Ctxt, c: &Container<'_>) {
    let mut visitor = Hygiene { cx };
    visitor.visit_ident(&c.input.ident);
    visitor.visit_generics(&c.input.generics);
    for field in &c.fields {
        visitor.visit_ident(field.ident);
        visitor.visit_type(field.ty);
    }
    let attrs = &c.attrs;
    if let Some(op) = &attrs.op {
        visitor.visit_expr(op);
    }
    if let Some((_, cmd)) = &attrs.family {
        visitor.visit_expr(cmd);
    }
    for path in [&attrs.signature, &attrs.twin].into_iter().flatten() {
        visitor.visit_path(path);
    }
}

struct Hygiene<'c> {
    cx: &'c Ctxt,
}

impl<'ast> Visit<'ast> for Hygiene<'_> {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        if is_reserved(&ident.to_string()) {
            self.cx.error_spanned_by(
                ident,
                format!(
                    "`{ident}` is a name the derive reserves: inside its checks `__hcbuf` is \
                     hcbuf-core and `__core` is core, so a name of yours spelled `__hcbuf…`, \
                     `__Hcbuf…` or `__core…` would be checked as another item than the one \
                     the struct holds; rename it"
                ),
            );
        }
    }

    fn visit_lifetime(&mut self, lifetime: &'ast syn::Lifetime) {
        self.visit_ident(&lifetime.ident);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.cx.error_spanned_by(
            mac,
            "a macro in a hypercall type's fields, generics or attribute: the derive checks \
             the tokens it sees, and a macro's expansion could name other items inside its \
             checks than in the struct; write the type or value out",
        );
    }

    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {
        // Attributes of fields and generics are not written again.
    }
}
