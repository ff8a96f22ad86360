//! Two threads share one typed API handle over the software Xen and mix
//! pool allocations and frees of tagged buffers (checked before they are
//! freed, some freed by the other thread) with typed hypercalls whose
//! results are checked against the modelled host. At the end the pool's
//! counters balance, the model refused no address, the domain list is back
//! to where it started, and the operations (pool allocations, frees and
//! hypercalls, counted by the pool and by a counting backend) reached the
//! target.
//!
//! The target is `HCBUF_STRESS_OPS` (both threads together), 10^6 by
//! default so that a debug `cargo test` stays quick; CI runs 10^7 in
//! release:
//!
//! ```text
//! HCBUF_STRESS_OPS=10000000 cargo test --release -p hcbuf-core --test stress_xen -- --nocapture
//! ```

mod common;

use hcbuf_core::Release;
use std::sync::{Mutex, mpsc};
use std::time::Instant;

use common::default_host::{
    DOM0_PAGES, DOM0_VCPUS, HOST_PAGES, LOCAL_DISTANCE, MAX_RAM_PAGE, REMOTE_DISTANCE,
};
use common::{Counting, GUEST_HANDLE, Rng, pv_guest, tracking_pool, verify_tagged as verify};
use hcbuf_core::api::{Batch, Xen};
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::sys::domctl::XEN_SCHEDULER_CREDIT2;
use hcbuf_core::sys::errno::XEN_ESRCH;
use hcbuf_core::sys::xen::domid_t;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::GetDomainInfo;
use hcbuf_core::xen::sysctl::PhysInfo;
use hcbuf_core::xen::version::{PageSize, VersionNumber};
use hcbuf_core::{Pool, PoolSlice, XenErrno};

const DEFAULT_OPS: u64 = 1_000_000;
const THREADS: u64 = 2;

// The modelled host: 2 sockets x 2 cores x 2 threads, 2 NUMA nodes, the
// rest as `HostConfig::default()` documents it.
const SOCKETS: u32 = 2;
const CORES_PER_SOCKET: u32 = 2;
const THREADS_PER_CORE: u32 = 2;
const NR_CPUS: u32 = SOCKETS * CORES_PER_SOCKET * THREADS_PER_CORE;
const NODES: u32 = 2;

fn host() -> HostConfig {
    HostConfig::default()
        .cpus(SOCKETS, CORES_PER_SOCKET, THREADS_PER_CORE)
        .nodes(NODES)
}

/// The operation target: `HCBUF_STRESS_OPS`, or the default if unset.
fn target_ops() -> u64 {
    match std::env::var("HCBUF_STRESS_OPS") {
        Err(std::env::VarError::NotPresent) => DEFAULT_OPS,
        Err(e) => panic!("HCBUF_STRESS_OPS: {e}"),
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(0) => panic!("HCBUF_STRESS_OPS=0: the target must be at least 1 operation"),
            Ok(n) => n,
            Err(e) => panic!(
                "HCBUF_STRESS_OPS={text:?} is not a number of operations \
                 (a decimal integer, e.g. 10000000): {e}"
            ),
        },
    }
}

/// Pool allocations + frees + hypercalls so far.
fn operations(xen: &Xen<Counting>) -> u64 {
    let stats = xen.pool().stats();
    stats.allocations + stats.frees + xen.backend().calls()
}

/// Sizes in u64 words of the tagged buffers: slots of several classes,
/// pages, runs.
const WORDS: &[usize] = &[1, 2, 3, 8, 13, 32, 64, 100, 256, 300, 512, 513, 1024, 2048];

type Tagged<'p> = (u64, PoolSlice<'p, u64>);

/// The kinds of step a worker takes, for the per-thread tally.
#[derive(Clone, Copy, Debug)]
enum Step {
    Alloc,
    Free,
    GiveAway,
    Version,
    PageSize,
    PhysInfo,
    Domains,
    Dom0,
    CreateDomain,
    DestroyDomain,
    Console,
    Hypfs,
    CpuTopology,
    NumaInfo,
    Batch,
    Reservation,
    Scheduler,
}
const STEPS: usize = Step::Scheduler as usize + 1;

/// What both workers share.
struct Shared<'x> {
    xen: &'x Xen<Counting>,
    target: u64,
    /// The domains that existed before the workers started.
    start_domains: Vec<domid_t>,
    /// Held across a console write and the read that must find it: the
    /// other thread's writes could otherwise push the marker out of the
    /// 16 KiB ring if this thread were descheduled in between.
    console: Mutex<()>,
}

/// The domain ids worker `id` creates: its own hundred.
fn own_domids(id: u64) -> std::ops::Range<domid_t> {
    let base = 1000 * id as domid_t;
    base..base + 100
}

#[track_caller]
fn check_physinfo(p: &PhysInfo) {
    assert_eq!(p.nr_cpus, NR_CPUS);
    assert_eq!(p.max_cpu_id, NR_CPUS - 1);
    assert_eq!(p.threads_per_core, THREADS_PER_CORE);
    assert_eq!(p.cores_per_socket, CORES_PER_SOCKET);
    assert_eq!(p.nr_nodes, NODES);
    // Xen reports `MAX_NUMNODES - 1`, not the highest online node.
    assert_eq!(p.max_node_id, 63);
    assert_eq!(p.total_pages, HOST_PAGES);
    assert!(p.free_pages < HOST_PAGES - DOM0_PAGES, "{p:?}");
}

fn worker<'p>(
    shared: &Shared<'p>,
    id: u64,
    give: mpsc::Sender<Tagged<'p>>,
    take: mpsc::Receiver<Tagged<'p>>,
) -> [u64; STEPS] {
    let xen = shared.xen;
    let pool: &'p Pool = xen.pool();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (id * 0x2545_f491_4f6c_dd1d));
    let mut tally = [0u64; STEPS];
    let mut live: Vec<Tagged<'p>> = Vec::new();
    let mut domains: Vec<domid_t> = Vec::new();
    let mut next_domid = own_domids(id).start;
    let mut n: u64 = 0;
    loop {
        if n % 256 == 0 && operations(xen) >= shared.target {
            break;
        }
        n += 1;
        let r = rng.next();
        let step = match r % 32 {
            0..=14 if live.len() < 8 || (live.len() < 64 && (r >> 5) % 2 == 0) => Step::Alloc,
            0..=13 => Step::Free,
            14 => Step::GiveAway,
            15 | 16 => Step::Version,
            17 => Step::PageSize,
            18 => Step::PhysInfo,
            19 => Step::Domains,
            20 => Step::Dom0,
            21 | 22 if domains.len() < 4 => Step::CreateDomain,
            21 | 22 => Step::DestroyDomain,
            23 => Step::Console,
            24 | 25 => Step::Hypfs,
            26 => Step::CpuTopology,
            27 => Step::NumaInfo,
            28 | 29 => Step::Batch,
            30 => Step::Reservation,
            _ => Step::Scheduler,
        };
        tally[step as usize] += 1;
        match step {
            Step::Alloc => {
                let words = WORDS[(r >> 8) as usize % WORDS.len()];
                let tag = (id << 56) | n;
                let mut buf = pool.slice::<u64>(words).unwrap();
                verify(&buf, 0);
                buf.fill(tag);
                live.push((tag, buf));
            }
            Step::Free | Step::GiveAway => {
                let (tag, buf) = live.swap_remove((r >> 16) as usize % live.len());
                verify(&buf, tag);
                if matches!(step, Step::GiveAway) {
                    // Freed by the other thread.
                    give.send((tag, buf)).unwrap();
                } else {
                    drop(buf);
                }
            }
            Step::Version => {
                let v = xen.version().unwrap();
                assert_eq!((v.major, v.minor, v.extra.as_str()), (4, 17, ".7"));
            }
            Step::PageSize => assert_eq!(xen.page_size().unwrap(), 4096),
            Step::PhysInfo => check_physinfo(&xen.physinfo().unwrap()),
            Step::Domains => {
                let list: Vec<domid_t> = xen.domains().unwrap().iter().map(|d| d.domid).collect();
                assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
                for d in shared.start_domains.iter().chain(&domains) {
                    assert!(list.contains(d), "domain {d} missing from {list:?}");
                }
                // Anything else is the other worker's.
                let other = own_domids(3 - id);
                assert!(
                    list.iter().all(|d| shared.start_domains.contains(d)
                        || domains.contains(d)
                        || other.contains(d)),
                    "thread {id}: unexpected domains in {list:?}"
                );
            }
            Step::Dom0 => {
                let d = xen.domain(0).unwrap();
                assert_eq!(d.domid, 0);
                assert_eq!(d.online_vcpus, DOM0_VCPUS);
                assert_eq!((d.tot_pages, d.max_pages), (DOM0_PAGES, DOM0_PAGES));
                assert!(!d.state.paused && !d.state.dying, "{d:?}");
            }
            Step::CreateDomain => {
                let range = own_domids(id);
                while domains.contains(&next_domid) {
                    next_domid = if next_domid + 1 == range.end {
                        range.start
                    } else {
                        next_domid + 1
                    };
                }
                let domid = next_domid;
                let vcpus = 1 + (r >> 40) as u32 % 4;
                assert_eq!(xen.create_domain(domid, pv_guest(vcpus)).unwrap(), domid);
                let max_kb = 4 * (1 + (r >> 24) % 65_536);
                xen.set_max_mem(domid, max_kb).unwrap();
                let info = xen.domain(domid).unwrap();
                assert_eq!(info.domid, domid);
                assert_eq!(info.max_pages, max_kb / 4);
                assert_eq!(info.handle, GUEST_HANDLE);
                // No vCPU yet (`XEN_INVALID_MAX_VCPU_ID`) until max_vcpus.
                assert_eq!(info.max_vcpu_id, u32::MAX);
                xen.set_max_vcpus(domid, vcpus).unwrap();
                let info = xen.domain(domid).unwrap();
                assert_eq!((info.max_vcpu_id, info.online_vcpus), (vcpus - 1, 0));
                assert!(info.state.paused, "a new domain starts paused: {info:?}");
                xen.unpause_domain(domid).unwrap();
                assert!(!xen.domain(domid).unwrap().state.paused);
                // One pause too many is refused, then it is paused again.
                assert_eq!(
                    xen.unpause_domain(domid).unwrap_err().errno(),
                    Some(XenErrno(hcbuf_core::sys::errno::XEN_EINVAL))
                );
                xen.pause_domain(domid).unwrap();
                assert!(xen.domain(domid).unwrap().state.paused);
                domains.push(domid);
            }
            Step::DestroyDomain => {
                let domid = domains.swap_remove((r >> 16) as usize % domains.len());
                xen.destroy_domain(domid).unwrap();
                // Gone: asking for it finds the next domain or none.
                let again = xen.domain(domid).unwrap_err();
                assert_eq!(again.errno(), Some(XenErrno(XEN_ESRCH)), "{again}");
            }
            Step::Console => {
                let marker = format!("stress_xen thread {id} step {n}\n");
                let _guard = shared.console.lock().unwrap();
                xen.console_write(marker.as_bytes()).unwrap();
                let text = xen.console_read(&mut 0, false, false).unwrap();
                assert!(
                    text.ends_with(marker.as_bytes()),
                    "the ring ends with the marker just written: {:?}",
                    String::from_utf8_lossy(&text[text.len().saturating_sub(80)..])
                );
                assert!(text.len() <= 16 << 10, "at most the ring");
            }
            Step::Hypfs => {
                if r & (1 << 33) == 0 {
                    let minor = xen.hypfs_read("/buildinfo/version/minor", 4).unwrap();
                    assert_eq!(minor, 17u32.to_ne_bytes());
                } else {
                    let extra = xen.hypfs_read("/buildinfo/version/extra", 64).unwrap();
                    assert_eq!(extra, b".7\0");
                }
            }
            Step::CpuTopology => {
                let cpus = xen.cpu_topology().unwrap();
                assert_eq!(cpus.len(), NR_CPUS as usize);
                for (cpu, t) in cpus.iter().enumerate() {
                    let cpu = cpu as u32;
                    let socket = cpu / (CORES_PER_SOCKET * THREADS_PER_CORE);
                    assert_eq!(t.socket, Some(socket), "cpu {cpu}");
                    assert_eq!(
                        t.core,
                        Some(cpu / THREADS_PER_CORE % CORES_PER_SOCKET),
                        "cpu {cpu}"
                    );
                    // One node per socket.
                    assert_eq!(t.node, Some(socket), "cpu {cpu}");
                }
            }
            Step::NumaInfo => {
                let (nodes, distances) = xen.numa_info().unwrap();
                assert_eq!(nodes.len(), NODES as usize);
                for node in &nodes {
                    assert_eq!(node.size, Some(HOST_PAGES * 4096 / u64::from(NODES)));
                }
                for (i, row) in distances.iter().enumerate() {
                    let want: Vec<u32> = (0..NODES as usize)
                        .map(|j| {
                            if i == j {
                                LOCAL_DISTANCE
                            } else {
                                REMOTE_DISTANCE
                            }
                        })
                        .collect();
                    assert_eq!(*row, want, "row {i}");
                }
            }
            Step::Batch => {
                let version = VersionNumber::default();
                let page = PageSize::default();
                let mut physinfo = Op::sysctl(Release::Xen4_17, pool, PhysInfo::default()).unwrap();
                // One of this thread's domains if it has one, else dom0.
                let domid = domains.first().copied().unwrap_or(0);
                let mut dominfo =
                    Op::domctl(Release::Xen4_17, pool, domid, GetDomainInfo::default()).unwrap();
                let results = {
                    let physinfo_call = physinfo.call();
                    let dominfo_call = dominfo.call();
                    let mut batch = Batch::new();
                    batch.push(&version);
                    batch.push(&physinfo_call);
                    batch.push(&page);
                    batch.push(&dominfo_call);
                    xen.multicall(batch).unwrap()
                };
                assert_eq!(results, vec![Ok(4 << 16 | 17), Ok(0), Ok(4096), Ok(0)]);
                check_physinfo(physinfo.payload());
                assert_eq!(dominfo.payload().domain, domid);
            }
            Step::Reservation => {
                assert_eq!(xen.current_reservation(0).unwrap(), DOM0_PAGES);
                assert_eq!(xen.maximum_ram_page().unwrap(), MAX_RAM_PAGE);
            }
            Step::Scheduler => assert_eq!(xen.scheduler_id().unwrap(), XEN_SCHEDULER_CREDIT2),
        }
        while let Ok((tag, buf)) = take.try_recv() {
            verify(&buf, tag);
            drop(buf);
        }
    }
    for (tag, buf) in live.drain(..) {
        verify(&buf, tag);
    }
    for domid in domains.drain(..) {
        xen.destroy_domain(domid).unwrap();
    }
    drop(give);
    for (tag, buf) in take {
        verify(&buf, tag);
    }
    tally
}

#[test]
fn two_threads_pool_and_typed_hypercalls_on_the_soft_xen() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    let target = target_ops();
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), host()).unwrap();
    let xen = Xen::new(Counting::new(soft), pool);
    let start_domains: Vec<domid_t> = xen.domains().unwrap().iter().map(|d| d.domid).collect();
    assert_eq!(start_domains, [0]);
    let before = xen.pool().stats();
    let calls_before = xen.backend().calls();
    let start_ops = operations(&xen);
    let shared = Shared {
        xen: &xen,
        target: start_ops + target,
        start_domains,
        console: Mutex::new(()),
    };

    let started = Instant::now();
    let (to_b, from_a) = mpsc::channel();
    let (to_a, from_b) = mpsc::channel();
    let tallies = std::thread::scope(|s| {
        let a = s.spawn(|| worker(&shared, 1, to_b, from_b));
        let b = s.spawn(|| worker(&shared, 2, to_a, from_a));
        [a.join().unwrap(), b.join().unwrap()]
    });
    let elapsed = started.elapsed();

    let stats = xen.pool().stats();
    let allocations = stats.allocations - before.allocations;
    let frees = stats.frees - before.frees;
    let hypercalls = xen.backend().calls() - calls_before;
    let total = allocations + frees + hypercalls;
    assert_eq!(stats.allocations, stats.frees, "{stats:?}");
    assert_eq!(stats.live(), 0, "{stats:?}");
    assert_eq!(
        stats.allocations,
        stats.cache_hits + stats.cache_misses,
        "{stats:?}"
    );
    assert_eq!(
        xen.backend().soft.faults(),
        0,
        "the model refused an address"
    );
    assert_eq!(xen.backend().soft.injected_failures(), 0);
    let end_domains: Vec<domid_t> = xen.domains().unwrap().iter().map(|d| d.domid).collect();
    assert_eq!(
        end_domains, shared.start_domains,
        "every domain created was destroyed"
    );
    assert!(total >= target, "{total} operations, {target} wanted");
    for (thread, tally) in tallies.iter().enumerate() {
        for (step, &count) in tally.iter().enumerate() {
            assert!(
                count > 0,
                "thread {thread}: step {step} never ran: {tally:?}"
            );
        }
    }
    println!(
        "stress_xen: {total} operations ({allocations} allocations, {frees} frees, \
         {hypercalls} hypercalls) \
         on {THREADS} threads in {:.2} s, invariants held",
        elapsed.as_secs_f64()
    );
}
