// hcbuf's own signature of one command named as the signature of another
// hypercall: `sched_op(SCHEDOP_shutdown, buf)` would pass as
// `xen_version(XENVER_extraversion, buf)` and shut dom0 down. Only a
// signature of the user's own (an `unsafe impl Signature`) may be named.
use hcbuf_core::signature::Sub;
use hcbuf_core::sys::version::{xen_extraversion_t, XENVER_extraversion};
use hcbuf_core::sys::xen::__HYPERVISOR_sched_op;
use hcbuf_core::signature::Command;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_sched_op, signature = Sub<17, XENVER_extraversion>)]
struct Shutdown<'a> {
    cmd: Command<2>,
    reason: GuestHandleMut<'a, xen_extraversion_t>,
}

fn main() {}
