// A user's readconsole payload with an integer where the twin has the
// guest handle of the buffer Xen writes: an integer could be any address.
use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::sysctl::*;

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct ReadConsole {
    clear: u8,
    incremental: u8,
    pad0: u8,
    pad1: u8,
    index: u32,
    buffer: u64,
    count: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
