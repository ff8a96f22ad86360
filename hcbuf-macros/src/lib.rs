//! `#[derive(HypercallArgs)]` for hcbuf. Use it through `hcbuf-core`,
//! which re-exports it and documents the traits it implements.
//!
//! The derive reads parse → check → emit: `internals::ast` parses the
//! item and its `#[hypercall(...)]` attribute, `internals::check`
//! validates what only the syntax can tell (every error, with its span, is
//! collected and reported at once), and `emit` writes the trait impls
//! and the compile-time assertions, wrapped in `const _: () = { … };`. The
//! properties that need types (every field hypercall-safe, no padding,
//! the layout of the `hcbuf-sys` twin) are asserted by the emitted code,
//! so the compiler reports them at the offending field.

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

mod emit;
mod internals;

/// Derives `HypercallArgs` (a whole hypercall, checked against its
/// signature) or `SubOp` (a sub-op payload bound to its family and
/// command, checked against its twin) with the marker traits. The whole
/// syntax, with examples: `hcbuf_core::derive`.
#[proc_macro_derive(HypercallArgs, attributes(hypercall))]
pub fn derive_hypercall_args(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input).into()
}

/// Parse → check → emit, as tokens (the expansion tests call this).
fn expand(input: &DeriveInput) -> proc_macro2::TokenStream {
    let ctxt = internals::Ctxt::new();
    let container = internals::ast::Container::from_ast(&ctxt, input);
    let mode = container
        .as_ref()
        .and_then(|container| internals::check::check(&ctxt, container));
    match (ctxt.finish(), container, mode) {
        (Ok(()), Some(container), Some(mode)) => emit::emit(&container, &mode),
        (Err(errors), _, _) => errors.to_compile_error(),
        (Ok(()), _, _) => unreachable_error(input),
    }
}

#[cfg(test)]
mod expansion_tests;

/// `from_ast` and `check` return `None` only after recording an error;
/// this is the belt to those braces.
fn unreachable_error(input: &DeriveInput) -> proc_macro2::TokenStream {
    syn::Error::new_spanned(&input.ident, "HypercallArgs: internal error, please report")
        .to_compile_error()
}
