//! The typed API against the real Xen, checked against sources that do not
//! go through hcbuf: Linux's `/sys/hypervisor`, and the QEMU machine and
//! Xen command line `cargo xtask dom0` boots (`-smp 2 -m 2048`,
//! `dom0_mem=1024M,max:1024M dom0_max_vcpus=2`).
//!
//! Built only with the `dom0-tests` feature, which the dom0 harness enables
//! inside a real dom0; there every test fails (never skips) unless privcmd
//! opens. Each check runs twice: with `Pool::new()` (the
//! `/dev/xen/hypercall` device in dom0) and with `Pool::locked_anonymous()`.
#![cfg(feature = "dom0-tests")]

mod common;

use hcbuf_core::Release;
use std::mem::offset_of;
use std::time::{Duration, Instant};

use common::poke_u32;
use hcbuf_core::api::{
    Batch, CpuMap, CpuTopology, Error, GrantStatus, GrantTableSize, OwnPort, PortStatus, Xen,
};
use hcbuf_core::backend::privcmd::Privcmd;
use hcbuf_core::sys::domctl::{
    XEN_DOMCTL_GRANT_version_mask, XEN_INVALID_MAX_VCPU_ID, XEN_SCHEDULER_CREDIT,
    XEN_SCHEDULER_CREDIT2, xen_domctl,
};
use hcbuf_core::sys::errno::{
    XEN_EACCES, XEN_EBUSY, XEN_EINVAL, XEN_ENOBUFS, XEN_ENOENT, XEN_ENOSYS, XEN_EPERM, XEN_ESRCH,
};
use hcbuf_core::sys::grant_table::{GNTST_bad_domain, GNTST_general_error};
use hcbuf_core::sys::sysctl::xen_sysctl;
use hcbuf_core::sys::xen::DOMID_SELF;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::{CreateDomain, GetDomainInfo, SchedCredit, SchedCredit2};
use hcbuf_core::xen::sysctl::{Credit2Schedule, CreditSchedule, PhysInfo};
use hcbuf_core::xen::version::VersionNumber;
use hcbuf_core::{Backend, HypercallArgs, Pool, XenErrno};

/// The memory QEMU gives the machine (`-m 2048`), in MiB.
const HOST_MIB: u64 = 2048;
/// dom0's memory (`dom0_mem=1024M,max:1024M`), in MiB.
const DOM0_MIB: u64 = 1024;
/// The machine's CPUs (`-smp 2`) and dom0's vCPUs (`dom0_max_vcpus=2`).
const CPUS: u32 = 2;

/// Which pool a run uses.
#[derive(Clone, Copy, Debug)]
enum Source {
    /// `Pool::new()`: the hypercall buffer device in dom0.
    Device,
    /// `Pool::locked_anonymous()`: the fallback.
    Locked,
}

/// A handle on the real Xen with a pool from `source`.
fn xen(source: Source) -> Xen<Privcmd> {
    let privcmd = Privcmd::open().expect("inside dom0, /dev/xen/privcmd opens");
    let pool = match source {
        Source::Device => {
            let pool = Pool::new().expect("a pool");
            assert!(
                pool.never_faults(),
                "in dom0, Pool::new() is on /dev/xen/hypercall"
            );
            pool
        }
        Source::Locked => {
            let pool = Pool::locked_anonymous();
            assert!(!pool.never_faults());
            pool
        }
    };
    Xen::new(privcmd, pool)
}

/// Every call's buffers were freed.
fn assert_all_freed(xen: &Xen<Privcmd>) {
    let stats = xen.pool().stats();
    assert_eq!(stats.live(), 0, "{stats:?}");
}

/// Each check as two tests, one per pool.
macro_rules! both_pools {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn device_pool() {
                    let xen = super::xen(super::Source::Device);
                    super::$name(&xen);
                    super::assert_all_freed(&xen);
                }

                #[test]
                fn locked_anonymous_pool() {
                    let xen = super::xen(super::Source::Locked);
                    super::$name(&xen);
                    super::assert_all_freed(&xen);
                }
            }
        )*
    };
}

both_pools!(
    version_matches_sysfs,
    properties_match_sysfs,
    host_and_dom0_match_the_machine,
    console_write_goes_where_xen_says,
    debug_key_h_lists_the_handlers_in_the_ring,
    a_domain_lives_and_dies,
    errors_come_back_as_xen_errnos,
    topology_and_numa_match_the_machine,
    dom0_vcpus_are_online,
    reservations_match_domain_info,
    scheduler_and_platform_are_xens_defaults,
    hypfs_buildinfo_matches_sysfs,
    a_multicall_batch_returns_every_result,
    event_channels_between_two_created_domains,
    grant_tables_of_a_created_domain,
    control_calls_answer_as_xen_does,
    vcpu_affinity_and_node_affinity_of_a_new_domain,
    a_cpupool_takes_a_cpu_and_a_domain_and_gives_them_back,
    credit2_parameters_of_a_domain_and_pool_0,
    credit_parameters_in_a_credit_pool,
);

/// A sysfs file's contents, without the trailing newline; `None` if it
/// does not exist.
fn sysfs(path: &str) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Some(text.strip_suffix('\n').unwrap_or(&text).to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("cannot read {path}: {e}"),
    }
}

/// A sysfs file that must exist in this dom0.
fn sysfs_required(path: &str) -> String {
    sysfs(path).unwrap_or_else(|| panic!("{path} does not exist"))
}

/// Xen's major and minor version, as Linux reports them in sysfs.
fn sysfs_version() -> (u32, u32) {
    let number = |part: &str| -> u32 {
        let path = format!("/sys/hypervisor/version/{part}");
        let text = sysfs_required(&path);
        text.parse()
            .unwrap_or_else(|e| panic!("{path}: {text:?} is not a number: {e}"))
    };
    (number("major"), number("minor"))
}

fn version_matches_sysfs(xen: &Xen<Privcmd>) {
    let v = xen.version().unwrap();
    let (major, minor) = sysfs_version();
    let extra = sysfs_required("/sys/hypervisor/version/extra");
    assert_eq!(
        (v.major, v.minor, v.extra.as_str()),
        (major, minor, &*extra)
    );
    // The release `cargo xtask dom0` booted (it boots each one hcbuf
    // speaks), and the one the handle detected.
    let booted = std::env::var("HCBUF_DOM0_XEN")
        .expect("HCBUF_DOM0_XEN names the release `cargo xtask dom0` booted");
    assert_eq!(format!("{}.{}", v.major, v.minor), booted, "the Xen booted");
    assert_eq!(
        Ok(xen.release().unwrap()),
        Release::of_version(v.major, v.minor)
    );
}

fn properties_match_sysfs(xen: &Xen<Privcmd>) {
    assert_eq!(
        xen.capabilities().unwrap(),
        sysfs_required("/sys/hypervisor/properties/capabilities")
    );
    assert_eq!(
        xen.changeset().unwrap(),
        sysfs_required("/sys/hypervisor/properties/changeset")
    );
    // Linux prints the page size in hex, without `0x`.
    let page = u64::from_str_radix(&sysfs_required("/sys/hypervisor/properties/pagesize"), 16)
        .expect("a hex page size");
    assert_eq!(xen.page_size().unwrap(), page);
    assert_eq!(page, 4096);

    let info = xen.compile_info().unwrap();
    assert_eq!(
        info.compiler,
        sysfs_required("/sys/hypervisor/compilation/compiler")
    );
    assert_eq!(
        info.compile_by,
        sysfs_required("/sys/hypervisor/compilation/compiled_by")
    );
    assert_eq!(
        info.compile_date,
        sysfs_required("/sys/hypervisor/compilation/compile_date")
    );

    // Linux prints the raw id bytes with `%s` (up to the first NUL).
    let id = xen.build_id().unwrap();
    assert!(!id.is_empty());
    let sys = std::fs::read("/sys/hypervisor/properties/buildid").unwrap();
    let end = id.iter().position(|&b| b == 0).unwrap_or(id.len());
    assert!(
        sys.starts_with(&id[..end]),
        "build id {id:02x?}, sysfs {sys:02x?}"
    );
}

fn host_and_dom0_match_the_machine(xen: &Xen<Privcmd>) {
    let host = xen.physinfo().unwrap();
    assert_eq!(host.nr_cpus, CPUS, "{host:?}");
    let page = xen.page_size().unwrap();
    let total = host.total_pages * page;
    within_10_percent("host memory", total, HOST_MIB << 20);
    assert!(host.free_pages < host.total_pages, "{host:?}");

    let dom0 = xen.domain(0).unwrap();
    assert_eq!(dom0.domid, 0);
    assert_eq!(dom0.online_vcpus, CPUS, "{dom0:?}");
    assert_eq!(dom0.max_vcpu_id, CPUS - 1, "{dom0:?}");
    assert!(!dom0.hvm, "a PV dom0");
    assert!(!dom0.state.paused && !dom0.state.dying, "{dom0:?}");
    within_10_percent("dom0 memory", dom0.tot_pages * page, DOM0_MIB << 20);

    let all = xen.domains().unwrap();
    let listed = all.iter().find(|d| d.domid == 0).expect("dom0 is listed");
    assert_eq!(listed.tot_pages, dom0.tot_pages);
    assert_eq!(listed.online_vcpus, dom0.online_vcpus);
    assert_eq!(listed.handle, dom0.handle);
}

fn within_10_percent(what: &str, got: u64, want: u64) {
    let (lo, hi) = (want - want / 10, want + want / 10);
    assert!(
        (lo..=hi).contains(&got),
        "{what}: {got} bytes, not within 10% of {want}"
    );
}

/// Xen puts the hardware domain's `console_io` writes on the serial line,
/// and into its console ring only with `console_to_ring` on its command
/// line. The write must succeed; the ring must hold the marker exactly
/// when the command line asks for it. (The serial line itself is read on
/// the host: the marker also goes to stdout as a `DOM0MARKER` line.)
fn console_write_goes_where_xen_says(xen: &Xen<Privcmd>) {
    // Unique per run: the two pools run in one process, one after the other.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let marker = format!("hcbuf-dom0-marker-{}-{nanos}", std::process::id());
    xen.console_write(format!("{marker}\n").as_bytes()).unwrap();
    println!("DOM0MARKER {marker}");

    let mut index = 0;
    let ring = xen.console_read(&mut index, false, false).unwrap();
    assert!(!ring.is_empty(), "Xen's boot messages are in the ring");
    let ring = String::from_utf8_lossy(&ring);
    let to_ring = xen
        .command_line()
        .unwrap()
        .split_whitespace()
        .any(|w| w == "console_to_ring" || w == "console_to_ring=1");
    if !to_ring {
        // With console_to_ring, dom0's own boot messages fill the ring and
        // push Xen's banner out.
        assert!(ring.contains("Xen version"), "the ring holds Xen's banner");
    }
    assert_eq!(
        ring.contains(&marker),
        to_ring,
        "the marker is in the ring exactly when console_to_ring is set"
    );
}

/// `h` (Xen's own key) writes the handler list to the console ring, after
/// what was there; a key without a handler and no key at all are accepted
/// and ignored (nothing is pressed that acts: `h` only prints).
fn debug_key_h_lists_the_handlers_in_the_ring(xen: &Xen<Privcmd>) {
    let mut index = 0;
    xen.console_read(&mut index, false, false).unwrap();
    xen.debug_keys("h").unwrap();
    let new = xen.console_read(&mut index, true, false).unwrap();
    let new = String::from_utf8_lossy(&new);
    assert!(
        new.contains("'h' pressed -> showing installed handlers"),
        "{new}"
    );
    assert!(
        new.contains(" key 'h' (ascii '68') => show this message"),
        "{new}"
    );
    xen.debug_keys("").unwrap();
    xen.debug_keys("\u{1}").unwrap();
}

/// A PV domain as libxl configures an empty one (no CDF flags, one
/// vCPU, libxl's default limits, grant table version 1 at most), which is
/// destroyed when dropped (after a failed assertion too).
struct TestDomain<'a> {
    xen: &'a Xen<Privcmd>,
    id: u16,
    config: CreateDomain,
}

impl<'a> TestDomain<'a> {
    /// Creates it, with `handle` as its UUID.
    fn create(xen: &'a Xen<Privcmd>, handle: [u8; 16]) -> Self {
        let config = CreateDomain {
            handle,
            max_vcpus: 1,
            max_evtchn_port: 1023,
            max_grant_frames: 32,
            max_maptrack_frames: 1024,
            grant_opts: 1 & XEN_DOMCTL_GRANT_version_mask,
            ..Default::default()
        };
        let id = xen.create_domain(0, config).unwrap();
        TestDomain { xen, id, config }
    }

    /// Destroys it and waits until Xen has dropped its last reference
    /// (it may linger, dying, meanwhile), at most 10 s.
    fn destroy_and_wait(self) {
        let (xen, id) = (self.xen, self.id);
        xen.destroy_domain(id).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match xen.domain(id) {
                Err(e) if e.errno() == Some(XenErrno(XEN_ESRCH)) => break,
                Ok(info) if Instant::now() < deadline => {
                    assert!(info.state.dying, "{info:?}");
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => panic!("domain {id} after destroy: {other:?}"),
            }
        }
        assert!(!xen.domains().unwrap().iter().any(|d| d.domid == id));
    }
}

impl Drop for TestDomain<'_> {
    fn drop(&mut self) {
        // Gone already after `destroy_and_wait` (ESRCH).
        let _ = self.xen.destroy_domain(self.id);
    }
}

fn a_domain_lives_and_dies(xen: &Xen<Privcmd>) {
    let domain = TestDomain::create(xen, *b"hcbuf-dom0-test!");
    let (domid, config) = (domain.id, domain.config);
    assert!(domid > 0 && domid < 0x7ff0, "{domid}");
    let info = xen.domain(domid).unwrap();
    assert_eq!(info.domid, domid);
    assert_eq!(info.handle, config.handle);
    assert!(!info.hvm);
    // Xen (4.17 and 4.20 alike) creates a domain's vCPUs when the
    // toolstack builds it, not with the domain: none yet, and the invalid
    // largest id.
    assert_eq!(info.online_vcpus, 0, "{info:?}");
    assert_eq!(info.max_vcpu_id, XEN_INVALID_MAX_VCPU_ID, "{info:?}");
    assert!(info.state.paused, "a new domain is paused: {info:?}");
    assert!(xen.domains().unwrap().iter().any(|d| d.domid == domid));
    // No memory yet.
    assert_eq!(xen.current_reservation(domid).unwrap(), 0);
    assert_eq!(xen.maximum_reservation(domid).unwrap(), 0);

    // Xen (4.17 and 4.20) takes only the createdomain `max_vcpus` here
    // (anything else is EINVAL); it then allocates the vCPU array, so the
    // largest id becomes valid while the vCPU stays offline.
    for wrong in [0, 2] {
        let e = xen.set_max_vcpus(domid, wrong).unwrap_err();
        assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{wrong}: {e:?}");
    }
    xen.set_max_vcpus(domid, config.max_vcpus).unwrap();
    let info = xen.domain(domid).unwrap();
    assert_eq!(info.max_vcpu_id, config.max_vcpus - 1, "{info:?}");
    assert_eq!(info.online_vcpus, 0, "{info:?}");
    let vcpu = xen.vcpu_info(domid, 0).unwrap();
    assert!(!vcpu.online && !vcpu.running, "{vcpu:?}");
    assert_eq!(vcpu.cpu_time_ns, 0, "{vcpu:?}");

    xen.set_max_mem(domid, 64 << 10).unwrap();
    let info = xen.domain(domid).unwrap();
    assert_eq!(info.max_pages, (64 << 20) / 4096, "{info:?}");
    assert_eq!(xen.maximum_reservation(domid).unwrap(), info.max_pages);

    xen.unpause_domain(domid).unwrap();
    assert!(!xen.domain(domid).unwrap().state.paused);
    xen.pause_domain(domid).unwrap();
    assert!(xen.domain(domid).unwrap().state.paused);

    domain.destroy_and_wait();
}

/// A hypercall number Xen does not have.
/// Hypercall 60, which Xen does not have: one integer.
struct NoSuchHypercall;

// SAFETY: Xen has no hypercall 60 (it answers `ENOSYS`), so no
// register is read as an address.
unsafe impl hcbuf_core::signature::Signature for NoSuchHypercall {
    const TEXT: &'static str = "hypercall 60(unsigned int)";
    type R0 = hcbuf_core::signature::kind::Int;
    type R1 = hcbuf_core::signature::kind::Absent;
    type R2 = hcbuf_core::signature::kind::Absent;
    type R3 = hcbuf_core::signature::kind::Absent;
    type R4 = hcbuf_core::signature::kind::Absent;
}

#[derive(HypercallArgs)]
#[hypercall(op = 60, signature = NoSuchHypercall)]
struct Op60 {
    cmd: u32,
}

fn errors_come_back_as_xen_errnos(xen: &Xen<Privcmd>) {
    let esrch = xen.domain(0x7000).unwrap_err();
    assert!(matches!(esrch, Error::Xen { .. }), "{esrch:?}");
    assert_eq!(esrch.errno(), Some(XenErrno(XEN_ESRCH)));

    assert_eq!(
        xen.backend().hypercall(&Op60 { cmd: 0 }),
        Err(XenErrno(XEN_ENOSYS))
    );

    // A wrong interface version is refused before anything else.
    let release = xen.release().unwrap();
    let mut op = Op::sysctl(release, xen.pool(), PhysInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_sysctl, interface_version), 0x14);
    assert_eq!(
        xen.backend().hypercall(&op.call()),
        Err(XenErrno(XEN_EACCES))
    );
    assert_eq!(*op.payload(), PhysInfo::default(), "nothing written");
    drop(op);
    let mut op = Op::domctl(release, xen.pool(), 0, GetDomainInfo::default()).unwrap();
    poke_u32(&mut op, offset_of!(xen_domctl, interface_version), 0x14);
    assert_eq!(
        xen.backend().hypercall(&op.call()),
        Err(XenErrno(XEN_EACCES))
    );
    assert_eq!(*op.payload(), GetDomainInfo::default(), "nothing written");
}

fn topology_and_numa_match_the_machine(xen: &Xen<Privcmd>) {
    let host = xen.physinfo().unwrap();
    let cpus = xen.cpu_topology().unwrap();
    println!("cpu_topology: {cpus:?}");
    assert_eq!(cpus.len(), CPUS as usize, "{cpus:?}");
    assert_eq!(cpus.len(), host.nr_cpus as usize);
    // One NUMA node (QEMU without `-numa`), every CPU online.
    for cpu in &cpus {
        assert!(
            matches!(
                cpu,
                CpuTopology {
                    core: Some(_),
                    socket: Some(_),
                    node: Some(0)
                }
            ),
            "{cpus:?}"
        );
    }
    // The shape physinfo reports: sockets x cores x threads = CPUs.
    let mut sockets: Vec<_> = cpus.iter().map(|c| c.socket).collect();
    sockets.sort();
    sockets.dedup();
    assert_eq!(
        sockets.len() as u32 * host.cores_per_socket * host.threads_per_core,
        host.nr_cpus,
        "{host:?} {cpus:?}"
    );
    let mut cores: Vec<_> = cpus.iter().map(|c| (c.socket, c.core)).collect();
    cores.sort();
    cores.dedup();
    assert_eq!(
        cores.len() as u32 * host.threads_per_core,
        host.nr_cpus,
        "{cpus:?}"
    );

    let (nodes, distances) = xen.numa_info().unwrap();
    println!("numa_info: {nodes:?} {distances:?}");
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    assert_eq!(host.nr_nodes, 1, "{host:?}");
    // The ACPI local distance.
    assert_eq!(distances, vec![vec![10]]);
    let size = nodes[0].size.expect("node 0 has memory");
    within_10_percent("node 0 memory", size, HOST_MIB << 20);
    let page = xen.page_size().unwrap();
    // The node spans all of the host's RAM (a little more: holes).
    assert!(size >= host.total_pages * page, "{size} {host:?}");
    within_10_percent("node 0 memory vs physinfo", size, host.total_pages * page);
    assert!(nodes[0].free <= size, "{nodes:?}");
    // Free memory moves a little between the two calls.
    within_10_percent(
        "node 0 free vs physinfo",
        nodes[0].free,
        host.free_pages * page,
    );
}

fn dom0_vcpus_are_online(xen: &Xen<Privcmd>) {
    // Linux's own count of its (v)CPUs.
    let online = sysfs_required("/sys/devices/system/cpu/online");
    assert_eq!(online, format!("0-{}", CPUS - 1));
    let dom0 = xen.domain(0).unwrap();
    let mut time = 0;
    for vcpu in 0..CPUS {
        let info = xen.vcpu_info(0, vcpu).unwrap();
        println!("vcpu_info(0, {vcpu}): {info:?}");
        assert!(info.online, "{vcpu}: {info:?}");
        assert!(info.cpu < CPUS, "{vcpu}: {info:?}");
        assert!(info.cpu_time_ns > 0, "{vcpu}: {info:?}");
        time += info.cpu_time_ns;
    }
    // The domain's time is the sum of its vCPUs' (read a moment later).
    // Xen adds a running vCPU's time since it last changed state as the
    // reading CPU's clock sees it, and QEMU's two CPUs' clocks drift a
    // few milliseconds apart (seen: 4.6 ms, after the cpupool tests moved
    // dom0's vCPUs between CPUs): a running vCPU read from the other CPU
    // may show that much less. Allowed: 50 ms.
    const SKEW_NS: u64 = 50_000_000;
    assert!(dom0.cpu_time_ns <= time + SKEW_NS, "{dom0:?} vs {time}");
    let e = xen.vcpu_info(0, CPUS).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e:?}");
    let e = xen.vcpu_info(0x7000, 0).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ESRCH)), "{e:?}");
}

fn reservations_match_domain_info(xen: &Xen<Privcmd>) {
    let dom0 = xen.domain(0).unwrap();
    let current = xen.current_reservation(0).unwrap();
    let maximum = xen.maximum_reservation(0).unwrap();
    let gpfn = xen.maximum_gpfn(0).unwrap();
    // (No `{dom0:?}`: the harness takes a line saying "crashed" for a crash.)
    println!(
        "domain 0 pages: current {current}, maximum {maximum}, max gpfn {gpfn}; tot {}, max {}",
        dom0.tot_pages, dom0.max_pages
    );
    assert_eq!(current, dom0.tot_pages);
    assert_eq!(maximum, dom0.max_pages);
    // `dom0_mem=1024M,max:1024M`: both exactly 1 GiB of pages.
    let page = xen.page_size().unwrap();
    assert_eq!(current * page, DOM0_MIB << 20);
    assert_eq!(maximum * page, DOM0_MIB << 20);
    // A PV dom0's pseudo-physical map covers all its pages (plus holes).
    assert!(gpfn > 0 && gpfn + 1 >= current, "{gpfn} {current}");
    within_10_percent("dom0 max gpfn", (gpfn + 1) * page, DOM0_MIB << 20);

    let host = xen.physinfo().unwrap();
    let ram = xen.maximum_ram_page().unwrap();
    println!("maximum_ram_page {ram}; {host:?}");
    // The highest RAM frame is past every page of RAM; physinfo's
    // `max_mfn` is the last frame, one below.
    assert!(ram >= host.total_pages, "{ram} {host:?}");
    assert_eq!(ram, host.max_mfn + 1, "{host:?}");
    within_10_percent("max RAM page", ram * page, HOST_MIB << 20);

    let e = xen.current_reservation(0x7000).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ESRCH)), "{e:?}");
}

fn scheduler_and_platform_are_xens_defaults(xen: &Xen<Privcmd>) {
    // Linux has no scheduler file in /sys/hypervisor; the command line
    // picks none, so it is Xen's default, credit2 (4.17 and 4.20).
    assert!(sysfs("/sys/hypervisor/properties/scheduler").is_none());
    let cmdline = xen.command_line().unwrap();
    assert!(
        !cmdline.split_whitespace().any(|w| w.starts_with("sched=")),
        "{cmdline}"
    );
    assert_eq!(xen.scheduler_id().unwrap(), XEN_SCHEDULER_CREDIT2);

    // Linux prints the PV virtual start in hex, without `0x`.
    let start = u64::from_str_radix(
        &sysfs_required("/sys/hypervisor/properties/virtual_start"),
        16,
    )
    .expect("a hex address");
    assert_eq!(xen.platform_parameters().unwrap(), start);
    assert_eq!(start, 0xffff_8000_0000_0000, "x86_64 PV");
}

fn hypfs_buildinfo_matches_sysfs(xen: &Xen<Privcmd>) {
    // Debian's Xen 4.17 and 4.20 have hypfs. `/buildinfo/version` is a directory:
    // its entries do not fit in 64 bytes.
    let e = xen.hypfs_read("/buildinfo/version", 64).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ENOBUFS)), "{e:?}");
    assert!(!xen.hypfs_read("/", 4096).unwrap().is_empty());

    // Its leaves: the numbers as native `unsigned int`s, the suffix as a
    // NUL-terminated string.
    let number = |path: &str| {
        let bytes = xen.hypfs_read(path, 64).unwrap();
        u32::from_ne_bytes(bytes.as_slice().try_into().expect("4 bytes"))
    };
    let (major, minor) = sysfs_version();
    assert_eq!(number("/buildinfo/version/major"), major);
    assert_eq!(number("/buildinfo/version/minor"), minor);
    let extra = xen.hypfs_read("/buildinfo/version/extra", 64).unwrap();
    let extra = extra.strip_suffix(b"\0").unwrap_or(&extra);
    assert_eq!(
        extra,
        sysfs_required("/sys/hypervisor/version/extra").as_bytes()
    );
    let e = xen.hypfs_read("/no/such/node", 64).unwrap_err();
    assert!(e.errno().is_some(), "{e:?}");
}

fn a_multicall_batch_returns_every_result(xen: &Xen<Privcmd>) {
    let v = xen.version().unwrap();
    let want = (u64::from(v.major) << 16) | u64::from(v.minor);
    let call = VersionNumber::default();
    let mut batch = Batch::new();
    for i in 0..16 {
        assert_eq!(batch.push(&call), i);
    }
    assert_eq!(batch.len(), 16);
    let results = xen.multicall(batch).unwrap();
    assert_eq!(results, vec![Ok(want); 16]);
    assert_eq!(xen.multicall(Batch::new()).unwrap(), vec![]);
}

/// A port of dom0 this test bound, closed on drop if the test fails
/// before closing it.
struct Bound<'a>(&'a Xen<Privcmd>, Option<OwnPort>);

impl Drop for Bound<'_> {
    fn drop(&mut self) {
        if let Some(port) = self.1.take() {
            let _ = self.0.evtchn_close(port);
        }
    }
}

/// `xc_evtchn_alloc_unbound`, `xc_evtchn_status` and the event channel
/// device's bind and close, on two domains this test creates: a port of
/// `a` for `b` and one for dom0, dom0 bound to the latter and closed.
fn event_channels_between_two_created_domains(xen: &Xen<Privcmd>) {
    let domain_a = TestDomain::create(xen, *b"hcbuf-evtchn-a!!");
    let domain_b = TestDomain::create(xen, *b"hcbuf-evtchn-b!!");
    let (a, b) = (domain_a.id, domain_b.id);
    // A new domain's port 0 is reserved: its first ports are 1 and 2.
    let for_b = xen.evtchn_alloc_unbound(a, b).unwrap();
    let for_dom0 = xen.evtchn_alloc_unbound(a, 0).unwrap();
    assert_eq!((for_b, for_dom0), (1, 2));
    assert_eq!(
        xen.evtchn_status(a, for_b).unwrap(),
        PortStatus::Unbound {
            remote_dom: b,
            vcpu: 0
        }
    );
    // Xen allocates ports by buckets of 64 (a page of 64-byte channels):
    // the rest of the first is closed, the next not allocated.
    assert_eq!(xen.evtchn_status(a, 0).unwrap(), PortStatus::Closed);
    assert_eq!(xen.evtchn_status(a, 63).unwrap(), PortStatus::Closed);
    let e = xen.evtchn_status(a, 64).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e}");
    let e = xen.evtchn_status(0x7000, 1).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ESRCH)), "{e}");
    // dom0 binds for itself: not to the port that waits for b.
    let e = xen.evtchn_bind_interdomain(a, for_b).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e}");
    assert!(
        e.to_string()
            .starts_with("event_channel_op bind_interdomain: EINVAL"),
        "{e}"
    );

    let own = xen.evtchn_bind_interdomain(a, for_dom0).unwrap();
    let local = own.port();
    let mut guard = Bound(xen, Some(own));
    println!("dom0 port {local} bound to port {for_dom0} of domain {a}");
    assert_eq!(
        xen.evtchn_status(DOMID_SELF, local).unwrap(),
        PortStatus::Interdomain {
            remote_dom: a,
            remote_port: for_dom0,
            vcpu: 0
        }
    );
    assert_eq!(
        xen.evtchn_status(a, for_dom0).unwrap(),
        PortStatus::Interdomain {
            remote_dom: 0,
            remote_port: local,
            vcpu: 0
        }
    );
    xen.evtchn_close(guard.1.take().unwrap()).unwrap();
    drop(guard);
    // a's end waits for dom0 again.
    assert_eq!(
        xen.evtchn_status(a, for_dom0).unwrap(),
        PortStatus::Unbound {
            remote_dom: 0,
            vcpu: 0
        }
    );
    // dom0's own ports come only as tokens: allocating one by number is
    // refused before Xen.
    for dom in [0, DOMID_SELF] {
        let e = xen.evtchn_alloc_unbound(dom, a).unwrap_err();
        assert!(matches!(e, Error::Refused { .. }), "{e}");
    }
    // The port b may bind is still there for it.
    assert_eq!(
        xen.evtchn_status(a, for_b).unwrap(),
        PortStatus::Unbound {
            remote_dom: b,
            vcpu: 0
        }
    );
    domain_b.destroy_and_wait();
    domain_a.destroy_and_wait();
}

/// `xc_gnttab_query_size` and `xc_gnttab_setup_table` on a domain this
/// test creates (at most 32 frames): one frame at first, grown to four,
/// each a machine frame of the host.
fn grant_tables_of_a_created_domain(xen: &Xen<Privcmd>) {
    let domain = TestDomain::create(xen, *b"hcbuf-gnttab-d!!");
    let d = domain.id;
    assert_eq!(
        xen.grant_table_query_size(d).unwrap(),
        GrantTableSize {
            nr_frames: 1,
            max_nr_frames: 32
        }
    );
    let frames = xen.grant_table_setup(d, 4).unwrap();
    println!("domain {d} grant frames {frames:#x?}");
    let host = xen.physinfo().unwrap();
    assert_eq!(frames.len(), 4);
    for (i, f) in frames.iter().enumerate() {
        assert!(
            *f > 0 && *f <= host.max_mfn,
            "frame {i}: {f:#x}, max_mfn {:#x}",
            host.max_mfn
        );
        assert!(
            !frames[..i].contains(f),
            "frame {i} listed twice: {frames:#x?}"
        );
    }
    assert_eq!(xen.grant_table_query_size(d).unwrap().nr_frames, 4);
    // Fewer frames: the first ones, the table unchanged.
    assert_eq!(xen.grant_table_setup(d, 2).unwrap(), frames[..2]);
    assert_eq!(xen.grant_table_query_size(d).unwrap().nr_frames, 4);
    // Past the domain's maximum, and no such domain: in the status.
    let e = xen.grant_table_setup(d, 33).unwrap_err();
    assert_eq!(
        e.grant_status(),
        Some(GrantStatus(GNTST_general_error)),
        "{e}"
    );
    assert!(
        e.to_string()
            .starts_with("grant_table_op setup_table: GNTST_general_error"),
        "{e}"
    );
    let e = xen.grant_table_query_size(0x7000).unwrap_err();
    assert_eq!(e.grant_status(), Some(GrantStatus(GNTST_bad_domain)), "{e}");
    assert_eq!(e.errno(), None);
    domain.destroy_and_wait();
}

/// Remote shutdown, HVM parameters and vCPU contexts, on a PV domain the
/// test creates and on dom0's own vCPUs, with the errnos the software Xen
/// models.
fn control_calls_answer_as_xen_does(xen: &Xen<Privcmd>) {
    use hcbuf_core::api::{ShutdownReason, VcpuGuestContext};
    use hcbuf_core::sys::errno::XEN_ENODATA;
    use hcbuf_core::sys::hvm::{HVM_NR_PARAMS, HVM_PARAM_STORE_EVTCHN};

    let domain = TestDomain::create(xen, *b"hcbuf-dom0-ctrl!");
    let domid = domain.id;
    xen.set_max_vcpus(domid, 1).unwrap();
    fn errno<T>(result: Result<T, Error>) -> Option<i32> {
        result.err().and_then(|e| e.errno()).map(|e| e.0)
    }

    // vCPU contexts: never initialised, then refused all-zero (PV, user
    // mode, no user page table); a vCPU that does not exist.
    assert_eq!(errno(xen.vcpu_context(domid, 0)), Some(XEN_ENODATA));
    let zero = VcpuGuestContext::zeroed();
    assert_eq!(
        errno(xen.set_vcpu_context(domid, 0, &zero)),
        Some(XEN_EINVAL)
    );
    assert_eq!(errno(xen.vcpu_context(domid, 1)), Some(XEN_EINVAL));
    // Dom0's own: not the vCPU this thread runs on (pinned to CPU 0, which
    // is dom0's vCPU 0), whose context Xen gives whole.
    // SAFETY: `set` is a plain CPU mask on the stack, valid for the call.
    let pinned = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(0, &mut set);
        libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set)
    };
    assert_eq!(pinned, 0, "pin the test thread to CPU 0");
    assert_eq!(errno(xen.vcpu_context(0, 0)), Some(XEN_EINVAL));
    let other = xen.vcpu_context(0, 1).unwrap();
    let set_words = other.words().iter().filter(|&&w| w != 0).count();
    eprintln!("dom0 vCPU 1's context: {set_words} of 646 words set");
    assert!(set_words > 0, "a running vCPU has registers");
    // Dom0 cannot load a context into itself.
    assert_eq!(errno(xen.set_vcpu_context(0, 1, &other)), Some(XEN_EINVAL));

    // HVM parameters: a PV domain has none; the index is checked first.
    assert_eq!(
        errno(xen.hvm_param(domid, HVM_PARAM_STORE_EVTCHN)),
        Some(XEN_EINVAL)
    );
    assert_eq!(
        errno(xen.hvm_param(0x7fef, HVM_PARAM_STORE_EVTCHN)),
        Some(XEN_ESRCH)
    );
    assert_eq!(
        errno(xen.hvm_param(0x7fef, HVM_NR_PARAMS)),
        Some(XEN_EINVAL)
    );
    assert_eq!(
        errno(xen.set_hvm_param(domid, HVM_PARAM_STORE_EVTCHN, 1)),
        Some(XEN_EINVAL)
    );

    // Remote shutdown: recorded with its reason; the first reason stays.
    assert_eq!(
        errno(xen.shutdown_domain(0x7fef, ShutdownReason::Poweroff)),
        Some(XEN_ESRCH)
    );
    xen.shutdown_domain(domid, ShutdownReason::Reboot).unwrap();
    xen.shutdown_domain(domid, ShutdownReason::Crash).unwrap();
    let state = xen.domain(domid).unwrap().state;
    assert!(state.shutdown && !state.crashed, "{state:?}");
    assert_eq!(state.shutdown_reason, Some(ShutdownReason::Reboot));
    assert!(!state.running, "{state:?}");
}

/// A PV domain with 2 vCPUs for the placement tests, and what they set up:
/// dropped (passed or failed), it moves the domain back to Pool-0,
/// destroys it, gives CPU 1 back to Pool-0 and destroys the test's pool.
struct Placement<'a> {
    xen: &'a Xen<Privcmd>,
    domid: u16,
    pool: Option<u32>,
}

impl<'a> Placement<'a> {
    fn new(xen: &'a Xen<Privcmd>) -> Self {
        let config = CreateDomain {
            handle: *b"hcbuf-placement!",
            max_vcpus: 2,
            max_evtchn_port: 1023,
            max_grant_frames: 32,
            max_maptrack_frames: 1024,
            grant_opts: 1 & XEN_DOMCTL_GRANT_version_mask,
            ..Default::default()
        };
        let domid = xen.create_domain(0, config).unwrap();
        let placement = Placement {
            xen,
            domid,
            pool: None,
        };
        xen.set_max_vcpus(domid, 2).unwrap();
        placement
    }
}

impl Drop for Placement<'_> {
    fn drop(&mut self) {
        let xen = self.xen;
        let _ = xen.cpupool_move_domain(0, self.domid);
        let _ = xen.destroy_domain(self.domid);
        // Until Xen has freed it (and its place in its pool's count).
        let deadline = Instant::now() + Duration::from_secs(10);
        while xen.domain(self.domid).is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(pool) = self.pool {
            let _ = retry_eagain(|| xen.cpupool_remove_cpu(pool, None));
            let _ = xen.cpupool_destroy(pool);
        }
        let free = xen
            .cpupool_free_cpus()
            .map(|m| m.iter().collect::<Vec<_>>());
        for cpu in free.unwrap_or_default() {
            let _ = xen.cpupool_add_cpu(0, Some(cpu));
        }
    }
}

/// `f` again while Xen answers `EAGAIN` (a vCPU it must move away from a
/// CPU is busy), up to 50 times.
fn retry_eagain<T>(mut f: impl FnMut() -> Result<T, Error>) -> Result<T, Error> {
    for _ in 0..50 {
        match f() {
            Err(e) if e.errno() == Some(XenErrno(hcbuf_core::sys::errno::XEN_EAGAIN)) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            other => return other,
        }
    }
    f()
}

fn cpus(bits: u32, cpus: &[u32]) -> CpuMap {
    CpuMap::from_cpus(bits, cpus.iter().copied()).unwrap()
}

fn vcpu_affinity_and_node_affinity_of_a_new_domain(xen: &Xen<Privcmd>) {
    let host = xen.physinfo().unwrap();
    let bits = xen.max_cpus().unwrap();
    assert_eq!(bits, host.max_cpu_id + 1);
    assert!(bits >= CPUS, "{bits}");
    let t = Placement::new(xen);
    let domid = t.domid;
    assert_eq!(xen.vcpus(domid).unwrap().len(), 2);

    // A new domain's vCPUs may run, and prefer to run, anywhere.
    for vcpu in 0..2 {
        let a = xen.vcpu_affinity(domid, vcpu).unwrap();
        println!("vcpu {vcpu}: {a:?}");
        assert!(a.hard.is_full() && a.soft.is_full(), "{a:?}");
        assert_eq!(a.hard.nr_bits(), bits);
    }
    // dom0's too (no dom0_vcpus_pin on the command line).
    assert!(xen.vcpu_affinity(0, 1).unwrap().hard.is_full());

    // Hard to CPU 1: Xen reports it back, and keeps it.
    let (hard, soft) = xen
        .set_vcpu_affinity(domid, 0, Some(&cpus(bits, &[1])), None)
        .unwrap();
    assert_eq!(hard, Some(cpus(bits, &[1])));
    assert_eq!(soft, None);
    let a = xen.vcpu_affinity(domid, 0).unwrap();
    assert_eq!(a.hard, cpus(bits, &[1]));
    assert!(a.soft.is_full(), "{a:?}");
    // Soft to CPU 0, outside the hard affinity: kept, reported empty.
    let (_, soft) = xen
        .set_vcpu_affinity(domid, 0, None, Some(&cpus(bits, &[0])))
        .unwrap();
    assert_eq!(soft, Some(CpuMap::new(bits)));
    assert_eq!(xen.vcpu_affinity(domid, 0).unwrap().soft, cpus(bits, &[0]));
    // Both at once on vCPU 1.
    let (hard, soft) = xen
        .set_vcpu_affinity(domid, 1, Some(&CpuMap::all(bits)), Some(&cpus(bits, &[1])))
        .unwrap();
    assert_eq!(hard, Some(CpuMap::all(bits)));
    assert_eq!(soft, Some(cpus(bits, &[1])));

    // Xen's refusals, as the software Xen models them.
    let einval = Some(XenErrno(XEN_EINVAL));
    let none = CpuMap::new(bits);
    let e = xen
        .set_vcpu_affinity(domid, 0, Some(&none), None)
        .unwrap_err();
    assert_eq!(e.errno(), einval, "no CPU: {e:?}");
    let e = xen.set_vcpu_affinity(domid, 0, None, None).unwrap_err();
    assert_eq!(e.errno(), einval, "no flag: {e:?}");
    let e = xen.vcpu_affinity(domid, 2).unwrap_err();
    assert_eq!(e.errno(), einval, "past max_vcpus: {e:?}");
    assert!(e.to_string().starts_with("domctl getvcpuaffinity"), "{e}");
    assert_eq!(xen.vcpu_affinity(domid, 0).unwrap().hard, cpus(bits, &[1]));

    // Node affinity: automatic, the machine's one node; set, then refused
    // without an online node.
    let nodes = xen.max_nodes().unwrap();
    assert_eq!(nodes, host.max_node_id + 1);
    assert_eq!(xen.node_affinity(domid).unwrap(), cpus(nodes, &[0]));
    xen.set_node_affinity(domid, &cpus(nodes, &[0])).unwrap();
    assert_eq!(xen.node_affinity(domid).unwrap(), cpus(nodes, &[0]));
    let e = xen
        .set_node_affinity(domid, &CpuMap::new(nodes))
        .unwrap_err();
    assert_eq!(e.errno(), einval, "{e:?}");
    xen.set_node_affinity(domid, &CpuMap::all(nodes)).unwrap();

    xen.set_time_offset(domid, 3600).unwrap();
    let e = xen.set_time_offset(0x7000, 1).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ESRCH)), "{e:?}");
}

fn a_cpupool_takes_a_cpu_and_a_domain_and_gives_them_back(xen: &Xen<Privcmd>) {
    let bits = xen.max_cpus().unwrap();
    let pools = xen.cpupools().unwrap();
    println!("cpupools: {pools:?}");
    assert_eq!(pools.len(), 1, "only Pool-0 at boot: {pools:?}");
    assert_eq!(pools[0].id, 0);
    assert_eq!(pools[0].sched_id, XEN_SCHEDULER_CREDIT2);
    assert_eq!(pools[0].cpus.count(), CPUS, "{pools:?}");
    assert!(xen.cpupool_free_cpus().unwrap().is_empty());
    let dom0_pool = pools[0].n_dom;

    let mut t = Placement::new(xen);
    let domid = t.domid;
    assert_eq!(xen.cpupool_info(0).unwrap().n_dom, dom0_pool + 1);
    // vCPU 0 may run only on CPU 1, which then leaves Pool-0: Xen breaks
    // the pin.
    xen.set_vcpu_affinity(domid, 0, Some(&cpus(bits, &[1])), None)
        .unwrap();
    xen.set_credit2_params(
        domid,
        SchedCredit2 {
            weight: 512,
            cap: 0,
        },
    )
    .unwrap();

    let id = xen.cpupool_create(None, XEN_SCHEDULER_CREDIT2).unwrap();
    t.pool = Some(id);
    assert!(id > 0);
    let pool = xen.cpupool_info(id).unwrap();
    assert_eq!((pool.id, pool.n_dom, pool.cpus.count()), (id, 0, 0));
    let e = xen.cpupool_move_domain(id, domid).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ENOENT)), "no CPU yet: {e:?}");
    let e = xen.cpupool_remove_cpu(0, Some(0)).unwrap_err();
    assert_eq!(
        e.errno(),
        Some(XenErrno(XEN_EINVAL)),
        "CPU 0 of Pool-0: {e:?}"
    );
    let e = xen.cpupool_move_domain(id, 0).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EPERM)), "dom0 itself: {e:?}");

    retry_eagain(|| xen.cpupool_remove_cpu(0, Some(1))).unwrap();
    assert_eq!(xen.cpupool_free_cpus().unwrap(), cpus(bits, &[1]));
    assert_eq!(xen.cpupool_info(0).unwrap().cpus, cpus(bits, &[0]));
    let a = xen.vcpu_affinity(domid, 0).unwrap();
    assert!(a.hard.is_full(), "the pin to CPU 1 is broken: {a:?}");
    let e = xen.cpupool_add_cpu(id, Some(bits)).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e:?}");
    xen.cpupool_add_cpu(id, Some(1)).unwrap();
    assert!(xen.cpupool_free_cpus().unwrap().is_empty());
    assert_eq!(xen.cpupool_info(id).unwrap().cpus, cpus(bits, &[1]));

    xen.cpupool_move_domain(id, domid).unwrap();
    assert_eq!(xen.domain(domid).unwrap().cpupool, id);
    assert_eq!(xen.cpupool_info(id).unwrap().n_dom, 1);
    assert_eq!(xen.cpupool_info(0).unwrap().n_dom, dom0_pool);
    for (vcpu, info) in xen.vcpus(domid).unwrap().iter().enumerate() {
        assert_eq!(info.cpu, 1, "vcpu {vcpu}: {info:?}");
    }
    // The new scheduler instance's defaults.
    assert_eq!(
        xen.credit2_params(domid).unwrap(),
        SchedCredit2 {
            weight: 256,
            cap: 0
        }
    );
    let e = xen
        .set_vcpu_affinity(domid, 0, Some(&cpus(bits, &[0])), None)
        .unwrap_err();
    assert_eq!(
        e.errno(),
        Some(XenErrno(XEN_EINVAL)),
        "CPU 0 is not the pool's: {e:?}"
    );
    let e = xen.cpupool_destroy(id).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EBUSY)), "{e:?}");

    xen.cpupool_move_domain(0, domid).unwrap();
    assert_eq!(xen.domain(domid).unwrap().cpupool, 0);
    retry_eagain(|| xen.cpupool_remove_cpu(id, None)).unwrap();
    xen.cpupool_destroy(id).unwrap();
    t.pool = None;
    let e = xen.cpupool_destroy(id).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ENOENT)), "{e:?}");
    xen.cpupool_add_cpu(0, Some(1)).unwrap();
    drop(t);
    let pools = xen.cpupools().unwrap();
    assert_eq!(pools.len(), 1, "{pools:?}");
    assert_eq!(pools[0].cpus.count(), CPUS);
    // Xen leaves a destroyed domain's pool when its last reference goes
    // (an RCU callback), a moment after it leaves the domain list.
    let deadline = Instant::now() + Duration::from_secs(10);
    while xen.cpupool_info(0).unwrap().n_dom != dom0_pool && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(xen.cpupool_info(0).unwrap().n_dom, dom0_pool);
}

fn credit2_parameters_of_a_domain_and_pool_0(xen: &Xen<Privcmd>) {
    let t = Placement::new(xen);
    let domid = t.domid;
    let defaults = SchedCredit2 {
        weight: 256,
        cap: 0,
    };
    assert_eq!(xen.credit2_params(domid).unwrap(), defaults);
    assert_eq!(xen.credit2_params(0).unwrap(), defaults);
    xen.set_credit2_params(
        domid,
        SchedCredit2 {
            weight: 512,
            cap: 150,
        },
    )
    .unwrap();
    assert_eq!(
        xen.credit2_params(domid).unwrap(),
        SchedCredit2 {
            weight: 512,
            cap: 150
        }
    );
    // Weight 0 keeps the weight, cap 0 removes the cap.
    xen.set_credit2_params(domid, SchedCredit2 { weight: 0, cap: 0 })
        .unwrap();
    assert_eq!(
        xen.credit2_params(domid).unwrap(),
        SchedCredit2 {
            weight: 512,
            cap: 0
        }
    );
    // Above 100 per vCPU: refused.
    let e = xen
        .set_credit2_params(
            domid,
            SchedCredit2 {
                weight: 0,
                cap: 201,
            },
        )
        .unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("domctl scheduler_op credit2 putinfo"),
        "{e}"
    );
    let e = xen.credit_params(domid).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "not credit: {e:?}");

    // Pool-0's rate limit: Xen's default, then set and restored.
    let before = xen.credit2_pool_params(0).unwrap();
    assert_eq!(before.ratelimit_us, 1000, "sched_ratelimit_us's default");
    let after = xen
        .set_credit2_pool_params(0, Credit2Schedule { ratelimit_us: 2000 })
        .unwrap();
    assert_eq!(after.ratelimit_us, 2000);
    assert_eq!(xen.credit2_pool_params(0).unwrap().ratelimit_us, 2000);
    let e = xen
        .set_credit2_pool_params(0, Credit2Schedule { ratelimit_us: 99 })
        .unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e:?}");
    xen.set_credit2_pool_params(0, before).unwrap();
    assert_eq!(xen.credit2_pool_params(0).unwrap(), before);
    let e = xen.credit2_pool_params(0x7000).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_ESRCH)), "{e:?}");
}

fn credit_parameters_in_a_credit_pool(xen: &Xen<Privcmd>) {
    let mut t = Placement::new(xen);
    let domid = t.domid;
    let id = xen.cpupool_create(None, XEN_SCHEDULER_CREDIT).unwrap();
    t.pool = Some(id);
    retry_eagain(|| xen.cpupool_remove_cpu(0, Some(1))).unwrap();
    xen.cpupool_add_cpu(id, Some(1)).unwrap();
    let pool = xen.cpupool_info(id).unwrap();
    assert_eq!(pool.sched_id, XEN_SCHEDULER_CREDIT, "{pool:?}");
    xen.cpupool_move_domain(id, domid).unwrap();

    // The domain's credit parameters: defaults, set, 0 and 0xffff leave
    // weight and cap alone.
    assert_eq!(
        xen.credit_params(domid).unwrap(),
        SchedCredit {
            weight: 256,
            cap: 0
        }
    );
    xen.set_credit_params(
        domid,
        SchedCredit {
            weight: 100,
            cap: 30,
        },
    )
    .unwrap();
    xen.set_credit_params(
        domid,
        SchedCredit {
            weight: 0,
            cap: 0xffff,
        },
    )
    .unwrap();
    assert_eq!(
        xen.credit_params(domid).unwrap(),
        SchedCredit {
            weight: 100,
            cap: 30
        }
    );
    let e = xen.credit2_params(domid).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "not credit2: {e:?}");

    // The pool's: Xen's defaults (30 ms slice, 1 ms rate limit, no
    // migration delay on this command line), set, refused out of range.
    let defaults = xen.credit_pool_params(id).unwrap();
    println!("credit pool {id}: {defaults:?}");
    assert_eq!(
        (
            defaults.tslice_ms,
            defaults.ratelimit_us,
            defaults.vcpu_migr_delay_us
        ),
        (30, 1000, 0)
    );
    let set = CreditSchedule {
        tslice_ms: 10,
        ratelimit_us: 500,
        vcpu_migr_delay_us: 100,
    };
    assert_eq!(xen.set_credit_pool_params(id, set).unwrap(), set);
    assert_eq!(xen.credit_pool_params(id).unwrap(), set);
    for bad in [
        CreditSchedule {
            tslice_ms: 0,
            ..set
        },
        CreditSchedule {
            ratelimit_us: 99,
            ..set
        },
        CreditSchedule {
            ratelimit_us: 10_001,
            ..set
        },
        CreditSchedule {
            vcpu_migr_delay_us: 100_001,
            ..set
        },
    ] {
        let e = xen.set_credit_pool_params(id, bad).unwrap_err();
        assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{bad:?}: {e:?}");
    }
    assert_eq!(xen.credit_pool_params(id).unwrap(), set);
    let e = xen.credit2_pool_params(id).unwrap_err();
    assert_eq!(e.errno(), Some(XenErrno(XEN_EINVAL)), "{e:?}");
    // Everything goes back in the guard's drop.
}

// ---------------------------------------------------------------------------
// Foreign memory through privcmd, and the load of many domains. Each runs
// as its own `check` line of `checks.sh` (by exact name), and the
// `dom0-api` line skips them.
// ---------------------------------------------------------------------------

/// A [`TestDomain`] with its one vCPU allocated and room for `pages`
/// pages, its UUID ending in `tag`.
fn pv_domain(xen: &Xen<Privcmd>, tag: u8, pages: u64) -> TestDomain<'_> {
    let mut handle = *b"hcbuf-dom0-map-?";
    handle[15] = tag;
    let domain = TestDomain::create(xen, handle);
    xen.set_max_vcpus(domain.id, 1).unwrap();
    xen.set_max_mem(domain.id, pages * 4).unwrap();
    domain
}

/// Waits (at most `bound`) for a destroyed domain to be gone: Xen lists
/// it, dying, until its last page is freed. Returns how long it took, or
/// the domain's last state.
fn wait_gone(xen: &Xen<Privcmd>, domid: u16, bound: Duration) -> Result<Duration, String> {
    let start = Instant::now();
    loop {
        match xen.domain(domid) {
            Err(e) if e.errno() == Some(XenErrno(XEN_ESRCH)) => return Ok(start.elapsed()),
            Ok(info) if start.elapsed() < bound => {
                assert!(info.state.dying, "destroyed but not dying: {info:?}");
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return Err(format!("domain {domid} after {bound:?}: {other:?}")),
        }
    }
}

mod privcmd_foreign {
    use super::*;
    use hcbuf_core::backend::privcmd::{AccessError, DmOpBuf, ForeignError, MapAccess};
    use hcbuf_core::sys::errno::{XEN_E2BIG, XEN_EPERM};
    use hcbuf_core::sys::memory::{
        XENMEM_resource_grant_table, XENMEM_resource_grant_table_id_shared,
        XENMEM_resource_grant_table_id_status,
    };

    fn os_errno<T: std::fmt::Debug>(r: Result<T, ForeignError>) -> i32 {
        match r {
            Err(e @ ForeignError::Os { .. }) => e.raw_os_error().unwrap(),
            other => panic!("expected an OS error: {other:?}"),
        }
    }

    /// Pages of a PV domain the test populates, mapped with
    /// `MMAPBATCH_V2`, written through one mapping and read through
    /// another; a frame the domain does not own fails in the error array
    /// alone; and a mapping keeps a destroyed domain's frames (and the
    /// domain, dying) until it is dropped.
    #[test]
    fn pages_of_a_new_domain_map_write_and_read_back() {
        let xen = xen(Source::Device);
        let privcmd = xen.backend();
        let domain = pv_domain(&xen, b'1', 4);
        let domid = domain.id;

        let mfns = xen.populate_physmap(domid, 0, &[0, 1, 2]).unwrap();
        assert_eq!(mfns.len(), 3, "{mfns:x?}");
        assert_eq!(xen.domain(domid).unwrap().tot_pages, 3);
        println!("domain {domid}: gpfns 0..3 populated at mfns {mfns:#x?}");

        let rw = privcmd
            .map_foreign(domid, &mfns[..2], MapAccess::Writable)
            .unwrap();
        assert!(rw.all_mapped(), "{:?}", rw.errors());
        assert_eq!((rw.pages(), rw.len(), rw.domid()), (2, 8192, domid));
        // A pattern across the page boundary.
        let pattern: Vec<u8> = (0..8192u32).map(|i| (i * 31 + 7) as u8).collect();
        rw.write(0, &pattern).unwrap();
        assert_eq!(rw.read_vec(0, 8192).unwrap(), pattern);

        // The same frames again, the other way round and read-only.
        let ro = privcmd
            .map_foreign(domid, &[mfns[1], mfns[0]], MapAccess::ReadOnly)
            .unwrap();
        assert!(ro.all_mapped(), "{:?}", ro.errors());
        assert_eq!(ro.read_vec(0, 4096).unwrap(), pattern[4096..]);
        assert_eq!(ro.read_vec(4096, 4096).unwrap(), pattern[..4096]);
        assert_eq!(ro.write(0, b"x"), Err(AccessError::ReadOnly));
        // A write through the first shows through the second.
        rw.write(4096 + 100, b"hcbuf").unwrap();
        assert_eq!(ro.read_vec(100, 5).unwrap(), b"hcbuf");
        drop(ro);

        // A frame past the host's RAM in the middle of two good ones: it
        // fails in the error array, the others map, and the process
        // lives (touching it is refused, not SIGBUS).
        let beyond = xen.maximum_ram_page().unwrap() + 0x10;
        let mixed = privcmd
            .map_foreign(domid, &[mfns[2], beyond, mfns[0]], MapAccess::ReadOnly)
            .unwrap();
        println!(
            "mfn {beyond:#x} (past RAM) in a batch: errors {:?}",
            mixed.errors()
        );
        assert_eq!(mixed.errors().len(), 3);
        assert_eq!((mixed.error(0), mixed.error(2)), (None, None));
        // Not RAM: I/O memory the domain may not map.
        let errno = mixed.error(1).expect("a frame past RAM fails");
        assert_eq!(errno, XenErrno(XEN_EPERM));
        assert_eq!(
            mixed.read_vec(4096, 1),
            Err(AccessError::NotMapped { page: 1, errno })
        );
        assert_eq!(mixed.read_vec(8192, 4096).unwrap(), pattern[..4096]);
        drop(mixed);

        // Named as the frames of a domain that does not exist: Xen's
        // ESRCH, in the error array.
        let wrong = privcmd
            .map_foreign(0x7000, &mfns[..1], MapAccess::ReadOnly)
            .map(|m| m.errors().to_vec());
        println!("the domain's frame mapped as domain 0x7000's: {wrong:?}");
        assert_eq!(wrong.unwrap(), [-XEN_ESRCH], "no such domain");

        // Destroyed while mapped: the frames stay (the mapping holds
        // them), so the domain stays, dying, until the mapping goes.
        xen.destroy_domain(domid).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        let info = xen.domain(domid).unwrap();
        assert!(info.state.dying && info.tot_pages > 0, "{info:?}");
        assert_eq!(rw.read_vec(4096 + 100, 5).unwrap(), b"hcbuf");
        drop(rw);
        let took = wait_gone(&xen, domid, Duration::from_secs(30)).unwrap();
        println!("domain {domid} gone {took:?} after its mapping was dropped");
        drop(domain);
        assert_all_freed(&xen);
    }

    /// The grant table of a new domain, mapped as a resource
    /// (`MMAP_RESOURCE`), written through one mapping and read through
    /// another.
    #[test]
    fn a_grant_table_maps_as_a_resource() {
        let xen = xen(Source::Device);
        let privcmd = xen.backend();
        let domain = pv_domain(&xen, b'2', 1);
        let domid = domain.id;
        let kind = XENMEM_resource_grant_table;
        let shared = XENMEM_resource_grant_table_id_shared;

        let size = privcmd.resource_size(domid, kind, shared).unwrap();
        println!("domain {domid}: grant table resource of {size} frames");
        assert_eq!(size, 32, "max_grant_frames");
        // Status frames are sized for version 2 but, the domain being at
        // version 1, none can be mapped.
        let status = XENMEM_resource_grant_table_id_status;
        let status_size = privcmd.resource_size(domid, kind, status).unwrap();
        println!("domain {domid}: {status_size} status frames (grant table v2 only)");
        assert!(status_size > 0);
        assert_eq!(
            os_errno(privcmd.map_resource(domid, kind, status, 0, 1, MapAccess::ReadOnly)),
            XEN_EINVAL
        );
        assert_eq!(
            os_errno(privcmd.resource_size(0x7000, kind, shared)),
            XEN_ESRCH
        );

        let first = privcmd
            .map_resource(domid, kind, shared, 0, 2, MapAccess::Writable)
            .unwrap();
        assert!(first.all_mapped() && first.len() == 8192);
        let entry = *b"\x01\x00\x00\x00\x07\x00\x00\x00";
        first.write(4096 + 8 * 5, &entry).unwrap();
        let second = privcmd
            .map_resource(domid, kind, shared, 1, 1, MapAccess::ReadOnly)
            .unwrap();
        assert_eq!(second.read_vec(8 * 5, 8).unwrap(), entry);
        // Past the resource's end.
        assert_eq!(
            os_errno(privcmd.map_resource(domid, kind, shared, 31, 2, MapAccess::ReadOnly)),
            XEN_EINVAL
        );
        drop((first, second));

        domain.destroy_and_wait();
        assert_all_freed(&xen);
    }

    /// `DM_OP` through the kernel's checks to Xen's, and `RESTRICT`: a
    /// descriptor restricted to one domain refuses hypercalls and every
    /// other domain.
    #[test]
    fn dm_op_and_restrict() {
        let xen = xen(Source::Device);
        let domain = pv_domain(&xen, b'3', 1);
        let domid = domain.id;
        let privcmd = Privcmd::open().unwrap();

        // `xen_dm_op` header: op 0 (create_ioreq_server) and padding.
        let mut op = [0u8; 64];
        let dm = |p: &Privcmd, dom: u16, op: &mut [u8]| {
            let mut bufs = [DmOpBuf::new(op)];
            p.dm_op(dom, &mut bufs)
        };
        assert_eq!(privcmd.dm_op(domid, &mut []).unwrap(), 0, "the kernel's");
        assert_eq!(os_errno(dm(&privcmd, 0x7000, &mut op)), XEN_ESRCH);
        assert_eq!(os_errno(dm(&privcmd, 0, &mut op)), XEN_EPERM, "not remote");
        assert_eq!(os_errno(dm(&privcmd, domid, &mut op)), XEN_EINVAL, "PV");
        let mut big = vec![0u8; 4097];
        assert_eq!(os_errno(dm(&privcmd, domid, &mut big)), XEN_E2BIG);
        let mut many: Vec<[u8; 8]> = vec![[0; 8]; 17];
        let mut bufs: Vec<DmOpBuf<'_>> = many.iter_mut().map(|b| DmOpBuf::new(b)).collect();
        assert_eq!(os_errno(privcmd.dm_op(domid, &mut bufs)), XEN_E2BIG);

        privcmd.restrict(domid).unwrap();
        privcmd.restrict(domid).unwrap();
        assert_eq!(
            privcmd.restrict(0).unwrap_err().raw_os_error(),
            Some(XEN_EINVAL)
        );
        assert_eq!(
            privcmd.hypercall(&VersionNumber::default()),
            Err(XenErrno(XEN_EPERM))
        );
        // Only `domid`: others are the kernel's EPERM, before Xen.
        assert_eq!(os_errno(dm(&privcmd, 0x7000, &mut op)), XEN_EPERM);
        assert_eq!(os_errno(dm(&privcmd, domid, &mut op)), XEN_EINVAL);
        let kind = XENMEM_resource_grant_table;
        let shared = XENMEM_resource_grant_table_id_shared;
        assert_eq!(os_errno(privcmd.resource_size(0, kind, shared)), XEN_EPERM);
        assert_eq!(privcmd.resource_size(domid, kind, shared).unwrap(), 32);
        assert_eq!(
            os_errno(privcmd.map_foreign(0, &[0], MapAccess::ReadOnly)),
            XEN_EPERM
        );
        drop(privcmd);

        domain.destroy_and_wait();
        assert_all_freed(&xen);
    }
}

mod load {
    use super::*;

    /// Domains created.
    const DOMAINS: usize = 100;
    /// Pages populated in each.
    const PAGES: u64 = 4;

    /// 100 domains created, configured (vCPUs, memory limit, unpaused and
    /// paused again) and populated (all alive at once),
    /// then destroyed: no domain left, Xen's free memory back to what it
    /// was, and the pool's live count 0. Xen frees some of a domain's
    /// memory after the domain has left its list (RCU), so the free
    /// count is polled, bounded.
    #[test]
    fn a_hundred_domains_leave_nothing_behind() {
        let xen = xen(Source::Device);
        let bound = Duration::from_secs(60);
        let free = |xen: &Xen<Privcmd>| xen.physinfo().unwrap().free_pages;
        let domids = |xen: &Xen<Privcmd>| -> Vec<u16> {
            xen.domains().unwrap().iter().map(|d| d.domid).collect()
        };
        let before_all = domids(&xen);
        assert_eq!(before_all, [0], "only dom0 at the start");

        let start_free = free(&xen);

        let gpfns: Vec<u64> = (0..PAGES).collect();
        let t = Instant::now();
        let mut domains = Vec::with_capacity(DOMAINS);
        for i in 0..DOMAINS {
            let domain = pv_domain(&xen, i as u8, PAGES);
            let id = domain.id;
            domains.push(domain);
            assert_eq!(
                xen.populate_physmap(id, 0, &gpfns).unwrap().len(),
                PAGES as usize
            );
            xen.unpause_domain(id).unwrap();
            xen.pause_domain(id).unwrap();
            let info = xen.domain(id).unwrap();
            assert_eq!((info.tot_pages, info.max_pages), (PAGES, PAGES), "{info:?}");
            assert_eq!(info.max_vcpu_id, 0, "{info:?}");
            assert!(info.state.paused, "{info:?}");
        }
        let created = t.elapsed();
        let ids: Vec<u16> = domains.iter().map(|d| d.id).collect();
        let alive_free = free(&xen);
        let listed = domids(&xen);
        assert_eq!(listed.len(), DOMAINS + 1, "{listed:?}");
        assert!(ids.iter().all(|id| listed.contains(id)));
        assert!(
            start_free - alive_free >= DOMAINS as u64 * PAGES,
            "{start_free} -> {alive_free}"
        );

        let t = Instant::now();
        for &id in &ids {
            xen.destroy_domain(id).unwrap();
        }
        let destroyed = t.elapsed();
        let t = Instant::now();
        for &id in &ids {
            wait_gone(&xen, id, bound).unwrap();
        }
        let drained = t.elapsed();
        // Xen frees some pages after the domains are gone: wait, bounded,
        // for the count to come back.
        let t = Instant::now();
        let mut end_free = free(&xen);
        while end_free != start_free && t.elapsed() < bound {
            std::thread::sleep(Duration::from_millis(50));
            end_free = free(&xen);
        }
        let refilled = t.elapsed();
        // Each destroys its domain again on drop: ESRCH, ignored.
        drop(domains);
        let left = domids(&xen);
        let live = xen.pool().stats().live();
        println!(
            "load: {DOMAINS} domains ({PAGES} pages each): create+configure+populate {:.2} ms \
             per domain, destroy {:.2} ms per domain, all gone {:.0} ms after the last \
             destroy; free pages {start_free} at start, {alive_free} with all alive \
             ({} pages per domain), {end_free} at the end ({:.0} ms after the last was \
             gone); pool live {live}; domains left {left:?}",
            created.as_secs_f64() * 1e3 / DOMAINS as f64,
            destroyed.as_secs_f64() * 1e3 / DOMAINS as f64,
            drained.as_secs_f64() * 1e3,
            (start_free - alive_free) as f64 / DOMAINS as f64,
            refilled.as_secs_f64() * 1e3,
        );
        assert_eq!(left, [0]);
        assert_eq!(end_free, start_free, "Xen's free pages");
        assert_eq!(live, 0);
        assert_all_freed(&xen);
    }
}
