//! A toolstack's own hypercall: a payload of its own (`XEN_SYSCTL_availheap`,
//! whose twin has no counts or guest handles, so every field can be
//! mirrored; its padding declared as such), checked against its twin
//! field by field, carried in a sysctl buffer and issued; and a whole call
//! with a handle lent from a sub-range of a pool slice, its count taken
//! from the lent range.

use hcbuf_core::Release;
use hcbuf_core::signature::{Command, Count};
use hcbuf_core::handle::Lent;

use hcbuf_core::backend::Recording;
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::sys::xen::{__HYPERVISOR_console_io, CONSOLEIO_write};
use hcbuf_core::xen::Op;
use hcbuf_core::{Backend, GuestHandle, HypercallArgs, Pool};

#[derive(HypercallArgs, Default)]
#[hypercall(sysctl = XEN_SYSCTL_availheap, twin = xen_sysctl_availheap)]
#[repr(C)]
struct MyAvailHeap {
    min_bitwidth: u32,
    max_bitwidth: u32,
    node: i32,
    #[hypercall(pad)]
    _hole: u32,
    avail_bytes: u64,
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
    let payload = MyAvailHeap { max_bitwidth: 32, node: -1, ..Default::default() };
    let mut op = Op::sysctl(Release::Xen4_17, &pool, payload).unwrap();
    xen.hypercall(&op.call()).unwrap();
    assert_eq!(op.header().cmd, XEN_SYSCTL_availheap);
    assert_eq!((op.payload().max_bitwidth, op.payload().node), (32, -1));
    assert_eq!(xen.calls().len(), 1);

    let line = pool.slice_from(b"hello, xen\n").unwrap();
    let text = line.lend_range(7..11).unwrap();
    xen.hypercall(&ConsoleWrite { cmd: Command, count: Count, text }).unwrap();
    let (_, registers) = xen.calls()[1];
    assert_eq!(registers[1], 4, "the count is the lent range's");
}
