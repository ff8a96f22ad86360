use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(sysctl = hcbuf_core::sys::sysctl::XEN_SYSCTL_sched_id, twin = hcbuf_core::sys::sysctl::xen_sysctl_sched_id)]
#[repr(C, packed)]
struct SchedId {
    sched_id: u32,
}

fn main() {}
