//! Typed `event_channel_op` payloads: `HYPERVISOR_event_channel_op(cmd,
//! arg)`, where `arg` points to the struct each `EVTCHNOP_*` command
//! fixes, which Xen reads and, for the commands that answer, writes back.
//! Issue one with [`CmdCall`](crate::xen::CmdCall) (or
//! [`Xen::command`](crate::api::Xen::command)).
//!
//! [`EvtchnStatus`]'s union is a [`Selected`]: read back through the member
//! its `status` names ([`EvtchnStatusU::as_unbound`],
//! [`EvtchnStatusU::as_interdomain`], ...), every member plain integers.
//!
//! Typed: the commands a toolstack issues about channels between domains
//! (`alloc_unbound` in a guest, `bind_interdomain` and `close` of the
//! caller's own ports, `status` of any domain's). Not typed: the commands
//! that bind the caller's ports to its own IRQs, IPIs and vCPUs, signal,
//! mask or reset them, or set up its FIFO queues (`bind_virq`,
//! `bind_pirq`, `bind_ipi`, `send`, `bind_vcpu`, `unmask`, `reset`,
//! `init_control`, `expand_array`, `set_priority`): issued through privcmd
//! they act on dom0's kernel, whose event channels they are. Their
//! structs are in [`hcbuf_sys::event_channel`].

use hcbuf_sys::event_channel::*;

use crate::args::family;
use crate::handle::Typed;
use crate::xen::Selected;
use crate::xen::raw::payloads;
use crate::xen::union::typed_union;

/// `evtchn_status.u.unbound`: the domain allowed to bind.
pub type EvtchnStatusUnbound = evtchn_status_u_unbound;

/// `evtchn_status.u.interdomain`: the remote domain and port.
pub type EvtchnStatusInterdomain = evtchn_status_u_interdomain;

/// The binding of [`EvtchnStatus`], by its `status` (`evtchn_status.u`).
pub type EvtchnStatusU<'a> = Selected<'a, evtchn_status_u>;

typed_union! {
    evtchn_status_u<'a>, reads = safe, builds = safe {
        /// `EVTCHNSTAT_unbound`.
        unbound / as_unbound: EvtchnStatusUnbound,
        /// `EVTCHNSTAT_interdomain`.
        interdomain / as_interdomain: EvtchnStatusInterdomain,
        /// `EVTCHNSTAT_pirq`.
        pirq / as_pirq: u32,
        /// `EVTCHNSTAT_virq`.
        virq / as_virq: u32,
    }
}

payloads!(family::EventChannelOp, pointer = Buffer {
    /// `EVTCHNOP_alloc_unbound`: a fresh port of `dom` that `remote_dom`
    /// may bind to; Xen writes `port`.
    AllocUnbound: evtchn_alloc_unbound = EVTCHNOP_alloc_unbound;
    /// `EVTCHNOP_bind_interdomain`: a fresh port of the caller bound to
    /// `<remote_dom, remote_port>`; Xen writes `local_port`.
    BindInterdomain: evtchn_bind_interdomain = EVTCHNOP_bind_interdomain;
    /// `EVTCHNOP_close`: closes the caller's `port`.
    Close: evtchn_close = EVTCHNOP_close;
    /// `EVTCHNOP_status`: the state of port `port` of domain `dom`; Xen
    /// writes `status`, `vcpu` and the member of `u` that `status` names.
    EvtchnStatus<'a>: evtchn_status<Typed<'a>> = EVTCHNOP_status;
});
