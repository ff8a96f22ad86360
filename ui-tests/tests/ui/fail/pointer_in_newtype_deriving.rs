use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

/// Tries to launder a pointer by deriving on a wrapper.
#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
struct Wrapper {
    max_memkb: *mut u64,
}

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
struct MaxMem {
    max_memkb: Wrapper,
}

fn main() {}
