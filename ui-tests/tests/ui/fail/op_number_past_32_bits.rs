// A hypercall number with bits above 31: the kernel keeps only the low 32
// bits, so `1 << 32 | 17` would be issued as xen_version (17) under a
// signature that was checked for another number.
use hcbuf_core::signature::kind::{Absent, Int};
use hcbuf_core::signature::Signature;
use hcbuf_core::HypercallArgs;

struct Mine;

// SAFETY: (the claim is about a number the derive refuses).
unsafe impl Signature for Mine {
    const TEXT: &'static str = "mine(int)";
    type R0 = Int;
    type R1 = Absent;
    type R2 = Absent;
    type R3 = Absent;
    type R4 = Absent;
}

#[derive(HypercallArgs)]
#[hypercall(op = 1u64 << 32 | 17, signature = Mine)]
struct Truncated {
    cmd: u32,
}

fn main() {}
