// A signature of the user's for a hypercall whose signature hcbuf knows:
// an `unsafe impl` cannot replace hcbuf's table.
use hcbuf_core::signature::kind::{Absent, Ptr, ReadWrite};
use hcbuf_core::signature::Signature;
use hcbuf_core::sys::xen::__HYPERVISOR_sysctl;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

struct Mine;

// SAFETY: (the claim the derive refuses).
unsafe impl Signature for Mine {
    const TEXT: &'static str = "sysctl(u64 *)";
    type R0 = Ptr<ReadWrite, [u64; 17]>;
    type R1 = Absent;
    type R2 = Absent;
    type R3 = Absent;
    type R4 = Absent;
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_sysctl, signature = Mine)]
struct Override<'a> {
    buf: GuestHandleMut<'a, [u64; 17]>,
}

fn main() {}
