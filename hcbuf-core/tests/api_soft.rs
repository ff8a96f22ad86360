//! The typed API ([`Xen`]) against the software Xen: every public method,
//! on success and on error, with the values the model's host configures;
//! an injected failure, at any of a method's hypercalls, leaves nothing
//! allocated and the handle usable.

use std::mem::offset_of;
use std::sync::atomic::{AtomicU64, Ordering};

use hcbuf_core::api::{BuildInfo, CpuTopology, DomainInfo, Error, NodeInfo, VersionInfo, Xen};
use hcbuf_core::backend::soft::{DomainConfig, HostConfig, SoftXen};
use hcbuf_core::sys::arch::__HYPERVISOR_VIRT_START;
use hcbuf_core::sys::domctl::{XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2};
use hcbuf_core::sys::errno::*;
use hcbuf_core::sys::hypfs::{XEN_HYPFS_MAX_PATHLEN, xen_hypfs_dirlistentry};
use hcbuf_core::sys::sysctl::{
    XEN_SYSCTL_PHYSCAP_gnttab_v1, XEN_SYSCTL_PHYSCAP_gnttab_v2, XEN_SYSCTL_PHYSCAP_hap,
    XEN_SYSCTL_PHYSCAP_hvm, XEN_SYSCTL_PHYSCAP_pv, XEN_SYSCTL_numainfo, xen_sysctl,
    xen_sysctl_numainfo,
};
use hcbuf_core::sys::xen::{__HYPERVISOR_sysctl, DOMID_FIRST_RESERVED, DOMID_SELF, domid_t};
use hcbuf_core::{Backend, HypercallArgs, XenErrno};

mod common;

// What `HostConfig::default()` configures, as its documentation states it
// (the configuration's fields are private to the model, so the values are
// repeated here; the tests cross-check them between calls where they can).
// Those other tests check too are in `common::default_host`.
use common::default_host::{
    DOM0_PAGES, DOM0_VCPUS, HOST_PAGES, LOCAL_DISTANCE, MAX_RAM_PAGE, REMOTE_DISTANCE,
};
use common::{GUEST_HANDLE, pv_guest, tracking_pool};

/// Dom0's CPU time, split evenly between its vCPUs.
const DOM0_CPU_TIME_NS: u64 = 12_400_000_000;
/// The pages Xen keeps for itself.
const XEN_PAGES: u64 = 5_928;
/// The console ring's size in bytes.
const CONSOLE_RING: usize = 16 << 10;
/// The build id.
const BUILD_ID: [u8; 20] = [
    0x15, 0x1b, 0x37, 0x3f, 0xd6, 0x4b, 0x32, 0x15, 0x93, 0xbf, 0x98, 0x7f, 0xd9, 0x23, 0xcd, 0x10,
    0xda, 0xba, 0xda, 0xc4,
];

/// The typed API over a software Xen of `host`, both on one pool.
fn xen_with(host: HostConfig) -> Xen<SoftXen> {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), host).unwrap();
    Xen::new(soft, pool)
}

fn xen() -> Xen<SoftXen> {
    xen_with(HostConfig::default())
}

/// No buffer outlived its call, and the model refused no address.
#[track_caller]
fn assert_clean(xen: &Xen<SoftXen>) {
    assert_eq!(xen.pool().stats().live(), 0, "a buffer outlived its call");
    assert_eq!(xen.backend().faults(), 0, "the model refused an address");
}

/// The errno of a call Xen refused (panics on success or another error).
#[track_caller]
fn errno_of<T: std::fmt::Debug>(result: Result<T, Error>) -> i32 {
    match result {
        Err(Error::Xen { errno, .. }) => errno.0,
        other => panic!("expected a Xen errno, got {other:?}"),
    }
}

fn ids(domains: &[DomainInfo]) -> Vec<domid_t> {
    domains.iter().map(|d| d.domid).collect()
}

/// The whole console ring, as text.
fn console(xen: &Xen<impl Backend>) -> String {
    String::from_utf8(xen.console_read(&mut 0, false, false).unwrap()).unwrap()
}

/// A backend that counts the hypercalls reaching the software Xen and can
/// make exactly the `at`-th of them (from 0) fail: what `fail_next` alone
/// cannot do for a method's second or later hypercall.
struct FailAt {
    soft: SoftXen,
    calls: AtomicU64,
    at: AtomicU64,
    errno: i32,
}

impl FailAt {
    fn new(soft: SoftXen, errno: i32) -> Self {
        FailAt {
            soft,
            calls: AtomicU64::new(0),
            at: AtomicU64::new(u64::MAX),
            errno,
        }
    }

    /// Counts from 0 again, failing the `at`-th call (`u64::MAX`: none).
    fn arm(&self, at: u64) {
        self.calls.store(0, Ordering::SeqCst);
        self.at.store(at, Ordering::SeqCst);
    }

    fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Backend for FailAt {
    fn release(&self) -> Option<hcbuf_core::Release> {
        self.soft.release()
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if n == self.at.load(Ordering::SeqCst) {
            self.soft.fail_next(XenErrno(self.errno), 1);
        }
        self.soft.hypercall(args)
    }
}

fn counting_with(host: HostConfig, errno: i32) -> Xen<FailAt> {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), host).unwrap();
    Xen::new(FailAt::new(soft, errno), pool)
}

// ---------------------------------------------------------------------
// xen_version

#[test]
fn version_and_build_strings_are_those_of_the_default_host() {
    let xen = xen();
    let v = xen.version().unwrap();
    assert_eq!(
        v,
        VersionInfo {
            major: 4,
            minor: 17,
            extra: ".7".into()
        }
    );
    assert_eq!(xen.page_size().unwrap(), 4096);
    let ci = xen.compile_info().unwrap();
    assert_eq!(
        ci,
        BuildInfo {
            compiler: "x86_64-linux-gnu-gcc (Debian 12.2.0-14+deb12u1) 12.2.0".into(),
            compile_by: "pkg-xen-devel".into(),
            compile_domain: "lists.alioth.debian.org".into(),
            compile_date: "Wed Nov  4 16:52:28 UTC 2026".into(),
        }
    );
    assert_eq!(
        xen.capabilities().unwrap(),
        "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 "
    );
    assert_eq!(xen.changeset().unwrap(), "");
    assert_eq!(xen.platform_parameters().unwrap(), __HYPERVISOR_VIRT_START);
    let id = xen.build_id().unwrap();
    assert_eq!(id.len(), 20);
    assert_eq!(id, BUILD_ID);

    // The command line agrees with dom0 as the model reports it.
    let cl = xen.command_line().unwrap();
    assert!(cl.starts_with("console=com1 "), "{cl:?}");
    let dom0 = xen.domain(0).unwrap();
    assert!(
        cl.contains(&format!("dom0_max_vcpus={} ", dom0.online_vcpus)),
        "{cl:?}"
    );
    let dom0_mib = (dom0.max_pages * xen.page_size().unwrap()) >> 20;
    assert!(
        cl.contains(&format!("dom0_mem={dom0_mib}M,max:{dom0_mib}M ")),
        "{cl:?}"
    );

    // The boot log in the console ring says the same things.
    let log = console(&xen);
    let physinfo = xen.physinfo().unwrap();
    for needle in [
        format!("(XEN) Xen version {}.{}{} (", v.major, v.minor, v.extra),
        format!("({})", ci.compiler),
        format!("({}@{})", ci.compile_by, ci.compile_domain),
        ci.compile_date.clone(),
        format!("(XEN) Command line: {cl}\n"),
        format!("(XEN) Brought up {} CPUs\n", physinfo.nr_cpus),
    ] {
        assert!(log.contains(&needle), "{needle:?} not in {log:?}");
    }
    assert_clean(&xen);
}

#[test]
fn version_strings_follow_the_host_builders_and_are_truncated_as_xen_does() {
    let host = HostConfig::default()
        .version(4, 18, "-rc1")
        .changeset("a1b2c3d4 2026-01-02 03:04:05")
        .compile_info("rustc 1.85", "me", "example.org", "today")
        .capabilities("xen-3.0-x86_64 ")
        .command_line("dom0_mem=512M")
        .build_id(&[0x42; 32])
        .page_size(8192);
    let xen = xen_with(host);
    assert_eq!(
        xen.version().unwrap(),
        VersionInfo {
            major: 4,
            minor: 18,
            extra: "-rc1".into()
        }
    );
    assert_eq!(xen.changeset().unwrap(), "a1b2c3d4 2026-01-02 03:04:05");
    let ci = xen.compile_info().unwrap();
    assert_eq!(
        (
            ci.compiler.as_str(),
            ci.compile_by.as_str(),
            ci.compile_domain.as_str(),
            ci.compile_date.as_str()
        ),
        ("rustc 1.85", "me", "example.org", "today")
    );
    assert_eq!(xen.capabilities().unwrap(), "xen-3.0-x86_64 ");
    assert_eq!(xen.command_line().unwrap(), "dom0_mem=512M");
    assert_eq!(xen.build_id().unwrap(), [0x42; 32]);
    assert_eq!(xen.page_size().unwrap(), 8192);

    // Xen's buffers are fixed: each string is cut to its buffer less the
    // NUL (extraversion 16, compile_by 16, changeset 64, capabilities and
    // command line 1024).
    let long = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(40);
    let host = HostConfig::default()
        .version(4, 17, &long)
        .changeset(&long)
        .compile_info(&long, &long, &long, &long)
        .capabilities(&long)
        .command_line(&long);
    let xen = xen_with(host);
    assert_eq!(xen.version().unwrap().extra, long[..15]);
    assert_eq!(xen.changeset().unwrap(), long[..63]);
    let ci = xen.compile_info().unwrap();
    assert_eq!(ci.compiler, long[..63]);
    assert_eq!(ci.compile_by, long[..15]);
    assert_eq!(ci.compile_domain, long[..31]);
    assert_eq!(ci.compile_date, long[..31]);
    assert_eq!(xen.capabilities().unwrap(), long[..1023]);
    assert_eq!(xen.command_line().unwrap(), long[..1023]);
    assert_clean(&xen);
}

#[test]
fn build_ids_up_to_the_buffer_are_read_and_others_refused() {
    for len in [1, 20, 1024] {
        let id: Vec<u8> = (0..len).map(|i| (i * 7 + 1) as u8).collect();
        let xen = xen_with(HostConfig::default().build_id(&id));
        assert_eq!(xen.build_id().unwrap(), id, "{len} bytes");
        assert_clean(&xen);
    }
    // Built without one: ENODATA.
    let xen = xen_with(HostConfig::default().build_id(&[]));
    assert_eq!(errno_of(xen.build_id()), XEN_ENODATA);
    assert_clean(&xen);
    // Longer than the API's 1 KiB buffer: Xen says ENOBUFS, writes nothing.
    let xen = xen_with(HostConfig::default().build_id(&[1; 1025]));
    assert_eq!(errno_of(xen.build_id()), XEN_ENOBUFS);
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// The host

#[test]
fn physinfo_and_scheduler_are_those_of_the_default_host() {
    let xen = xen();
    let p = xen.physinfo().unwrap();
    assert_eq!(
        (
            p.threads_per_core,
            p.cores_per_socket,
            p.nr_cpus,
            p.max_cpu_id
        ),
        (1, 2, 2, 1)
    );
    assert_eq!((p.nr_nodes, p.max_node_id), (1, 63));
    assert_eq!(p.cpu_khz, 1_996_249);
    assert_eq!(
        p.capabilities,
        XEN_SYSCTL_PHYSCAP_hvm
            | XEN_SYSCTL_PHYSCAP_pv
            | XEN_SYSCTL_PHYSCAP_gnttab_v1
            | XEN_SYSCTL_PHYSCAP_gnttab_v2
    );
    assert_eq!(p.capabilities & XEN_SYSCTL_PHYSCAP_hap, 0, "TCG: no HAP");
    assert_eq!(p.total_pages, HOST_PAGES);
    assert_eq!(p.free_pages, HOST_PAGES - XEN_PAGES - DOM0_PAGES);
    assert_eq!((p.scrub_pages, p.outstanding_pages), (0, 0));
    assert_eq!(p.max_mfn, 0x7_ffde);
    assert_eq!(
        p.hw_cap,
        [0x178b_f3fd, 0x8000_2001, 0x2010_0800, 0x7, 0, 0, 0, 0]
    );
    assert_eq!(xen.scheduler_id().unwrap(), XEN_SCHEDULER_CREDIT2);

    // A new domain holds no memory: free memory does not change.
    xen.create_domain(0, pv_guest(1)).unwrap();
    assert_eq!(xen.physinfo().unwrap().free_pages, p.free_pages);
    assert_clean(&xen);
}

#[test]
fn physinfo_and_scheduler_follow_the_host_builders() {
    let host = HostConfig::default()
        .cpus(2, 4, 2)
        .nodes(2)
        .memory_pages(1 << 21, 10_000)
        .max_mfn(0x1f_ffff, 0x20_0000)
        .physinfo_capabilities(XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_hap)
        .scheduler(XEN_SCHEDULER_CREDIT)
        .domain(DomainConfig::new(0).pages(1000, 2000))
        .domain(DomainConfig::new(3).pages(500, 600));
    let xen = xen_with(host);
    let p = xen.physinfo().unwrap();
    assert_eq!(
        (
            p.threads_per_core,
            p.cores_per_socket,
            p.nr_cpus,
            p.max_cpu_id
        ),
        (2, 4, 16, 15)
    );
    assert_eq!(p.nr_nodes, 2);
    assert_eq!(
        p.capabilities,
        XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_hap
    );
    assert_eq!(p.total_pages, 1 << 21);
    assert_eq!(p.free_pages, (1 << 21) - 10_000 - 1000 - 500);
    assert_eq!(p.max_mfn, 0x1f_ffff);
    assert_eq!(xen.maximum_ram_page().unwrap(), 0x20_0000);
    assert_eq!(xen.scheduler_id().unwrap(), XEN_SCHEDULER_CREDIT);
    assert_clean(&xen);
}

#[test]
fn cpu_topology_has_one_entry_per_cpu() {
    let xen = xen();
    let topo = xen.cpu_topology().unwrap();
    assert_eq!(topo.len(), xen.physinfo().unwrap().nr_cpus as usize);
    let cpu = |core, socket, node| CpuTopology {
        core: Some(core),
        socket: Some(socket),
        node: Some(node),
    };
    assert_eq!(topo, [cpu(0, 0, 0), cpu(1, 0, 0)]);

    // 4 sockets of 2 cores of 2 threads on 2 nodes: CPUs are numbered
    // thread first, then core, then socket; sockets spread over nodes.
    let xen = xen_with(HostConfig::default().cpus(4, 2, 2).nodes(2));
    let topo = xen.cpu_topology().unwrap();
    let p = xen.physinfo().unwrap();
    assert_eq!(topo.len(), p.nr_cpus as usize);
    assert_eq!(topo.len(), 16);
    for (i, t) in topo.iter().enumerate() {
        let i = i as u32;
        let socket = i / 4;
        assert_eq!(*t, cpu((i / 2) % 2, socket, socket / 2), "CPU {i}");
    }
    assert!(topo.iter().all(|t| t.node.unwrap() < p.nr_nodes));

    // The most CPUs the model (and the API) handles.
    let xen = xen_with(HostConfig::default().cpus(64, 64, 1));
    let topo = xen.cpu_topology().unwrap();
    assert_eq!(topo.len(), 4096);
    assert_eq!(topo[4095], cpu(63, 63, 0));
    assert_clean(&xen);
}

#[test]
fn numa_info_has_every_node_and_a_square_distance_matrix() {
    let xen = xen();
    let page = xen.page_size().unwrap();
    let p = xen.physinfo().unwrap();
    let (nodes, distances) = xen.numa_info().unwrap();
    assert_eq!(nodes.len(), p.nr_nodes as usize);
    assert_eq!(
        nodes,
        [NodeInfo {
            size: Some(p.total_pages * page),
            free: p.free_pages * page,
        }]
    );
    assert_eq!(distances, [[LOCAL_DISTANCE]]);
    assert_clean(&xen);

    for n in [2u32, 4, 64] {
        let xen = xen_with(HostConfig::default().nodes(n));
        let p = xen.physinfo().unwrap();
        let (nodes, distances) = xen.numa_info().unwrap();
        assert_eq!(nodes.len(), n as usize);
        let size = p.total_pages * page / u64::from(n);
        let free = p.free_pages * page / u64::from(n);
        assert!(nodes.iter().all(|m| *m
            == NodeInfo {
                size: Some(size),
                free
            }));
        assert_eq!(distances.len(), n as usize);
        for (i, row) in distances.iter().enumerate() {
            assert_eq!(row.len(), n as usize, "row {i} of a square matrix");
            for (j, &d) in row.iter().enumerate() {
                let want = if i == j {
                    LOCAL_DISTANCE
                } else {
                    REMOTE_DISTANCE
                };
                assert_eq!(d, want, "distance {i} -> {j}");
                assert_eq!(d, distances[j][i], "symmetric");
            }
        }
        assert_clean(&xen);
    }
}

/// A Xen that loses a NUMA node between `numa_info`'s two calls: it
/// answers the count query with one node more than it then has.
struct NodeGoesAway(SoftXen);

impl Backend for NodeGoesAway {
    fn release(&self) -> Option<hcbuf_core::Release> {
        self.0.release()
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let result = self.0.hypercall(args)?;
        if A::OP != u64::from(__HYPERVISOR_sysctl) {
            return Ok(result);
        }
        // A call lowers to registers once (the backend below did); the
        // buffer's address is the first range it lends.
        let mut first = None;
        args.lend(&mut |range| {
            first.get_or_insert(range.addr);
        });
        let addr = first.expect("a sysctl lends its buffer") as usize;
        let payload = offset_of!(xen_sysctl, u);
        let cmd = addr as *const u32;
        // The count and the handle are private fields: their offsets come
        // from the declaration's ABI description.
        let layout = <xen_sysctl_numainfo as hcbuf_core::sys::abi::Declared>::LAYOUT;
        let field = |name| layout.offset(name).expect("a field of xen_sysctl_numainfo");
        let num_nodes = (addr + payload + field("num_nodes")) as *mut u32;
        let meminfo = (addr + payload + field("meminfo")) as *const u64;
        // SAFETY: a sysctl's first register is the address of the whole
        // `xen_sysctl` in pool memory, lent writable to the call (Xen
        // writes it back) and alive until it returns: what Xen itself
        // reads and writes here. The fields are aligned (the buffer is).
        unsafe {
            if cmd.read() == XEN_SYSCTL_numainfo && meminfo.read() == 0 {
                num_nodes.write(num_nodes.read() + 1);
            }
        }
        Ok(result)
    }
}

#[test]
fn distances_are_read_with_the_count_xen_reports_not_the_one_asked() {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), HostConfig::default().nodes(3)).unwrap();
    let xen = Xen::new(NodeGoesAway(soft), pool);
    let (nodes, distances) = xen.numa_info().unwrap();
    assert_eq!(nodes.len(), 3, "asked for 4, Xen wrote 3");
    let (l, r) = (LOCAL_DISTANCE, REMOTE_DISTANCE);
    assert_eq!(distances, [[l, r, r], [r, l, r], [r, r, l]]);
    assert_eq!(xen.pool().stats().live(), 0);
}

// ---------------------------------------------------------------------
// Domains

#[test]
fn dom0_is_listed_and_read_as_configured() {
    let xen = xen();
    let domains = xen.domains().unwrap();
    assert_eq!(ids(&domains), [0]);
    let dom0 = xen.domain(0).unwrap();
    assert_eq!(domains[0], dom0, "the list and getdomaininfo agree");
    assert_eq!(dom0.domid, 0);
    assert!(dom0.state.running && !dom0.state.paused && !dom0.state.blocked);
    assert!(!dom0.state.shutdown && !dom0.state.crashed && !dom0.state.dying);
    assert_eq!(dom0.state.letters(), "r-----");
    assert!(!dom0.hvm);
    assert_eq!((dom0.tot_pages, dom0.max_pages), (DOM0_PAGES, DOM0_PAGES));
    assert_eq!(dom0.cpu_time_ns, DOM0_CPU_TIME_NS);
    assert_eq!(
        (dom0.online_vcpus, dom0.max_vcpu_id),
        (DOM0_VCPUS, DOM0_VCPUS - 1)
    );
    assert_eq!((dom0.handle, dom0.cpupool), ([0; 16], 0));
    assert_clean(&xen);
}

#[test]
fn a_domain_that_does_not_exist_is_esrch() {
    let xen = xen_with(HostConfig::default().domain(DomainConfig::new(7)));
    for id in [1, 6, 8, DOMID_FIRST_RESERVED - 1] {
        let err = xen.domain(id).unwrap_err();
        assert_eq!(err.errno(), Some(XenErrno(XEN_ESRCH)), "domain {id}");
        assert!(
            matches!(
                err,
                Error::Xen {
                    call: "domctl getdomaininfo",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    // Xen answers domain 7 for domain 3 (the next one); the API does not
    // mistake it for domain 3.
    let err = xen.domain(3).unwrap_err();
    assert_eq!(
        err.to_string(),
        "domctl getdomaininfo: ESRCH (3) (no such domain)"
    );
    assert_eq!(xen.domain(7).unwrap().domid, 7);
    // A reserved id is not a domain id at all.
    assert_eq!(errno_of(xen.domain(DOMID_SELF)), XEN_EINVAL);
    assert_eq!(errno_of(xen.domain(u16::MAX)), XEN_EINVAL);
    assert_clean(&xen);
}

#[test]
fn create_pause_unpause_destroy() {
    let xen = xen();
    let config = pv_guest(2);
    let id = xen.create_domain(0, config).unwrap();
    assert_eq!(id, 1, "the first free id");
    assert_eq!(ids(&xen.domains().unwrap()), [0, 1]);
    let d = xen.domain(id).unwrap();
    assert_eq!(d.domid, id);
    // Born paused, without vCPUs or memory.
    assert!(d.state.paused && !d.state.running);
    assert_eq!(d.state.letters(), "--p---");
    assert_eq!((d.online_vcpus, d.tot_pages, d.max_pages), (0, 0, 0));
    assert_eq!((d.handle, d.hvm, d.cpu_time_ns), (GUEST_HANDLE, false, 0));
    assert_eq!(xen.domains().unwrap()[1], d);

    // An id asked for; a taken one is EEXIST; then the next free id after
    // the last one Xen chose, which a creation that failed its
    // configuration check chose too (Xen moves its rover before
    // `domain_create`).
    assert_eq!(xen.create_domain(5, config).unwrap(), 5);
    assert_eq!(errno_of(xen.create_domain(5, config)), XEN_EEXIST);
    assert_eq!(errno_of(xen.create_domain(0, pv_guest(0))), XEN_EINVAL);
    assert_eq!(ids(&xen.domains().unwrap()), [0, 1, 5]);
    assert_eq!(xen.create_domain(0, config).unwrap(), 3);
    assert_eq!(ids(&xen.domains().unwrap()), [0, 1, 3, 5]);

    // Pause and unpause count.
    xen.unpause_domain(1).unwrap();
    assert!(!xen.domain(1).unwrap().state.paused);
    assert_eq!(errno_of(xen.unpause_domain(1)), XEN_EINVAL, "not paused");
    xen.pause_domain(1).unwrap();
    xen.pause_domain(1).unwrap();
    assert!(xen.domain(1).unwrap().state.paused);
    xen.unpause_domain(1).unwrap();
    assert!(xen.domain(1).unwrap().state.paused, "paused twice");
    xen.unpause_domain(1).unwrap();
    let d = xen.domain(1).unwrap();
    assert!(!d.state.paused);
    // No vCPU online: neither running nor blocked.
    assert_eq!(d.state.letters(), "------");
    assert!(!xen.domain(3).unwrap().state.running);

    // Dom0 cannot pause or destroy itself; unknown domains are ESRCH.
    assert_eq!(errno_of(xen.pause_domain(0)), XEN_EINVAL);
    assert_eq!(errno_of(xen.destroy_domain(0)), XEN_EINVAL);
    assert!(xen.domain(0).unwrap().state.running);
    for id in [2, 99] {
        assert_eq!(errno_of(xen.pause_domain(id)), XEN_ESRCH);
        assert_eq!(errno_of(xen.unpause_domain(id)), XEN_ESRCH);
        assert_eq!(errno_of(xen.destroy_domain(id)), XEN_ESRCH);
    }

    xen.destroy_domain(1).unwrap();
    assert_eq!(ids(&xen.domains().unwrap()), [0, 3, 5]);
    assert_eq!(errno_of(xen.domain(1)), XEN_ESRCH, "not domain 3");
    assert_eq!(errno_of(xen.destroy_domain(1)), XEN_ESRCH);
    assert_eq!(errno_of(xen.pause_domain(1)), XEN_ESRCH);
    xen.destroy_domain(5).unwrap();
    xen.destroy_domain(3).unwrap();
    assert_eq!(ids(&xen.domains().unwrap()), [0]);
    assert_clean(&xen);
}

#[test]
fn vcpus_of_dom0_and_of_a_new_domain() {
    let xen = xen();
    let per_vcpu = DOM0_CPU_TIME_NS / u64::from(DOM0_VCPUS);
    let mut total = 0;
    for v in 0..DOM0_VCPUS {
        let info = xen.vcpu_info(0, v).unwrap();
        assert!(info.online && info.running && !info.blocked, "vCPU {v}");
        assert_eq!(info.cpu_time_ns, per_vcpu);
        assert_eq!(info.cpu, v % xen.physinfo().unwrap().nr_cpus);
        total += info.cpu_time_ns;
    }
    assert_eq!(total, xen.domain(0).unwrap().cpu_time_ns);
    assert_eq!(errno_of(xen.vcpu_info(0, DOM0_VCPUS)), XEN_EINVAL);
    assert_eq!(errno_of(xen.vcpu_info(0, u32::MAX)), XEN_EINVAL);
    assert_eq!(errno_of(xen.vcpu_info(42, 0)), XEN_ESRCH);

    // A new domain's vCPUs exist once max_vcpus gives the count it was
    // created with.
    let id = xen.create_domain(0, pv_guest(3)).unwrap();
    assert_eq!(errno_of(xen.vcpu_info(id, 0)), XEN_ESRCH, "not created yet");
    assert_eq!(errno_of(xen.set_max_vcpus(id, 2)), XEN_EINVAL);
    assert_eq!(errno_of(xen.set_max_vcpus(id, 4)), XEN_EINVAL);
    xen.set_max_vcpus(id, 3).unwrap();
    xen.set_max_vcpus(id, 3).unwrap(); // again: nothing changes
    for v in 0..3 {
        let info = xen.vcpu_info(id, v).unwrap();
        assert!(!info.online && !info.running && !info.blocked, "vCPU {v}");
        assert_eq!((info.cpu_time_ns, info.cpu), (0, v % 2));
    }
    assert_eq!(errno_of(xen.vcpu_info(id, 3)), XEN_EINVAL);
    let d = xen.domain(id).unwrap();
    assert_eq!((d.online_vcpus, d.max_vcpu_id), (0, 2));
    // Not for dom0, nor an unknown domain.
    assert_eq!(errno_of(xen.set_max_vcpus(0, DOM0_VCPUS)), XEN_EINVAL);
    assert_eq!(errno_of(xen.set_max_vcpus(42, 1)), XEN_ESRCH);
    assert_clean(&xen);
}

#[test]
fn max_mem_is_kib_and_max_pages_is_pages() {
    let xen = xen();
    let page_kib = xen.page_size().unwrap() / 1024;
    for (domid, kib) in [(0, 2u64 << 20), (0, 1 << 20), (0, 4097), (0, 3)] {
        xen.set_max_mem(domid, kib).unwrap();
        let pages = kib / page_kib;
        assert_eq!(xen.domain(domid).unwrap().max_pages, pages, "{kib} KiB");
        assert_eq!(xen.maximum_reservation(domid).unwrap(), pages);
        assert_eq!(
            xen.current_reservation(domid).unwrap(),
            DOM0_PAGES,
            "the limit is not the reservation"
        );
    }
    assert_eq!(xen.domain(0).unwrap().max_pages, 0, "3 KiB is no page");
    // `max_pages` is an unsigned int in Xen: capped there.
    xen.set_max_mem(0, u64::MAX).unwrap();
    assert_eq!(xen.domain(0).unwrap().max_pages, u64::from(u32::MAX));

    let id = xen.create_domain(0, pv_guest(1)).unwrap();
    xen.set_max_mem(id, 512 << 10).unwrap();
    assert_eq!(xen.domain(id).unwrap().max_pages, 131_072);
    assert_eq!(xen.maximum_reservation(id).unwrap(), 131_072);
    assert_eq!(xen.current_reservation(id).unwrap(), 0);
    assert_eq!(errno_of(xen.set_max_mem(id + 1, 1024)), XEN_ESRCH);
    assert_clean(&xen);
}

#[test]
fn domains_pages_through_more_domains_than_one_call_returns() {
    let xen = counting_with(HostConfig::default(), XEN_EIO);
    let created: Vec<domid_t> = (0..70)
        .map(|_| xen.create_domain(0, pv_guest(1)).unwrap())
        .collect();
    assert_eq!(created, (1..=70).collect::<Vec<domid_t>>());
    xen.backend().arm(u64::MAX);
    let all = xen.domains().unwrap();
    assert_eq!(xen.backend().calls(), 2, "a page of 64, then the rest");
    assert_eq!(ids(&all), (0..=70).collect::<Vec<domid_t>>());
    for d in &all {
        assert_eq!(*d, xen.domain(d.domid).unwrap());
        assert_eq!(d.state.paused, d.domid != 0);
    }
    assert_eq!(xen.pool().stats().live(), 0);
    assert_eq!(xen.backend().soft.faults(), 0);
}

#[test]
fn domains_paging_at_the_page_boundaries() {
    // (domains in all, getdomaininfolist calls): a full page asks again.
    for (total, calls) in [(1, 1), (63, 1), (64, 2), (65, 2), (128, 3), (129, 3)] {
        let host = (1..total).fold(HostConfig::default(), |h, id| {
            h.domain(DomainConfig::new(id).pages(u64::from(id), 100))
        });
        let xen = counting_with(host, XEN_EIO);
        let all = xen.domains().unwrap();
        assert_eq!(xen.backend().calls(), calls, "{total} domains");
        assert_eq!(ids(&all), (0..total).collect::<Vec<domid_t>>());
        assert!(all[1..].iter().all(|d| d.tot_pages == u64::from(d.domid)));
        assert_eq!(xen.pool().stats().live(), 0);
    }

    // Sparse ids up to the last one that is not reserved: in order, and a
    // full page ending at the last id does not ask again.
    let sparse: Vec<domid_t> = (0..64)
        .map(|i| i * 500)
        .chain([DOMID_FIRST_RESERVED - 1])
        .collect();
    for n in [64, 65] {
        let want = if n == 65 {
            sparse.clone()
        } else {
            [&sparse[..63], &[DOMID_FIRST_RESERVED - 1]].concat()
        };
        let host = want[1..].iter().fold(HostConfig::default(), |h, &id| {
            h.domain(DomainConfig::new(id))
        });
        let xen = counting_with(host, XEN_EIO);
        let all = xen.domains().unwrap();
        assert_eq!(ids(&all), want);
        assert_eq!(xen.backend().calls(), if n == 64 { 1 } else { 2 });
    }
}

#[test]
fn domains_are_created_from_many_threads_with_distinct_ids() {
    let xen = xen();
    let mut created: Vec<domid_t> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    (0..20)
                        .map(|_| xen.create_domain(0, pv_guest(1)).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    created.sort_unstable();
    assert_eq!(created, (1..=80).collect::<Vec<domid_t>>());
    assert_eq!(ids(&xen.domains().unwrap()), (0..=80).collect::<Vec<_>>());
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// The console

#[test]
fn console_write_lands_in_the_ring_and_reads_incrementally() {
    let xen = xen();
    let boot = console(&xen);
    assert!(boot.starts_with("(XEN) Xen version "), "{boot:?}");
    assert!(boot.ends_with("(XEN) *** Building a PV Dom0 ***\n"));

    xen.console_write(b"hello from api_soft\n").unwrap();
    let mut index = 0;
    let text = xen.console_read(&mut index, false, false).unwrap();
    assert_eq!(text, format!("{boot}hello from api_soft\n").as_bytes());
    assert_eq!(index as usize, text.len(), "the index after the last byte");

    // From the saved index: only what came since.
    xen.console_write(b"second line\n").unwrap();
    let saved = index;
    let text = xen.console_read(&mut index, true, false).unwrap();
    assert_eq!(text, b"second line\n");
    assert_eq!(index, saved + 12);
    assert_eq!(xen.console_read(&mut index, true, false).unwrap(), b"");
    assert_eq!(index, saved + 12, "nothing new, the index stays");
    // A longer write goes out in Xen's 127-byte chunks, all of it.
    let long: Vec<u8> = (0..1000).map(|i| b'a' + (i % 26) as u8).collect();
    xen.console_write(&long).unwrap();
    assert_eq!(xen.console_read(&mut index, true, false).unwrap(), long);
    // Writing nothing is fine and adds nothing.
    xen.console_write(b"").unwrap();
    assert_eq!(xen.console_read(&mut index, true, false).unwrap(), b"");

    // Clearing: the read returns everything, then the ring is empty.
    let mut index = 0;
    let all = xen.console_read(&mut index, false, true).unwrap();
    assert!(all.starts_with(boot.as_bytes()) && all.ends_with(&long));
    assert_eq!(console(&xen), "");
    xen.console_write(b"after clear\n").unwrap();
    assert_eq!(console(&xen), "after clear\n");
    // An incremental read from before the clear finds only what is kept.
    let mut stale = 1;
    assert_eq!(
        xen.console_read(&mut stale, true, false).unwrap(),
        b"after clear\n"
    );
    assert_clean(&xen);
}

#[test]
fn console_to_ring_off_keeps_writes_out_of_the_ring() {
    let xen = xen_with(HostConfig::default().console_to_ring(false));
    let before = console(&xen);
    xen.console_write(b"to the serial line only\n").unwrap();
    assert_eq!(console(&xen), before);
    assert_clean(&xen);
}

#[test]
fn a_full_ring_keeps_the_newest_bytes_whatever_its_size() {
    // The default ring is exactly one API read chunk.
    let xen = xen();
    let boot = console(&xen);
    let text: Vec<u8> = (0..20_000).map(|i| b'0' + (i % 10) as u8).collect();
    xen.console_write(&text).unwrap();
    let mut written = boot.into_bytes();
    written.extend_from_slice(&text);
    let mut index = 0;
    let read = xen.console_read(&mut index, false, false).unwrap();
    assert_eq!(read.len(), CONSOLE_RING);
    assert_eq!(read, written[written.len() - CONSOLE_RING..]);
    assert_eq!(index as usize, written.len());
    assert_clean(&xen);

    // A 256 KiB ring takes sixteen chunks; the API reads them all.
    let ring = 256 << 10;
    let start: Vec<u8> = (0..ring - 100).map(|i| (i % 251) as u8).collect();
    let xen = xen_with(HostConfig::default().console(ring as u32, &start));
    assert_eq!(xen.console_read(&mut 0, false, false).unwrap(), start);
    let more: Vec<u8> = (0..5000).map(|i| (i % 13) as u8).collect();
    xen.console_write(&more).unwrap();
    let all = [start.as_slice(), &more].concat();
    let read = xen.console_read(&mut 0, false, false).unwrap();
    assert_eq!(read.len(), ring);
    assert_eq!(read, all[all.len() - ring..]);
    // From an index inside the ring: the rest, across chunks.
    let mut index = (all.len() - 100_000) as u32;
    let read = xen.console_read(&mut index, true, false).unwrap();
    assert_eq!(read, all[all.len() - 100_000..]);
    assert_eq!(index as usize, all.len());
    assert_clean(&xen);
}

#[test]
fn a_ring_larger_than_one_read_is_read_on_from_the_index() {
    // One `console_read` reads at most 256 chunks of 16 KiB; a larger ring
    // (Xen's `conring_size=`) is read on by the next incremental call.
    let ring = 8 << 20;
    let text: Vec<u8> = (0..ring).map(|i| (i % 241) as u8).collect();
    let xen = xen_with(HostConfig::default().console(ring as u32, &text));
    let mut index = 0;
    let first = xen.console_read(&mut index, false, false).unwrap();
    assert_eq!(first.len(), 4 << 20);
    assert_eq!(first, text[..4 << 20]);
    assert_eq!(index as usize, first.len());
    let rest = xen.console_read(&mut index, true, false).unwrap();
    assert_eq!(rest, text[4 << 20..]);
    assert_eq!(index as usize, ring);
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// Memory

#[test]
fn reservations_of_dom0_a_new_domain_and_no_domain() {
    let xen = xen();
    for dom0 in [0, DOMID_SELF] {
        assert_eq!(xen.current_reservation(dom0).unwrap(), DOM0_PAGES);
        assert_eq!(xen.maximum_reservation(dom0).unwrap(), DOM0_PAGES);
        assert_eq!(xen.maximum_gpfn(dom0).unwrap(), DOM0_PAGES - 1);
    }
    assert_eq!(
        xen.current_reservation(0).unwrap(),
        xen.domain(0).unwrap().tot_pages
    );
    assert_eq!(xen.maximum_ram_page().unwrap(), MAX_RAM_PAGE);

    let id = xen.create_domain(0, pv_guest(1)).unwrap();
    assert_eq!(xen.current_reservation(id).unwrap(), 0);
    assert_eq!(xen.maximum_reservation(id).unwrap(), 0);
    assert_eq!(xen.maximum_gpfn(id).unwrap(), 0);

    for bad in [id + 1, 1000, DOMID_FIRST_RESERVED - 1] {
        assert_eq!(errno_of(xen.current_reservation(bad)), XEN_ESRCH);
        assert_eq!(errno_of(xen.maximum_reservation(bad)), XEN_ESRCH);
        assert_eq!(errno_of(xen.maximum_gpfn(bad)), XEN_ESRCH);
    }
    let err = xen.maximum_gpfn(1000).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Xen {
                call: "memory_op maximum_gpfn",
                ..
            }
        ),
        "{err:?}"
    );
    assert_clean(&xen);
}

#[test]
fn reservations_wider_than_an_int_come_back_whole() {
    let (tot, max, gpfn, ram) = (5u64 << 32, 6u64 << 32, (7u64 << 32) + 3, 1u64 << 40);
    // A host with the memory to hold them (4 PiB).
    let host = HostConfig::default()
        .memory_pages(ram, 1 << 20)
        .max_mfn(ram - 1, ram)
        .domain(DomainConfig::new(9).pages(tot, max).max_gpfn(gpfn));
    let xen = xen_with(host);
    assert_eq!(xen.current_reservation(9).unwrap(), tot);
    assert_eq!(xen.maximum_reservation(9).unwrap(), max);
    assert_eq!(xen.maximum_gpfn(9).unwrap(), gpfn);
    assert_eq!(xen.maximum_ram_page().unwrap(), ram);
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// hypfs

/// The names in a hypfs directory's contents.
fn dir_names(contents: &[u8]) -> Vec<String> {
    let name_at = offset_of!(xen_hypfs_dirlistentry, name);
    let next_at = offset_of!(xen_hypfs_dirlistentry, off_next);
    let mut names = Vec::new();
    let mut at = 0;
    loop {
        let name = &contents[at + name_at..];
        let end = name.iter().position(|&b| b == 0).unwrap();
        names.push(String::from_utf8(name[..end].to_vec()).unwrap());
        let next = u16::from_ne_bytes([contents[at + next_at], contents[at + next_at + 1]]);
        if next == 0 {
            return names;
        }
        at += usize::from(next);
    }
}

#[test]
fn hypfs_reads_the_buildinfo_nodes() {
    let xen = xen();
    let v = xen.version().unwrap();
    let ci = xen.compile_info().unwrap();
    let nul = |s: &str| [s.as_bytes(), b"\0"].concat();
    let read = |path| xen.hypfs_read(path, 256).unwrap();

    assert_eq!(read("/buildinfo/version/major"), v.major.to_ne_bytes());
    assert_eq!(read("/buildinfo/version/minor"), v.minor.to_ne_bytes());
    assert_eq!(read("/buildinfo/version/extra"), nul(&v.extra));
    assert_eq!(read("/buildinfo/changeset"), nul(&xen.changeset().unwrap()));
    assert_eq!(read("/buildinfo/compileinfo/compiler"), nul(&ci.compiler));
    assert_eq!(
        read("/buildinfo/compileinfo/compile_by"),
        nul(&ci.compile_by)
    );
    assert_eq!(
        read("/buildinfo/compileinfo/compile_domain"),
        nul(&ci.compile_domain)
    );
    assert_eq!(
        read("/buildinfo/compileinfo/compile_date"),
        nul(&ci.compile_date)
    );
    assert_eq!(dir_names(&read("/")), ["buildinfo"]);
    assert_eq!(
        dir_names(&read("/buildinfo")),
        ["changeset", "compileinfo", "version"]
    );
    assert_eq!(
        dir_names(&read("/buildinfo/version")),
        ["extra", "major", "minor"]
    );
    assert_eq!(
        dir_names(&read("/buildinfo/compileinfo")),
        ["compile_by", "compile_date", "compile_domain", "compiler"]
    );

    // Exactly room for the contents, then one byte less.
    let compiler = nul(&ci.compiler);
    assert_eq!(
        xen.hypfs_read("/buildinfo/compileinfo/compiler", compiler.len())
            .unwrap(),
        compiler
    );
    assert_eq!(
        errno_of(xen.hypfs_read("/buildinfo/compileinfo/compiler", compiler.len() - 1)),
        XEN_ENOBUFS
    );
    assert_eq!(
        errno_of(xen.hypfs_read("/buildinfo/version/major", 0)),
        XEN_ENOBUFS
    );

    assert_eq!(
        errno_of(xen.hypfs_read("/buildinfo/nothing", 64)),
        XEN_ENOENT
    );
    assert_eq!(
        errno_of(xen.hypfs_read("/buildinfo/version/major/x", 64)),
        XEN_ENOENT,
        "a leaf has no children"
    );
    assert_eq!(errno_of(xen.hypfs_read("buildinfo", 64)), XEN_EINVAL);
    assert_eq!(errno_of(xen.hypfs_read("", 64)), XEN_EINVAL);
    assert_eq!(
        errno_of(xen.hypfs_read("/build\0info", 64)),
        XEN_EINVAL,
        "a NUL inside the path"
    );
    let too_long = format!("/{}", "a".repeat(XEN_HYPFS_MAX_PATHLEN));
    assert_eq!(errno_of(xen.hypfs_read(&too_long, 64)), XEN_EINVAL);
    assert_clean(&xen);

    let xen = xen_with(
        HostConfig::default()
            .changeset("deadbeef")
            .version(5, 0, "-x"),
    );
    assert_eq!(
        xen.hypfs_read("/buildinfo/changeset", 64).unwrap(),
        b"deadbeef\0"
    );
    assert_eq!(
        xen.hypfs_read("/buildinfo/version/major", 4).unwrap(),
        5u32.to_ne_bytes()
    );
    assert_eq!(
        xen.hypfs_read("/buildinfo/version/extra", 3).unwrap(),
        b"-x\0"
    );
    assert_clean(&xen);
}

#[test]
fn a_buffer_the_pool_cannot_give_is_a_pool_error_and_frees_the_rest() {
    let xen = xen();
    let err = xen
        .hypfs_read("/buildinfo/changeset", isize::MAX as usize)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Pool {
                call: "hypfs_op read",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.errno(), None);
    assert_eq!(xen.backend().injected_failures(), 0);
    assert_clean(&xen);
    assert_eq!(xen.hypfs_read("/buildinfo/changeset", 1).unwrap(), b"\0");
}

#[test]
fn a_maximum_too_large_to_add_the_header_to_is_refused_before_xen() {
    let xen = xen();
    for max in [usize::MAX, usize::MAX - 11] {
        let err = xen.hypfs_read("/buildinfo/changeset", max).unwrap_err();
        // A pool error or an `Unexpected`, not an errno from a call made
        // with a wrapped-around buffer length.
        assert_eq!(err.errno(), None, "{max}: {err:?}");
    }
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// Injected failures

/// One method of the API, as the fault tests call it.
struct Case<B: Backend> {
    /// The call its errors name.
    call: &'static str,
    /// The hypercalls it makes (on the fixture, after `setup`).
    hypercalls: u64,
    /// What makes the call (and a second one) succeed.
    setup: fn(&Xen<B>),
    /// The call, which must be repeatable.
    run: fn(&Xen<B>) -> Result<(), Error>,
}

/// The host of the fault tests: dom0 and a running domain 1 with two
/// vCPUs.
fn fault_host() -> HostConfig {
    HostConfig::default().domain(DomainConfig::new(1).vcpus(2, 2).pages(100, 200))
}

thread_local! {
    /// The port the `event_channel_op close` case's setup made.
    static OWN_PORT: std::cell::Cell<Option<hcbuf_core::api::OwnPort>> =
        const { std::cell::Cell::new(None) };
}

/// Every method of the API that issues a hypercall.
fn cases<B: Backend>() -> Vec<Case<B>> {
    fn nothing<B: Backend>(_: &Xen<B>) {}
    let case = |call: &'static str, hypercalls: u64, run: fn(&Xen<B>) -> Result<(), Error>| Case {
        call,
        hypercalls,
        setup: nothing::<B>,
        run,
    };
    vec![
        case("xen_version version", 2, |x| x.version().map(drop)),
        case("xen_version pagesize", 1, |x| x.page_size().map(drop)),
        case("xen_version compile_info", 1, |x| {
            x.compile_info().map(drop)
        }),
        case("xen_version capabilities", 1, |x| {
            x.capabilities().map(drop)
        }),
        case("xen_version changeset", 1, |x| x.changeset().map(drop)),
        case("xen_version commandline", 1, |x| x.command_line().map(drop)),
        case("xen_version platform_parameters", 1, |x| {
            x.platform_parameters().map(drop)
        }),
        case("xen_version build_id", 1, |x| x.build_id().map(drop)),
        case("sysctl physinfo", 1, |x| x.physinfo().map(drop)),
        case("sysctl sched_id", 1, |x| x.scheduler_id().map(drop)),
        case("sysctl cputopoinfo", 2, |x| x.cpu_topology().map(drop)),
        case("sysctl numainfo", 2, |x| x.numa_info().map(drop)),
        case("sysctl getdomaininfolist", 1, |x| x.domains().map(drop)),
        case("domctl getdomaininfo", 1, |x| x.domain(1).map(drop)),
        case("domctl createdomain", 1, |x| {
            x.create_domain(0, pv_guest(1)).map(drop)
        }),
        Case {
            call: "domctl destroydomain",
            hypercalls: 1,
            setup: |x| {
                x.create_domain(9, pv_guest(1)).unwrap();
            },
            run: |x| x.destroy_domain(9),
        },
        case("domctl pausedomain", 1, |x| x.pause_domain(1)),
        Case {
            call: "domctl unpausedomain",
            hypercalls: 1,
            setup: |x| {
                x.pause_domain(1).unwrap();
                x.pause_domain(1).unwrap();
            },
            run: |x| x.unpause_domain(1),
        },
        case("domctl max_mem", 1, |x| x.set_max_mem(1, 8192)),
        case("domctl max_vcpus", 1, |x| x.set_max_vcpus(1, 2)),
        case("domctl getvcpuinfo", 1, |x| x.vcpu_info(1, 1).map(drop)),
        // A short ring: one read, then the clear.
        case("sysctl readconsole", 2, |x| {
            x.console_read(&mut 0, false, true).map(drop)
        }),
        case("console_io write", 1, |x| x.console_write(b"fault\n")),
        case("memory_op current_reservation", 1, |x| {
            x.current_reservation(1).map(drop)
        }),
        case("memory_op maximum_reservation", 1, |x| {
            x.maximum_reservation(1).map(drop)
        }),
        case("memory_op maximum_gpfn", 1, |x| x.maximum_gpfn(1).map(drop)),
        case("memory_op maximum_ram_page", 1, |x| {
            x.maximum_ram_page().map(drop)
        }),
        case("hypfs_op read", 1, |x| {
            x.hypfs_read("/buildinfo/version/extra", 64).map(drop)
        }),
        case("event_channel_op alloc_unbound", 1, |x| {
            x.evtchn_alloc_unbound(1, 0).map(drop)
        }),
        case("event_channel_op alloc_unbound", 1, |x| {
            x.evtchn_alloc_unbound_own(1).map(drop)
        }),
        case("event_channel_op status", 1, |x| {
            x.evtchn_status(1, 0).map(drop)
        }),
        Case {
            call: "event_channel_op bind_interdomain",
            hypercalls: 1,
            setup: |x| {
                assert_eq!(x.evtchn_alloc_unbound(1, 0).unwrap(), 1);
            },
            run: |x| x.evtchn_bind_interdomain(1, 1).map(drop),
        },
        Case {
            call: "event_channel_op close",
            hypercalls: 1,
            // The port's token, made in setup, is kept for the first run;
            // a run after it makes another.
            setup: |x| {
                let port = x.evtchn_alloc_unbound_own(1).unwrap();
                assert_eq!(port.port(), 1);
                OWN_PORT.set(Some(port));
            },
            run: |x| {
                let port = match OWN_PORT.take() {
                    Some(port) => port,
                    None => x.evtchn_alloc_unbound_own(1)?,
                };
                x.evtchn_close(port)
            },
        },
        case("grant_table_op query_size", 1, |x| {
            x.grant_table_query_size(1).map(drop)
        }),
        case("grant_table_op setup_table", 1, |x| {
            x.grant_table_setup(1, 2).map(drop)
        }),
    ]
}

/// Errnos Xen or the driver might answer anything with.
const ERRNOS: [i32; 12] = [
    XEN_EIO, XEN_EAGAIN, XEN_ENOMEM, XEN_EPERM, XEN_EFAULT, XEN_EBUSY, XEN_EACCES, XEN_ENOSYS,
    XEN_ESRCH, XEN_EINVAL, XEN_E2BIG, XEN_ENOSPC,
];

#[test]
fn every_method_reports_an_injected_errno_frees_everything_and_works_after() {
    let cases = cases::<SoftXen>();
    assert_eq!(cases.len(), 35, "every method that issues a hypercall");
    for (i, case) in cases.iter().enumerate() {
        let errno = ERRNOS[i % ERRNOS.len()];
        let xen = xen_with(fault_host());
        (case.setup)(&xen);
        let before = xen.backend().injected_failures();
        xen.backend().fail_next(XenErrno(errno), 1);
        let err = (case.run)(&xen).unwrap_err();
        assert_eq!(err.errno(), Some(XenErrno(errno)), "{}", case.call);
        match &err {
            Error::Xen { call, .. } => assert_eq!(*call, case.call),
            other => panic!("{}: {other:?}", case.call),
        }
        assert!(
            err.to_string()
                .starts_with(&format!("{}: {}", case.call, XenErrno(errno))),
            "{err}"
        );
        assert_eq!(
            xen.backend().injected_failures(),
            before + 1,
            "{}",
            case.call
        );
        assert_eq!(xen.pool().stats().live(), 0, "{}: a leak", case.call);
        // The handle still works: the same call succeeds.
        (case.run)(&xen).unwrap_or_else(|e| panic!("{} after the failure: {e}", case.call));
        assert_eq!(xen.backend().injected_failures(), before + 1);
        assert_clean(&xen);
    }
}

#[test]
fn a_failure_at_any_hypercall_of_a_method_frees_everything() {
    for case in cases::<FailAt>() {
        // Each hypercall of the method in turn fails, then none does.
        let mut at = 0;
        loop {
            let xen = counting_with(fault_host(), XEN_EAGAIN);
            (case.setup)(&xen);
            xen.backend().arm(at);
            let result = (case.run)(&xen);
            let soft = &xen.backend().soft;
            if soft.injected_failures() == 0 {
                result.unwrap_or_else(|e| panic!("{}: {e}", case.call));
                assert_eq!(xen.backend().calls(), case.hypercalls, "{}", case.call);
                assert_eq!(at, case.hypercalls, "{}: every call failed once", case.call);
                break;
            }
            let err = result.unwrap_err();
            assert_eq!(
                err.errno(),
                Some(XenErrno(XEN_EAGAIN)),
                "{}, hypercall {at}",
                case.call
            );
            assert_eq!(
                xen.backend().calls(),
                at + 1,
                "{}: nothing issued after the failure",
                case.call
            );
            assert_eq!(
                xen.pool().stats().live(),
                0,
                "{}, hypercall {at}: a leak",
                case.call
            );
            xen.backend().arm(u64::MAX);
            (case.run)(&xen).unwrap_or_else(|e| panic!("{} after the failure: {e}", case.call));
            assert_eq!(xen.pool().stats().live(), 0);
            assert_eq!(soft.faults(), 0);
            at += 1;
        }
    }
}

#[test]
fn a_failed_call_changes_nothing() {
    let xen = xen_with(fault_host());
    let fail = || xen.backend().fail_next(XenErrno(XEN_EIO), 1);
    let before = xen.domains().unwrap();

    fail();
    xen.create_domain(0, pv_guest(1)).unwrap_err();
    assert_eq!(xen.domains().unwrap(), before, "no domain created");
    fail();
    xen.pause_domain(1).unwrap_err();
    assert!(!xen.domain(1).unwrap().state.paused);
    fail();
    xen.destroy_domain(1).unwrap_err();
    assert!(xen.domain(1).is_ok());
    fail();
    xen.set_max_mem(1, 1 << 20).unwrap_err();
    assert_eq!(xen.domain(1).unwrap().max_pages, 200);
    let ring = console(&xen);
    fail();
    xen.console_write(b"lost\n").unwrap_err();
    assert_eq!(console(&xen), ring);
    fail();
    let mut index = 0;
    xen.console_read(&mut index, false, true).unwrap_err();
    assert_eq!(index, 0, "the index is not moved by a failed read");
    assert_eq!(console(&xen), ring, "nor the ring cleared");
    assert_eq!(xen.domains().unwrap(), before);

    // Failing the next two calls: `version` stops at its first, the next
    // call gets the second, then nothing fails.
    xen.backend().fail_next(XenErrno(XEN_EBUSY), 2);
    assert_eq!(errno_of(xen.version()), XEN_EBUSY);
    assert_eq!(errno_of(xen.page_size()), XEN_EBUSY);
    assert_eq!(xen.page_size().unwrap(), 4096);
    // And zero cancels a request.
    xen.backend().fail_next(XenErrno(XEN_EBUSY), 5);
    xen.backend().fail_next(XenErrno(XEN_EBUSY), 0);
    assert_eq!(xen.version().unwrap().major, 4);
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// A typed payload with no method of its own

#[test]
fn any_typed_payload_goes_through_the_api_with_its_errors_and_frees() {
    use hcbuf_core::xen::domctl::MaxMem;
    use hcbuf_core::xen::sysctl::{CpuInfo, GetCpuInfo};
    let xen = xen_with(HostConfig::default().cpus(1, 2, 2));
    let mut cpus = xen.pool().slice::<CpuInfo>(8).unwrap();
    let mut ask = GetCpuInfo::default();
    ask.set_max_cpus(8).unwrap();
    ask.set_info(cpus.lend_mut()).unwrap();
    let op = xen.sysctl("sysctl getcpuinfo", ask).unwrap();
    assert_eq!(op.payload().nr_cpus, 4, "Xen says how many it wrote");
    drop(op);
    assert!(cpus[..4].iter().all(|c| c.idletime > 0));

    // A domctl about a domain that does not exist: the error names the
    // call the caller gave, with Xen's errno; nothing is left allocated.
    let err = xen
        .domctl("domctl max_mem", 42, MaxMem { max_memkb: 1 << 20 })
        .unwrap_err();
    assert_eq!(err.errno(), Some(XenErrno(XEN_ESRCH)));
    assert!(
        err.to_string().starts_with("domctl max_mem: ESRCH"),
        "{err}"
    );
    drop(cpus);
    assert_eq!(xen.pool().stats().live(), 0);
}

// ---------------------------------------------------------------------
// Debug keys

#[test]
fn debug_keys_h_lists_the_handlers_in_the_ring_and_other_keys_add_nothing() {
    let xen = xen();
    let mut index = 0;
    xen.console_read(&mut index, false, false).unwrap();
    xen.debug_keys("h").unwrap();
    let text = String::from_utf8(xen.console_read(&mut index, true, false).unwrap()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"(XEN) 'h' pressed -> showing installed handlers")
    );
    assert!(
        lines.contains(&"(XEN)  key 'h' (ascii '68') => show this message"),
        "{text}"
    );
    assert!(lines.len() > 5 && lines.iter().all(|l| l.starts_with("(XEN) ")));
    // Twice: the same lines again, in order.
    xen.debug_keys("hh").unwrap();
    let again = String::from_utf8(xen.console_read(&mut index, true, false).unwrap()).unwrap();
    assert_eq!(again, format!("{text}{text}"));
    // A key without a handler, and no key at all: Xen ignores them.
    xen.debug_keys("\u{1}").unwrap();
    xen.debug_keys("").unwrap();
    assert_eq!(xen.console_read(&mut index, true, false).unwrap(), b"");
    assert_clean(&xen);
}

#[test]
fn debug_keys_without_console_to_ring_leave_the_ring_alone() {
    let xen = xen_with(HostConfig::default().console_to_ring(false));
    let before = console(&xen);
    xen.debug_keys("h").unwrap();
    assert_eq!(console(&xen), before);
    assert_clean(&xen);
}
