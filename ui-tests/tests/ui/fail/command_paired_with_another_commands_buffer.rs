// `XENVER_compile_info` with the 16-byte buffer of `XENVER_extraversion`:
// Xen would write its 144-byte answer into 16 bytes. The command picks the
// pointee, so the pair does not compile.
use hcbuf_core::signature::Command;
use hcbuf_core::sys::version::XENVER_compile_info;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct TooSmall<'a> {
    cmd: Command<XENVER_compile_info>,
    buf: GuestHandleMut<'a, [u8; 16]>,
}

fn main() {}
