// A whole `sysctl` call whose buffer is a handle to plain integers: the
// caller would write the command, the interface version and a nested
// address by hand. A family's buffer is only `Op<P>`, made by `Op::sysctl`.
use hcbuf_core::sys::xen::__HYPERVISOR_sysctl;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_sysctl)]
struct HandFilled<'a> {
    buf: GuestHandleMut<'a, [u64; 17]>,
}

fn main() {}
