// `#[hypercall(whole)]` over a buffer type takes a byte array only: an
// array of handles would be filled with the bytes Xen writes (the
// version text), each one a handle to whatever address the text spells.
// The alignment comparison refuses it (a buffer type is 1-byte aligned).
use hcbuf_core::sys::version::*;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(xen_version = XENVER_extraversion, twin = xen_extraversion_t)]
#[repr(C)]
struct ExtraVersion<'a> {
    #[hypercall(whole)]
    handles: [GuestHandleMut<'a, u8>; 2],
}

fn main() {}
