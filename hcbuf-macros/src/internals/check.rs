//! Checks that need only the syntax. Everything that needs types (every
//! field hypercall-safe, no padding, the twin's layout) is asserted by the
//! emitted code instead, so the compiler can report it at the field.

use syn::GenericParam;

use super::Ctxt;
use super::ast::{Container, Mode};

/// The most register arguments a hypercall has.
const MAX_ARGS: usize = 5;

pub(crate) fn check(cx: &Ctxt, c: &Container<'_>) {
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
