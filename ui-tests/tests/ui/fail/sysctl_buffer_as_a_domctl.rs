// A typed sysctl buffer sent as a domctl: both families share interface
// version 0x15, so Xen would read the sysctl payload as a domctl's.
use hcbuf_core::sys::xen::__HYPERVISOR_domctl;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::sysctl::PhysInfo;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_domctl)]
struct WrongFamily<'a> {
    buf: GuestHandleMut<'a, Op<PhysInfo>>,
}

fn main() {}
