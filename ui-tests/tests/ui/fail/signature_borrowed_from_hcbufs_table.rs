// hcbuf's own signature of one command named as the signature of another
// hypercall: `vcpu_op(VCPUOP_down, vcpu, buf)` would pass as
// `xen_version(XENVER_extraversion, buf)` and take a vCPU of dom0's down. Only a
// signature of the user's own (an `unsafe impl Signature`) may be named.
use hcbuf_core::signature::Sub;
use hcbuf_core::sys::version::{xen_extraversion_t, XENVER_extraversion};
use hcbuf_core::sys::xen::__HYPERVISOR_vcpu_op;
use hcbuf_core::signature::Command;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_vcpu_op, signature = Sub<17, XENVER_extraversion>)]
struct VcpuDown<'a> {
    cmd: Command<1>,
    reason: GuestHandleMut<'a, xen_extraversion_t>,
}

fn main() {}
