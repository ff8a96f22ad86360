// Legitimate derives compile, with their checks, where the user's crate
// shadows `hcbuf_core` and `core` with itself: the expansion binds both
// crates inside its own block, by their own names.
#![allow(dead_code)]
extern crate self as hcbuf_core;
extern crate self as core;

use ::std::primitive::u32;
use hcbuf::sys::sysctl::*;
use hcbuf::HypercallArgs;

extern crate hcbuf_core as hcbuf;

/// Look-alikes of what the expansion names: none of them is used.
pub mod __private {
    pub const fn assert_xen_writable<T: ?Sized>() {}
    pub fn assert_abi_declared<T>() {}
}
pub mod mem {}

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_sched_id, twin = xen_sysctl_sched_id)]
#[repr(C)]
struct SchedId {
    sched_id: u32,
}

fn main() {}
