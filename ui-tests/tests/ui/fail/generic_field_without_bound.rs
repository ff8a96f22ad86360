use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(domctl = hcbuf_core::sys::domctl::XEN_DOMCTL_max_mem, twin = hcbuf_core::sys::domctl::xen_domctl_max_mem)]
#[repr(C)]
struct MaxMem<T> {
    max_memkb: T,
}

fn main() {}
