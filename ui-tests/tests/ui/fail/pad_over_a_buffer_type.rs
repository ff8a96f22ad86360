// A buffer type (`xen_extraversion_t`, a `char[16]`) has no padding: Xen
// writes all 16 bytes. Bytes marked `pad` there are the version text, not
// padding; a buffer type's one field is `#[hypercall(whole)]`.
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::version::*;

#[derive(HypercallArgs)]
#[hypercall(xen_version = XENVER_extraversion, twin = xen_extraversion_t)]
#[repr(C)]
struct ExtraVersion {
    #[hypercall(pad)]
    text: [u8; 16],
}

fn main() {}
