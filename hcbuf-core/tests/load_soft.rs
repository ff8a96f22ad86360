//! `populate_physmap` and the load of many domains against the software
//! Xen: what `tests/dom0.rs` runs against the real one (`load::` there),
//! here with exact figures.

use std::time::Instant;

use hcbuf_core::api::Xen;
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::sys::xen::{DOMID_SELF, domid_t};

mod common;

use common::{pv_guest, scenarios, tracking_pool};

/// The typed API over the default software host, on one tracking pool.
fn xen() -> Xen<SoftXen> {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), HostConfig::default()).unwrap();
    Xen::new(soft, pool)
}

/// No buffer outlived its call, and the model refused no address.
#[track_caller]
fn assert_clean(xen: &Xen<SoftXen>) {
    assert_eq!(xen.pool().stats().live(), 0, "a buffer outlived its call");
    assert_eq!(xen.backend().faults(), 0, "the model refused an address");
}

fn free_pages(xen: &Xen<SoftXen>) -> u64 {
    xen.physinfo().unwrap().free_pages
}

/// The machine frame the model gives a PV domain's `gpfn`.
fn mfn(domid: domid_t, gpfn: u64) -> u64 {
    (u64::from(domid) << 32) | gpfn
}

#[test]
fn populate_physmap_stops_at_the_domains_limit_and_writes_frames_back() {
    let xen = xen();
    let free = free_pages(&xen);
    let id = xen.create_domain(0, pv_guest(1)).unwrap();
    // No limit yet: nothing populated, and no errno either.
    assert_eq!(xen.populate_physmap(id, 0, &[0, 1]).unwrap(), []);
    assert_eq!(xen.current_reservation(id).unwrap(), 0);

    // Four pages allowed: the first four of six extents.
    xen.set_max_mem(id, 16).unwrap();
    let got = xen
        .populate_physmap(id, 0, &[10, 11, 12, 13, 14, 15])
        .unwrap();
    assert_eq!(got, [10, 11, 12, 13].map(|g| mfn(id, g)));
    assert_eq!(xen.current_reservation(id).unwrap(), 4);
    assert_eq!(xen.domain(id).unwrap().tot_pages, 4);
    assert_eq!(free_pages(&xen), free - 4);
    // Full: nothing more.
    assert_eq!(xen.populate_physmap(id, 0, &[20]).unwrap(), []);

    // Orders: 2^2 pages per extent, within a larger limit; over dom0's
    // limit (18) nothing.
    xen.set_max_mem(id, 64).unwrap();
    assert_eq!(
        xen.populate_physmap(id, 2, &[32, 36, 40, 44]).unwrap(),
        [32, 36, 40].map(|g| mfn(id, g)),
        "4 + 3 * 4 = 16 pages"
    );
    assert_eq!(xen.current_reservation(id).unwrap(), 16);
    xen.set_max_mem(id, 1 << 30).unwrap();
    assert_eq!(xen.populate_physmap(id, 19, &[0]).unwrap(), []);
    assert_eq!(xen.current_reservation(id).unwrap(), 16);

    // No such domain, no frames: nothing, not an error.
    assert_eq!(xen.populate_physmap(77, 0, &[0]).unwrap(), []);
    assert_eq!(xen.populate_physmap(id, 0, &[]).unwrap(), []);

    // More than the host has: it stops when the host is out.
    let host_free = free_pages(&xen);
    let many: Vec<u64> = (0..4).collect();
    let order = 63 - host_free.leading_zeros(); // 2^order <= free < 2^(order+1)
    assert_eq!(
        xen.populate_physmap(id, order, &many).unwrap().len(),
        1,
        "one extent of 2^{order} of {host_free} free pages"
    );
    assert_eq!(free_pages(&xen), host_free - (1 << order));

    // Destroyed: its pages are free again.
    xen.destroy_domain(id).unwrap();
    assert_eq!(free_pages(&xen), free);
    assert_clean(&xen);
}

/// `XENMEM_populate_physmap` of `gpfns` for `domid`, through the generic
/// `Xen::command` (the typed method refuses dom0, the caller): the frames
/// Xen populated.
fn populate_raw(xen: &Xen<SoftXen>, domid: domid_t, gpfns: &[u64]) -> Vec<u64> {
    use hcbuf_core::xen::memory::{MemoryReservation, PopulatePhysmap};
    let mut frames = xen.pool().slice_from(gpfns).unwrap();
    let done = {
        let mut reservation = MemoryReservation::default();
        reservation.domid = domid;
        reservation.set_nr_extents(gpfns.len() as u64).unwrap();
        reservation.set_extent_start(frames.lend_mut()).unwrap();
        let (done, _) = xen
            .command(
                "memory_op populate_physmap",
                PopulatePhysmap::new(reservation),
            )
            .unwrap();
        done as usize
    };
    frames[..done].to_vec()
}

#[test]
fn populate_physmap_on_dom0_itself_by_domid_self() {
    let xen = xen();
    let before = xen.current_reservation(0).unwrap();
    // The typed method leaves the caller's own physical map to its kernel.
    assert!(xen.populate_physmap(DOMID_SELF, 0, &[1 << 20]).is_err());
    // The model, asked all the same: dom0's own limit is its size, so
    // nothing fits; raised by one page, one fits.
    assert_eq!(populate_raw(&xen, DOMID_SELF, &[1 << 20]), []);
    xen.set_max_mem(0, (before + 1) * 4).unwrap();
    assert_eq!(
        populate_raw(&xen, DOMID_SELF, &[1 << 20, 1 << 21]),
        [mfn(0, 1 << 20)]
    );
    assert_eq!(xen.current_reservation(0).unwrap(), before + 1);
    assert_clean(&xen);
}

/// Domains the load test creates.
const DOMAINS: usize = 100;
/// Pages it populates in each.
const PAGES: u64 = 4;

#[test]
fn a_hundred_domains_created_configured_and_destroyed_leave_nothing() {
    let xen = xen();
    let free = free_pages(&xen);
    let start = Instant::now();
    let mut ids = Vec::new();
    for i in 0..DOMAINS {
        let mut config = pv_guest(2);
        config.handle[0] = i as u8;
        let id = xen.create_domain(0, config).unwrap();
        xen.set_max_vcpus(id, 2).unwrap();
        xen.set_max_mem(id, PAGES * 4).unwrap();
        let info = scenarios::populate_and_cycle(&xen, id, PAGES);
        assert_eq!((info.max_vcpu_id, info.handle[0]), (1, i as u8));
        ids.push(id);
    }
    let created = start.elapsed();
    let listed = xen.domains().unwrap();
    assert_eq!(listed.len(), DOMAINS + 1);
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), DOMAINS, "distinct ids");
    let during = free_pages(&xen);
    assert_eq!(during, free - DOMAINS as u64 * PAGES);

    let start = Instant::now();
    for &id in &ids {
        xen.destroy_domain(id).unwrap();
    }
    let destroyed = start.elapsed();
    let after = free_pages(&xen);
    let left: Vec<domid_t> = xen.domains().unwrap().iter().map(|d| d.domid).collect();
    let live = xen.pool().stats().live();
    println!(
        "soft load: {DOMAINS} domains, {:.1} us each to create and configure, {:.1} us each \
         to destroy; free pages {free} before, {during} with all alive, {after} after; \
         pool live {live}; domains left {left:?}",
        created.as_secs_f64() * 1e6 / DOMAINS as f64,
        destroyed.as_secs_f64() * 1e6 / DOMAINS as f64,
    );
    assert_eq!(after, free);
    assert_eq!(left, [0]);
    assert_clean(&xen);
}
