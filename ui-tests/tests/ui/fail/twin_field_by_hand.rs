// A type of the user's own declared to stand for the twin's field: it
// would let any type (a raw address among them) stand for a twin's field.
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

#[repr(transparent)]
struct Address(u64);

impl hcbuf_core::__private::TwinField<u64> for Address {}

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
struct MaxMem {
    max_memkb: Address,
}

fn main() {}
