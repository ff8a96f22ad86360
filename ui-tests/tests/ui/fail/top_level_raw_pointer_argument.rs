use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion {
    cmd: u32,
    buf: *mut u8,
}

fn main() {}
