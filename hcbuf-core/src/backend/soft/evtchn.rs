//! `event_channel_op` (`common/event_channel.c`, `do_event_channel_op`,
//! Xen 4.17; 4.20 does the same for these commands): each domain's ports,
//! and the four commands a toolstack uses on them.
//!
//! A domain's ports live in buckets of 64 (`EVTCHNS_PER_BUCKET`: a page of
//! 64-byte `struct evtchn`s), allocated as ports are: a port is valid once
//! its bucket exists, and a valid port that was never used (or was closed)
//! is free. Port 0 is reserved from the start. A fresh port is the lowest
//! free one up to the domain's `max_evtchn_port` (and below the 2-level
//! ABI's 4096 channels: the model has no FIFO ABI), else `ENOSPC`.
//!
//! Xen copies the command's struct in (`EFAULT`), and for the commands
//! that answer copies it back whole on success (`EFAULT` then, the change
//! made: "cleaning up here would be a mess"). The model checks the whole
//! struct writable and writes the fields Xen changed (the other bytes Xen
//! writes back are those it read).
//!
//! Modelled: `alloc_unbound` (any domain, for any remote id, which is not
//! checked: `DOMID_SELF` is the caller), `bind_interdomain` (a fresh port
//! of the caller bound to a remote port that must be unbound and accept
//! the caller, else `EINVAL`), `close` (a port of the caller: a free or
//! reserved one is `EINVAL`; an interdomain channel's remote end becomes
//! unbound, accepting the caller), `status` (a valid port, else `EINVAL`;
//! every channel notifies vCPU 0). Every other command is `ENOSYS`, or
//! the user's handler (`CallId::Command`).
//! Destroying a domain closes its ports (see [`EventChannels::close_all`]).

use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENOSPC, XEN_ESRCH};
use hcbuf_sys::event_channel::*;
use hcbuf_sys::xen::__HYPERVISOR_event_channel_op;
use hcbuf_sys::xen::{DOMID_SELF, domid_t};

use super::state::CURRENT;
use super::{CallId, Ctx};
use crate::backend::XenErrno;
use crate::pool::Access;

/// Ports per bucket: a page of 64-byte (cache-line aligned) channels.
const EVTCHNS_PER_BUCKET: usize = 64;

fn err(errno: i32) -> XenErrno {
    XenErrno(errno)
}

/// One port's state (`ECS_*`; the model binds no IRQs or IPIs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Port {
    /// `ECS_FREE`.
    Free,
    /// `ECS_RESERVED` (port 0).
    Reserved,
    /// `ECS_UNBOUND`: waits for domain `remote` to bind.
    Unbound {
        /// The domain allowed to bind.
        remote: domid_t,
    },
    /// `ECS_INTERDOMAIN`: bound to `port` of domain `remote`.
    Interdomain {
        /// The remote domain.
        remote: domid_t,
        /// Its port.
        port: u32,
    },
}

/// A domain's event channels.
#[derive(Clone, Debug)]
pub(super) struct EventChannels {
    /// The valid ports (`valid_evtchns`: whole buckets).
    ports: Vec<Port>,
    /// The highest port the domain may use (`max_evtchn_port`).
    max_port: u32,
}

impl EventChannels {
    /// `evtchn_init`: the first bucket, port 0 reserved, ports up to
    /// `max_port` (at most `INT_MAX`).
    pub(super) fn new(max_port: u32) -> Self {
        let mut ports = vec![Port::Free; EVTCHNS_PER_BUCKET];
        ports[0] = Port::Reserved;
        EventChannels {
            ports,
            max_port: max_port.min(i32::MAX as u32),
        }
    }

    /// Port `port`, if valid (`_evtchn_from_port`).
    pub(super) fn port(&self, port: u32) -> Option<Port> {
        self.ports.get(port as usize).copied()
    }

    fn set(&mut self, port: u32, state: Port) {
        self.ports[port as usize] = state;
    }

    /// `get_free_port`: the lowest free port, its bucket allocated if
    /// needed (the port stays free until its caller binds it); `EINVAL` for
    /// a dying domain, `ENOSPC` past `max_evtchn_port` or the ABI's limit.
    fn free_port(&mut self, dying: bool) -> Result<u32, XenErrno> {
        if dying {
            return Err(err(XEN_EINVAL));
        }
        if let Some(i) = self.ports.iter().position(|p| *p == Port::Free) {
            // Valid ports are below both limits: the buckets grow only to
            // hold a port that is.
            if i as u64 <= u64::from(self.max_port) {
                return Ok(i as u32);
            }
            return Err(err(XEN_ENOSPC));
        }
        // `evtchn_allocate_port` of the first port past the valid ones.
        let port = self.ports.len() as u32;
        if port > self.max_port || port >= EVTCHN_2L_NR_CHANNELS {
            return Err(err(XEN_ENOSPC));
        }
        self.ports
            .resize(self.ports.len() + EVTCHNS_PER_BUCKET, Port::Free);
        Ok(port)
    }

    /// Port `port`, if bound to a domain that is closing it, becomes
    /// unbound, accepting that domain (`remote`) again.
    pub(super) fn unbind(&mut self, port: u32, remote: domid_t) {
        if let Some(p @ Port::Interdomain { .. }) = self.ports.get_mut(port as usize) {
            *p = Port::Unbound { remote };
        }
    }

    /// Closes every port but the reserved one, returning the interdomain
    /// channels as `(local port, remote domain, remote port)`
    /// (`evtchn_destroy`).
    pub(super) fn close_all(&mut self) -> Vec<(u32, domid_t, u32)> {
        let mut bound = Vec::new();
        for (i, p) in self.ports.iter_mut().enumerate().skip(1) {
            if let Port::Interdomain { remote, port } = *p {
                bound.push((i as u32, remote, port));
            }
            *p = Port::Free;
        }
        bound
    }
}

impl Ctx<'_> {
    /// `HYPERVISOR_event_channel_op(int cmd, void *arg)`.
    pub(super) fn event_channel_op(&mut self, registers: [u64; 5]) -> Result<u64, XenErrno> {
        let [cmd, arg, ..] = registers;
        // `cmd` is a C `int`: the register's low 32 bits.
        match cmd as u32 {
            EVTCHNOP_alloc_unbound => self.alloc_unbound(arg),
            EVTCHNOP_bind_interdomain => self.bind_interdomain(arg),
            EVTCHNOP_close => {
                let close: evtchn_close = self.mem.read(arg)?;
                self.evtchn_close(CURRENT, close.port).map(|()| 0)
            }
            EVTCHNOP_status => self.evtchn_status(arg),
            cmd => self.unmodelled(
                CallId::Command {
                    op: __HYPERVISOR_event_channel_op,
                    cmd,
                },
                registers,
            ),
        }
    }

    /// `evtchn_alloc_unbound`.
    fn alloc_unbound(&mut self, arg: u64) -> Result<u64, XenErrno> {
        let alloc: evtchn_alloc_unbound = self.mem.read(arg)?;
        let dom = if alloc.dom == DOMID_SELF {
            CURRENT
        } else {
            alloc.dom
        };
        let remote = if alloc.remote_dom == DOMID_SELF {
            CURRENT
        } else {
            alloc.remote_dom
        };
        let d = self.st.domains.get_mut(&dom).ok_or(err(XEN_ESRCH))?;
        let port = d.evtchn.free_port(d.dying)?;
        d.evtchn.set(port, Port::Unbound { remote });
        self.mem
            .check(arg, size_of::<evtchn_alloc_unbound>(), Access::Write)?;
        self.mem
            .write(arg + field!(evtchn_alloc_unbound, port), &port)
            .map(|()| 0)
    }

    /// `evtchn_bind_interdomain` for the caller: a fresh local port bound to
    /// `<remote_dom, remote_port>`.
    fn bind_interdomain(&mut self, arg: u64) -> Result<u64, XenErrno> {
        let bind: evtchn_bind_interdomain = self.mem.read(arg)?;
        let rdom = if bind.remote_dom == DOMID_SELF {
            CURRENT
        } else {
            bind.remote_dom
        };
        if !self.st.domains.contains_key(&rdom) {
            return Err(err(XEN_ESRCH));
        }
        let ld = self.st.domains.get_mut(&CURRENT).ok_or(err(XEN_ESRCH))?;
        let lport = ld.evtchn.free_port(ld.dying)?;
        let rd = &self.st.domains[&rdom];
        // The fresh local port is still free, so a loopback naming it
        // fails here too.
        match rd.evtchn.port(bind.remote_port) {
            Some(Port::Unbound { remote }) if remote == CURRENT => {}
            _ => return Err(err(XEN_EINVAL)),
        }
        let rport = bind.remote_port;
        if let Some(ld) = self.st.domains.get_mut(&CURRENT) {
            ld.evtchn.set(
                lport,
                Port::Interdomain {
                    remote: rdom,
                    port: rport,
                },
            );
        }
        if let Some(rd) = self.st.domains.get_mut(&rdom) {
            rd.evtchn.set(
                rport,
                Port::Interdomain {
                    remote: CURRENT,
                    port: lport,
                },
            );
        }
        self.mem
            .check(arg, size_of::<evtchn_bind_interdomain>(), Access::Write)?;
        self.mem
            .write(arg + field!(evtchn_bind_interdomain, local_port), &lport)
            .map(|()| 0)
    }

    /// `evtchn_close(d1, port1)`: `EINVAL` for a port that is not valid,
    /// free or reserved; an interdomain channel's remote end becomes
    /// unbound, accepting `d1`.
    pub(super) fn evtchn_close(&mut self, d1: domid_t, port1: u32) -> Result<(), XenErrno> {
        let d = self.st.domains.get_mut(&d1).ok_or(err(XEN_ESRCH))?;
        match d.evtchn.port(port1) {
            None | Some(Port::Free | Port::Reserved) => Err(err(XEN_EINVAL)),
            Some(Port::Unbound { .. }) => {
                d.evtchn.set(port1, Port::Free);
                Ok(())
            }
            Some(Port::Interdomain { remote, port }) => {
                d.evtchn.set(port1, Port::Free);
                if let Some(d2) = self.st.domains.get_mut(&remote) {
                    d2.evtchn.unbind(port, d1);
                }
                Ok(())
            }
        }
    }

    /// `evtchn_status`: `ESRCH` for no such domain, `EINVAL` for a port
    /// that is not valid.
    fn evtchn_status(&mut self, arg: u64) -> Result<u64, XenErrno> {
        self.mem
            .check(arg, size_of::<evtchn_status>(), Access::Read)?;
        let dom: domid_t = self.mem.read(arg + field!(evtchn_status, dom))?;
        let port: u32 = self.mem.read(arg + field!(evtchn_status, port))?;
        let d = self.st.domain_by_any_id(dom).ok_or(err(XEN_ESRCH))?;
        let state = d.evtchn.port(port).ok_or(err(XEN_EINVAL))?;
        self.mem
            .check(arg, size_of::<evtchn_status>(), Access::Write)?;
        let u = arg + field!(evtchn_status, u);
        let status = match state {
            Port::Free | Port::Reserved => EVTCHNSTAT_closed,
            Port::Unbound { remote } => {
                self.mem
                    .write(u + field!(evtchn_status_u_unbound, dom), &remote)?;
                EVTCHNSTAT_unbound
            }
            Port::Interdomain { remote, port } => {
                self.mem
                    .write(u + field!(evtchn_status_u_interdomain, dom), &remote)?;
                self.mem
                    .write(u + field!(evtchn_status_u_interdomain, port), &port)?;
                EVTCHNSTAT_interdomain
            }
        };
        self.mem
            .write(arg + field!(evtchn_status, status), &status)?;
        // Every channel of the model notifies vCPU 0.
        self.mem
            .write(arg + field!(evtchn_status, vcpu), &0u32)
            .map(|()| 0)
    }
}
