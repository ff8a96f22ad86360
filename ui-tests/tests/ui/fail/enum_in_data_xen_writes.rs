use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::sysctl::*;

#[repr(u32)]
#[derive(Clone, Copy)]
enum Scheduler {
    Credit = 5,
    Credit2 = 6,
}

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_sched_id, twin = xen_sysctl_sched_id)]
#[repr(C)]
struct SchedId {
    sched_id: Scheduler,
}

fn main() {}
