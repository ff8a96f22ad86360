// `#[hypercall(pad)]` over bytes the twin uses for a real field: padding
// is not compared with the twin, so `num_cpus` and the handle's low half
// could be swapped unnoticed. Only the twin's own padding may be `pad`.
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(data, twin = xen_sysctl_cputopo)]
#[repr(C)]
struct Topo {
    core: u32,
    socket: u32,
    node: u32,
}

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_cputopoinfo, twin = xen_sysctl_cputopoinfo)]
#[repr(C)]
struct CpuTopoInfo<'a> {
    #[hypercall(pad)]
    not_num_cpus: u32,
    #[hypercall(pad)]
    _pad: u32,
    cputopo: GuestHandleMut<'a, Topo>,
}

fn main() {}
