// Closing a port of the caller (dom0's kernel's, through privcmd) that the
// program did not make: by number through the method, as the raw payload
// through `Xen::command`, as a payload of one's own, or by copying a token.
use hcbuf_core::api::{OwnPort, Xen};
use hcbuf_core::backend::Recording;
use hcbuf_core::sys::event_channel::{EVTCHNOP_close, evtchn_close};
use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(event_channel_op = EVTCHNOP_close, twin = evtchn_close)]
#[repr(C)]
struct MyClose {
    port: u32,
}

fn close_all(xen: &Xen<Recording>, mine: OwnPort) {
    let _ = xen.evtchn_close(3);
    let _ = xen.command("close", evtchn_close { port: 3 });
    let copy = mine.clone();
    let _ = xen.evtchn_close(mine);
    let _ = xen.evtchn_close(copy);
}

fn main() {}
