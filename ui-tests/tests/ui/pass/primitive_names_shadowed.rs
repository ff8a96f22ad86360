// Legitimate derives compile where the user's scope shadows the names of
// primitive types: the expansion names them as `::core::primitive::*`.
#![allow(non_camel_case_types, dead_code)]
use hcbuf_core::signature::{Command, Count};
use hcbuf_core::sys::sysctl::*;
use hcbuf_core::sys::version::*;
use hcbuf_core::sys::xen::{__HYPERVISOR_console_io, __HYPERVISOR_xen_version, CONSOLEIO_write};
use hcbuf_core::handle::Lent;
use hcbuf_core::{GuestHandle, GuestHandleMut, HypercallArgs};

type u64 = [u8; 3];
type u32 = ();
type usize = bool;

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct Version<'a> {
    cmd: Command<XENVER_extraversion>,
    buf: GuestHandleMut<'a, [u8; 16]>,
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_console_io)]
struct Write<'a> {
    cmd: Command<CONSOLEIO_write>,
    count: Count,
    text: Lent<GuestHandle<'a, core::primitive::u8>>,
}

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_sched_id, twin = xen_sysctl_sched_id)]
#[repr(C)]
struct SchedId {
    sched_id: core::primitive::u32,
}

fn main() {}
