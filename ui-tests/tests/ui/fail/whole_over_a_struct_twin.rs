// `#[hypercall(whole)]` is for buffer types (byte arrays). Over a twin
// with fields, one array would skip the comparison of every field.
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::sysctl::*;

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_physinfo, twin = xen_sysctl_physinfo)]
#[repr(C)]
struct Physinfo {
    #[hypercall(whole)]
    words: [u64; 14],
}

fn main() {}
