//! Code generation: trait impls and compile-time assertions, wrapped in
//! `const _: () = { … };` so nothing leaks into the user's namespace, and
//! naming hcbuf-core and core only through crates bound inside that block
//! (`__hcbuf`, `__core`), so no name in the user's scope can redirect them.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Ident, Lifetime, Type};

use crate::internals::ast::{Container, Family, Mode};
use crate::internals::check::MAX_ARGS;

pub(crate) fn emit(c: &Container<'_>, mode: &Mode) -> TokenStream {
    let body = match mode {
        Mode::Call { op, signature } => emit_call(c, op, signature.as_ref()),
        Mode::Payload { family, cmd, twin } => {
            let data = emit_data(c, twin);
            let sub_op = emit_sub_op(c, family, cmd, twin);
            quote! { #data #sub_op }
        }
        Mode::Data { twin } => emit_data(c, twin),
    };
    let root = crate_root();
    quote! {
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            // The crates the expansion names, bound here by their own
            // names: no `extern crate self as hcbuf_core` (or `as core`),
            // nor any item of the user's, can stand in for them.
            #root
            extern crate core as __core;
            #body
        };
    }
}

/// How the expansion binds `__hcbuf`: the `hcbuf_core` crate by its name,
/// or, when the derive runs in hcbuf-core's own build (which cannot name
/// itself as an extern crate), through the extern prelude: hcbuf-core
/// itself (`extern crate self as hcbuf_core`), or for its doctests the
/// crate. Told apart by the package and crate cargo is compiling.
fn crate_root() -> TokenStream {
    let inside = std::env::var("CARGO_PKG_NAME").is_ok_and(|p| p == "hcbuf-core")
        && std::env::var("CARGO_CRATE_NAME").is_ok_and(|c| c == "hcbuf_core");
    if inside {
        quote! { use ::hcbuf_core as __hcbuf; }
    } else {
        quote! { extern crate hcbuf_core as __hcbuf; }
    }
}

/// `unsafe impl<'a> __hcbuf::Trait for Name<'a> {}`-style headers.
fn impl_header(c: &Container<'_>, trait_path: TokenStream) -> TokenStream {
    let name = &c.input.ident;
    let (impl_generics, ty_generics, where_clause) = c.input.generics.split_for_impl();
    // `do_not_recommend`: an error about some other type's field should
    // not list every derived type as a candidate.
    quote! {
        #[diagnostic::do_not_recommend]
        unsafe impl #impl_generics #trait_path for #name #ty_generics #where_clause
    }
}

fn emit_call(c: &Container<'_>, op: &syn::Expr, signature: Option<&syn::Path>) -> TokenStream {
    let derived = impl_header(c, quote!(__hcbuf::__private::Derived));
    let args = impl_header(c, quote!(__hcbuf::args::HypercallArgs));
    let op_value = quote_spanned! {op.span()=> ((#op) as __core::primitive::u64) };
    // The signature the registers are checked against: hcbuf's, looked up
    // by the hypercall and the first field (a command hypercall's is its
    // command's), or the user's for a hypercall hcbuf has none for. Types
    // with every lifetime 'static: the table's pointees are spelled so.
    let first: TokenStream = c.fields.first().map_or_else(
        || quote!(__hcbuf::signature::NotCommand),
        |f| {
            let ty = statik(f.ty);
            quote_spanned! {f.ty.span()=> <#ty as __hcbuf::args::RegisterArg>::Tag }
        },
    );
    let (sig, own_signature) = match signature {
        Some(user) => {
            let msg = "hcbuf's table gives this hypercall its signatures: a `signature` of your own \
                       cannot replace them; remove `signature = ...` and type the fields as the \
                       table says (see `hcbuf_core::signature`)";
            (
                quote!(#user),
                quote_spanned! {user.span()=>
                    const _: () = __core::assert!(
                        !__hcbuf::signature::has_fixed_signature(#op_value),
                        #msg
                    );
                },
            )
        }
        None => (
            quote_spanned! {op.span()=>
                <__hcbuf::signature::Hypercall<{ #op_value }>
                    as __hcbuf::signature::Lookup<#first>>::Sig
            },
            TokenStream::new(),
        ),
    };
    // Through `__private::Field`, so that a field that is no register is
    // reported once, by the signature check, not at each use here.
    let values = c.fields.iter().map(|f| {
        let ident = f.ident;
        quote! { (&__hcbuf::__private::Field(&self.#ident)).register() }
    });
    let elements = c.fields.iter().map(|f| {
        let ident = f.ident;
        quote! { (&__hcbuf::__private::Field(&self.#ident)).elements() }
    });
    let lends = c.fields.iter().map(|f| {
        let ident = f.ident;
        quote! { (&__hcbuf::__private::Field(&self.#ident)).lend(to); }
    });
    let zeros = (c.fields.len()..MAX_ARGS).map(|_| quote!(0));
    let zeros2 = zeros.clone();
    let registers = ["R0", "R1", "R2", "R3", "R4"];
    let fits = c.fields.iter().zip(registers).map(|(f, register)| {
        let ty = statik(f.ty);
        let register = Ident::new(register, Span::call_site());
        quote_spanned! {f.ty.span()=>
            __hcbuf::signature::assert_fits::<
                #ty,
                <__HcbufSignature as __hcbuf::signature::Registers>::#register,
            >();
        }
    });
    let assert_signature = match signature {
        Some(user) => quote_spanned! {user.span()=>
            __hcbuf::signature::assert_signature::<__HcbufSignature>();
        },
        None => quote_spanned! {op.span()=>
            __hcbuf::signature::assert_known::<__HcbufSignature>();
        },
    };
    let op_msg = "`op` must be below 2^32: privcmd passes the hypercall number as a C `unsigned \
                  int`, so this one would issue the hypercall its low 32 bits name, not the one \
                  checked; write the `__HYPERVISOR_*` number itself";
    let op_fits = quote_spanned! {op.span()=>
        const _: () = __core::assert!(__hcbuf::signature::op_fits(#op_value), #op_msg);
    };
    quote! {
        type __HcbufSignature = #sig;
        #op_fits
        #own_signature
        #[automatically_derived]
        #derived {}
        #[automatically_derived]
        #args {
            const OP: __core::primitive::u64 = #op_value;
            #[inline]
            fn registers(&self) -> [__core::primitive::u64; 5] {
                #[allow(unused_imports)]
                use __hcbuf::__private::{ViaNothing as _, ViaRegisterArg as _};
                __hcbuf::signature::lower::<__HcbufSignature>(
                    [#(#values,)* #(#zeros,)*],
                    [#(#elements,)* #(#zeros2,)*],
                )
            }
            fn lend(
                &self,
                to: &mut dyn __core::ops::FnMut(__hcbuf::sys::handles::Lending),
            ) {
                #[allow(unused_imports)]
                use __hcbuf::__private::{ViaNothing as _, ViaRegisterArg as _};
                #(#lends)*
            }
        }
        #[allow(dead_code)]
        fn __hcbuf_signature_checks() {
            // The call has a signature (hcbuf's for this hypercall and
            // command, or the user's), and each register is what it says:
            // a handle to the right pointee and direction, an integer, a
            // count, a command.
            #assert_signature
            #(#fits)*
        }
    }
}

/// The marker traits and the layout assertions against the twin.
fn emit_data(c: &Container<'_>, twin: &syn::Path) -> TokenStream {
    let name = &c.input.ident;
    let derived = impl_header(c, quote!(__hcbuf::__private::Derived));
    let safe = impl_header(c, quote!(__hcbuf::HypercallSafe));
    let writable = impl_header(c, quote!(__hcbuf::XenWritable));
    // Layout assertions are evaluated in constants, where no lifetime but
    // 'static exists: check the 'static instance (lifetimes do not change
    // layout).
    let (_, ty_generics, _) = c.input.generics.split_for_impl();
    let this = statik(&syn::parse_quote!(#name #ty_generics));
    let field_sizes = c.fields.iter().map(|f| {
        let ty = statik(f.ty);
        quote!(__core::mem::size_of::<#ty>())
    });
    let name_str = name.to_string();
    let twin_str = quote!(#twin).to_string().replace(' ', "");
    let padding_msg = format!(
        "`{name_str}` has implicit padding: Xen would read uninitialised bytes there. Declare \
         the bytes as fields marked `#[hypercall(pad)]` where the twin `{twin_str}` has \
         padding (e.g. `#[hypercall(pad)] _pad: [u8; N]`), so the fields fill the struct"
    );
    let size_msg = format!("`{name_str}` and its hcbuf-sys twin `{twin_str}` differ in size");
    let align_msg = format!("`{name_str}` and its hcbuf-sys twin `{twin_str}` differ in alignment");
    let (impl_generics, _, where_clause) = c.input.generics.split_for_impl();
    let has_twin = impl_header(c, quote!(__hcbuf::__private::HasTwin));
    let declared = quote! { <#twin as __hcbuf::sys::abi::Declared>::LAYOUT };
    let offsets = c.fields.iter().map(|f| {
        let ident = f.ident;
        if f.pad {
            let msg = format!(
                "field `{ident}` of `{name_str}` is marked `#[hypercall(pad)]` but lies over \
                 bytes its hcbuf-sys twin `{twin_str}` uses (a field, or a buffer type, which has \
                 no padding): padding is not compared with the twin, so what Xen reads or writes \
                 there would go unchecked; remove `#[hypercall(pad)]` and give the field the twin \
                 field's name and type (`#[hypercall(whole)]` for a buffer type)"
            );
            let ty = statik(f.ty);
            let fty = f.ty;
            let check = format_ident!("__hcbuf_pad_plain_{}", ident);
            return quote_spanned! {ident.span()=>
                // Padding is Xen's to write too: plain data whose every bit
                // pattern is valid and none of it an address.
                #[allow(dead_code)]
                fn #check #impl_generics () #where_clause {
                    __hcbuf::__private::assert_plain_data::<#fty>();
                }
                const _: () = __core::assert!(
                    __hcbuf::__private::over_padding(
                        &#declared,
                        __core::mem::offset_of!(#this, #ident),
                        __core::mem::size_of::<#ty>(),
                    ),
                    #msg
                );
            };
        }
        if f.whole {
            let msg = format!("field `{ident}` of `{name_str}` is not the whole of `{twin_str}`");
            let fields_msg = format!(
                "field `{ident}` of `{name_str}` is marked `#[hypercall(whole)]`, but its twin \
                 `{twin_str}` has fields of its own: `whole` is for buffer types (byte arrays) \
                 only; remove it and declare the twin's fields by name"
            );
            let ty = statik(f.ty);
            // An array stands for a fieldless twin (a buffer type): Xen
            // fills it with whatever bytes it has, so its elements are
            // plain data (no address, every bit pattern valid). Anything
            // else must be data derived with the same twin, whose own
            // derive checked its fields.
            let fty = f.ty;
            let what = if matches!(f.ty, Type::Array(_)) {
                let bytes = format_ident!("__hcbuf_whole_bytes_{}", ident);
                quote_spanned! {ident.span()=>
                    const _: () = __core::assert!(
                        __hcbuf::__private::fieldless(&#declared),
                        #fields_msg
                    );
                    #[allow(dead_code)]
                    fn #bytes #impl_generics () #where_clause {
                        __hcbuf::__private::assert_plain_data::<#fty>();
                    }
                }
            } else {
                let check = format_ident!("__hcbuf_whole_twin_{}", ident);
                quote_spanned! {fty.span()=>
                    #[allow(dead_code)]
                    fn #check #impl_generics () #where_clause {
                        __hcbuf::__private::assert_xen_writable::<#fty>();
                        __hcbuf::__private::assert_same_twin::<#fty, #twin>();
                    }
                }
            };
            return quote_spanned! {ident.span()=>
                const _: () = __core::assert!(
                    __core::mem::offset_of!(#this, #ident) == 0
                        && __core::mem::size_of::<#ty>() == __core::mem::size_of::<#twin>(),
                    #msg
                );
                #what
            };
        }
        let msg = format!(
            "field `{ident}` of `{name_str}` is not at the offset of `{ident}` in its hcbuf-sys \
             twin `{twin_str}`: Xen would read it from the wrong place"
        );
        let ty = statik(f.ty);
        let check = format_ident!("__hcbuf_twin_field_{}", ident);
        let measured_msg = format!(
            "field `{ident}` of `{name_str}` mirrors `{ident}` of `{twin_str}`, a count or a guest \
             handle measured by counts: the declaration keeps it private and sets it only \
             through its setters, which keep every count within the buffer it measures, so a \
             payload of your own cannot hold it; use hcbuf's typed payload \
             (`{twin_str}<Typed<'a>>`, named in `hcbuf_core::xen`) and its setters instead"
        );
        // The twin's offset by name, from its ABI description (a private
        // field's too, so that a measured field is reported once, below).
        let offset = quote_spanned! {ident.span()=>
            const _: () = __core::assert!(
                __hcbuf::__private::same_offset(
                    &#declared,
                    __core::stringify!(#ident),
                    __core::mem::offset_of!(#this, #ident),
                ),
                #msg
            );
            const _: () = __core::assert!(
                !__hcbuf::__private::is_measured(&#declared, __core::stringify!(#ident)),
                #measured_msg
            );
        };
        // The field has the type of the twin's field of the same name, with
        // the twin's handles typed: element type, direction, integer or
        // handle (which also makes it the twin field's size).
        let typed = quote_spanned! {f.ty.span()=>
            #[allow(dead_code)]
            fn #check() {
                // Two statements, so that the twin field's type is known
                // before the comparison is (else the comparison would be
                // used to infer it).
                let twin_field = __hcbuf::__private::TwinFieldOf::of(
                    |twin: &<#twin as __hcbuf::sys::abi::Declared>::With<
                        __hcbuf::handle::Typed<'static>,
                    >| &twin.#ident,
                );
                twin_field.holds::<#ty>();
            }
        };
        quote! { #offset #typed }
    });
    let (lend_impl_generics, lend_ty_generics, _) = c.input.generics.split_for_impl();
    let lends = c.fields.iter().map(|f| {
        let ident = f.ident;
        quote_spanned! {f.ty.span()=> __hcbuf::sys::handles::Lends::lend(&self.#ident, to); }
    });
    let may_lend = c.fields.iter().map(|f| f.ty);
    let forgets = c.fields.iter().map(|f| {
        let ident = f.ident;
        quote_spanned! {f.ty.span()=> __hcbuf::sys::handles::Lends::forget(&mut self.#ident); }
    });
    // Bounded by the fields (higher-ranked, so that a field without it is
    // not an error here: the field checks report it once).
    let lend_bounds = c.fields.iter().map(|f| {
        let ty = f.ty;
        quote!(for<'__hcbuf_x> #ty: __hcbuf::sys::handles::Lends)
    });
    quote! {
        #[automatically_derived]
        impl #lend_impl_generics __hcbuf::sys::handles::Lends for #name #lend_ty_generics
        where #(#lend_bounds,)*
        {
            // What the fields lend Xen (their nested declarations' measured
            // handles), for a backend that checks what Xen touches.
            fn lend(
                &self,
                to: &mut dyn __core::ops::FnMut(__hcbuf::sys::handles::Lending),
            ) {
                #(#lends)*
            }
            const MAY_LEND: bool = false #(|| <#may_lend as __hcbuf::sys::handles::Lends>::MAY_LEND)*;
            fn forget(&mut self) {
                #(#forgets)*
            }
        }
        #[automatically_derived]
        #derived {}
        #[automatically_derived]
        #safe {}
        #[automatically_derived]
        #writable {}
        #[automatically_derived]
        #has_twin {
            type Twin = #twin;
        }
        #[allow(dead_code)]
        fn __hcbuf_twin_declared() {
            // The twin is part of the ABI hcbuf-sys declares and proves, and
            // typed it is data Xen may write; each field has its type.
            __hcbuf::__private::assert_xen_writable::<
                <#twin as __hcbuf::sys::abi::Declared>::With<
                    __hcbuf::handle::Typed<'static>,
                >,
            >();
        }
        // One constant per assertion, so that every failing one is reported.
        const _: () = __core::assert!(
            __core::mem::size_of::<#this>() == 0 #(+ #field_sizes)*,
            #padding_msg
        );
        const _: () = __core::assert!(
            __core::mem::size_of::<#this>() == __core::mem::size_of::<#twin>(),
            #size_msg
        );
        const _: () = __core::assert!(
            __core::mem::align_of::<#this>() == __core::mem::align_of::<#twin>(),
            #align_msg
        );
        #(#offsets)*
    }
}

/// `SubOp` (family and command), and the command checked against the
/// commands that take the twin.
fn emit_sub_op(
    c: &Container<'_>,
    family: Family,
    cmd: &syn::Expr,
    twin: &syn::Path,
) -> TokenStream {
    let sub_op = {
        let name = &c.input.ident;
        let (impl_generics, ty_generics, _) = c.input.generics.split_for_impl();
        // Bounded (higher-ranked) by `Lends`, which a bad field takes away:
        // that field is reported once, by its own check.
        quote! {
            #[diagnostic::do_not_recommend]
            unsafe impl #impl_generics __hcbuf::args::SubOp for #name #ty_generics
            where for<'__hcbuf_x> #name #ty_generics: __hcbuf::sys::handles::Lends
        }
    };
    let family = format_ident!("{}", family.type_name);
    // The command is one that takes the twin; if not, the message names the
    // commands that do (the family table's), at the command.
    let wrong_command = quote_spanned! {cmd.span()=>
        const _: () = if !__hcbuf::__private::contains(
            <#twin as __hcbuf::xen::RawPayload>::CMDS,
            (#cmd) as __core::primitive::u32,
        ) {
            __core::panic!("{}", <#twin as __hcbuf::xen::RawPayload>::WRONG_COMMAND)
        };
    };
    quote! {
        #[automatically_derived]
        #sub_op {
            type Family = __hcbuf::args::family::#family;
            const CMD: __core::primitive::u32 = (#cmd) as __core::primitive::u32;
            // The releases whose layout the twin is.
            const RELEASES: &'static [__hcbuf::release::Release] =
                <#twin as __hcbuf::xen::RawPayload>::RELEASES;
        }
        #[allow(dead_code)]
        fn __hcbuf_twin_family() {
            // The twin is a payload of the same family.
            __hcbuf::__private::assert_twin_family::<#twin, __hcbuf::args::family::#family>();
        }
        #wrong_command
    }
}

/// `ty` with every lifetime replaced by `'static`.
fn statik(ty: &Type) -> Type {
    struct Statik;
    impl VisitMut for Statik {
        fn visit_lifetime_mut(&mut self, lifetime: &mut Lifetime) {
            *lifetime = Lifetime::new("'static", lifetime.span());
        }
    }
    let mut ty = ty.clone();
    Statik.visit_type_mut(&mut ty);
    ty
}
