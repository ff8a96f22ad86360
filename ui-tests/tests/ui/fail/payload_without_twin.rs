use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(sysctl = hcbuf_core::sys::sysctl::XEN_SYSCTL_sched_id)]
#[repr(C)]
struct SchedId {
    sched_id: u32,
}

fn main() {}
