// `#[hypercall(pad)]` over bytes the twin uses for a real field: padding
// is not compared with the twin, so `nr_ports` could be anything. Only the
// twin's own padding may be `pad`.
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_ioport_permission, twin = xen_domctl_ioport_permission)]
#[repr(C)]
struct IoportPermission {
    first_port: u32,
    #[hypercall(pad)]
    not_nr_ports: u32,
    allow_access: u8,
    #[hypercall(pad)]
    _pad: [u8; 3],
}

fn main() {}
