use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::sysctl::*;

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_sched_id, twin = xen_sysctl_sched_id)]
#[repr(C)]
struct SchedId {
    sched_id: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
