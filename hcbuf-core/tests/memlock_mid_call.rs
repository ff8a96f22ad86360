//! Running out of lockable memory in the middle of a typed API call that
//! needs more than one pool buffer: the call fails with the pool's
//! `MemlockLimit`, frees the buffers it already had, leaves nothing more
//! locked, issues no hypercall with the partial set (only the count
//! queries that come before the buffers), and works once memory is free
//! again.
//!
//! The exhaustion is real: the process's `RLIMIT_MEMLOCK` is lowered and
//! this thread drops `CAP_IPC_LOCK` (as root the limit would not apply).
//! The pool keeps no cache (`cache_limit(0)`), so every free unmaps at
//! once and the locked memory is exactly that of the live buffers; a
//! "filler" buffer takes all of the limit but the room a case leaves, so
//! that the first buffers of the call fit and a chosen later one does not.
//! Each case checks that exactly that buffer failed (by its size in the
//! error and by the pool's count of allocations). One test, alone in its
//! binary, because the limit is process-wide.

mod common;

use common::default_host::DOM0_PAGES;
use common::{Counting, drop_cap_ipc_lock, set_memlock_limit, vm_locked_bytes};
use hcbuf_core::Release;
use hcbuf_core::api::{Batch, Error, Xen};
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::pool::{MemorySource, PoolConfig, page_size};
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::GetDomainInfo;
use hcbuf_core::xen::hypfs::HypfsDirentry;
use hcbuf_core::xen::multicall::MulticallEntry;
use hcbuf_core::xen::sysctl::{CpuTopo, MemInfo, PhysInfo};
use hcbuf_core::xen::version::VersionNumber;
use hcbuf_core::{Pool, PoolError};

const PAGE: usize = 4096;
/// The lockable memory of the whole process.
const LIMIT: usize = 256 << 10;

/// The modelled host: 512 CPUs (1 socket x 64 cores x 8 threads) and 64
/// nodes, so that the CPU list and the node distances take runs of pages.
const CPUS: usize = 512;
const NODES: usize = 64;

fn host() -> HostConfig {
    HostConfig::default().cpus(1, 64, 8).nodes(NODES as u32)
}

/// The bytes the pool locks for a request of `bytes` when it has nothing
/// cached: a fresh page of slots, or a run of whole pages.
fn locks(bytes: usize) -> usize {
    if bytes <= PAGE {
        PAGE
    } else {
        bytes.div_ceil(PAGE) * PAGE
    }
}

/// The size of the `sysctl`/`domctl` buffer of an `Op`.
fn op_size<P: hcbuf_core::SubOp>() -> usize
where
    P::Family: hcbuf_core::xen::UnionFamily,
{
    size_of::<Op<P>>()
}

/// One method, and how it runs out of memory.
struct Case {
    /// The method, and the call its error names.
    method: &'static str,
    call: &'static str,
    /// Bytes of the limit left free when the call starts.
    room: usize,
    /// Buffers allocated (and freed again) before the one that fails.
    before: u64,
    /// The bytes the failing buffer asks to lock.
    failing: usize,
    /// Hypercalls issued before the failure: only queries of a count,
    /// none with the partial set of buffers.
    calls_before: u64,
    /// Hypercalls of the call when it succeeds.
    calls_ok: u64,
    /// Runs the method, checking its result when it succeeds.
    run: fn(&Xen<Counting>) -> Result<(), Error>,
}

/// A per-domain `memory_op` query: the domain id in a slot page, then the
/// multicall entry that fails.
fn memory_query(
    method: &'static str,
    call: &'static str,
    run: fn(&Xen<Counting>) -> Result<(), Error>,
) -> Case {
    Case {
        method,
        call,
        room: PAGE,
        before: 1,
        failing: locks(size_of::<MulticallEntry>()),
        calls_before: 0,
        calls_ok: 1,
        run,
    }
}

fn cases() -> Vec<Case> {
    let domain_page = 64 * size_of::<GetDomainInfo>();
    let sysctl = op_size::<PhysInfo>();
    let hypfs_max = 3 * PAGE;
    vec![
        Case {
            // The list buffer, then the sysctl buffer of the first page.
            method: "domains",
            call: "sysctl getdomaininfolist",
            room: locks(domain_page),
            before: 1,
            failing: locks(sysctl),
            calls_before: 0,
            calls_ok: 1,
            run: |xen| {
                let domains = xen.domains()?;
                assert_eq!(domains.len(), 1);
                assert_eq!(domains[0].domid, 0);
                Ok(())
            },
        },
        Case {
            // The 16 KiB text buffer, then the sysctl buffer.
            method: "console_read",
            call: "sysctl readconsole",
            room: locks(16 << 10),
            before: 1,
            failing: locks(sysctl),
            calls_before: 0,
            calls_ok: 1,
            run: |xen| {
                let text = xen.console_read(&mut 0, false, false)?;
                assert!(text.starts_with(b"(XEN) Xen version 4.17.7 "));
                Ok(())
            },
        },
        Case {
            // The path, then the entry and contents buffer.
            method: "hypfs_read",
            call: "hypfs_op read",
            room: 2 * PAGE,
            before: 1,
            failing: locks(size_of::<HypfsDirentry>() + hypfs_max),
            calls_before: 0,
            calls_ok: 1,
            run: |xen| {
                let extra = xen.hypfs_read("/buildinfo/version/extra", 3 * PAGE)?;
                assert_eq!(extra, b".7\0");
                Ok(())
            },
        },
        Case {
            // The count query's buffer (freed), then the CPU list, which
            // does not fit.
            method: "cpu_topology (the list)",
            call: "sysctl cputopoinfo",
            room: PAGE,
            before: 1,
            failing: locks(CPUS * size_of::<CpuTopo>()),
            calls_before: 1,
            calls_ok: 2,
            run: cpu_topology,
        },
        Case {
            // The count query's buffer (freed), the CPU list, then the
            // second query's sysctl buffer, which does not fit.
            method: "cpu_topology (the second query)",
            call: "sysctl cputopoinfo",
            room: locks(CPUS * size_of::<CpuTopo>()),
            before: 2,
            failing: locks(sysctl),
            calls_before: 1,
            calls_ok: 2,
            run: cpu_topology,
        },
        Case {
            // The count query's buffer (freed), the node memory, then the
            // distances, which do not fit.
            method: "numa_info (the distances)",
            call: "sysctl numainfo",
            room: locks(NODES * size_of::<MemInfo>()),
            before: 2,
            failing: locks(NODES * NODES * size_of::<u32>()),
            calls_before: 1,
            calls_ok: 2,
            run: numa_info,
        },
        Case {
            // The count query's buffer (freed), memory and distances, then
            // the second query's sysctl buffer.
            method: "numa_info (the second query)",
            call: "sysctl numainfo",
            room: locks(NODES * size_of::<MemInfo>()) + locks(NODES * NODES * size_of::<u32>()),
            before: 3,
            failing: locks(sysctl),
            calls_before: 1,
            calls_ok: 2,
            run: numa_info,
        },
        // The domain id argument, then the multicall entry carrying the
        // call (its result may be wider than 31 bits).
        memory_query(
            "current_reservation",
            "memory_op current_reservation",
            |xen| {
                assert_eq!(xen.current_reservation(0)?, DOM0_PAGES);
                Ok(())
            },
        ),
        memory_query(
            "maximum_reservation",
            "memory_op maximum_reservation",
            |xen| {
                assert_eq!(xen.maximum_reservation(0)?, DOM0_PAGES);
                Ok(())
            },
        ),
        memory_query("maximum_gpfn", "memory_op maximum_gpfn", |xen| {
            assert_eq!(xen.maximum_gpfn(0)?, DOM0_PAGES - 1);
            Ok(())
        }),
        Case {
            // The caller's two sysctl/domctl buffers (one page of slots),
            // then the multicall's entries.
            method: "multicall",
            call: "multicall",
            room: PAGE,
            before: 2,
            failing: locks(2 * size_of::<MulticallEntry>()),
            calls_before: 0,
            // The batch, then a second one of a single call.
            calls_ok: 2,
            run: multicall,
        },
        Case {
            // Not a second buffer but a failure after a hypercall: the
            // version number, then the extraversion buffer.
            method: "version",
            call: "xen_version extraversion",
            room: 0,
            before: 0,
            failing: PAGE,
            calls_before: 1,
            calls_ok: 2,
            run: |xen| {
                let v = xen.version()?;
                assert_eq!((v.major, v.minor, v.extra.as_str()), (4, 17, ".7"));
                Ok(())
            },
        },
    ]
}

fn cpu_topology(xen: &Xen<Counting>) -> Result<(), Error> {
    let cpus = xen.cpu_topology()?;
    assert_eq!(cpus.len(), CPUS);
    assert!(cpus.iter().all(|c| c.socket == Some(0)));
    Ok(())
}

fn numa_info(xen: &Xen<Counting>) -> Result<(), Error> {
    let (nodes, distances) = xen.numa_info()?;
    assert_eq!((nodes.len(), distances.len()), (NODES, NODES));
    assert!(distances.iter().all(|row| row.len() == NODES));
    assert_eq!((distances[0][0], distances[0][1]), (10, 20));
    Ok(())
}

fn multicall(xen: &Xen<Counting>) -> Result<(), Error> {
    let pool = xen.pool();
    let mut physinfo =
        Op::sysctl(Release::Xen4_17, pool, PhysInfo::default()).expect("room for the sysctl");
    let mut dom0 = Op::domctl(Release::Xen4_17, pool, 0, GetDomainInfo::default())
        .expect("room for the domctl");
    let results = {
        let physinfo_call = physinfo.call();
        let dom0_call = dom0.call();
        let mut batch = Batch::new();
        batch.push(&physinfo_call);
        batch.push(&dom0_call);
        xen.multicall(batch)?
    };
    assert_eq!(results, [Ok(0), Ok(0)]);
    assert_eq!(physinfo.payload().nr_cpus as usize, CPUS);
    assert_eq!(dom0.payload().domain, 0);
    // A batch whose calls need no buffer of their own works too.
    let version = VersionNumber::default();
    let mut batch = Batch::new();
    batch.push(&version);
    assert_eq!(xen.multicall(batch)?, [Ok(4 << 16 | 17)]);
    Ok(())
}

/// Runs `case` with all of the limit but `case.room` taken, then again
/// with the memory free.
fn exhaust_mid_call(xen: &Xen<Counting>, pool: &Pool, case: &Case) {
    let name = case.method;
    assert_eq!(vm_locked_bytes(), 0, "{name}: nothing locked before");
    let filler_bytes = LIMIT - case.room;
    assert!(filler_bytes > PAGE, "{name}: the filler is a run of pages");
    let filler = pool.slice::<u8>(filler_bytes).unwrap();
    assert_eq!(vm_locked_bytes(), filler_bytes, "{name}: the filler");

    let before = pool.stats();
    xen.backend().reset();
    match (case.run)(xen) {
        Err(Error::Pool {
            call,
            source:
                PoolError::MemlockLimit {
                    requested,
                    locked,
                    limit,
                },
        }) => {
            assert_eq!(call, case.call, "{name}: the call named");
            assert_eq!(requested, case.failing, "{name}: which buffer failed");
            assert_eq!(limit, LIMIT as u64, "{name}");
            assert!(locked + requested > LIMIT, "{name}: {locked} + {requested}");
        }
        other => panic!("{name}: expected MemlockLimit, got {other:?}"),
    }
    let after = pool.stats();
    assert_eq!(
        after.allocations - before.allocations,
        case.before,
        "{name}: buffers allocated before the failure"
    );
    assert_eq!(
        after.frees - before.frees,
        case.before,
        "{name}: every one of them freed"
    );
    assert_eq!(after.live(), 1, "{name}: only the filler is left");
    assert_eq!(
        xen.backend().calls(),
        case.calls_before,
        "{name}: no hypercall with a partial set of buffers"
    );
    assert_eq!(after.locked_bytes, filler_bytes, "{name}: the pool's lock");
    assert_eq!(
        vm_locked_bytes(),
        filler_bytes,
        "{name}: nothing more locked"
    );
    assert_eq!(xen.backend().soft.faults(), 0, "{name}");

    // Memory again: the same call works.
    drop(filler);
    assert_eq!(vm_locked_bytes(), 0, "{name}: the filler unlocked");
    xen.backend().reset();
    (case.run)(xen).unwrap_or_else(|e| panic!("{name} once memory is free: {e}"));
    assert_eq!(
        xen.backend().calls(),
        case.calls_ok,
        "{name}: hypercalls of a success"
    );
    assert_eq!(pool.stats().live(), 0, "{name}: nothing outlives the call");
    assert_eq!(vm_locked_bytes(), 0, "{name}: and nothing stays locked");
    assert_eq!(xen.backend().soft.faults(), 0, "{name}");
}

#[test]
fn memlock_exhaustion_at_a_later_buffer_fails_cleanly_and_the_call_works_again() {
    if !common::can_set_memlock(LIMIT as u64) {
        return;
    }
    assert_eq!(page_size(), PAGE, "the sizes below assume 4 KiB pages");
    assert_eq!(vm_locked_bytes(), 0, "the test process locks nothing yet");
    set_memlock_limit(LIMIT as u64);
    drop_cap_ipc_lock();

    let config = PoolConfig::default()
        .source(MemorySource::LockedAnonymous)
        .track_allocations(true)
        .cache_limit(0);
    let pool = Pool::with_config(config).unwrap();
    let xen = Xen::new(
        Counting::new(SoftXen::new(pool.clone(), host()).unwrap()),
        pool.clone(),
    );
    let cases = cases();
    for case in &cases {
        exhaust_mid_call(&xen, &pool, case);
    }
    let stats = pool.stats();
    assert_eq!(stats.allocations, stats.frees, "{stats:?}");
    assert_eq!(stats.locked_bytes, 0, "{stats:?}");
}
