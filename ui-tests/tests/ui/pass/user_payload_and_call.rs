//! A toolstack's own hypercall: a payload with a nested handle, checked
//! against its twin, in a sysctl buffer; and a whole call with a handle
//! taken from a sub-range of a pool slice.

use hcbuf_core::signature::{Command, Count};
use hcbuf_core::handle::Lent;

use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::sys::xen::{__HYPERVISOR_console_io, CONSOLEIO_write};
use hcbuf_core::xen::Op;
use hcbuf_core::{Backend, GuestHandle, GuestHandleMut, HypercallArgs, Pool};

#[derive(HypercallArgs, Default)]
#[hypercall(sysctl = XEN_SYSCTL_readconsole, twin = xen_sysctl_readconsole)]
#[repr(C)]
struct MyReadConsole<'a> {
    clear: u8,
    incremental: u8,
    pad0: u8,
    pad1: u8,
    index: u32,
    buffer: GuestHandleMut<'a, u8>,
    count: u32,
    #[hypercall(pad)]
    _tail: u32,
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_console_io)]
struct ConsoleWrite<'a> {
    cmd: Command<CONSOLEIO_write>,
    count: Count,
    text: Lent<GuestHandle<'a, u8>>,
}

fn main() {
    let pool = Pool::new().unwrap();
    let xen = Recording::new();
    let mut ring = pool.slice::<u8>(1024).unwrap();
    let payload = MyReadConsole { buffer: ring.handle_mut(), count: 1024, ..Default::default() };
    let mut op = Op::sysctl(&pool, payload).unwrap();
    xen.hypercall(&op.call()).unwrap();
    assert_eq!(op.header().cmd, XEN_SYSCTL_readconsole);

    let line = pool.slice_from(b"hello, xen\n").unwrap();
    let text = line.lend_range(7..11).unwrap();
    xen.hypercall(&ConsoleWrite { cmd: Command, count: Count, text }).unwrap();
    let (_, registers) = xen.calls()[1];
    assert_eq!(registers[1], 4, "the count is the lent range's");
}
