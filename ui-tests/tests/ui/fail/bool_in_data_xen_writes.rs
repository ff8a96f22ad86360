use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_irq_permission, twin = xen_domctl_irq_permission)]
#[repr(C)]
struct IrqPermission {
    pirq: u32,
    allow_access: bool,
    pad: [u8; 3],
}

fn main() {}
