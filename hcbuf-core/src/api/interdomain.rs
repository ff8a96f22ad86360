//! Event channels and grant tables: what a toolstack sets up between the
//! domains it builds (`xc_evtchn_alloc_unbound`, `xc_evtchn_status`,
//! `xc_gnttab_query_size`, `xc_gnttab_setup_table` and the event channel
//! device's bind and close).
//!
//! `event_channel_op` answers in its result (an errno); `grant_table_op`
//! answers in its struct's `status` (`GNTST_*`), which the methods here
//! turn into [`Error::Grant`].

use std::fmt;

use hcbuf_sys::event_channel::*;
use hcbuf_sys::grant_table::{GNTST_okay, gntst_message, gntst_name};
use hcbuf_sys::xen::domid_t;

use super::{Error, Xen, is_caller, lend_error, not_the_caller, pool_error};
use crate::backend::Backend;
use crate::pool::PoolError;
use crate::xen::Guarded;
use crate::xen::event_channel::{AllocUnbound, BindInterdomain, Close, EvtchnStatus};
use crate::xen::grant_table::{QuerySize, SetupTable};

/// An event channel port.
pub type Port = u32;

/// A port of the caller's own (dom0's, through privcmd) that this program
/// made through a [`Xen`] handle: by
/// [`evtchn_bind_interdomain`](Xen::evtchn_bind_interdomain) or
/// [`evtchn_alloc_unbound_own`](Xen::evtchn_alloc_unbound_own). The only
/// port [`evtchn_close`](Xen::evtchn_close) takes, and it takes it whole:
/// not `Clone`, not `Copy`, not built from a number, so safe code closes no
/// port of the dom0 kernel's (its timers, IPIs, xenstore and console
/// rings, backends' channels) and none twice. Dropped without being
/// closed, the port stays open (as a leaked file descriptor would).
#[derive(Debug, PartialEq, Eq)]
#[must_use = "the port stays open in the caller's domain until `evtchn_close` takes it"]
pub struct OwnPort {
    port: Port,
    /// The handle that made it ([`Xen::id`]).
    xen: u64,
}

impl OwnPort {
    /// The port's number in the caller's domain.
    pub fn port(&self) -> Port {
        self.port
    }
}

/// A port's state, as `EVTCHNOP_status` reports it, with the vCPU it
/// notifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PortStatus {
    /// Not in use (free, or reserved by Xen: port 0).
    Closed,
    /// Waiting for domain `remote_dom` to bind to it.
    Unbound {
        /// The domain allowed to bind.
        remote_dom: domid_t,
        /// The vCPU it notifies.
        vcpu: u32,
    },
    /// Bound to port `remote_port` of domain `remote_dom`.
    Interdomain {
        /// The remote domain.
        remote_dom: domid_t,
        /// Its port.
        remote_port: Port,
        /// The vCPU it notifies.
        vcpu: u32,
    },
    /// Bound to physical IRQ `pirq`.
    Pirq {
        /// The physical IRQ.
        pirq: u32,
        /// The vCPU it notifies.
        vcpu: u32,
    },
    /// Bound to virtual IRQ `virq`.
    Virq {
        /// The virtual IRQ (`VIRQ_*`).
        virq: u32,
        /// The vCPU it notifies.
        vcpu: u32,
    },
    /// Bound to IPIs of vCPU `vcpu`.
    Ipi {
        /// The vCPU it notifies.
        vcpu: u32,
    },
}

/// A domain's grant table size, as `GNTTABOP_query_size` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GrantTableSize {
    /// The frames the table has.
    pub nr_frames: u32,
    /// The most frames it may grow to.
    pub max_nr_frames: u32,
}

/// A grant table operation's `status` (`GNTST_*`), as Xen left it in the
/// operation's struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GrantStatus(pub i16);

impl GrantStatus {
    /// The status's name (`"GNTST_bad_domain"`), if Xen defines it.
    pub fn name(self) -> Option<&'static str> {
        gntst_name(self.0)
    }
}

impl fmt::Display for GrantStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), gntst_message(self.0)) {
            (Some(name), Some(message)) => write!(f, "{name} ({}: {message})", self.0),
            _ => write!(f, "grant status {}", self.0),
        }
    }
}

/// Most frames one `grant_table_setup` lists (a 512 KiB list, 256 MiB of
/// grant table): far past Xen's default maximum of 64 frames, and 4.17's
/// limit on any domain's (64 unless Xen's `gnttab_max_frames` raises it).
const MAX_SETUP_FRAMES: u32 = 1 << 16;

impl<B: Backend> Xen<B> {
    /// `EVTCHNOP_alloc_unbound`: allocates a port in guest `dom` that
    /// domain `remote_dom` may bind to (`DOMID_SELF`: the caller), and
    /// returns it. Xen does not check that `remote_dom` exists. `dom` the
    /// caller itself (0 or `DOMID_SELF`) is [`Error::Refused`] before Xen:
    /// a port of the caller's is an [`OwnPort`], from
    /// [`evtchn_alloc_unbound_own`](Self::evtchn_alloc_unbound_own).
    pub fn evtchn_alloc_unbound(&self, dom: domid_t, remote_dom: domid_t) -> Result<Port, Error> {
        const CALL: &str = "event_channel_op alloc_unbound";
        if is_caller(dom) {
            return Err(Error::Refused {
                call: CALL,
                why: "the port would be the caller's own (domain 0 or DOMID_SELF): allocate it \
                      with evtchn_alloc_unbound_own, which returns it as an OwnPort",
            });
        }
        self.alloc_unbound(CALL, dom, remote_dom)
    }

    /// `EVTCHNOP_alloc_unbound` in the caller (`dom` = `DOMID_SELF`): a
    /// port of the caller's that domain `remote_dom` may bind to, returned
    /// as an [`OwnPort`] to close with [`evtchn_close`](Self::evtchn_close).
    pub fn evtchn_alloc_unbound_own(&self, remote_dom: domid_t) -> Result<OwnPort, Error> {
        const CALL: &str = "event_channel_op alloc_unbound";
        let port = self.alloc_unbound(CALL, hcbuf_sys::xen::DOMID_SELF, remote_dom)?;
        Ok(self.own_port(port))
    }

    fn alloc_unbound(
        &self,
        call: &'static str,
        dom: domid_t,
        remote_dom: domid_t,
    ) -> Result<Port, Error> {
        let ask: AllocUnbound = Guarded(evtchn_alloc_unbound {
            dom,
            remote_dom,
            port: 0,
        });
        let (_, mut answer) = self.command(call, ask)?;
        Ok(answer.payload().0.port)
    }

    /// The token of port `port` of the caller's, which this handle made.
    fn own_port(&self, port: Port) -> OwnPort {
        OwnPort { port, xen: self.id }
    }

    /// `EVTCHNOP_bind_interdomain`: binds a fresh port of the caller (dom0,
    /// through privcmd) to port `remote_port` of domain `remote_dom`, which
    /// must be unbound and accept the caller (`EINVAL` otherwise), and
    /// returns the caller's port as an [`OwnPort`]: close it with
    /// [`evtchn_close`](Self::evtchn_close).
    pub fn evtchn_bind_interdomain(
        &self,
        remote_dom: domid_t,
        remote_port: Port,
    ) -> Result<OwnPort, Error> {
        const CALL: &str = "event_channel_op bind_interdomain";
        not_the_caller(
            CALL,
            remote_dom,
            "domain 0 (or DOMID_SELF) is the caller: its unbound ports wait for its kernel's \
             peers",
        )?;
        let ask: BindInterdomain = Guarded(evtchn_bind_interdomain {
            remote_dom,
            remote_port,
            ..Default::default()
        });
        let (_, mut answer) = self.command(CALL, ask)?;
        Ok(self.own_port(answer.payload().0.local_port))
    }

    /// `EVTCHNOP_close`: closes port `port` of the caller (dom0), which
    /// this handle made ([`OwnPort`]); the remote end of an interdomain
    /// channel becomes unbound, accepting the caller again. A port another
    /// handle made is [`Error::Refused`] before Xen (its number may be
    /// another domain's or another hypervisor's: a software Xen's, say);
    /// the token is spent either way, and on an error from Xen the port is
    /// left as Xen left it.
    pub fn evtchn_close(&self, port: OwnPort) -> Result<(), Error> {
        const CALL: &str = "event_channel_op close";
        if port.xen != self.id {
            return Err(Error::Refused {
                call: CALL,
                why: "the port was made through another Xen handle, whose caller's ports may \
                      not be this handle's",
            });
        }
        let ask: Close = Guarded(evtchn_close { port: port.port });
        self.command(CALL, ask).map(drop)
    }

    /// `EVTCHNOP_status`: the state of port `port` of domain `dom`
    /// (`DOMID_SELF`: the caller). `EINVAL` for a port Xen has not
    /// allocated the bucket of, `ESRCH` for no such domain.
    pub fn evtchn_status(&self, dom: domid_t, port: Port) -> Result<PortStatus, Error> {
        const CALL: &str = "event_channel_op status";
        let ask = EvtchnStatus {
            dom,
            port,
            ..Default::default()
        };
        let (_, mut call) = self.command(CALL, ask)?;
        let answer = call.payload();
        let vcpu = answer.vcpu;
        let u = &answer.u;
        Ok(match answer.status {
            s if s == EVTCHNSTAT_closed => PortStatus::Closed,
            s if s == EVTCHNSTAT_unbound => PortStatus::Unbound {
                remote_dom: u.as_unbound().dom,
                vcpu,
            },
            s if s == EVTCHNSTAT_interdomain => PortStatus::Interdomain {
                remote_dom: u.as_interdomain().dom,
                remote_port: u.as_interdomain().port,
                vcpu,
            },
            s if s == EVTCHNSTAT_pirq => PortStatus::Pirq {
                pirq: *u.as_pirq(),
                vcpu,
            },
            s if s == EVTCHNSTAT_virq => PortStatus::Virq {
                virq: *u.as_virq(),
                vcpu,
            },
            s if s == EVTCHNSTAT_ipi => PortStatus::Ipi { vcpu },
            other => {
                return Err(Error::Unexpected {
                    call: CALL,
                    what: format!("port {port} of domain {dom} has status {other}"),
                });
            }
        })
    }

    /// `GNTTABOP_query_size`: domain `dom`'s grant table size
    /// (`DOMID_SELF`: the caller's). A status other than `GNTST_okay` is
    /// [`Error::Grant`] (`GNTST_bad_domain` for no such domain).
    pub fn grant_table_query_size(&self, dom: domid_t) -> Result<GrantTableSize, Error> {
        const CALL: &str = "grant_table_op query_size";
        let ask = QuerySize {
            dom,
            ..Default::default()
        };
        let (_, mut answer) = self.command(CALL, ask)?;
        grant_status(CALL, answer.payload().status)?;
        Ok(GrantTableSize {
            nr_frames: answer.payload().nr_frames,
            max_nr_frames: answer.payload().max_nr_frames,
        })
    }

    /// `GNTTABOP_setup_table`: grows domain `dom`'s grant table to at
    /// least `nr_frames` frames and returns the first `nr_frames` (MFNs
    /// for a PV domain, GFNs for a translated one). A status other than
    /// `GNTST_okay` is [`Error::Grant`] (`GNTST_general_error` for more
    /// frames than the domain may have, `GNTST_bad_domain` for no such
    /// domain). At most 65536 frames are listed at once: a larger count is
    /// refused before Xen ([`Error::Pool`], no memory allocated).
    pub fn grant_table_setup(&self, dom: domid_t, nr_frames: u32) -> Result<Vec<u64>, Error> {
        const CALL: &str = "grant_table_op setup_table";
        not_the_caller(
            CALL,
            dom,
            "domain 0 (or DOMID_SELF) is the caller: its grant table is its kernel's",
        )?;
        if nr_frames > MAX_SETUP_FRAMES {
            return Err(Error::Pool {
                call: CALL,
                source: PoolError::BadRequest {
                    size: (nr_frames as usize).saturating_mul(size_of::<u64>()),
                    align: align_of::<u64>(),
                    why: "more grant frames than one setup_table lists (65536)",
                },
            });
        }
        let mut frames = self
            .pool
            .slice::<u64>(nr_frames as usize)
            .map_err(pool_error(CALL))?;
        let status = {
            let mut ask = SetupTable::default();
            ask.dom = dom;
            ask.set_nr_frames(nr_frames)
                .and_then(|()| ask.set_frame_list(frames.lend_mut()))
                .map_err(lend_error(CALL))?;
            let (_, mut answer) = self.command(CALL, ask)?;
            answer.payload().status
        };
        grant_status(CALL, status)?;
        Ok(frames.to_vec())
    }
}

/// `Ok` for `GNTST_okay`, else the status as [`Error::Grant`].
fn grant_status(call: &'static str, status: i16) -> Result<(), Error> {
    if status == GNTST_okay {
        Ok(())
    } else {
        Err(Error::Grant {
            call,
            status: GrantStatus(status),
        })
    }
}
