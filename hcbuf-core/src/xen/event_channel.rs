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

use crate::args::{SubOp, family};
use crate::handle::Typed;
use crate::marker::{__private::Derived, HypercallSafe, XenWritable};
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
    /// `EVTCHNOP_status`: the state of port `port` of domain `dom`; Xen
    /// writes `status`, `vcpu` and the member of `u` that `status` names.
    EvtchnStatus<'a>: evtchn_status<Typed<'a>> = EVTCHNOP_status;
});

/// A command on the caller's own ports (`C`, with payload `P`): a sub-op
/// payload only inside this crate, so that only the
/// [`Xen`](crate::api::Xen) methods that own the ports they act on issue
/// it (the module's docs).
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub(crate) struct OwnPortOp<const C: u32, P>(pub(crate) P);

impl<const C: u32, P: hcbuf_sys::handles::Lends> hcbuf_sys::handles::Lends for OwnPortOp<C, P> {
    const MAY_LEND: bool = P::MAY_LEND;

    fn lend(&self, to: &mut dyn FnMut(hcbuf_sys::handles::Lending)) {
        self.0.lend(to);
    }

    fn forget(&mut self) {
        self.0.forget();
    }
}

// SAFETY: `#[repr(transparent)]` over `P`: its properties are `P`'s.
unsafe impl<const C: u32, P: HypercallSafe> Derived for OwnPortOp<C, P> {}
// SAFETY: as above.
unsafe impl<const C: u32, P: HypercallSafe> HypercallSafe for OwnPortOp<C, P> {}
// SAFETY: as above.
unsafe impl<const C: u32, P: XenWritable> XenWritable for OwnPortOp<C, P> {}

/// `EVTCHNOP_alloc_unbound` (Xen writes `port`).
pub(crate) type AllocUnbound = OwnPortOp<EVTCHNOP_alloc_unbound, evtchn_alloc_unbound>;
/// `EVTCHNOP_bind_interdomain`: a fresh port of the caller bound to
/// `<remote_dom, remote_port>` (Xen writes `local_port`).
pub(crate) type BindInterdomain = OwnPortOp<EVTCHNOP_bind_interdomain, evtchn_bind_interdomain>;
/// `EVTCHNOP_close`: closes the caller's `port`.
pub(crate) type Close = OwnPortOp<EVTCHNOP_close, evtchn_close>;

macro_rules! own_port_ops {
    ($($cmd:ident: $twin:ident;)*) => {$(
        // SAFETY: `$cmd` takes `struct $twin` (public/event_channel.h),
        // which `OwnPortOp` is laid out as, proven by `abi!`.
        unsafe impl SubOp for OwnPortOp<$cmd, $twin> {
            type Family = family::EventChannelOp;
            const CMD: u32 = $cmd;
        }
    )*};
}

own_port_ops! {
    EVTCHNOP_alloc_unbound: evtchn_alloc_unbound;
    EVTCHNOP_bind_interdomain: evtchn_bind_interdomain;
    EVTCHNOP_close: evtchn_close;
}
