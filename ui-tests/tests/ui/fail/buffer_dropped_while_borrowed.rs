use hcbuf_core::sys::version::XENVER_extraversion;
use hcbuf_core::signature::Command;
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{Backend, GuestHandleMut, HypercallArgs, Pool};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: Command<XENVER_extraversion>,
    buf: GuestHandleMut<'a, [u8; 16]>,
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();
    let mut buf = pool.boxed::<[u8; 16]>().unwrap();
    let args = ExtraVersion { cmd: Command, buf: buf.handle_mut() };
    drop(buf);
    let _ = xen.hypercall(&args);
}
