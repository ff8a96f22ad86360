use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::sysctl::*;

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_SYSCTL_sched_id, twin = xen_sysctl_sched_id)]
#[repr(C)]
struct SchedId {
    sched_id: u32,
}

fn main() {}
