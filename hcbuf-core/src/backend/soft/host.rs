//! What the software Xen pretends to run on: the host and its domains.
//!
//! [`HostConfig::default()`] is the QEMU machine on which a real Xen 4.17.7
//! and a Debian dom0 were measured (2 CPUs, 1 node, 2 GiB, dom0 with 1 GiB
//! and 2 running vCPUs, Debian's build strings); the builder methods change
//! one thing each.

use crate::release::Release;
use hcbuf_sys::domctl::XEN_SCHEDULER_CREDIT2;
use hcbuf_sys::memory::{E820_RAM, E820_RESERVED};
use hcbuf_sys::sysctl::{
    XEN_SYSCTL_PHYSCAP_gnttab_v1, XEN_SYSCTL_PHYSCAP_gnttab_v2, XEN_SYSCTL_PHYSCAP_hvm,
    XEN_SYSCTL_PHYSCAP_pv,
};
use hcbuf_sys::xen::{DOMID_FIRST_RESERVED, domid_t};

/// One region of an E820 memory map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct E820Region {
    /// The base address.
    pub addr: u64,
    /// The size in bytes.
    pub size: u64,
    /// `E820_*`.
    pub region_type: u32,
}

impl E820Region {
    /// `size` bytes at `addr` of type `region_type` (`E820_*`).
    pub const fn new(addr: u64, size: u64, region_type: u32) -> Self {
        E820Region {
            addr,
            size,
            region_type,
        }
    }
}

/// A domain that exists when the model starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainConfig {
    pub(super) id: domid_t,
    pub(super) max_vcpus: u32,
    pub(super) online_vcpus: u32,
    pub(super) blocked: bool,
    pub(super) tot_pages: u64,
    pub(super) max_pages: u64,
    pub(super) max_gpfn: Option<u64>,
    pub(super) cpu_time_ns: u64,
    pub(super) paused: bool,
    pub(super) dying: bool,
    pub(super) shutdown: Option<u32>,
    pub(super) hvm: bool,
    pub(super) handle: [u8; 16],
}

impl DomainConfig {
    /// Domain `id`: one vCPU, online and running, no memory, not paused.
    pub fn new(id: domid_t) -> Self {
        DomainConfig {
            id,
            max_vcpus: 1,
            online_vcpus: 1,
            blocked: false,
            tot_pages: 0,
            max_pages: 0,
            max_gpfn: None,
            cpu_time_ns: 0,
            paused: false,
            dying: false,
            shutdown: None,
            hvm: false,
            handle: [0; 16],
        }
    }

    /// `max` vCPUs, the first `online` of them online.
    pub fn vcpus(mut self, max: u32, online: u32) -> Self {
        self.max_vcpus = max;
        self.online_vcpus = online;
        self
    }

    /// Whether every online vCPU is blocked (waiting for an event) rather
    /// than running.
    pub fn blocked(mut self, blocked: bool) -> Self {
        self.blocked = blocked;
        self
    }

    /// Pages held and the page limit.
    pub fn pages(mut self, tot: u64, max: u64) -> Self {
        self.tot_pages = tot;
        self.max_pages = max;
        self
    }

    /// What `XENMEM_maximum_gpfn` answers (default: `tot_pages - 1`).
    pub fn max_gpfn(mut self, gpfn: u64) -> Self {
        self.max_gpfn = Some(gpfn);
        self
    }

    /// CPU time used so far, in nanoseconds (split evenly between the
    /// vCPUs).
    pub fn cpu_time_ns(mut self, ns: u64) -> Self {
        self.cpu_time_ns = ns;
        self
    }

    /// Paused by the toolstack (once: one unpause runs it).
    pub fn paused(mut self, paused: bool) -> Self {
        self.paused = paused;
        self
    }

    /// Being destroyed (`XEN_DOMINF_dying`).
    pub fn dying(mut self, dying: bool) -> Self {
        self.dying = dying;
        self
    }

    /// Shut down with `SHUTDOWN_*` code `code`.
    pub fn shutdown(mut self, code: u32) -> Self {
        self.shutdown = Some(code);
        self
    }

    /// An HVM guest rather than PV.
    pub fn hvm(mut self, hvm: bool) -> Self {
        self.hvm = hvm;
        self
    }

    /// The domain's handle (UUID).
    pub fn handle(mut self, handle: [u8; 16]) -> Self {
        self.handle = handle;
        self
    }
}

/// The host, as the model's hypercalls report it.
///
/// The default is the QEMU machine on which a real Xen 4.17.7 and a Debian
/// dom0 were measured: 2 CPUs (1 socket, 2 cores), 1 node, 524158 pages of
/// RAM, credit2, Debian's version, build and command line strings, a
/// 20-byte build id, a short boot log in a 16 KiB console ring, and dom0
/// with 1 GiB and 2 running vCPUs. Each builder method changes one thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostConfig {
    pub(super) release: Release,
    pub(super) major: u16,
    pub(super) minor: u16,
    pub(super) extraversion: String,
    pub(super) changeset: String,
    pub(super) compiler: String,
    pub(super) compile_by: String,
    pub(super) compile_domain: String,
    pub(super) compile_date: String,
    pub(super) capabilities: String,
    pub(super) command_line: String,
    pub(super) build_id: Vec<u8>,
    pub(super) features: u32,
    pub(super) virt_start: u64,
    pub(super) page_size: u64,
    pub(super) nr_cpus: u32,
    pub(super) threads_per_core: u32,
    pub(super) cores_per_socket: u32,
    pub(super) nr_nodes: u32,
    pub(super) cpu_khz: u32,
    pub(super) total_pages: u64,
    pub(super) xen_pages: u64,
    pub(super) max_mfn: u64,
    pub(super) max_ram_page: u64,
    pub(super) physcaps: u32,
    pub(super) hw_cap: [u32; 8],
    pub(super) cpu_idle_ns: u64,
    pub(super) sched_id: u32,
    pub(super) gpaddr_bits: u8,
    pub(super) console_ring_size: u32,
    pub(super) console_text: Vec<u8>,
    pub(super) console_to_ring: bool,
    pub(super) machine_memory_map: Vec<E820Region>,
    pub(super) dom0_memory_map: Option<Vec<E820Region>>,
    pub(super) domains: Vec<DomainConfig>,
}

const COMMAND_LINE: &str = "console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M \
                            dom0_max_vcpus=2 loglvl=all guest_loglvl=all ";

impl Default for HostConfig {
    fn default() -> Self {
        let compiler = "x86_64-linux-gnu-gcc (Debian 12.2.0-14+deb12u1) 12.2.0";
        let date = "Wed Nov  4 16:52:28 UTC 2026";
        let boot_log = format!(
            "(XEN) Xen version 4.17.7 (Debian 4.17.7+13-g2445b30a44-0+deb12u1) \
             (pkg-xen-devel@lists.alioth.debian.org) ({compiler}) debug=n {date}\n\
             (XEN) Command line: {COMMAND_LINE}\n\
             (XEN) Brought up 2 CPUs\n\
             (XEN) *** Building a PV Dom0 ***\n"
        );
        HostConfig {
            release: Release::Xen4_17,
            major: 4,
            minor: 17,
            extraversion: ".7".into(),
            changeset: String::new(),
            compiler: compiler.into(),
            compile_by: "pkg-xen-devel".into(),
            compile_domain: "lists.alioth.debian.org".into(),
            compile_date: date.into(),
            capabilities: "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 ".into(),
            command_line: COMMAND_LINE.into(),
            build_id: vec![
                0x15, 0x1b, 0x37, 0x3f, 0xd6, 0x4b, 0x32, 0x15, 0x93, 0xbf, 0x98, 0x7f, 0xd9, 0x23,
                0xcd, 0x10, 0xda, 0xba, 0xda, 0xc4,
            ],
            features: 0x0002_28f0,
            virt_start: hcbuf_sys::arch::__HYPERVISOR_VIRT_START,
            page_size: 4096,
            nr_cpus: 2,
            threads_per_core: 1,
            cores_per_socket: 2,
            nr_nodes: 1,
            cpu_khz: 1_996_249,
            total_pages: 524_158,
            xen_pages: 5_928,
            max_mfn: 0x7_ffde,
            max_ram_page: 0x7_ffe0,
            physcaps: XEN_SYSCTL_PHYSCAP_hvm
                | XEN_SYSCTL_PHYSCAP_pv
                | XEN_SYSCTL_PHYSCAP_gnttab_v1
                | XEN_SYSCTL_PHYSCAP_gnttab_v2,
            hw_cap: [0x178b_f3fd, 0x8000_2001, 0x2010_0800, 0x7, 0, 0, 0, 0],
            cpu_idle_ns: 10_000_000_000,
            sched_id: XEN_SCHEDULER_CREDIT2,
            gpaddr_bits: 40,
            console_ring_size: 16 << 10,
            console_text: boot_log.into_bytes(),
            console_to_ring: true,
            machine_memory_map: vec![
                E820Region::new(0, 0x9_fc00, E820_RAM),
                E820Region::new(0x9_fc00, 0x400, E820_RESERVED),
                E820Region::new(0xf_0000, 0x1_0000, E820_RESERVED),
                E820Region::new(0x10_0000, 0x7fee_0000, E820_RAM),
                E820Region::new(0x7ffe_0000, 0x2_0000, E820_RESERVED),
                E820Region::new(0xb000_0000, 0x1000_0000, E820_RESERVED),
                E820Region::new(0xfffc_0000, 0x4_0000, E820_RESERVED),
            ],
            dom0_memory_map: None,
            domains: vec![
                DomainConfig::new(0)
                    .vcpus(2, 2)
                    .pages(262_144, 262_144)
                    .cpu_time_ns(12_400_000_000),
            ],
        }
    }
}

impl HostConfig {
    /// The release the model is: its interface versions, `createdomain`
    /// layout and behaviour (Xen 4.20: `getdomaininfo` answers `ESRCH` for
    /// a missing domain, the `XENVER_*2` queries are answered). Also sets
    /// `XENVER_version` to the release's (`.4` for 4.20, as Debian 13's
    /// 4.20.4), which [`version`](Self::version) may change afterwards.
    pub fn release(mut self, release: Release) -> Self {
        let (major, minor) = release.version();
        self.release = release;
        self.major = major as u16;
        self.minor = minor as u16;
        self.extraversion = match release {
            Release::Xen4_17 => ".7".into(),
            _ => ".4".into(),
        };
        self
    }

    /// `XENVER_version` (`major << 16 | minor`) and `XENVER_extraversion`
    /// (at most 15 bytes are reported, as Xen truncates).
    pub fn version(mut self, major: u16, minor: u16, extra: &str) -> Self {
        self.major = major;
        self.minor = minor;
        self.extraversion = extra.into();
        self
    }

    /// `XENVER_changeset`.
    pub fn changeset(mut self, changeset: &str) -> Self {
        self.changeset = changeset.into();
        self
    }

    /// `XENVER_compile_info`.
    pub fn compile_info(mut self, compiler: &str, by: &str, domain: &str, date: &str) -> Self {
        self.compiler = compiler.into();
        self.compile_by = by.into();
        self.compile_domain = domain.into();
        self.compile_date = date.into();
        self
    }

    /// `XENVER_capabilities`.
    pub fn capabilities(mut self, capabilities: &str) -> Self {
        self.capabilities = capabilities.into();
        self
    }

    /// `XENVER_commandline`.
    pub fn command_line(mut self, command_line: &str) -> Self {
        self.command_line = command_line.into();
        self
    }

    /// `XENVER_build_id` (empty: Xen was built without one, `ENODATA`).
    pub fn build_id(mut self, build_id: &[u8]) -> Self {
        self.build_id = build_id.to_vec();
        self
    }

    /// `XENVER_get_features` submap 0 (`XENFEAT_*` bits).
    pub fn features(mut self, submap0: u32) -> Self {
        self.features = submap0;
        self
    }

    /// `XENVER_pagesize`.
    pub fn page_size(mut self, bytes: u64) -> Self {
        self.page_size = bytes;
        self
    }

    /// The CPUs: `sockets` x `cores_per_socket` x `threads_per_core`, all
    /// online.
    pub fn cpus(mut self, sockets: u32, cores_per_socket: u32, threads_per_core: u32) -> Self {
        self.cores_per_socket = cores_per_socket;
        self.threads_per_core = threads_per_core;
        self.nr_cpus = sockets
            .saturating_mul(cores_per_socket)
            .saturating_mul(threads_per_core);
        self
    }

    /// NUMA nodes online (1 to 64); memory and CPUs are spread evenly.
    pub fn nodes(mut self, nodes: u32) -> Self {
        self.nr_nodes = nodes;
        self
    }

    /// Host memory: `total` pages of RAM, of which Xen itself keeps `xen`
    /// (free memory is what neither Xen nor a domain holds).
    pub fn memory_pages(mut self, total: u64, xen: u64) -> Self {
        self.total_pages = total;
        self.xen_pages = xen;
        self
    }

    /// `physinfo.max_mfn` and `XENMEM_maximum_ram_page`.
    pub fn max_mfn(mut self, max_mfn: u64, max_ram_page: u64) -> Self {
        self.max_mfn = max_mfn;
        self.max_ram_page = max_ram_page;
        self
    }

    /// `physinfo.capabilities` (`XEN_SYSCTL_PHYSCAP_*`).
    pub fn physinfo_capabilities(mut self, caps: u32) -> Self {
        self.physcaps = caps;
        self
    }

    /// `XEN_SYSCTL_sched_id` (`XEN_SCHEDULER_*`).
    pub fn scheduler(mut self, sched_id: u32) -> Self {
        self.sched_id = sched_id;
        self
    }

    /// The console ring's size in bytes (a power of two, 16 KiB by
    /// default) and its contents at start.
    pub fn console(mut self, ring_size: u32, text: &[u8]) -> Self {
        self.console_ring_size = ring_size;
        self.console_text = text.to_vec();
        self
    }

    /// Whether dom0's `CONSOLEIO_write` text goes into the ring (Xen's
    /// `console_to_ring` option; on by default here, off in real Xen).
    pub fn console_to_ring(mut self, on: bool) -> Self {
        self.console_to_ring = on;
        self
    }

    /// The host's E820 map (`XENMEM_machine_memory_map`).
    pub fn machine_memory_map(mut self, map: Vec<E820Region>) -> Self {
        self.machine_memory_map = map;
        self
    }

    /// Dom0's own pseudo-physical map (`XENMEM_memory_map`); `None`, the
    /// default, is what a PV dom0 has (`ENOSYS`).
    pub fn dom0_memory_map(mut self, map: Option<Vec<E820Region>>) -> Self {
        self.dom0_memory_map = map;
        self
    }

    /// Adds a domain, or replaces the one with the same id.
    pub fn domain(mut self, domain: DomainConfig) -> Self {
        self.domains.retain(|d| d.id != domain.id);
        self.domains.push(domain);
        self
    }

    /// Why this configuration cannot be modelled, if it cannot.
    pub(super) fn validate(&self) -> Result<(), String> {
        const MAX_PAGES: u64 = 1 << 40;
        if self.nr_cpus == 0 || self.nr_cpus > 4096 {
            return Err(format!("{} CPUs (1 to 4096)", self.nr_cpus));
        }
        if !(1..=64).contains(&self.nr_nodes) {
            return Err(format!("{} NUMA nodes (1 to 64)", self.nr_nodes));
        }
        // Byte counts of the host's memory must fit a u64 (physinfo and
        // numainfo report bytes, as Xen does).
        if self.total_pages > MAX_PAGES || self.xen_pages > self.total_pages {
            return Err(format!(
                "{} pages of RAM of which Xen keeps {} (at most 2^40 pages, 4 PiB, and Xen's \
                 share at most all of them)",
                self.total_pages, self.xen_pages
            ));
        }
        // A page is a power of two from 4 KiB (x86's) to 1 GiB, and the
        // host's memory in bytes fits a u64.
        let page = self.page_size;
        if !page.is_power_of_two()
            || !(4096..=1 << 30).contains(&page)
            || self.total_pages.checked_mul(page).is_none()
        {
            return Err(format!(
                "a page of {page} bytes (a power of two, 4 KiB to 1 GiB, whose multiple by \
                 the host's {} pages fits 64 bits)",
                self.total_pages
            ));
        }
        let ring = self.console_ring_size;
        if !ring.is_power_of_two() || !(16..=1 << 30).contains(&ring) {
            return Err(format!(
                "a console ring of {ring} bytes (a power of two, 16 B to 1 GiB)"
            ));
        }
        if !self.domains.iter().any(|d| d.id == 0) {
            return Err("no domain 0 (the model's caller is dom0)".into());
        }
        // The domains hold memory the host has (Xen hands out no more).
        let held = self
            .domains
            .iter()
            .try_fold(0u64, |held, d| held.checked_add(d.tot_pages));
        if held.is_none_or(|held| held > self.total_pages - self.xen_pages) {
            return Err(format!(
                "domains holding more pages than the host's {} beside Xen's {}",
                self.total_pages, self.xen_pages
            ));
        }
        for d in &self.domains {
            if d.id >= DOMID_FIRST_RESERVED {
                return Err(format!("domain id {:#x} is reserved", d.id));
            }
            if d.online_vcpus > d.max_vcpus || d.max_vcpus > 8192 {
                return Err(format!(
                    "domain {}: {} of {} vCPUs online (at most 8192)",
                    d.id, d.online_vcpus, d.max_vcpus
                ));
            }
        }
        Ok(())
    }
}
