//! The model's mutable state: its domains and its console ring.

use std::collections::BTreeMap;

use hcbuf_sys::arch::{vcpu_guest_context_t, xen_arch_domainconfig};
use hcbuf_sys::domctl::{
    XEN_DOMINF_blocked, XEN_DOMINF_dying, XEN_DOMINF_hap, XEN_DOMINF_hvm_guest, XEN_DOMINF_paused,
    XEN_DOMINF_running, XEN_DOMINF_shutdown, XEN_DOMINF_shutdownshift, XEN_INVALID_MAX_VCPU_ID,
    xen_domctl_getdomaininfo,
};
use hcbuf_sys::xen::{DOMID_SELF, domid_t};

use super::console::ConsoleRing;
use super::evtchn::EventChannels;
use super::grant_table::{FramePool, GrantTable};
use super::host::{DomainConfig, HostConfig};

/// The domain that issues every call: dom0.
pub(super) const CURRENT: domid_t = 0;

/// `SHUTDOWN_CODE_INVALID`: the code of a domain never shut down.
const SHUTDOWN_CODE_INVALID: u32 = !0;

/// One vCPU.
#[derive(Clone, Copy, Debug)]
pub(super) struct Vcpu {
    /// Not hot-unplugged (`!VPF_down`).
    pub(super) online: bool,
    /// Waiting for an event (`VPF_blocked`).
    pub(super) blocked: bool,
    pub(super) cpu_time: u64,
    /// The physical CPU it runs on.
    pub(super) cpu: u32,
}

/// One domain.
#[derive(Clone, Debug)]
pub(super) struct Domain {
    pub(super) id: domid_t,
    pub(super) max_vcpus: u32,
    /// The vCPUs created so far (by `XEN_DOMCTL_max_vcpus`, or at start).
    pub(super) vcpus: Vec<Vcpu>,
    /// `controller_pause_count`: toolstack pauses not yet undone.
    pub(super) pause_count: u32,
    pub(super) dying: bool,
    /// `SHUTDOWN_*`, or `SHUTDOWN_CODE_INVALID`.
    pub(super) shutdown_code: u32,
    pub(super) hvm: bool,
    pub(super) hap: bool,
    pub(super) handle: [u8; 16],
    pub(super) ssidref: u32,
    pub(super) tot_pages: u64,
    pub(super) max_pages: u64,
    pub(super) max_gpfn: u64,
    pub(super) arch: xen_arch_domainconfig,
    /// Its event channels.
    pub(super) evtchn: EventChannels,
    /// Its grant table.
    pub(super) grants: GrantTable,
    /// What the toolstack loaded into it: HVM parameters, vCPU contexts.
    pub(super) loaded: Loaded,
}

/// A domain's HVM parameters and vCPU contexts, as the toolstack set them
/// (`HVMOP_set_param`, `XEN_DOMCTL_setvcpucontext`).
#[derive(Clone, Debug, Default)]
pub(super) struct Loaded {
    /// `HVM_PARAM_*` set, by index (unset ones read 0).
    pub(super) hvm_params: BTreeMap<u32, u64>,
    /// The context of each initialised vCPU, by vCPU id
    /// (`struct vcpu_guest_context`'s bytes; absent: never initialised).
    pub(super) vcpu_contexts: BTreeMap<u32, Vec<u8>>,
}

impl Domain {
    /// A domain that exists at start: Xen's defaults for dom0's event
    /// channels (every port up to `INT_MAX`) and grant table (64 frames at
    /// most, one so far).
    fn from_config(c: &DomainConfig, nr_cpus: u32, frames: &mut FramePool) -> Domain {
        let per_vcpu = c.cpu_time_ns / u64::from(c.max_vcpus.max(1));
        let vcpus = (0..c.max_vcpus)
            .map(|i| Vcpu {
                online: i < c.online_vcpus,
                blocked: c.blocked,
                cpu_time: per_vcpu,
                cpu: i % nr_cpus,
            })
            .collect();
        Domain {
            id: c.id,
            max_vcpus: c.max_vcpus,
            vcpus,
            pause_count: u32::from(c.paused),
            dying: c.dying,
            shutdown_code: c.shutdown.unwrap_or(SHUTDOWN_CODE_INVALID),
            hvm: c.hvm,
            hap: false,
            handle: c.handle,
            ssidref: 0,
            tot_pages: c.tot_pages,
            max_pages: c.max_pages,
            max_gpfn: c.max_gpfn.unwrap_or(c.tot_pages.saturating_sub(1)),
            arch: xen_arch_domainconfig::default(),
            evtchn: EventChannels::new(u32::MAX),
            grants: GrantTable::new(-1, frames),
            // A running domain's online vCPUs were initialised by whoever
            // started them (an all-zero context stands for theirs).
            loaded: Loaded {
                hvm_params: BTreeMap::new(),
                vcpu_contexts: (0..c.online_vcpus)
                    .map(|i| (i, vec![0; size_of::<vcpu_guest_context_t>()]))
                    .collect(),
            },
        }
    }

    /// `domain_shutdown(d, reason)`: the first reason stays.
    pub(super) fn shut_down(&mut self, reason: u32) {
        if self.shutdown_code == SHUTDOWN_CODE_INVALID {
            self.shutdown_code = reason;
        }
    }

    /// Whether vCPU `v` is on a CPU: online, not blocked, and its domain
    /// neither paused, dying nor shut down.
    pub(super) fn running(&self, v: &Vcpu) -> bool {
        // A domain shut down has its vCPUs paused (`paused_for_shutdown`).
        v.online
            && !v.blocked
            && self.pause_count == 0
            && !self.dying
            && self.shutdown_code == SHUTDOWN_CODE_INVALID
    }

    /// What `getdomaininfo()` reports (Xen 4.17, `common/domctl.c`).
    pub(super) fn info(&self, gpaddr_bits: u8) -> xen_domctl_getdomaininfo {
        let mut vcpu_flags = XEN_DOMINF_blocked;
        let mut online = 0;
        let mut max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
        let mut cpu_time = 0u64;
        for (i, v) in self.vcpus.iter().enumerate() {
            cpu_time = cpu_time.saturating_add(v.cpu_time);
            max_vcpu_id = i as u32;
            if v.online {
                if !v.blocked {
                    vcpu_flags &= !XEN_DOMINF_blocked;
                }
                if self.running(v) {
                    vcpu_flags |= XEN_DOMINF_running;
                }
                online += 1;
            }
        }
        let shut_down = self.shutdown_code != SHUTDOWN_CODE_INVALID;
        let mut flags = if online > 0 { vcpu_flags } else { 0 }
            | if self.dying { XEN_DOMINF_dying } else { 0 }
            | if shut_down { XEN_DOMINF_shutdown } else { 0 }
            | if self.pause_count > 0 {
                XEN_DOMINF_paused
            } else {
                0
            }
            | (self.shutdown_code << XEN_DOMINF_shutdownshift);
        if self.hvm {
            flags |= XEN_DOMINF_hvm_guest;
        }
        if self.hap {
            flags |= XEN_DOMINF_hap;
        }
        xen_domctl_getdomaininfo {
            domain: self.id,
            pad1: 0,
            flags,
            tot_pages: self.tot_pages,
            max_pages: self.max_pages,
            outstanding_pages: 0,
            shr_pages: 0,
            paged_pages: 0,
            // Arbitrary: the model has no shared_info pages.
            shared_info_frame: 0x1_0000 + u64::from(self.id),
            cpu_time,
            nr_online_vcpus: online,
            max_vcpu_id,
            ssidref: self.ssidref,
            handle: self.handle,
            cpupool: 0,
            gpaddr_bits,
            pad2: [0; 7],
            arch_config: self.arch,
        }
    }
}

/// Everything a call may change, behind the model's lock.
#[derive(Debug)]
pub(super) struct State {
    pub(super) host: HostConfig,
    /// By id: Xen's domain list is in id order too.
    pub(super) domains: BTreeMap<domid_t, Domain>,
    /// Where `XEN_DOMCTL_createdomain` starts looking for a free id.
    pub(super) rover: domid_t,
    pub(super) ring: ConsoleRing,
    /// The errno and count of `SoftXen::fail_next`.
    pub(super) pending_failure: Option<(i32, u64)>,
    /// The host pages grant tables take their frames from.
    pub(super) grant_frames: FramePool,
}

impl State {
    pub(super) fn new(host: HostConfig) -> State {
        let mut grant_frames = FramePool::new(host.max_ram_page);
        let domains = host
            .domains
            .iter()
            .map(|c| {
                (
                    c.id,
                    Domain::from_config(c, host.nr_cpus, &mut grant_frames),
                )
            })
            .collect();
        let mut ring = ConsoleRing::new(host.console_ring_size);
        ring.puts(&host.console_text);
        State {
            host,
            domains,
            rover: 0,
            ring,
            pending_failure: None,
            grant_frames,
        }
    }

    /// The domain `id` names, `DOMID_SELF` included
    /// (`rcu_lock_domain_by_any_id`).
    pub(super) fn domain_by_any_id(&self, id: domid_t) -> Option<&Domain> {
        let id = if id == DOMID_SELF { CURRENT } else { id };
        self.domains.get(&id)
    }

    /// Removes domain `id` as `domain_kill` and its final release do:
    /// its event channels closed (an interdomain peer's end becomes
    /// unbound, accepting `id`: `evtchn_destroy`), its grant frames given
    /// back to the host.
    pub(super) fn remove_domain(&mut self, id: domid_t) {
        let Some(mut d) = self.domains.remove(&id) else {
            return;
        };
        for (_, remote, port) in d.evtchn.close_all() {
            if let Some(peer) = self.domains.get_mut(&remote) {
                peer.evtchn.unbind(port, id);
            }
        }
        self.grant_frames
            .give_back(std::mem::take(&mut d.grants.frames));
    }

    /// Free host pages: what neither Xen nor a domain holds.
    pub(super) fn free_pages(&self) -> u64 {
        let held = self
            .domains
            .values()
            .fold(0u64, |held, d| held.saturating_add(d.tot_pages));
        self.host
            .total_pages
            .saturating_sub(self.host.xen_pages)
            .saturating_sub(held)
    }
}
