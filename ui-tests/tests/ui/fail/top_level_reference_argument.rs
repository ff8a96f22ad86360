use hcbuf_core::sys::version::XENVER_extraversion;
use hcbuf_core::signature::Command;
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: Command<XENVER_extraversion>,
    buf: &'a mut [u8; 16],
}

fn main() {}
