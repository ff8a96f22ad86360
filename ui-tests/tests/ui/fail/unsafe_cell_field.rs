use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
struct MaxMem {
    max_memkb: std::cell::UnsafeCell<u64>,
}

fn main() {}
