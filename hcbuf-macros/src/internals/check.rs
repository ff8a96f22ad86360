//! Checks that need only the syntax. Everything that needs types (every
//! field hypercall-safe, no padding, the twin's layout) is asserted by the
//! emitted code instead, so the compiler can report it at the field.

use syn::GenericParam;
use syn::visit::Visit;

use super::Ctxt;
use super::ast::{Container, Mode};

/// The most register arguments a hypercall has.
const MAX_ARGS: usize = 5;

pub(crate) fn check(cx: &Ctxt, c: &Container<'_>) {
    check_hygiene(cx, c);
    check_generics(cx, c);
    match &c.mode {
        Some(Mode::Call { .. }) => check_call(cx, c),
        Some(Mode::Payload { .. } | Mode::Data { .. }) => check_payload(cx, c),
        None => {}
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
    match &c.mode {
        Some(Mode::Call { op, signature }) => {
            visitor.visit_expr(op);
            if let Some(signature) = signature {
                visitor.visit_path(signature);
            }
        }
        Some(Mode::Payload { cmd, twin, .. }) => {
            visitor.visit_expr(cmd);
            visitor.visit_path(twin);
        }
        Some(Mode::Data { twin }) => visitor.visit_path(twin),
        None => {}
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
