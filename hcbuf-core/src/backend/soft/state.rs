//! The model's mutable state: its domains, cpupools and console ring.

use std::collections::BTreeMap;

use hcbuf_sys::arch::{vcpu_guest_context_t, xen_arch_domainconfig};
use hcbuf_sys::domctl::{
    XEN_DOMINF_blocked, XEN_DOMINF_dying, XEN_DOMINF_hap, XEN_DOMINF_hvm_guest, XEN_DOMINF_paused,
    XEN_DOMINF_running, XEN_DOMINF_shutdown, XEN_DOMINF_shutdownshift, XEN_INVALID_MAX_VCPU_ID,
    xen_domctl_getdomaininfo,
};
use hcbuf_sys::domctl::{XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2, XEN_SCHEDULER_NULL};
use hcbuf_sys::xen::{DOMID_SELF, domid_t};

use super::console::ConsoleRing;
use super::evtchn::EventChannels;
use super::grant_table::{FramePool, GrantTable};
use super::host::{DomainConfig, HostConfig};

/// The domain that issues every call: dom0.
pub(super) const CURRENT: domid_t = 0;

/// `SHUTDOWN_CODE_INVALID`: the code of a domain never shut down.
const SHUTDOWN_CODE_INVALID: u32 = !0;

/// `MAX_NUMNODES` on x86: the bits of a node mask.
pub(super) const MAX_NUMNODES: u32 = 64;
/// The weight a domain starts with (`CSCHED_DEFAULT_WEIGHT`,
/// `CSCHED2_DEFAULT_WEIGHT`).
pub(super) const DEFAULT_WEIGHT: u16 = 256;
/// `SCHED_DEFAULT_RATELIMIT_US`.
pub(super) const DEFAULT_RATELIMIT_US: u32 = 1000;
/// `CSCHED_DEFAULT_TSLICE_MS`.
pub(super) const DEFAULT_TSLICE_MS: u32 = 30;

/// The schedulers the model has (a cpupool may run any of them): credit,
/// credit2 and null. (Xen 4.17 also has RTDS and ARINC653, which the
/// model does not.)
pub(super) fn scheduler_known(sched_id: u32) -> bool {
    matches!(
        sched_id,
        XEN_SCHEDULER_CREDIT | XEN_SCHEDULER_CREDIT2 | XEN_SCHEDULER_NULL
    )
}

/// A set of CPUs (a `cpumask_t` of `nr_cpu_ids` bits), or of nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mask {
    bits: Vec<bool>,
}

impl Mask {
    pub(super) fn none(n: u32) -> Mask {
        Mask {
            bits: vec![false; n as usize],
        }
    }

    pub(super) fn all(n: u32) -> Mask {
        Mask {
            bits: vec![true; n as usize],
        }
    }

    /// The mask from Xen's bytes (`bitmap_byte_to_long`): bit `i % 8` of
    /// byte `i / 8`, missing bytes zero.
    pub(super) fn from_bytes(n: u32, bytes: &[u8]) -> Mask {
        let bits = (0..n as usize)
            .map(|i| bytes.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0))
            .collect();
        Mask { bits }
    }

    /// The mask as Xen's bytes, `ceil(n / 8)` of them, the last clamped.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = vec![0u8; self.bits.len().div_ceil(8)];
        for i in self.iter() {
            bytes[i as usize / 8] |= 1 << (i % 8);
        }
        bytes
    }

    pub(super) fn set(&mut self, i: u32, on: bool) {
        if let Some(bit) = self.bits.get_mut(i as usize) {
            *bit = on;
        }
    }

    pub(super) fn test(&self, i: u32) -> bool {
        self.bits.get(i as usize).copied().unwrap_or(false)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.bits.len() as u32).filter(|&i| self.bits[i as usize])
    }

    pub(super) fn first(&self) -> Option<u32> {
        self.iter().next()
    }

    pub(super) fn last(&self) -> Option<u32> {
        self.iter().last()
    }

    pub(super) fn weight(&self) -> u32 {
        self.bits.iter().filter(|&&b| b).count() as u32
    }

    pub(super) fn is_empty(&self) -> bool {
        !self.bits.iter().any(|&b| b)
    }

    pub(super) fn is_full(&self) -> bool {
        self.bits.iter().all(|&b| b)
    }

    /// `self & other`.
    pub(super) fn and(&self, other: &Mask) -> Mask {
        Mask {
            bits: (0..self.bits.len())
                .map(|i| self.bits[i] && other.test(i as u32))
                .collect(),
        }
    }

    /// `self | other`.
    pub(super) fn or(&self, other: &Mask) -> Mask {
        Mask {
            bits: (0..self.bits.len())
                .map(|i| self.bits[i] || other.test(i as u32))
                .collect(),
        }
    }
}

/// One vCPU.
#[derive(Clone, Debug)]
pub(super) struct Vcpu {
    /// Not hot-unplugged (`!VPF_down`).
    pub(super) online: bool,
    /// Waiting for an event (`VPF_blocked`).
    pub(super) blocked: bool,
    pub(super) cpu_time: u64,
    /// The physical CPU it runs on.
    pub(super) cpu: u32,
    /// The CPUs it may run on (every CPU at creation).
    pub(super) hard: Mask,
    /// The CPUs it prefers (every CPU at creation).
    pub(super) soft: Mask,
}

impl Vcpu {
    /// A new vCPU on `cpu`, free to run anywhere (`sched_init_vcpu`).
    pub(super) fn new(cpu: u32, nr_cpus: u32) -> Vcpu {
        Vcpu {
            online: false,
            blocked: false,
            cpu_time: 0,
            cpu,
            hard: Mask::all(nr_cpus),
            soft: Mask::all(nr_cpus),
        }
    }
}

/// One cpupool (`struct cpupool`).
#[derive(Clone, Debug)]
pub(super) struct Cpupool {
    /// `XEN_SCHEDULER_*`.
    pub(super) sched_id: u32,
    /// `cpu_valid`.
    pub(super) cpus: Mask,
    /// credit and credit2: the context switch rate limit, in µs.
    pub(super) ratelimit_us: u32,
    /// credit: the time slice, in ms.
    pub(super) tslice_ms: u32,
    /// credit: the migration delay, in µs.
    pub(super) migr_delay_us: u32,
}

impl Cpupool {
    /// A pool with no CPU, its scheduler's parameters at their defaults.
    pub(super) fn new(sched_id: u32, nr_cpus: u32) -> Cpupool {
        Cpupool {
            sched_id,
            cpus: Mask::none(nr_cpus),
            ratelimit_us: DEFAULT_RATELIMIT_US,
            tslice_ms: DEFAULT_TSLICE_MS,
            migr_delay_us: 0,
        }
    }
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
    /// The cpupool it is in.
    pub(super) cpupool: u32,
    /// Its scheduler's weight (credit, credit2).
    pub(super) weight: u16,
    /// Its scheduler's cap, in percent of a CPU; 0 for none.
    pub(super) cap: u16,
    /// `node_affinity`, over `MAX_NUMNODES` bits.
    pub(super) node_affinity: Mask,
    /// `auto_node_affinity`: the node affinity follows the vCPUs'.
    pub(super) auto_node_affinity: bool,
    /// `XEN_DOMCTL_settimeoffset`'s seconds.
    pub(super) time_offset: i64,
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
                ..Vcpu::new(i % nr_cpus, nr_cpus)
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
            cpupool: 0,
            weight: DEFAULT_WEIGHT,
            cap: 0,
            node_affinity: Mask::all(MAX_NUMNODES),
            auto_node_affinity: true,
            time_offset: 0,
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

    /// `domain_update_node_aff`: with automatic node affinity, the nodes of
    /// the CPUs its vCPUs may run on among `pool_cpus` (of those they
    /// prefer, if any); nothing before the domain has vCPUs.
    pub(super) fn update_node_affinity(&mut self, pool_cpus: &Mask, node_of: impl Fn(u32) -> u32) {
        if self.vcpus.is_empty() || !self.auto_node_affinity {
            return;
        }
        let mut hard = Mask::none(0);
        let mut soft = Mask::none(0);
        for v in &self.vcpus {
            hard = v.hard.or(&hard);
            soft = v.soft.or(&soft);
        }
        let hard = hard.and(pool_cpus);
        let soft = soft.and(&hard);
        let cpus = if soft.is_empty() { hard } else { soft };
        let mut nodes = Mask::none(MAX_NUMNODES);
        for cpu in cpus.iter() {
            nodes.set(node_of(cpu), true);
        }
        self.node_affinity = nodes;
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
            cpupool: self.cpupool,
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
    /// By id; `Pool-0`, with every CPU and the host's scheduler, from the
    /// start.
    pub(super) cpupools: BTreeMap<u32, Cpupool>,
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
        let mut pool0 = Cpupool::new(host.sched_id, host.nr_cpus);
        pool0.cpus = Mask::all(host.nr_cpus);
        State {
            cpupools: BTreeMap::from([(0, pool0)]),
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

impl State {
    /// The CPUs in no cpupool (`cpupool_free_cpus`).
    pub(super) fn free_cpus(&self) -> Mask {
        let mut free = Mask::all(self.host.nr_cpus);
        for pool in self.cpupools.values() {
            for cpu in pool.cpus.iter() {
                free.set(cpu, false);
            }
        }
        free
    }

    /// How many domains cpupool `id` has (`n_dom`).
    pub(super) fn pool_domains(&self, id: u32) -> u32 {
        self.domains.values().filter(|d| d.cpupool == id).count() as u32
    }

    /// The CPUs of domain `d`'s cpupool (`cpupool_domain_master_cpumask`).
    pub(super) fn pool_cpus(&self, pool: u32) -> Mask {
        self.cpupools
            .get(&pool)
            .map(|p| p.cpus.clone())
            .unwrap_or_else(|| Mask::none(self.host.nr_cpus))
    }

    /// CPU `cpu`'s NUMA node: CPUs are numbered thread first, then core,
    /// then socket; sockets are spread evenly over the nodes (as
    /// `XEN_SYSCTL_cputopoinfo` reports them).
    pub(super) fn node_of(&self, cpu: u32) -> u32 {
        let host = &self.host;
        let per_socket = host.threads_per_core * host.cores_per_socket;
        let socket = cpu / per_socket;
        let sockets = host.nr_cpus.div_ceil(per_socket);
        (u64::from(socket) * u64::from(host.nr_nodes) / u64::from(sockets)) as u32
    }

    /// Recomputes domain `id`'s automatic node affinity.
    pub(super) fn update_node_affinity(&mut self, id: domid_t) {
        let Some(pool) = self.domains.get(&id).map(|d| d.cpupool) else {
            return;
        };
        let cpus = self.pool_cpus(pool);
        let nodes: Vec<u32> = (0..self.host.nr_cpus).map(|c| self.node_of(c)).collect();
        if let Some(d) = self.domains.get_mut(&id) {
            d.update_node_affinity(&cpus, |cpu| nodes.get(cpu as usize).copied().unwrap_or(0));
        }
    }
}
