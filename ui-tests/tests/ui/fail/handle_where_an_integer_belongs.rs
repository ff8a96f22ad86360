// A handle where `console_io` takes its count, and a plain integer as the
// count: the count is `Count`, filled from the buffer's lent length.
use hcbuf_core::handle::Lent;
use hcbuf_core::signature::Command;
use hcbuf_core::sys::xen::{__HYPERVISOR_console_io, CONSOLEIO_read};
use hcbuf_core::{GuestHandle, GuestHandleMut, HypercallArgs};

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_console_io)]
struct HandleAsCount<'a> {
    cmd: Command<CONSOLEIO_read>,
    count: GuestHandle<'a, u8>,
    buf: Lent<GuestHandleMut<'a, u8>>,
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_console_io)]
struct CountByHand<'a> {
    cmd: Command<CONSOLEIO_read>,
    count: u32,
    buf: Lent<GuestHandleMut<'a, u8>>,
}

fn main() {}
