// A multicall over a pool slice of entries the caller filled (zeroed ones
// are `set_trap_table(NULL)`, which clears the dom0 kernel's trap table):
// a multicall takes only a `Batch`'s checked entries.
use hcbuf_core::handle::Lent;
use hcbuf_core::signature::Count;
use hcbuf_core::sys::xen::__HYPERVISOR_multicall;
use hcbuf_core::xen::multicall::MulticallEntry;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_multicall)]
struct RawMulticall<'a> {
    calls: Lent<GuestHandleMut<'a, MulticallEntry>>,
    nr_calls: Count,
}

fn main() {}
