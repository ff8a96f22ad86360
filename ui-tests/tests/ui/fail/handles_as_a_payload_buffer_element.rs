// A buffer of multicall entries where Xen copies console text: the bytes
// Xen writes would become nested calls to addresses of its choosing.
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::xen::multicall::MulticallEntry;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct ReadConsole<'a> {
    clear: u8,
    incremental: u8,
    pad0: u8,
    pad1: u8,
    index: u32,
    buffer: GuestHandleMut<'a, MulticallEntry>,
    count: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
