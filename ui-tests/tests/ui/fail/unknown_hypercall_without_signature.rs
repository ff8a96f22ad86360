// A hypercall hcbuf has no signature for, without the user's own: hypercall
// 60 does not exist, and `set_trap_table` acts on the dom0 kernel's vCPU.
use hcbuf_core::sys::xen::__HYPERVISOR_set_trap_table;
use hcbuf_core::{GuestHandle, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = 60)]
struct Unknown {
    arg: u32,
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_set_trap_table)]
struct ClearTraps<'a> {
    traps: GuestHandle<'a, [u64; 2]>,
}

fn main() {}
