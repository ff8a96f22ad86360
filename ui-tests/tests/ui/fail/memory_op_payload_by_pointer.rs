// A memory_op call of the user's own handing Xen a payload with handles by
// pointer: it would skip `CmdCall`, which lowers once and forgets the
// payload's handles after the call, so a count Xen raised would be lent
// again.
use hcbuf_core::sys::memory::XENMEM_reserved_device_memory_map;
use hcbuf_core::sys::xen::__HYPERVISOR_memory_op;
use hcbuf_core::xen::memory::ReservedDeviceMemoryMap;
use hcbuf_core::signature::Command;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_memory_op)]
struct MyRdm<'a, 'b> {
    cmd: Command<XENMEM_reserved_device_memory_map>,
    arg: GuestHandleMut<'a, ReservedDeviceMemoryMap<'b>>,
}

fn main() {}
