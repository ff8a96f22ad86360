use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::domctl::*;

// Every field where the twin's is, and the same total size, but
// `allow_access` covers the twin's `allow_access` and its padding: Xen would
// read the low byte as the flag and ignore the rest the caller set.
#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_ioport_permission, twin = xen_domctl_ioport_permission)]
#[repr(C)]
struct IoportPermission {
    first_port: u32,
    nr_ports: u32,
    allow_access: u32,
}

fn main() {}
