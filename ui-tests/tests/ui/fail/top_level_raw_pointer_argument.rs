use hcbuf_core::sys::version::XENVER_extraversion;
use hcbuf_core::signature::Command;
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion {
    cmd: Command<XENVER_extraversion>,
    buf: *mut u8,
}

fn main() {}
