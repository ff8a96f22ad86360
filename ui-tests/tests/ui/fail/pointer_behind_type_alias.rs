use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

/// Looks like a number; is an address.
type Kb = *mut u64;

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
struct MaxMem {
    max_memkb: Kb,
}

fn main() {}
