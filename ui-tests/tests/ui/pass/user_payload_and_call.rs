//! A toolstack's own hypercall: a payload with a nested handle, checked
//! against its twin, in a sysctl buffer; and a whole call with a handle
//! taken from a sub-range of a pool slice.

use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::sys::xen::__HYPERVISOR_console_io;
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
    cmd: u32,
    count: u32,
    text: GuestHandle<'a, u8>,
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
    let text = line.handle_range(7..11).unwrap();
    xen.hypercall(&ConsoleWrite { cmd: 0, count: 4, text }).unwrap();
}
