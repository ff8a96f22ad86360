//! Typed `event_channel_op` payloads: `HYPERVISOR_event_channel_op(cmd,
//! arg)`, where `arg` points to the struct each `EVTCHNOP_*` command
//! fixes, which Xen reads and, for the commands that answer, writes back.
//!
//! [`EvtchnStatus`]'s union is a [`Selected`]: read back through the member
//! its `status` names ([`EvtchnStatusU::as_unbound`],
//! [`EvtchnStatusU::as_interdomain`], ...), every member plain integers.

use hcbuf_sys::event_channel::*;

use crate::handle::Typed;
use crate::xen::Selected;
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

/// `EVTCHNOP_status`'s payload.
pub type EvtchnStatus<'a> = evtchn_status<Typed<'a>>;
