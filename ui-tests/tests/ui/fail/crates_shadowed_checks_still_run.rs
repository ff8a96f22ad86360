// Shadowing `hcbuf_core` with the user's own crate, whose look-alike
// checks accept anything, does not remove the derive's checks: a `Box`
// where the twin has an integer is still refused.
#![allow(dead_code)]
extern crate self as hcbuf_core;

use hcbuf::sys::domctl::*;
use hcbuf::HypercallArgs;

extern crate hcbuf_core as hcbuf;

pub mod __private {
    pub const fn assert_xen_writable<T: ?Sized>() {}
    pub fn assert_abi_declared<T>() {}
    pub struct TwinFieldOf;
}

#[derive(HypercallArgs)]
#[hypercall(domctl = XEN_DOMCTL_max_mem, twin = xen_domctl_max_mem)]
#[repr(C)]
struct MaxMem {
    max_memkb: Box<u64>,
}

fn main() {}
