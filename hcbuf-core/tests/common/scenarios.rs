//! Scenarios of the typed API written once and run against both Xens: the
//! software one (`soft_evtchn_gnttab.rs`, `api_placement.rs`,
//! `load_soft.rs`) and the real one (`dom0.rs`, in the dom0s `cargo xtask
//! dom0` boots). Each asserts what both answer alike (the software Xen models
//! Xen 4.17's answers); what only one of them can check, and the domains
//! and pools a scenario runs on, stay with the caller.

use std::fmt::Debug;

use hcbuf_core::Backend;
use hcbuf_core::api::{
    CpuMap, DomainInfo, Error, GrantStatus, GrantTableSize, OwnPort, PortStatus, Xen,
};
use hcbuf_core::sys::domctl::XEN_SCHEDULER_CREDIT2;
use hcbuf_core::sys::errno::{XEN_EBUSY, XEN_EINVAL, XEN_ENOENT, XEN_ESRCH};
use hcbuf_core::sys::grant_table::{GNTST_bad_domain, GNTST_general_error};
use hcbuf_core::sys::xen::{DOMID_SELF, domid_t};
use hcbuf_core::xen::domctl::{SchedCredit, SchedCredit2};
use hcbuf_core::xen::sysctl::{Credit2Schedule, CreditSchedule};

/// A domain id no domain has.
pub const NO_SUCH_DOMAIN: domid_t = 0x7000;

/// The errno of a refused call, checking that the error names `call`.
#[track_caller]
pub fn refused<T: Debug>(result: Result<T, Error>, call: &str) -> i32 {
    match result {
        Err(Error::Xen { errno, call: named }) => {
            assert_eq!(named, call);
            errno.0
        }
        other => panic!("expected {call} to fail with a Xen errno, got {other:?}"),
    }
}

/// The status of a grant table call Xen answered with one, checking that
/// the error names `call` and carries no errno.
#[track_caller]
pub fn grant_refused<T: Debug>(result: Result<T, Error>, call: &str) -> i16 {
    match result {
        Err(e @ Error::Grant { .. }) => {
            assert_eq!(e.errno(), None, "a status, not an errno");
            let GrantStatus(status) = e.grant_status().unwrap();
            let Error::Grant { call: named, .. } = e else {
                unreachable!()
            };
            assert_eq!(named, call);
            status
        }
        other => panic!("expected {call} to fail with a grant status, got {other:?}"),
    }
}

/// Populates the first `pages` pages of domain `id` (new, its maximum
/// `pages` pages), unpauses it and pauses it again, as a load test does
/// for each of its domains; returns its info, checked: paused, with every
/// page it may have.
pub fn populate_and_cycle<B: Backend>(xen: &Xen<B>, id: domid_t, pages: u64) -> DomainInfo {
    let gpfns: Vec<u64> = (0..pages).collect();
    assert_eq!(
        xen.populate_physmap(id, 0, &gpfns).unwrap().len(),
        pages as usize
    );
    xen.unpause_domain(id).unwrap();
    xen.pause_domain(id).unwrap();
    let info = xen.domain(id).unwrap();
    assert!(info.state.paused, "{info:?}");
    assert_eq!((info.tot_pages, info.max_pages), (pages, pages), "{info:?}");
    info
}

/// A port of dom0 a scenario bound, closed on drop if the scenario fails
/// before closing it.
struct Bound<'a, B: Backend>(&'a Xen<B>, Option<OwnPort>);

impl<B: Backend> Drop for Bound<'_, B> {
    fn drop(&mut self) {
        if let Some(port) = self.1.take() {
            let _ = self.0.evtchn_close(port);
        }
    }
}

/// `xc_evtchn_alloc_unbound`, `xc_evtchn_status` and the event channel
/// device's bind and close, on two new domains `a` and `b`: a port of `a`
/// for `b` and one for dom0, dom0 bound to the latter and closed; Xen's
/// refusals on the way.
pub fn evtchn_connect_and_close<B: Backend>(xen: &Xen<B>, a: domid_t, b: domid_t) {
    const ALLOC: &str = "event_channel_op alloc_unbound";
    const BIND: &str = "event_channel_op bind_interdomain";
    const STATUS: &str = "event_channel_op status";
    let unbound = |remote_dom| PortStatus::Unbound {
        remote_dom,
        vcpu: 0,
    };
    // A new domain's port 0 is reserved: its first ports are 1 and 2.
    let for_b = xen.evtchn_alloc_unbound(a, b).unwrap();
    let for_dom0 = xen.evtchn_alloc_unbound(a, 0).unwrap();
    assert_eq!((for_b, for_dom0), (1, 2));
    assert_eq!(xen.evtchn_status(a, for_b).unwrap(), unbound(b));
    // Xen allocates ports by buckets of 64 (a page of 64-byte channels):
    // the rest of the first is closed, the next not allocated.
    assert_eq!(xen.evtchn_status(a, 0).unwrap(), PortStatus::Closed);
    assert_eq!(xen.evtchn_status(a, 63).unwrap(), PortStatus::Closed);
    let e = xen.evtchn_status(a, 64).unwrap_err();
    assert!(
        e.to_string().starts_with("event_channel_op status: EINVAL"),
        "{e}"
    );
    assert_eq!(refused(Err::<(), _>(e), STATUS), XEN_EINVAL);
    let no = NO_SUCH_DOMAIN;
    assert_eq!(refused(xen.evtchn_status(no, 1), STATUS), XEN_ESRCH);
    assert_eq!(refused(xen.evtchn_alloc_unbound(no, 0), ALLOC), XEN_ESRCH);
    // dom0 binds for itself: not to the port that waits for b.
    let e = xen.evtchn_bind_interdomain(a, for_b).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("event_channel_op bind_interdomain: EINVAL"),
        "{e}"
    );
    assert_eq!(refused(Err::<(), _>(e), BIND), XEN_EINVAL);

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
    assert_eq!(xen.evtchn_status(0, local).unwrap(), PortStatus::Closed);
    // a's end waits for dom0 again.
    assert_eq!(xen.evtchn_status(a, for_dom0).unwrap(), unbound(0));
    // dom0's own ports come only as tokens (closed once, by the handle
    // that made them): allocating one by number is refused before Xen.
    for dom in [0, DOMID_SELF] {
        let e = xen.evtchn_alloc_unbound(dom, a).unwrap_err();
        assert!(matches!(e, Error::Refused { .. }), "{e}");
    }
    // The port b may bind is still there for it.
    assert_eq!(xen.evtchn_status(a, for_b).unwrap(), unbound(b));
}

/// `xc_gnttab_query_size` and `xc_gnttab_setup_table` on new domain `d`
/// (at most 32 frames): one frame at first, grown to four, each a machine
/// frame of the host; Xen's statuses, and a list too long for one call
/// refused before Xen.
pub fn grant_table_grows_and_lists_its_frames<B: Backend>(xen: &Xen<B>, d: domid_t) {
    const SETUP: &str = "grant_table_op setup_table";
    assert_eq!(
        xen.grant_table_query_size(d).unwrap(),
        GrantTableSize {
            nr_frames: 1,
            max_nr_frames: 32
        }
    );
    let frames = xen.grant_table_setup(d, 4).unwrap();
    println!("domain {d} grant frames {frames:#x?}");
    // Below the first frame past RAM (which `dom0.rs` checks is one past
    // physinfo's `max_mfn`).
    let ram = xen.maximum_ram_page().unwrap();
    assert_eq!(frames.len(), 4);
    for (i, f) in frames.iter().enumerate() {
        assert!(
            *f > 0 && *f < ram,
            "frame {i}: {f:#x}, maximum_ram_page {ram:#x}"
        );
        assert!(
            !frames[..i].contains(f),
            "frame {i} listed twice: {frames:#x?}"
        );
    }
    assert_eq!(xen.grant_table_query_size(d).unwrap().nr_frames, 4);
    // Fewer frames: the first ones (or none), the table unchanged.
    assert_eq!(xen.grant_table_setup(d, 2).unwrap(), frames[..2]);
    assert_eq!(xen.grant_table_setup(d, 0).unwrap(), Vec::<u64>::new());
    assert_eq!(xen.grant_table_query_size(d).unwrap().nr_frames, 4);
    // Past the domain's maximum, and no such domain: in the status.
    let e = xen.grant_table_setup(d, 33).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("grant_table_op setup_table: GNTST_general_error"),
        "{e}"
    );
    assert_eq!(grant_refused(Err::<(), _>(e), SETUP), GNTST_general_error);
    let e = xen.grant_table_query_size(NO_SUCH_DOMAIN).unwrap_err();
    assert_eq!(
        e.to_string(),
        "grant_table_op query_size: GNTST_bad_domain (-2: unrecognised domain id)"
    );
    assert_eq!(
        grant_refused(Err::<(), _>(e), "grant_table_op query_size"),
        GNTST_bad_domain
    );
    assert_eq!(
        grant_refused(xen.grant_table_setup(NO_SUCH_DOMAIN, 1), SETUP),
        GNTST_bad_domain
    );
    // More frames than one call lists: refused before Xen, nothing
    // allocated.
    match xen.grant_table_setup(d, 65_537) {
        Err(e @ Error::Pool { call, .. }) => {
            assert_eq!(call, SETUP);
            assert!(e.to_string().contains("65536"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(xen.pool().stats().live(), 0);
    assert_eq!(xen.grant_table_query_size(d).unwrap().nr_frames, 4);
}

/// Domain `domid`, in Pool-0, given a credit2 weight other than the
/// default (a move to another pool resets it), and a new credit2 pool,
/// empty, which takes no domain while it has no CPU. Sets `created` to the
/// pool's id as soon as it exists (for the caller's cleanup), and returns
/// it.
pub fn a_new_pool_without_a_cpu<B: Backend>(
    xen: &Xen<B>,
    domid: domid_t,
    created: &mut Option<u32>,
) -> u32 {
    let weight = SchedCredit2 {
        weight: 512,
        cap: 0,
    };
    xen.set_credit2_params(domid, weight).unwrap();
    let id = xen.cpupool_create(None, XEN_SCHEDULER_CREDIT2).unwrap();
    *created = Some(id);
    let pool = xen.cpupool_info(id).unwrap();
    assert_eq!((pool.id, pool.n_dom, pool.cpus.count()), (id, 0, 0));
    assert_eq!(
        refused(
            xen.cpupool_move_domain(id, domid),
            "sysctl cpupool_op movedomain"
        ),
        XEN_ENOENT
    );
    id
}

/// Domain `domid` just moved into pool `id`, new with the credit2
/// scheduler and CPU 1 alone: its vCPUs are on CPU 1 and free to run
/// anywhere again, its parameters the new scheduler instance's defaults; a
/// hard affinity outside the pool is refused, and so is destroying the
/// pool while it has a domain.
pub fn a_domain_moved_into_a_new_pool<B: Backend>(xen: &Xen<B>, id: u32, domid: domid_t) {
    let bits = xen.max_cpus().unwrap();
    assert_eq!(xen.domain(domid).unwrap().cpupool, id);
    for (vcpu, info) in (0..).zip(xen.vcpus(domid).unwrap()) {
        assert_eq!(info.cpu, 1, "vcpu {vcpu}: {info:?}");
        let a = xen.vcpu_affinity(domid, vcpu).unwrap();
        assert!(a.hard.is_full() && a.soft.is_full(), "vcpu {vcpu}: {a:?}");
    }
    assert_eq!(
        xen.credit2_params(domid).unwrap(),
        SchedCredit2 {
            weight: 256,
            cap: 0
        }
    );
    let cpu_0 = CpuMap::from_cpus(bits, [0]).unwrap();
    assert_eq!(
        refused(
            xen.set_vcpu_affinity(domid, 0, Some(&cpu_0), None),
            "domctl setvcpuaffinity"
        ),
        XEN_EINVAL
    );
    assert_eq!(
        refused(xen.cpupool_destroy(id), "sysctl cpupool_op destroy"),
        XEN_EBUSY
    );
}

/// Credit2 parameters of `domid`, a domain with `vcpus` vCPUs in Pool-0
/// (credit2), and of dom0: the defaults, set, weight 0 and cap 0, and a
/// cap past 100 per vCPU refused after the weight is set.
pub fn credit2_parameters_of_a_domain<B: Backend>(xen: &Xen<B>, domid: domid_t, vcpus: u16) {
    const PUT: &str = "domctl scheduler_op credit2 putinfo";
    let get = |d| xen.credit2_params(d).unwrap();
    let params = |weight, cap| SchedCredit2 { weight, cap };
    assert_eq!(get(domid), params(256, 0));
    assert_eq!(get(0), params(256, 0));
    // A cap up to 100 per vCPU.
    let cap = 100 * vcpus - 50;
    xen.set_credit2_params(domid, params(512, cap)).unwrap();
    assert_eq!(get(domid), params(512, cap));
    // Weight 0 leaves the weight; cap 0 removes the cap.
    xen.set_credit2_params(domid, params(0, 0)).unwrap();
    assert_eq!(get(domid), params(512, 0));
    // Above 100 per vCPU: refused, after the weight is set.
    let e = xen
        .set_credit2_params(domid, params(9, 100 * vcpus + 1))
        .unwrap_err();
    assert!(e.to_string().starts_with(PUT), "{e}");
    assert_eq!(refused(Err::<(), _>(e), PUT), XEN_EINVAL);
    assert_eq!(get(domid), params(9, 0));
    // Not the domain's scheduler.
    assert_eq!(
        refused(
            xen.credit_params(domid),
            "domctl scheduler_op credit getinfo"
        ),
        XEN_EINVAL
    );
}

/// Pool-0's credit2 rate limit: Xen's default, set (0 turns it off; else
/// 100 us to 500 ms), restored; a pool that does not exist, and Pool-0's
/// parameters for another scheduler.
pub fn credit2_rate_limit_of_pool_0<B: Backend>(xen: &Xen<B>) {
    const PUT: &str = "sysctl scheduler_op credit2 putinfo";
    let before = xen.credit2_pool_params(0).unwrap();
    assert_eq!(before.ratelimit_us, 1000, "sched_ratelimit_us's default");
    let set = |ratelimit_us| xen.set_credit2_pool_params(0, Credit2Schedule { ratelimit_us });
    assert_eq!(set(2000).unwrap().ratelimit_us, 2000);
    assert_eq!(xen.credit2_pool_params(0).unwrap().ratelimit_us, 2000);
    assert_eq!(set(0).unwrap().ratelimit_us, 0);
    assert_eq!(refused(set(99), PUT), XEN_EINVAL);
    assert_eq!(refused(set(500_001), PUT), XEN_EINVAL);
    assert_eq!(set(before.ratelimit_us).unwrap(), before);
    assert_eq!(xen.credit2_pool_params(0).unwrap(), before);
    assert_eq!(
        refused(
            xen.credit2_pool_params(u32::from(NO_SUCH_DOMAIN)),
            "sysctl scheduler_op credit2 getinfo"
        ),
        XEN_ESRCH
    );
    assert_eq!(
        refused(
            xen.credit_pool_params(0),
            "sysctl scheduler_op credit getinfo"
        ),
        XEN_EINVAL
    );
}

/// Credit parameters in pool `id`, new with the credit scheduler, of
/// `domid`, just moved into it: the domain's defaults, set (weight 0 and
/// cap 0xffff leave them alone); the pool's defaults (30 ms slice, 1 ms
/// rate limit, no migration delay), set, and refused out of range; neither
/// has credit2 parameters.
pub fn credit_parameters_in_a_credit_pool<B: Backend>(xen: &Xen<B>, id: u32, domid: domid_t) {
    let params = |weight, cap| SchedCredit { weight, cap };
    assert_eq!(xen.credit_params(domid).unwrap(), params(256, 0));
    xen.set_credit_params(domid, params(100, 30)).unwrap();
    xen.set_credit_params(domid, params(0, 0xffff)).unwrap();
    assert_eq!(xen.credit_params(domid).unwrap(), params(100, 30));
    assert_eq!(
        refused(
            xen.credit2_params(domid),
            "domctl scheduler_op credit2 getinfo"
        ),
        XEN_EINVAL
    );

    let defaults = xen.credit_pool_params(id).unwrap();
    println!("credit pool {id}: {defaults:?}");
    assert_eq!(
        defaults,
        CreditSchedule {
            tslice_ms: 30,
            ratelimit_us: 1000,
            vcpu_migr_delay_us: 0,
        }
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
            tslice_ms: 1001,
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
        assert_eq!(
            refused(
                xen.set_credit_pool_params(id, bad),
                "sysctl scheduler_op credit putinfo"
            ),
            XEN_EINVAL,
            "{bad:?}"
        );
    }
    assert_eq!(xen.credit_pool_params(id).unwrap(), set);
    assert_eq!(
        refused(
            xen.credit2_pool_params(id),
            "sysctl scheduler_op credit2 getinfo"
        ),
        XEN_EINVAL
    );
}
