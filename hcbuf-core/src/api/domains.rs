//! Domains: listing, state, lifecycle, vCPUs, memory limit.

use hcbuf_sys::domctl::*;
use hcbuf_sys::xen::domid_t;

use crate::release::Release;

use super::{Error, Xen, lend_error, pool_error};
use crate::backend::Backend;
use crate::xen::domctl::{
    CreateDomain, DestroyDomain, GetDomainInfo, GetVcpuInfo, MaxMem, MaxVcpus, PauseDomain,
    UnpauseDomain,
};
use crate::xen::sysctl::GetDomainInfoList;

/// A domain's state flags, as `xl list` shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DomainState {
    /// Running on a CPU.
    pub running: bool,
    /// Blocked (waiting for an event).
    pub blocked: bool,
    /// Paused by the toolstack.
    pub paused: bool,
    /// Shut down (see `shutdown_reason`).
    pub shutdown: bool,
    /// Crashed (shut down with reason `crash`).
    pub crashed: bool,
    /// Being destroyed.
    pub dying: bool,
    /// Why it was shut down, if it was (with `shutdown`).
    pub shutdown_reason: Option<super::ShutdownReason>,
}

impl DomainState {
    fn from_flags(flags: u32) -> Self {
        let shutdown = flags & XEN_DOMINF_shutdown != 0;
        let reason = (flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
        DomainState {
            running: flags & XEN_DOMINF_running != 0,
            blocked: flags & XEN_DOMINF_blocked != 0,
            paused: flags & XEN_DOMINF_paused != 0,
            shutdown,
            crashed: shutdown && reason == hcbuf_sys::sched::SHUTDOWN_crash,
            dying: flags & XEN_DOMINF_dying != 0,
            shutdown_reason: shutdown
                .then(|| super::ShutdownReason::from_code(reason))
                .flatten(),
        }
    }

    /// The six state letters of `xl list`: `r b p s c d`, `-` where unset.
    pub fn letters(&self) -> String {
        [
            (self.running, 'r'),
            (self.blocked, 'b'),
            (self.paused, 'p'),
            (self.shutdown && !self.crashed, 's'),
            (self.crashed, 'c'),
            (self.dying, 'd'),
        ]
        .iter()
        .map(|&(on, c)| if on { c } else { '-' })
        .collect()
    }
}

/// One domain, as `XEN_DOMCTL_getdomaininfo` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainInfo {
    /// The domain id.
    pub domid: domid_t,
    /// Its state.
    pub state: DomainState,
    /// Whether it is an HVM guest.
    pub hvm: bool,
    /// Pages held.
    pub tot_pages: u64,
    /// The page limit.
    pub max_pages: u64,
    /// CPU time used, in nanoseconds.
    pub cpu_time_ns: u64,
    /// vCPUs online.
    pub online_vcpus: u32,
    /// The largest vCPU id.
    pub max_vcpu_id: u32,
    /// The domain's UUID.
    pub handle: [u8; 16],
    /// The CPU pool.
    pub cpupool: u32,
}

impl From<&GetDomainInfo> for DomainInfo {
    fn from(d: &GetDomainInfo) -> Self {
        DomainInfo {
            domid: d.domain,
            state: DomainState::from_flags(d.flags),
            hvm: d.flags & XEN_DOMINF_hvm_guest != 0,
            tot_pages: d.tot_pages,
            max_pages: d.max_pages,
            cpu_time_ns: d.cpu_time,
            online_vcpus: d.nr_online_vcpus,
            max_vcpu_id: d.max_vcpu_id,
            handle: d.handle,
            cpupool: d.cpupool,
        }
    }
}

/// One vCPU, as `XEN_DOMCTL_getvcpuinfo` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VcpuInfo {
    /// Online.
    pub online: bool,
    /// Blocked.
    pub blocked: bool,
    /// Running.
    pub running: bool,
    /// CPU time used, in nanoseconds.
    pub cpu_time_ns: u64,
    /// The physical CPU it is on.
    pub cpu: u32,
}

/// Domains fetched per `XEN_SYSCTL_getdomaininfolist` call.
const PAGE: u32 = 64;

impl<B: Backend> Xen<B> {
    /// Every domain, fetched a page at a time with
    /// `XEN_SYSCTL_getdomaininfolist`.
    pub fn domains(&self) -> Result<Vec<DomainInfo>, Error> {
        const CALL: &str = "sysctl getdomaininfolist";
        let mut out = Vec::new();
        let mut buffer = self
            .pool
            .slice::<GetDomainInfo>(PAGE as usize)
            .map_err(pool_error(CALL))?;
        let mut first: u32 = 0;
        while first < u32::from(hcbuf_sys::xen::DOMID_FIRST_RESERVED) {
            let got = {
                let mut ask = GetDomainInfoList::default();
                ask.first_domain = first as domid_t;
                ask.set_max_domains(PAGE)
                    .and_then(|()| ask.set_buffer(buffer.lend_mut()))
                    .map_err(lend_error(CALL))?;
                let op = self.sysctl(CALL, ask)?;
                (op.payload().num_domains as usize).min(PAGE as usize)
            };
            out.extend(buffer[..got].iter().map(DomainInfo::from));
            match buffer[..got].last() {
                // A full page: go on after its last domain (which must be
                // past `first`, or a confused backend would loop forever).
                Some(last) if got == PAGE as usize && u32::from(last.domain) >= first => {
                    first = u32::from(last.domain) + 1
                }
                _ => break,
            }
        }
        Ok(out)
    }

    /// One domain (`XEN_DOMCTL_getdomaininfo`); `ESRCH` if it does not
    /// exist.
    pub fn domain(&self, domid: domid_t) -> Result<DomainInfo, Error> {
        const CALL: &str = "domctl getdomaininfo";
        let op = self.domctl(CALL, domid, GetDomainInfo::default())?;
        let info = op.payload();
        // Xen reports the first domain at or after the one asked for.
        if info.domain != domid {
            return Err(Error::Xen {
                call: CALL,
                errno: crate::XenErrno(hcbuf_sys::errno::XEN_ESRCH),
            });
        }
        Ok(DomainInfo::from(info))
    }

    /// `XEN_DOMCTL_createdomain`: creates a domain with `config` (domain id
    /// `domid`, or 0 to let Xen choose) and returns its id. `config` is
    /// the 4.17 layout; on a later release it is issued in that release's
    /// (Xen 4.20: `altp2m_opts` 0, the default).
    pub fn create_domain(&self, domid: domid_t, config: CreateDomain) -> Result<domid_t, Error> {
        const CALL: &str = "domctl createdomain";
        match self.release()? {
            Release::Xen4_17 => Ok(self.domctl(CALL, domid, config)?.header().domain),
            _ => {
                let config = crate::xen::v4_20::create_domain_from_4_17(config);
                Ok(self.domctl(CALL, domid, config)?.header().domain)
            }
        }
    }

    /// `XEN_DOMCTL_destroydomain`.
    pub fn destroy_domain(&self, domid: domid_t) -> Result<(), Error> {
        self.domctl_no_payload("domctl destroydomain", domid, DestroyDomain {})
    }

    /// `XEN_DOMCTL_pausedomain`.
    pub fn pause_domain(&self, domid: domid_t) -> Result<(), Error> {
        self.domctl_no_payload("domctl pausedomain", domid, PauseDomain {})
    }

    /// `XEN_DOMCTL_unpausedomain`.
    pub fn unpause_domain(&self, domid: domid_t) -> Result<(), Error> {
        self.domctl_no_payload("domctl unpausedomain", domid, UnpauseDomain {})
    }

    /// `XEN_DOMCTL_max_mem`: the domain's memory limit, in KiB.
    pub fn set_max_mem(&self, domid: domid_t, max_kb: u64) -> Result<(), Error> {
        self.domctl("domctl max_mem", domid, MaxMem { max_memkb: max_kb })
            .map(drop)
    }

    /// `XEN_DOMCTL_max_vcpus`.
    pub fn set_max_vcpus(&self, domid: domid_t, max: u32) -> Result<(), Error> {
        self.domctl("domctl max_vcpus", domid, MaxVcpus { max })
            .map(drop)
    }

    /// `XEN_DOMCTL_getvcpuinfo`.
    pub fn vcpu_info(&self, domid: domid_t, vcpu: u32) -> Result<VcpuInfo, Error> {
        const CALL: &str = "domctl getvcpuinfo";
        let ask = GetVcpuInfo {
            vcpu,
            ..Default::default()
        };
        let op = self.domctl(CALL, domid, ask)?;
        let v = op.payload();
        Ok(VcpuInfo {
            online: v.online != 0,
            blocked: v.blocked != 0,
            running: v.running != 0,
            cpu_time_ns: v.cpu_time,
            cpu: v.cpu,
        })
    }

    fn domctl_no_payload<const CMD: u32>(
        &self,
        call: &'static str,
        domid: domid_t,
        payload: crate::xen::domctl::NoPayload<CMD>,
    ) -> Result<(), Error> {
        self.domctl(call, domid, payload).map(drop)
    }
}
