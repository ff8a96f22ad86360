// Xen writes one `u64` idle time per CPU; a `u32` buffer of the same count
// is half as long, and Xen would write past it.
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_getcpuinfo, twin = xen_sysctl_getcpuinfo)]
#[repr(C)]
struct GetCpuInfo<'a> {
    max_cpus: u32,
    #[hypercall(pad)]
    _pad0: u32,
    info: GuestHandleMut<'a, u32>,
    nr_cpus: u32,
    #[hypercall(pad)]
    _pad1: u32,
}

fn main() {}
