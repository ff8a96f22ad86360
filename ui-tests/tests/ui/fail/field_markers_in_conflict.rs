// A field marked both padding and the whole twin, and a marker repeated:
// two claims about one field, or a slip; each is named at its span.
#![allow(unused_imports)]
use hcbuf_core::sys::sysctl::xen_sysctl_availheap;
use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(data, twin = xen_sysctl_availheap)]
#[repr(C)]
struct AvailHeap {
    min_bitwidth: u32,
    max_bitwidth: u32,
    node: i32,
    #[hypercall(pad, whole)]
    _pad: u32,
    #[hypercall(pad)]
    #[hypercall(pad)]
    avail_bytes: u64,
}

fn main() {}
