// The command of a command hypercall as a plain integer: any value could
// then pair with the buffer. It is `Command<XENVER_…>`, part of the type.
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct AnyCommand<'a> {
    cmd: u32,
    buf: GuestHandleMut<'a, [u8; 16]>,
}

fn main() {}
