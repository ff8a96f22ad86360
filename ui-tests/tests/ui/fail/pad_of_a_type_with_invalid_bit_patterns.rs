// Padding and whole-array fields whose types do not accept every bit
// pattern, or have interior mutability: the pool zeroes every allocation
// of a type Xen may write, so a zero `NonZeroU32` would exist in safe code.
use hcbuf_core::sys::sysctl::xen_sysctl_availheap;
use hcbuf_core::sys::version::xen_extraversion_t;
use hcbuf_core::HypercallArgs;
use std::cell::Cell;
use std::num::{NonZeroU32, NonZeroU8};

#[derive(HypercallArgs, Clone, Copy)]
#[hypercall(data, twin = xen_sysctl_availheap)]
#[repr(C)]
struct AvailHeap {
    min_bitwidth: u32,
    max_bitwidth: u32,
    node: i32,
    #[hypercall(pad)]
    _pad: NonZeroU32,
    avail_bytes: u64,
}

#[derive(HypercallArgs)]
#[hypercall(data, twin = xen_sysctl_availheap)]
#[repr(C)]
struct WithCell {
    min_bitwidth: u32,
    max_bitwidth: u32,
    node: i32,
    #[hypercall(pad)]
    _pad: Cell<u32>,
    avail_bytes: u64,
}

#[derive(HypercallArgs, Clone, Copy)]
#[hypercall(data, twin = xen_extraversion_t)]
#[repr(C)]
struct Extra {
    #[hypercall(whole)]
    text: [NonZeroU8; 16],
}

fn main() {}
