// A whole sysctl call of the user's own over a typed family buffer: it
// would skip `Op::call()`, which disarms a buffer issued again, so a count
// Xen raised in the first issue would be lent again in the second.
use hcbuf_core::sys::xen::__HYPERVISOR_sysctl;
use hcbuf_core::xen::sysctl::PhysInfo;
use hcbuf_core::xen::Op;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_sysctl)]
struct MySysctl<'a> {
    buf: GuestHandleMut<'a, Op<PhysInfo>>,
}

fn main() {}
