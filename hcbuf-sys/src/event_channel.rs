//! The `event_channel_op` hypercall (`public/event_channel.h`).
//!
//! `HYPERVISOR_event_channel_op(cmd, arg)`: each `EVTCHNOP_*` command below
//! names the struct its `arg` points to, which Xen copies in whole and, for
//! the commands that answer (`alloc_unbound`, `bind_*`, `status`,
//! `init_control`), copies back whole on success. An event channel acts
//! for the calling domain unless its struct names another (`dom`): a
//! toolstack allocates an unbound port in a guest for a peer, and binds
//! one of its own ports to a guest's unbound port.
//!
//! Xen 4.17 and 4.20 declare this header identically.
//!
//! C's anonymous structs and union inside `evtchn_status` are named after
//! their place (`evtchn_status_u`, `evtchn_status_u_unbound`,
//! `evtchn_status_u_interdomain`). `EVTCHN_2L_NR_CHANNELS` is mirrored as
//! the number it is on x86_64 (it is a `sizeof` expression in C).

use crate::arch::xen_ulong_t;
use crate::xen::domid_t;

abi! {
    headers = ["xen/event_channel.h"];

    /// An event channel port number.
    pub type evtchn_port_t (size 4) = u32;

    /// Binds a fresh local port to a remote domain's unbound port
    /// ([`evtchn_bind_interdomain`]).
    pub const EVTCHNOP_bind_interdomain: u32 = 0;
    /// Binds a fresh local port to a virtual IRQ ([`evtchn_bind_virq`]).
    pub const EVTCHNOP_bind_virq: u32 = 1;
    /// Binds a fresh local port to a physical IRQ ([`evtchn_bind_pirq`]).
    pub const EVTCHNOP_bind_pirq: u32 = 2;
    /// Closes a local port ([`evtchn_close`]).
    pub const EVTCHNOP_close: u32 = 3;
    /// Signals the remote end of a local port ([`evtchn_send`]).
    pub const EVTCHNOP_send: u32 = 4;
    /// Reports the state of a domain's port ([`evtchn_status`]).
    pub const EVTCHNOP_status: u32 = 5;
    /// Allocates an unbound port in a domain for a remote domain
    /// ([`evtchn_alloc_unbound`]).
    pub const EVTCHNOP_alloc_unbound: u32 = 6;
    /// Binds a fresh local port to an IPI ([`evtchn_bind_ipi`]).
    pub const EVTCHNOP_bind_ipi: u32 = 7;
    /// Chooses the vCPU a port notifies ([`evtchn_bind_vcpu`]).
    pub const EVTCHNOP_bind_vcpu: u32 = 8;
    /// Unmasks a local port ([`evtchn_unmask`]).
    pub const EVTCHNOP_unmask: u32 = 9;
    /// Closes every port of a domain ([`evtchn_reset`]).
    pub const EVTCHNOP_reset: u32 = 10;
    /// Initialises the FIFO ABI's control block ([`evtchn_init_control`]).
    pub const EVTCHNOP_init_control: u32 = 11;
    /// Adds a page to the FIFO event array ([`evtchn_expand_array`]).
    pub const EVTCHNOP_expand_array: u32 = 12;
    /// Sets a port's FIFO priority ([`evtchn_set_priority`]).
    pub const EVTCHNOP_set_priority: u32 = 13;

    /// `EVTCHNOP_alloc_unbound`: allocates a port in `dom` that accepts an
    /// interdomain binding from `remote_dom`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_alloc_unbound (size 8) {
        /// IN: the domain the port is allocated in (unprivileged callers:
        /// `DOMID_SELF`).
        pub dom: domid_t,
        /// IN: the domain allowed to bind to it (`DOMID_SELF`: the caller).
        pub remote_dom: domid_t,
        /// OUT: the port allocated.
        pub port: evtchn_port_t,
    }

    /// `EVTCHNOP_bind_interdomain`: binds a fresh port of the caller to
    /// `<remote_dom, remote_port>`, which must be unbound and accept the
    /// caller.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_bind_interdomain (size 12) {
        /// IN: the remote domain (`DOMID_SELF` for a loopback).
        pub remote_dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// IN: the remote domain's unbound port.
        pub remote_port: evtchn_port_t,
        /// OUT: the caller's port now bound to it.
        pub local_port: evtchn_port_t,
    }

    /// `EVTCHNOP_bind_virq`: binds a fresh local port to VIRQ `virq` on
    /// vCPU `vcpu`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_bind_virq (size 12) {
        /// IN: the virtual IRQ (`VIRQ_*`).
        pub virq: u32,
        /// IN: the vCPU (0 for a global VIRQ).
        pub vcpu: u32,
        /// OUT: the port bound.
        pub port: evtchn_port_t,
    }

    /// `flags` of [`evtchn_bind_pirq`]: the IRQ may be shared.
    pub const BIND_PIRQ__WILL_SHARE: u32 = 1;

    /// `EVTCHNOP_bind_pirq`: binds a fresh local port to physical IRQ
    /// `pirq` (privileged).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_bind_pirq (size 12) {
        /// IN: the physical IRQ.
        pub pirq: u32,
        /// IN: `BIND_PIRQ__*`.
        pub flags: u32,
        /// OUT: the port bound.
        pub port: evtchn_port_t,
    }

    /// `EVTCHNOP_bind_ipi`: binds a fresh local port to IPIs on `vcpu`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_bind_ipi (size 8) {
        /// IN: the vCPU notified.
        pub vcpu: u32,
        /// OUT: the port bound.
        pub port: evtchn_port_t,
    }

    /// `EVTCHNOP_close`: closes a port of the caller; an interdomain
    /// channel's remote end becomes unbound again, accepting the caller.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_close (size 4) {
        /// IN: the caller's port.
        pub port: evtchn_port_t,
    }

    /// `EVTCHNOP_send`: signals the remote end of the caller's `port`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_send (size 4) {
        /// IN: the caller's port.
        pub port: evtchn_port_t,
    }

    /// `status` of [`evtchn_status`]: the port is not in use.
    pub const EVTCHNSTAT_closed: u32 = 0;
    /// `status`: the port waits for an interdomain binding.
    pub const EVTCHNSTAT_unbound: u32 = 1;
    /// `status`: the port is bound to a remote domain's port.
    pub const EVTCHNSTAT_interdomain: u32 = 2;
    /// `status`: the port is bound to a physical IRQ.
    pub const EVTCHNSTAT_pirq: u32 = 3;
    /// `status`: the port is bound to a virtual IRQ.
    pub const EVTCHNSTAT_virq: u32 = 4;
    /// `status`: the port is bound to IPIs.
    pub const EVTCHNSTAT_ipi: u32 = 5;

    /// `u.unbound` of [`evtchn_status`] (`EVTCHNSTAT_unbound`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_status_u_unbound (size 2,
        c "__typeof__(((struct evtchn_status *)0)->u.unbound)") {
        /// The domain allowed to bind to the port.
        pub dom: domid_t,
    }

    /// `u.interdomain` of [`evtchn_status`] (`EVTCHNSTAT_interdomain`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_status_u_interdomain (size 8,
        c "__typeof__(((struct evtchn_status *)0)->u.interdomain)") {
        /// The remote domain.
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// The remote domain's port.
        pub port: evtchn_port_t,
    }

    /// `u` of [`evtchn_status`]: the binding, by `status`.
    #[derive(Clone, Copy)]
    pub union evtchn_status_u (size 8,
        c "__typeof__(((struct evtchn_status *)0)->u)") {
        /// `EVTCHNSTAT_unbound`.
        pub unbound: evtchn_status_u_unbound,
        /// `EVTCHNSTAT_interdomain`.
        pub interdomain: evtchn_status_u_interdomain,
        /// `EVTCHNSTAT_pirq`: the physical IRQ.
        pub pirq: u32,
        /// `EVTCHNSTAT_virq`: the virtual IRQ.
        pub virq: u32,
    }

    /// `EVTCHNOP_status`: the state of port `port` of domain `dom`. Its
    /// union is spelled `H::Union` (typed: a union whose member is chosen
    /// by building it, read by `status`).
    pub struct evtchn_status<H> (size 24) {
        /// IN: the domain (`DOMID_SELF`; another only for a privileged
        /// caller).
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// IN: the port.
        pub port: evtchn_port_t,
        /// OUT: `EVTCHNSTAT_*`.
        pub status: u32,
        /// OUT: the vCPU the port notifies.
        pub vcpu: u32,
        /// OUT: the binding, by `status`.
        pub u: H::Union<evtchn_status_u>,
    }

    /// `EVTCHNOP_bind_vcpu`: the caller's `port` notifies `vcpu`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_bind_vcpu (size 8) {
        /// IN: the caller's port.
        pub port: evtchn_port_t,
        /// IN: the vCPU.
        pub vcpu: u32,
    }

    /// `EVTCHNOP_unmask`: unmasks the caller's `port`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_unmask (size 4) {
        /// IN: the caller's port.
        pub port: evtchn_port_t,
    }

    /// `EVTCHNOP_reset`: closes every port of `dom`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_reset (size 2) {
        /// IN: the domain (`DOMID_SELF`; another only for a privileged
        /// caller).
        pub dom: domid_t,
    }

    /// `EVTCHNOP_init_control`: the FIFO ABI's control block of a vCPU.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_init_control (size 24) {
        /// IN: the GFN of the control block's page.
        pub control_gfn: u64,
        /// IN: the control block's offset in that page.
        pub offset: u32,
        /// IN: the vCPU.
        pub vcpu: u32,
        /// OUT: the number of bits of an event word's link.
        pub link_bits: u8,
        /// Padding.
        pub _pad: [u8; 7],
    }

    /// `EVTCHNOP_expand_array`: adds a page to the FIFO event array.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_expand_array (size 8) {
        /// IN: the GFN of the page.
        pub array_gfn: u64,
    }

    /// `EVTCHNOP_set_priority`: a port's FIFO priority.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct evtchn_set_priority (size 8) {
        /// IN: the caller's port.
        pub port: evtchn_port_t,
        /// IN: the priority (`EVTCHN_FIFO_PRIORITY_*`).
        pub priority: u32,
    }

    /// The channels of the 2-level ABI on x86_64
    /// (`sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64`).
    pub const EVTCHN_2L_NR_CHANNELS: u32 =
        (size_of::<xen_ulong_t>() * size_of::<xen_ulong_t>() * 64) as u32;
    /// The highest FIFO priority.
    pub const EVTCHN_FIFO_PRIORITY_MAX: u32 = 0;
    /// The default FIFO priority.
    pub const EVTCHN_FIFO_PRIORITY_DEFAULT: u32 = 7;
    /// The lowest FIFO priority.
    pub const EVTCHN_FIFO_PRIORITY_MIN: u32 = 15;
    /// The number of FIFO queues (one per priority).
    pub const EVTCHN_FIFO_MAX_QUEUES: u32 = EVTCHN_FIFO_PRIORITY_MIN + 1;
    /// FIFO event word bit: pending.
    pub const EVTCHN_FIFO_PENDING: u32 = 31;
    /// FIFO event word bit: masked.
    pub const EVTCHN_FIFO_MASKED: u32 = 30;
    /// FIFO event word bit: linked.
    pub const EVTCHN_FIFO_LINKED: u32 = 29;
    /// FIFO event word bit: busy.
    pub const EVTCHN_FIFO_BUSY: u32 = 28;
    /// The bits of a FIFO event word's link.
    pub const EVTCHN_FIFO_LINK_BITS: u32 = 17;
    /// The mask of a FIFO event word's link.
    pub const EVTCHN_FIFO_LINK_MASK: u32 = (1 << EVTCHN_FIFO_LINK_BITS) - 1;
    /// The channels of the FIFO ABI.
    pub const EVTCHN_FIFO_NR_CHANNELS: u32 = 1 << EVTCHN_FIFO_LINK_BITS;
}
