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
//! Typed: `status` of any domain's port ([`EvtchnStatus`]). The commands
//! that create or close ports of the caller (`alloc_unbound` with the
//! caller as `dom`, `bind_interdomain`, `close`) are issued only by the
//! [`Xen`](crate::api::Xen) methods, which hand the ports they make the
//! caller as owned tokens ([`OwnPort`](crate::api::OwnPort)) and close only
//! those: issued through privcmd, the caller is dom0, and its ports are
//! its kernel's (timers, IPIs, the xenstore and console rings, backends'
//! channels), which safe code must not close or fill. Their payloads are
//! crate-private here, and their structs ([`hcbuf_sys::event_channel`])
//! are not in the twin table, so no derive takes them either. Not typed
//! at all: the commands that bind the caller's ports to its own IRQs, IPIs
//! and vCPUs, signal, mask or reset them, or set up its FIFO queues
//! (`bind_virq`, `bind_pirq`, `bind_ipi`, `send`, `bind_vcpu`, `unmask`,
//! `reset`, `init_control`, `expand_array`, `set_priority`).

use hcbuf_sys::event_channel::*;

use crate::args::family;
use crate::handle::Typed;
use crate::xen::Selected;
use crate::xen::raw::{Guarded, guarded, payloads};
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
    /// `EVTCHNOP_status`: the state of port `port` of domain `dom`; Xen
    /// writes `status`, `vcpu` and the member of `u` that `status` names.
    EvtchnStatus<'a>: evtchn_status<Typed<'a>> = EVTCHNOP_status;
});

/// `EVTCHNOP_alloc_unbound` (Xen writes `port`).
pub(crate) type AllocUnbound = Guarded<EVTCHNOP_alloc_unbound, evtchn_alloc_unbound>;
/// `EVTCHNOP_bind_interdomain`: a fresh port of the caller bound to
/// `<remote_dom, remote_port>` (Xen writes `local_port`).
pub(crate) type BindInterdomain = Guarded<EVTCHNOP_bind_interdomain, evtchn_bind_interdomain>;
/// `EVTCHNOP_close`: closes the caller's `port`.
pub(crate) type Close = Guarded<EVTCHNOP_close, evtchn_close>;

guarded!(family::EventChannelOp {
    EVTCHNOP_alloc_unbound: evtchn_alloc_unbound;
    EVTCHNOP_bind_interdomain: evtchn_bind_interdomain;
    EVTCHNOP_close: evtchn_close;
});
