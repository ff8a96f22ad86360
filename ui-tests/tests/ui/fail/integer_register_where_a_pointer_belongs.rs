// An integer where the signature has a pointer: it could carry any
// address (a stack address, say).
use hcbuf_core::signature::Command;
use hcbuf_core::sys::version::XENVER_extraversion;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct Address {
    cmd: Command<XENVER_extraversion>,
    buf: u64,
}

fn main() {}
