// A read-only handle where Xen writes (the console text): Xen would write
// into memory the caller holds a shared borrow of.
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::{GuestHandle, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct ReadConsole<'a> {
    clear: u8,
    incremental: u8,
    pad0: u8,
    pad1: u8,
    index: u32,
    buffer: GuestHandle<'a, u8>,
    count: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
