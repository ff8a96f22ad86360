// A field type written by a macro: the derive checks the tokens it sees,
// and a macro's expansion could name other items inside its checks than
// in the struct.
#![allow(unused_imports)]
use hcbuf_core::sys::version::xen_extraversion_t;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::signature::Command;
use hcbuf_core::sys::version::XENVER_extraversion;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

macro_rules! buffer {
    ($lt:lifetime) => { GuestHandleMut<$lt, xen_extraversion_t> };
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: Command<XENVER_extraversion>,
    buf: buffer!('a),
}

fn main() {}
