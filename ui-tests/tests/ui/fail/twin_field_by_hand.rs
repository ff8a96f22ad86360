// A type of the user's own declared to stand for the twin's guest handle:
// it holds a raw address, which the derive would then hand to Xen as the
// console buffer.
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[repr(transparent)]
struct Address(u64);

impl<'a> hcbuf_core::__private::TwinField<GuestHandleMut<'a, u8>> for Address {}

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct ReadConsole {
    clear: u8,
    incremental: u8,
    pad0: u8,
    pad1: u8,
    index: u32,
    buffer: Address,
    count: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
