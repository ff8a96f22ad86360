// Shutting dom0 (through privcmd, the caller: the whole host) down past
// `Xen::shutdown_domain`'s check: the raw payload through `Xen::command`,
// or a payload of one's own on its twin.
use hcbuf_core::api::Xen;
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::sched::{SCHEDOP_remote_shutdown, sched_remote_shutdown};
use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(sched_op = SCHEDOP_remote_shutdown, twin = sched_remote_shutdown)]
#[repr(C)]
struct MyShutdown {
    domain_id: u16,
    _pad0: u16,
    reason: u32,
}

fn host_down(xen: &Xen<Recording>) {
    let dom0 = sched_remote_shutdown {
        domain_id: 0,
        ..Default::default()
    };
    let _ = xen.command("shutdown", dom0);
}

fn main() {}
