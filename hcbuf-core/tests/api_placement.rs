//! vCPU placement, cpupools and scheduler parameters through the typed API
//! against the software Xen of both releases: values, Xen 4.17's errnos,
//! each error naming its call, and nothing left allocated when any of a
//! method's hypercalls fails.

use std::sync::atomic::{AtomicU64, Ordering};

use hcbuf_core::api::{CpuMap, Error, Xen};
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::sys::domctl::{
    XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2, XEN_SCHEDULER_NULL, XEN_SCHEDULER_RTDS,
};
use hcbuf_core::sys::errno::*;
use hcbuf_core::sys::xen::domid_t;
use hcbuf_core::xen::domctl::SchedCredit2;
use hcbuf_core::xen::sysctl::Credit2Schedule;
use hcbuf_core::{Backend, HypercallArgs, Release, XenErrno};

mod common;

use common::scenarios::{self, refused};
use common::{pv_guest, tracking_pool};

const RELEASES: [Release; 2] = [Release::Xen4_17, Release::Xen4_20];

fn xen_on(release: Release, host: HostConfig) -> Xen<SoftXen> {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), host.release(release)).unwrap();
    Xen::new(soft, pool)
}

/// The default host (2 CPUs, 1 node, credit2, dom0 with 2 vCPUs) of each
/// release.
fn each_release(test: impl Fn(&Xen<SoftXen>)) {
    for release in RELEASES {
        let xen = xen_on(release, HostConfig::default());
        test(&xen);
        assert_clean(&xen);
    }
}

#[track_caller]
fn assert_clean(xen: &Xen<SoftXen>) {
    assert_eq!(xen.pool().stats().live(), 0, "a buffer outlived its call");
    assert_eq!(xen.backend().faults(), 0, "the model refused an address");
}

fn map(bits: u32, cpus: &[u32]) -> CpuMap {
    CpuMap::from_cpus(bits, cpus.iter().copied()).unwrap()
}

/// A PV domain with `vcpus` vCPUs, created.
fn guest(xen: &Xen<SoftXen>, vcpus: u32) -> domid_t {
    let domid = xen.create_domain(0, pv_guest(vcpus)).unwrap();
    xen.set_max_vcpus(domid, vcpus).unwrap();
    domid
}

// ---------------------------------------------------------------------
// CpuMap

#[test]
fn cpu_maps_print_as_xl_prints_them() {
    assert_eq!(CpuMap::all(2).to_string(), "all");
    assert_eq!(CpuMap::new(2).to_string(), "none");
    assert_eq!(map(2, &[0]).to_string(), "0");
    assert_eq!(map(2, &[1]).to_string(), "1");
    assert_eq!(map(8, &[0, 2, 3, 4, 7]).to_string(), "0,2-4,7");
    assert_eq!(map(16, &[1, 2, 3, 8, 9]).to_string(), "1-3,8-9");
    assert_eq!(map(9, &[8]).to_string(), "8");
    assert_eq!(CpuMap::all(0).to_string(), "none");
}

#[test]
fn a_cpu_map_holds_its_bits_in_exactly_its_bytes() {
    for bits in [0u32, 1, 7, 8, 9, 64, 65] {
        let all = CpuMap::all(bits);
        assert_eq!(all.as_bytes().len(), bits.div_ceil(8) as usize);
        assert_eq!(all.count(), bits);
        assert_eq!(
            all.iter().collect::<Vec<_>>(),
            (0..bits).collect::<Vec<_>>()
        );
    }
    // Bits past the count are dropped, missing bytes are zero.
    let m = CpuMap::from_bytes(3, &[0xff, 0xff]);
    assert_eq!(m.as_bytes(), &[0x07]);
    assert!(m.is_full());
    let m = CpuMap::from_bytes(16, &[0x01]);
    assert_eq!(m.as_bytes(), &[0x01, 0x00]);
    let mut m = CpuMap::new(4);
    let e = m.insert(4).unwrap_err();
    assert_eq!((e.index, e.nr_bits), (4, 4));
    assert_eq!(e.to_string(), "CPU 4 is past the map's 4 bits");
    m.insert(3).unwrap();
    assert!(m.contains(3) && !m.contains(2) && !m.contains(100));
    m.remove(3);
    m.remove(100);
    assert!(m.is_empty());
    assert_eq!(map(4, &[1, 3]).resized(2), map(2, &[1]));
}

// ---------------------------------------------------------------------
// vCPUs and affinity

#[test]
fn vcpus_lists_every_vcpu_once_created() {
    each_release(|xen| {
        let dom0 = xen.vcpus(0).unwrap();
        assert_eq!(dom0.len(), 2);
        assert!(dom0.iter().all(|v| v.online));
        assert_eq!(dom0.iter().map(|v| v.cpu).collect::<Vec<_>>(), [0, 1]);

        let domid = xen.create_domain(0, pv_guest(3)).unwrap();
        assert!(
            xen.vcpus(domid).unwrap().is_empty(),
            "none before max_vcpus"
        );
        xen.set_max_vcpus(domid, 3).unwrap();
        let vcpus = xen.vcpus(domid).unwrap();
        assert_eq!(vcpus.len(), 3);
        assert!(vcpus.iter().all(|v| !v.online && !v.running));
        // Placed in turn on the pool's CPUs.
        assert_eq!(vcpus.iter().map(|v| v.cpu).collect::<Vec<_>>(), [0, 1, 0]);
        assert_eq!(refused(xen.vcpus(77), "domctl getdomaininfo"), XEN_ESRCH);
        xen.destroy_domain(domid).unwrap();
    });
}

#[test]
fn affinity_starts_everywhere_and_follows_what_is_set() {
    each_release(|xen| {
        assert_eq!(xen.max_cpus().unwrap(), 2);
        let domid = guest(xen, 2);
        let a = xen.vcpu_affinity(domid, 0).unwrap();
        assert_eq!(
            (a.hard.to_string(), a.soft.to_string()),
            ("all".into(), "all".into())
        );
        assert_eq!(a.hard.nr_bits(), 2);

        // Hard only: vCPU 0 moves onto CPU 1.
        let (hard, soft) = xen
            .set_vcpu_affinity(domid, 0, Some(&map(2, &[1])), None)
            .unwrap();
        assert_eq!(hard, Some(map(2, &[1])));
        assert_eq!(soft, None);
        assert_eq!(xen.vcpu_info(domid, 0).unwrap().cpu, 1);
        let a = xen.vcpu_affinity(domid, 0).unwrap();
        assert_eq!(a.hard, map(2, &[1]));
        assert_eq!(a.soft, CpuMap::all(2));

        // Soft outside the hard affinity: kept, reported as empty.
        let (hard, soft) = xen
            .set_vcpu_affinity(domid, 0, None, Some(&map(2, &[0])))
            .unwrap();
        assert_eq!((hard, soft), (None, Some(CpuMap::new(2))));
        assert_eq!(xen.vcpu_affinity(domid, 0).unwrap().soft, map(2, &[0]));

        // Both at once, from a wider map (bits past the host's dropped).
        let (hard, soft) = xen
            .set_vcpu_affinity(domid, 1, Some(&CpuMap::all(64)), Some(&map(64, &[0, 40])))
            .unwrap();
        assert_eq!(hard, Some(map(64, &[0, 1])));
        assert_eq!(soft, Some(map(64, &[0])));
        // The other vCPU is untouched.
        assert_eq!(xen.vcpu_affinity(domid, 1).unwrap().hard, CpuMap::all(2));
        xen.destroy_domain(domid).unwrap();
    });
}

#[test]
fn affinity_errnos_are_xens() {
    each_release(|xen| {
        const SET: &str = "domctl setvcpuaffinity";
        const GET: &str = "domctl getvcpuaffinity";
        let domid = xen.create_domain(0, pv_guest(2)).unwrap();
        // Before max_vcpus, the vCPU does not exist; past max_vcpus, EINVAL.
        assert_eq!(refused(xen.vcpu_affinity(domid, 0), GET), XEN_ESRCH);
        assert_eq!(refused(xen.vcpu_affinity(domid, 2), GET), XEN_EINVAL);
        xen.set_max_vcpus(domid, 2).unwrap();
        let one = map(2, &[1]);
        assert_eq!(
            refused(xen.set_vcpu_affinity(domid, 2, Some(&one), None), SET),
            XEN_EINVAL
        );
        assert_eq!(refused(xen.vcpu_affinity(99, 0), GET), XEN_ESRCH);
        // Neither map: no flag.
        assert_eq!(
            refused(xen.set_vcpu_affinity(domid, 0, None, None), SET),
            XEN_EINVAL
        );
        // A hard affinity with no CPU of the pool.
        let none = CpuMap::new(2);
        assert_eq!(
            refused(xen.set_vcpu_affinity(domid, 0, Some(&none), None), SET),
            XEN_EINVAL
        );
        let past = map(8, &[5]);
        assert_eq!(
            refused(xen.set_vcpu_affinity(domid, 0, Some(&past), None), SET),
            XEN_EINVAL
        );
        // A zero-bit map reads as no CPU: EINVAL.
        let empty = CpuMap::new(0);
        assert_eq!(
            refused(xen.set_vcpu_affinity(domid, 0, Some(&empty), None), SET),
            XEN_EINVAL
        );
        // Nothing changed.
        assert_eq!(xen.vcpu_affinity(domid, 0).unwrap().hard, CpuMap::all(2));
        // An empty soft affinity is allowed.
        xen.set_vcpu_affinity(domid, 0, None, Some(&none)).unwrap();
        xen.destroy_domain(domid).unwrap();
    });
}

#[test]
fn node_affinity_is_automatic_until_set() {
    each_release(|xen| {
        const SET: &str = "domctl setnodeaffinity";
        assert_eq!(xen.max_nodes().unwrap(), 64);
        let domid = xen.create_domain(0, pv_guest(1)).unwrap();
        // Without vCPUs: every node.
        assert_eq!(xen.node_affinity(domid).unwrap(), CpuMap::all(64));
        xen.set_max_vcpus(domid, 1).unwrap();
        // Then the nodes of the CPUs its vCPUs may run on: the one node.
        assert_eq!(xen.node_affinity(domid).unwrap(), map(64, &[0]));
        xen.set_node_affinity(domid, &map(1, &[0])).unwrap();
        assert_eq!(xen.node_affinity(domid).unwrap(), map(64, &[0]));
        xen.set_node_affinity(domid, &CpuMap::all(64)).unwrap();
        assert_eq!(xen.node_affinity(domid).unwrap(), map(64, &[0]));
        // No online node (the host has one).
        assert_eq!(
            refused(xen.set_node_affinity(domid, &CpuMap::new(64)), SET),
            XEN_EINVAL
        );
        assert_eq!(
            refused(xen.set_node_affinity(domid, &map(64, &[5])), SET),
            XEN_EINVAL
        );
        assert_eq!(
            refused(xen.node_affinity(1234), "domctl getnodeaffinity"),
            XEN_ESRCH
        );
        xen.destroy_domain(domid).unwrap();
    });
}

#[test]
fn nodes_follow_the_cpus_on_a_two_node_host() {
    for release in RELEASES {
        let xen = xen_on(release, HostConfig::default().cpus(2, 2, 1).nodes(2));
        let domid = guest(&xen, 1);
        assert_eq!(xen.node_affinity(domid).unwrap(), map(64, &[0, 1]));
        // Pinned to CPU 3, on the second socket: node 1.
        xen.set_vcpu_affinity(domid, 0, Some(&map(4, &[3])), None)
            .unwrap();
        assert_eq!(xen.node_affinity(domid).unwrap(), map(64, &[1]));
        assert_eq!(xen.vcpu_info(domid, 0).unwrap().cpu, 3);
        xen.destroy_domain(domid).unwrap();
        assert_clean(&xen);
    }
}

#[test]
fn time_offset_is_taken() {
    each_release(|xen| {
        let domid = xen.create_domain(0, pv_guest(1)).unwrap();
        xen.set_time_offset(domid, -3600).unwrap();
        xen.set_time_offset(0, 7).unwrap();
        assert_eq!(
            refused(xen.set_time_offset(4321, 1), "domctl settimeoffset"),
            XEN_ESRCH
        );
        xen.destroy_domain(domid).unwrap();
    });
}

// ---------------------------------------------------------------------
// cpupools

#[test]
fn pool_0_has_every_cpu_dom0_and_the_hosts_scheduler() {
    each_release(|xen| {
        let pools = xen.cpupools().unwrap();
        assert_eq!(pools.len(), 1);
        let p = &pools[0];
        assert_eq!((p.id, p.sched_id, p.n_dom), (0, XEN_SCHEDULER_CREDIT2, 1));
        assert_eq!(p.cpus, CpuMap::all(2));
        assert!(xen.cpupool_free_cpus().unwrap().is_empty());
        assert_eq!(xen.domain(0).unwrap().cpupool, 0);
        assert_eq!(
            refused(xen.cpupool_info(1), "sysctl cpupool_op info"),
            XEN_ENOENT
        );
    });
}

#[test]
fn a_pool_takes_a_cpu_and_a_domain_then_gives_them_back() {
    each_release(|xen| {
        let domid = guest(xen, 2);
        xen.set_vcpu_affinity(domid, 0, Some(&map(2, &[0])), Some(&map(2, &[0])))
            .unwrap();
        let id = scenarios::a_new_pool_without_a_cpu(xen, domid, &mut None);
        assert_eq!(id, 1);

        xen.cpupool_remove_cpu(0, Some(1)).unwrap();
        assert_eq!(xen.cpupool_free_cpus().unwrap(), map(2, &[1]));
        // vCPU 1 was on CPU 1: it moved to CPU 0.
        assert_eq!(xen.vcpu_info(domid, 1).unwrap().cpu, 0);
        xen.cpupool_add_cpu(id, None).unwrap();
        assert!(xen.cpupool_free_cpus().unwrap().is_empty());
        assert_eq!(xen.cpupool_info(id).unwrap().cpus, map(2, &[1]));

        xen.cpupool_move_domain(id, domid).unwrap();
        // Moving where it is does nothing.
        xen.cpupool_move_domain(id, domid).unwrap();
        assert_eq!(xen.domain(domid).unwrap().cpupool, id);
        let pools = xen.cpupools().unwrap();
        assert_eq!(
            pools.iter().map(|p| (p.id, p.n_dom)).collect::<Vec<_>>(),
            [(0, 1), (1, 1)]
        );
        scenarios::a_domain_moved_into_a_new_pool(xen, id, domid);

        // Its last CPU stays while it has a domain; it is busy while it
        // has a CPU.
        let destroy = "sysctl cpupool_op destroy";
        assert_eq!(
            refused(xen.cpupool_remove_cpu(id, None), "sysctl cpupool_op rmcpu"),
            XEN_EBUSY
        );
        xen.cpupool_move_domain(0, domid).unwrap();
        assert_eq!(refused(xen.cpupool_destroy(id), destroy), XEN_EBUSY);
        xen.cpupool_remove_cpu(id, None).unwrap();
        xen.cpupool_destroy(id).unwrap();
        assert_eq!(refused(xen.cpupool_destroy(id), destroy), XEN_ENOENT);
        xen.cpupool_add_cpu(0, Some(1)).unwrap();
        assert_eq!(xen.cpupools().unwrap().len(), 1);
        assert_eq!(xen.cpupool_info(0).unwrap().cpus, CpuMap::all(2));
        xen.destroy_domain(domid).unwrap();
        assert_eq!(xen.cpupool_info(0).unwrap().n_dom, 1);
    });
}

#[test]
fn cpupool_errnos_are_xens() {
    each_release(|xen| {
        const CREATE: &str = "sysctl cpupool_op create";
        const ADD: &str = "sysctl cpupool_op addcpu";
        const RM: &str = "sysctl cpupool_op rmcpu";
        const MOVE: &str = "sysctl cpupool_op movedomain";
        assert_eq!(
            refused(xen.cpupool_create(Some(0), XEN_SCHEDULER_CREDIT2), CREATE),
            XEN_EEXIST
        );
        assert_eq!(refused(xen.cpupool_create(None, 99), CREATE), XEN_ENOENT);
        assert_eq!(
            refused(xen.cpupool_create(None, XEN_SCHEDULER_RTDS), CREATE),
            XEN_ENOENT
        );
        // Ids asked for, then one past the last.
        assert_eq!(
            xen.cpupool_create(Some(7), XEN_SCHEDULER_CREDIT).unwrap(),
            7
        );
        assert_eq!(xen.cpupool_create(None, XEN_SCHEDULER_NULL).unwrap(), 8);
        assert_eq!(
            xen.cpupool_create(Some(3), XEN_SCHEDULER_CREDIT2).unwrap(),
            3
        );
        // At most twice as many pools as CPUs.
        assert_eq!(
            refused(xen.cpupool_create(None, XEN_SCHEDULER_CREDIT2), CREATE),
            XEN_ENOSPC
        );
        assert_eq!(
            xen.cpupools()
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            [0, 3, 7, 8]
        );

        assert_eq!(refused(xen.cpupool_add_cpu(5, Some(1)), ADD), XEN_ENOENT);
        assert_eq!(refused(xen.cpupool_add_cpu(3, None), ADD), XEN_ENODEV);
        assert_eq!(refused(xen.cpupool_add_cpu(3, Some(2)), ADD), XEN_EINVAL);
        assert_eq!(refused(xen.cpupool_add_cpu(3, Some(1)), ADD), XEN_ENODEV);
        assert_eq!(refused(xen.cpupool_remove_cpu(0, Some(0)), RM), XEN_EINVAL);
        assert_eq!(refused(xen.cpupool_remove_cpu(0, Some(2)), RM), XEN_EINVAL);
        assert_eq!(
            refused(xen.cpupool_remove_cpu(3, Some(1)), RM),
            XEN_EADDRNOTAVAIL
        );
        assert_eq!(refused(xen.cpupool_remove_cpu(3, None), RM), XEN_EINVAL);
        assert_eq!(refused(xen.cpupool_remove_cpu(5, Some(1)), RM), XEN_ENOENT);
        assert_eq!(refused(xen.cpupool_move_domain(0, 0), MOVE), XEN_EPERM);
        assert_eq!(refused(xen.cpupool_move_domain(0, 321), MOVE), XEN_ESRCH);
        let domid = xen.create_domain(0, pv_guest(1)).unwrap();
        assert_eq!(refused(xen.cpupool_move_domain(5, domid), MOVE), XEN_ENOENT);
        assert_eq!(
            refused(xen.cpupool_destroy(0), "sysctl cpupool_op destroy"),
            XEN_EBUSY
        );

        // A domain created into a pool: none of that id, or one without CPUs.
        let mut config = pv_guest(1);
        config.cpupool_id = 5;
        assert_eq!(
            refused(xen.create_domain(0, config), "domctl createdomain"),
            XEN_ESRCH
        );
        config.cpupool_id = 3;
        assert_eq!(
            refused(xen.create_domain(0, config), "domctl createdomain"),
            XEN_ENODEV
        );
        xen.cpupool_remove_cpu(0, Some(1)).unwrap();
        xen.cpupool_add_cpu(3, Some(1)).unwrap();
        let inside = xen.create_domain(0, config).unwrap();
        assert_eq!(xen.domain(inside).unwrap().cpupool, 3);
        xen.set_max_vcpus(inside, 1).unwrap();
        assert_eq!(xen.vcpu_info(inside, 0).unwrap().cpu, 1);
        xen.destroy_domain(inside).unwrap();
        xen.destroy_domain(domid).unwrap();
    });
}

#[test]
fn removing_a_pinned_cpu_breaks_the_pin() {
    each_release(|xen| {
        // dom0's vCPU 1 pinned to CPU 1, which then leaves Pool-0.
        xen.set_vcpu_affinity(0, 1, Some(&map(2, &[1])), None)
            .unwrap();
        xen.cpupool_remove_cpu(0, Some(1)).unwrap();
        let a = xen.vcpu_affinity(0, 1).unwrap();
        assert!(a.hard.is_full(), "{a:?}");
        assert_eq!(xen.vcpu_info(0, 1).unwrap().cpu, 0);
        xen.cpupool_add_cpu(0, Some(1)).unwrap();
    });
}

// ---------------------------------------------------------------------
// Schedulers

#[test]
fn credit2_domain_parameters_follow_xens_rules() {
    each_release(|xen| {
        const PUT: &str = "domctl scheduler_op credit2 putinfo";
        assert_eq!(xen.scheduler_id().unwrap(), XEN_SCHEDULER_CREDIT2);
        let domid = guest(xen, 1);
        scenarios::credit2_parameters_of_a_domain(xen, domid, 1);
        // dom0's two vCPUs take a cap of up to 200.
        let params = |weight, cap| SchedCredit2 { weight, cap };
        xen.set_credit2_params(0, params(0, 200)).unwrap();
        assert_eq!(xen.credit2_params(0).unwrap().cap, 200);
        xen.set_credit2_params(0, params(0, 0)).unwrap();
        assert_eq!(
            refused(
                xen.credit2_params(999),
                "domctl scheduler_op credit2 getinfo"
            ),
            XEN_ESRCH
        );
        // A domain without vCPUs takes no cap at all.
        let bare = xen.create_domain(0, pv_guest(1)).unwrap();
        assert_eq!(
            refused(xen.set_credit2_params(bare, params(0, 1)), PUT),
            XEN_EINVAL
        );
        xen.destroy_domain(bare).unwrap();
        xen.destroy_domain(domid).unwrap();
    });
}

#[test]
fn credit_parameters_in_a_credit_pool() {
    each_release(|xen| {
        let id = xen.cpupool_create(None, XEN_SCHEDULER_CREDIT).unwrap();
        xen.cpupool_remove_cpu(0, Some(1)).unwrap();
        xen.cpupool_add_cpu(id, Some(1)).unwrap();
        let domid = guest(xen, 1);
        xen.cpupool_move_domain(id, domid).unwrap();
        scenarios::credit_parameters_in_a_credit_pool(xen, id, domid);
        xen.cpupool_move_domain(0, domid).unwrap();
        xen.destroy_domain(domid).unwrap();
        xen.cpupool_remove_cpu(id, None).unwrap();
        xen.cpupool_add_cpu(0, None).unwrap();
        xen.cpupool_destroy(id).unwrap();
    });
}

#[test]
fn credit2_pool_parameters() {
    each_release(scenarios::credit2_rate_limit_of_pool_0);
}

// ---------------------------------------------------------------------
// Failures at any hypercall

/// Fails the `at`-th hypercall (from 0) with `EAGAIN`.
struct FailAt {
    soft: SoftXen,
    calls: AtomicU64,
    at: AtomicU64,
}

impl Backend for FailAt {
    fn release(&self) -> Option<Release> {
        self.soft.release()
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if n == self.at.load(Ordering::SeqCst) {
            self.soft.fail_next(XenErrno(XEN_EAGAIN), 1);
        }
        self.soft.hypercall(args)
    }
}

type Case = (&'static str, fn(&Xen<FailAt>) -> Result<(), Error>);

fn cases() -> Vec<Case> {
    vec![
        ("domctl getvcpuinfo", |x| x.vcpus(1).map(drop)),
        ("domctl getvcpuaffinity", |x| {
            x.vcpu_affinity(1, 0).map(drop)
        }),
        ("domctl setvcpuaffinity", |x| {
            x.set_vcpu_affinity(1, 0, Some(&map(2, &[1])), Some(&map(2, &[1])))
                .map(drop)
        }),
        ("domctl getnodeaffinity", |x| x.node_affinity(1).map(drop)),
        ("domctl setnodeaffinity", |x| {
            x.set_node_affinity(1, &map(64, &[0]))
        }),
        ("domctl settimeoffset", |x| x.set_time_offset(1, 5)),
        ("sysctl cpupool_op info", |x| x.cpupools().map(drop)),
        ("sysctl cpupool_op freeinfo", |x| {
            x.cpupool_free_cpus().map(drop)
        }),
        ("sysctl cpupool_op create", |x| {
            x.cpupool_create(None, XEN_SCHEDULER_CREDIT2).map(drop)
        }),
        ("sysctl cpupool_op destroy", |x| x.cpupool_destroy(1)),
        ("sysctl cpupool_op rmcpu", |x| {
            x.cpupool_remove_cpu(0, Some(1))
        }),
        ("sysctl cpupool_op addcpu", |x| {
            x.cpupool_add_cpu(1, Some(1))
        }),
        ("sysctl cpupool_op movedomain", |x| {
            x.cpupool_move_domain(0, 1)
        }),
        ("domctl scheduler_op credit2 getinfo", |x| {
            x.credit2_params(1).map(drop)
        }),
        ("domctl scheduler_op credit2 putinfo", |x| {
            x.set_credit2_params(
                1,
                SchedCredit2 {
                    weight: 300,
                    cap: 0,
                },
            )
        }),
        ("sysctl scheduler_op credit2 getinfo", |x| {
            x.credit2_pool_params(0).map(drop)
        }),
        ("sysctl scheduler_op credit2 putinfo", |x| {
            x.set_credit2_pool_params(0, Credit2Schedule { ratelimit_us: 1000 })
                .map(drop)
        }),
    ]
}

/// Per case, a host where its call succeeds: domain 1 with 2 vCPUs,
/// pool 1 (for destroy: empty; for addcpu: CPU 1 free; for movedomain:
/// domain 1 in it).
fn prepare(call: &str, xen: &Xen<FailAt>) {
    let domid = xen.create_domain(1, pv_guest(2)).unwrap();
    xen.set_max_vcpus(domid, 2).unwrap();
    match call {
        "sysctl cpupool_op destroy" => {
            xen.cpupool_create(Some(1), XEN_SCHEDULER_CREDIT2).unwrap();
        }
        "sysctl cpupool_op addcpu" => {
            xen.cpupool_create(Some(1), XEN_SCHEDULER_CREDIT2).unwrap();
            xen.cpupool_remove_cpu(0, Some(1)).unwrap();
        }
        "sysctl cpupool_op movedomain" => {
            xen.cpupool_create(Some(1), XEN_SCHEDULER_CREDIT2).unwrap();
            xen.cpupool_remove_cpu(0, Some(1)).unwrap();
            xen.cpupool_add_cpu(1, Some(1)).unwrap();
            xen.cpupool_move_domain(1, domid).unwrap();
        }
        _ => {}
    }
}

#[test]
fn a_failure_at_any_hypercall_names_the_call_and_frees_everything() {
    for release in RELEASES {
        for (call, run) in cases() {
            let mut at = 0;
            loop {
                let pool = tracking_pool();
                let soft =
                    SoftXen::new(pool.clone(), HostConfig::default().release(release)).unwrap();
                let xen = Xen::new(
                    FailAt {
                        soft,
                        calls: AtomicU64::new(0),
                        at: AtomicU64::new(u64::MAX),
                    },
                    pool,
                );
                prepare(call, &xen);
                xen.backend().calls.store(0, Ordering::SeqCst);
                xen.backend().at.store(at, Ordering::SeqCst);
                let result = run(&xen);
                assert_eq!(
                    xen.pool().stats().live(),
                    0,
                    "{call}, hypercall {at}: a leak"
                );
                if xen.backend().soft.injected_failures() == 0 {
                    result.unwrap_or_else(|e| panic!("{call}: {e}"));
                    assert!(at > 0, "{call}: issued no hypercall");
                    break;
                }
                let e = result.unwrap_err();
                assert_eq!(
                    e.errno(),
                    Some(XenErrno(XEN_EAGAIN)),
                    "{call}, hypercall {at}"
                );
                if let Error::Xen { call: named, .. } = e {
                    // The last hypercall is the method's own; earlier ones
                    // (physinfo, getdomaininfo) name themselves.
                    assert!(
                        named == call
                            || named == "sysctl physinfo"
                            || named == "domctl getdomaininfo",
                        "{call}, hypercall {at}: {named}"
                    );
                }
                assert_eq!(xen.backend().soft.faults(), 0);
                at += 1;
            }
        }
    }
}

// ---------------------------------------------------------------------
// The bitmaps as Xen reads and writes them, through the generic `domctl`

#[test]
fn bitmaps_are_read_and_written_as_xen_does() {
    use hcbuf_core::sys::domctl::{XEN_VCPUAFFINITY_HARD, XEN_VCPUAFFINITY_SOFT};
    use hcbuf_core::xen::Cmd;
    use hcbuf_core::xen::domctl::{
        GetNodeAffinity, GetVcpuAffinity, NodeAffinity, SetVcpuAffinity, VcpuAffinity,
    };
    for release in RELEASES {
        let xen = xen_on(release, HostConfig::default());
        let domid = guest(&xen, 1);

        // Set from a 3-bit map whose byte has every bit set: the bits past
        // 3 are dropped, and the 2-CPU host keeps CPUs 0 and 1.
        let mut hard = xen.pool().slice_from(&[0xffu8]).unwrap();
        {
            let mut set = SetVcpuAffinity::new(VcpuAffinity::default());
            set.flags = XEN_VCPUAFFINITY_HARD;
            set.cpumap_hard.set_nr_bits(3).unwrap();
            set.cpumap_hard.set_bitmap(hard.lend_mut()).unwrap();
            xen.domctl("set", domid, set).unwrap();
        }
        // Written back: the effective map in the guest's one byte.
        assert_eq!(hard[0], 0b11);
        drop(hard);

        // Get into 16-bit maps filled with ones: Xen writes its one byte,
        // then zeros to the end of each.
        let mut hard = xen.pool().slice_from(&[0xffu8; 2]).unwrap();
        let mut soft = xen.pool().slice_from(&[0xffu8; 2]).unwrap();
        {
            let mut get = GetVcpuAffinity::new(VcpuAffinity::default());
            get.flags = XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT;
            get.cpumap_hard.set_nr_bits(16).unwrap();
            get.cpumap_hard.set_bitmap(hard.lend_mut()).unwrap();
            get.cpumap_soft.set_nr_bits(16).unwrap();
            get.cpumap_soft.set_bitmap(soft.lend_mut()).unwrap();
            xen.domctl("get", domid, get).unwrap();
        }
        assert_eq!((&hard[..], &soft[..]), (&[0b11, 0][..], &[0b11, 0][..]));
        drop((hard, soft));

        // A flagged map without a buffer: EINVAL, before anything is read.
        let mut get = GetVcpuAffinity::new(VcpuAffinity::default());
        get.flags = XEN_VCPUAFFINITY_SOFT;
        get.cpumap_soft.set_nr_bits(8).unwrap();
        assert_eq!(refused(xen.domctl("get", domid, get), "get"), XEN_EINVAL);
        // An unknown flag alone is still a flag: nothing to do, 0.
        let mut get = GetVcpuAffinity::new(VcpuAffinity::default());
        get.flags = 1 << 5;
        xen.domctl("get", domid, get).unwrap();
        assert_clean(&xen);

        // A node map of 64 bits with no buffer: Xen's copy faults.
        let mut get: GetNodeAffinity = Cmd::new(NodeAffinity::default());
        get.nodemap.set_nr_bits(64).unwrap();
        assert_eq!(
            refused(xen.domctl("nodes", domid, get), "nodes"),
            XEN_EFAULT
        );
        assert_eq!(xen.backend().faults(), 1);
        assert_eq!(xen.pool().stats().live(), 0);
    }
}

/// Xen 4.17 counts a map's bytes as `(nr_bits + 7) / 8` in `unsigned int`
/// (`common/bitmap.c`), 0 for `nr_bits >= 0xfffffff9`: it copies nothing,
/// so a set reads an empty map (`EINVAL`: no CPU of the pool) and a get
/// writes none of it back. The model counts alike, and touches nothing.
#[test]
fn maps_of_nearly_2_pow_32_bits_are_empty_as_xen_counts_them() {
    use hcbuf_core::handle::Lent;
    use hcbuf_core::sys::domctl::XEN_VCPUAFFINITY_HARD;
    use hcbuf_core::xen::domctl::{GetVcpuAffinity, SetVcpuAffinity, VcpuAffinity};
    for release in RELEASES {
        let xen = xen_on(release, HostConfig::default());
        let domid = guest(&xen, 1);
        for nr_bits in [0xffff_fff9, u32::MAX] {
            let mut byte = xen.pool().slice_from(&[0xffu8]).unwrap();
            // What Xen would touch, counted in 64 bits: 512 MiB.
            let len = u64::from(nr_bits).div_ceil(8) as usize;
            let mut set = SetVcpuAffinity::new(VcpuAffinity::default());
            set.flags = XEN_VCPUAFFINITY_HARD;
            set.cpumap_hard.set_nr_bits(nr_bits).unwrap();
            // SAFETY: a false claim on purpose (the handle reaches 1 byte,
            // not 512 MiB), made only to the software Xen, which must
            // touch none of it; `byte` outlives the call.
            set.cpumap_hard
                .set_bitmap(unsafe { Lent::new(byte.handle_mut(), len) })
                .unwrap();
            assert_eq!(refused(xen.domctl("set", domid, set), "set"), XEN_EINVAL);
            let mut get = GetVcpuAffinity::new(VcpuAffinity::default());
            get.flags = XEN_VCPUAFFINITY_HARD;
            get.cpumap_hard.set_nr_bits(nr_bits).unwrap();
            // SAFETY: as above.
            get.cpumap_hard
                .set_bitmap(unsafe { Lent::new(byte.handle_mut(), len) })
                .unwrap();
            xen.domctl("get", domid, get).unwrap();
            assert_eq!(byte[0], 0xff, "{nr_bits:#x}: nothing written");
        }
        assert_eq!(xen.vcpu_affinity(domid, 0).unwrap().hard, CpuMap::all(2));
        assert_clean(&xen);
    }
}

/// A map wider than any host (65536 bits) is refused before the pool is
/// asked for its bytes: `CpuMap::all(u32::MAX)` would take 512 MiB of pool
/// memory per copy. 65536 bits still go to Xen.
#[test]
fn maps_wider_than_any_host_are_refused_before_the_pool() {
    each_release(|xen| {
        let domid = guest(xen, 1);
        // Empty, so its 512 MiB of heap are never touched (zeroed pages).
        let huge = CpuMap::new(u32::MAX);
        let over = CpuMap::all((1 << 16) + 1);
        let cases: [(&str, Result<(), Error>); 4] = [
            (
                "domctl setvcpuaffinity",
                xen.set_vcpu_affinity(domid, 0, Some(&huge), None).map(drop),
            ),
            (
                "domctl setvcpuaffinity",
                xen.set_vcpu_affinity(domid, 0, Some(&CpuMap::all(2)), Some(&over))
                    .map(drop),
            ),
            (
                "domctl setnodeaffinity",
                xen.set_node_affinity(domid, &huge),
            ),
            (
                "domctl setnodeaffinity",
                xen.set_node_affinity(domid, &over),
            ),
        ];
        for (want, result) in cases {
            match result {
                Err(e @ Error::Pool { call, .. }) => {
                    assert_eq!(call, want);
                    assert!(e.to_string().contains("65536 bits"), "{e}");
                }
                other => panic!("{want}: {other:?}"),
            }
        }
        assert_eq!(xen.pool().stats().live(), 0);
        let (hard, _) = xen
            .set_vcpu_affinity(domid, 0, Some(&CpuMap::all(1 << 16)), None)
            .unwrap();
        assert_eq!(hard.unwrap().count(), 2, "the host's two CPUs");
    });
}
