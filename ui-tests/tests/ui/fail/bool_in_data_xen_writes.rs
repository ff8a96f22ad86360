use hcbuf_core::{GuestHandleMut, HypercallArgs};
use hcbuf_core::sys::sysctl::*;

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct ReadConsole<'a> {
    clear: bool,
    incremental: bool,
    pad0: u8,
    pad1: u8,
    index: u32,
    buffer: GuestHandleMut<'a, u8>,
    count: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
