use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_iomem_permission, twin = xen_domctl_iomem_permission)]
#[repr(C)]
struct IomemPermission {
    first_mfn: u64,
    nr_mfns: u64,
    allow_access: u8,
}

fn main() {}
