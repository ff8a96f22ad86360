use hcbuf_core::{GuestHandleMut, HypercallArgs};
use hcbuf_core::sys::sysctl::*;

// Every field where the twin's is, and the same total size, but `clear`
// covers the twin's `clear`, `incremental`, `pad0` and `pad1`: Xen would
// read the low byte as `clear` and the rest as flags the caller never set.
#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct ReadConsole<'a> {
    clear: u32,
    index: u32,
    buffer: GuestHandleMut<'a, u8>,
    count: u32,
    #[hypercall(pad)]
    _pad: u32,
}

fn main() {}
