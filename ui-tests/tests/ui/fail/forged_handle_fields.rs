use hcbuf_core::sys::version::XENVER_extraversion;
use hcbuf_core::signature::Command;
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{Backend, GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: Command<XENVER_extraversion>,
    buf: GuestHandleMut<'a, [u8; 16]>,
}

fn main() {
    let xen = Recording::new();
    let buf = GuestHandleMut { addr: 0x7fff_0000, _borrow: std::marker::PhantomData };
    let _ = xen.hypercall(&ExtraVersion { cmd: Command, buf });
}
