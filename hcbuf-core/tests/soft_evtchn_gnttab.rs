//! The software Xen's event channels and grant tables, on every release
//! the model speaks: hypercall by hypercall with raw registers (including
//! those the typed API never issues: a wrong count, stray command bits,
//! memory not lent), against Xen 4.17's `event_channel.c` and
//! `grant_table.c`; then through the typed API.

mod common;

use common::scenarios::{self, refused};
use common::{RawCall, pv_guest, tracking_pool};
use hcbuf_core::api::{Error, PortStatus, Xen};
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::handle::{Lent, Typed};
use hcbuf_core::sys::errno::*;
use hcbuf_core::sys::event_channel::*;
use hcbuf_core::sys::grant_table::*;
use hcbuf_core::sys::xen::{
    __HYPERVISOR_event_channel_op, __HYPERVISOR_grant_table_op, DOMID_SELF, domid_t,
};
use hcbuf_core::xen::domctl::CreateDomain;
use hcbuf_core::xen::event_channel::EvtchnStatus;
use hcbuf_core::{Backend, HypercallSafe, PoolBox, Release, XenErrno, XenWritable};

type Evtchn = RawCall<__HYPERVISOR_event_channel_op>;
type Gnttab = RawCall<__HYPERVISOR_grant_table_op>;

fn xen_of(release: Release, host: HostConfig) -> Xen<SoftXen> {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), host.release(release)).unwrap();
    Xen::new(soft, pool)
}

/// A PV guest with ports up to `max_port` and at most `grant_frames`
/// grant frames.
fn guest(max_port: u32, grant_frames: i32) -> CreateDomain {
    CreateDomain {
        max_evtchn_port: max_port,
        max_grant_frames: grant_frames,
        grant_opts: 1,
        ..pv_guest(1)
    }
}

/// Issues `cmd` of `OP` on `arg`, lent whole (writable if `writable`),
/// with `count` in the third register.
fn raw<const OP: u32, T: XenWritable + HypercallSafe>(
    xen: &Xen<SoftXen>,
    cmd: u64,
    arg: &mut PoolBox<'_, T>,
    count: u64,
    writable: bool,
) -> Result<u64, XenErrno> {
    let addr = arg.handle_mut().addr();
    let call =
        RawCall::<OP>::new([cmd, addr, count, 0, 0]).lending(addr, size_of::<T>() as u64, writable);
    xen.backend().hypercall(&call)
}

/// Issues `cmd` of `OP` on `arg`, lent whole but read-only (Xen cannot
/// write its answer back), with `count` in the third register.
fn read_only<const OP: u32, T: XenWritable + HypercallSafe>(
    xen: &Xen<SoftXen>,
    cmd: u32,
    arg: &mut PoolBox<'_, T>,
    count: u64,
) -> Result<u64, XenErrno> {
    raw::<OP, T>(xen, u64::from(cmd), arg, count, false)
}

fn evtchn<T: XenWritable + HypercallSafe>(
    xen: &Xen<SoftXen>,
    cmd: u32,
    arg: &mut PoolBox<'_, T>,
) -> Result<u64, XenErrno> {
    raw::<__HYPERVISOR_event_channel_op, T>(xen, u64::from(cmd), arg, 0, true)
}

/// `EVTCHNOP_alloc_unbound`'s argument, in the pool.
fn alloc_unbound_arg(
    xen: &Xen<SoftXen>,
    dom: domid_t,
    remote: domid_t,
    port: u32,
) -> PoolBox<'_, evtchn_alloc_unbound> {
    let arg = evtchn_alloc_unbound {
        dom,
        remote_dom: remote,
        port,
    };
    xen.pool().boxed_from(arg).unwrap()
}

fn alloc_unbound(xen: &Xen<SoftXen>, dom: domid_t, remote: domid_t) -> Result<u32, XenErrno> {
    let mut arg = alloc_unbound_arg(xen, dom, remote, 0xdead);
    evtchn(xen, EVTCHNOP_alloc_unbound, &mut arg).map(|_| arg.port)
}

fn bind(xen: &Xen<SoftXen>, remote: domid_t, port: u32) -> Result<u32, XenErrno> {
    let mut arg = xen
        .pool()
        .boxed_from(evtchn_bind_interdomain {
            remote_dom: remote,
            remote_port: port,
            ..Default::default()
        })
        .unwrap();
    evtchn(xen, EVTCHNOP_bind_interdomain, &mut arg).map(|_| arg.local_port)
}

fn close(xen: &Xen<SoftXen>, port: u32) -> Result<u64, XenErrno> {
    let mut arg = xen.pool().boxed_from(evtchn_close { port }).unwrap();
    evtchn(xen, EVTCHNOP_close, &mut arg)
}

/// A port's state as `EVTCHNOP_status` answers it.
#[derive(Debug, PartialEq, Eq)]
enum State {
    Closed,
    Unbound(domid_t),
    Interdomain(domid_t, u32),
    Other(u32),
}

fn status(xen: &Xen<SoftXen>, dom: domid_t, port: u32) -> Result<State, XenErrno> {
    let mut arg = xen.pool().boxed::<EvtchnStatus>().unwrap();
    arg.dom = dom;
    arg.port = port;
    arg.vcpu = 77;
    evtchn(xen, EVTCHNOP_status, &mut arg)?;
    assert_eq!(arg.vcpu, 0, "every channel notifies vCPU 0");
    Ok(match arg.status {
        s if s == EVTCHNSTAT_closed => State::Closed,
        s if s == EVTCHNSTAT_unbound => State::Unbound(arg.u.as_unbound().dom),
        s if s == EVTCHNSTAT_interdomain => {
            let i = arg.u.as_interdomain();
            State::Interdomain(i.dom, i.port)
        }
        other => State::Other(other),
    })
}

#[track_caller]
fn assert_clean(xen: &Xen<SoftXen>) {
    assert_eq!(xen.pool().stats().live(), 0, "a buffer outlived its call");
    assert_eq!(xen.backend().faults(), 0, "the model refused an address");
}

/// Runs `test` on the default host of each release, then checks that no
/// buffer outlived its call and the model refused no address.
fn each_release(test: impl Fn(Release, &Xen<SoftXen>)) {
    for release in Release::ALL {
        let xen = xen_of(release, HostConfig::default());
        test(release, &xen);
        assert_clean(&xen);
    }
}

/// Destroys the domains `doms`.
fn destroy(xen: &Xen<SoftXen>, doms: &[domid_t]) {
    for &d in doms {
        xen.destroy_domain(d).unwrap();
    }
}

#[test]
fn alloc_unbound_takes_the_lowest_free_port_for_any_remote() {
    each_release(|release, xen| {
        let d = xen.create_domain(0, guest(1023, 4)).unwrap();
        // Port 0 is reserved: the first port is 1.
        assert_eq!(alloc_unbound(xen, d, 0), Ok(1), "{release}");
        assert_eq!(alloc_unbound(xen, d, 0), Ok(2), "{release}");
        // The remote domain need not exist.
        assert_eq!(alloc_unbound(xen, d, 0x7000), Ok(3), "{release}");
        assert_eq!(status(xen, d, 1), Ok(State::Unbound(0)), "{release}");
        assert_eq!(status(xen, d, 3), Ok(State::Unbound(0x7000)));
        // The reserved port and free ports of the first bucket are closed;
        // ports past it are not valid.
        assert_eq!(status(xen, d, 0), Ok(State::Closed));
        assert_eq!(status(xen, d, 63), Ok(State::Closed));
        assert_eq!(status(xen, d, 64), Err(XenErrno(XEN_EINVAL)));
        assert_eq!(status(xen, 0x7000, 1), Err(XenErrno(XEN_ESRCH)));
        assert_eq!(alloc_unbound(xen, 0x7000, 0), Err(XenErrno(XEN_ESRCH)));
        // DOMID_SELF is dom0, as the domain and as the remote.
        assert_eq!(alloc_unbound(xen, DOMID_SELF, DOMID_SELF), Ok(1));
        assert_eq!(status(xen, 0, 1), Ok(State::Unbound(0)));
        assert_eq!(status(xen, DOMID_SELF, 1), Ok(State::Unbound(0)));
        // Closing a port frees it for the next allocation.
        assert_eq!(close(xen, 1), Ok(0));
        assert_eq!(status(xen, 0, 1), Ok(State::Closed));
        assert_eq!(alloc_unbound(xen, 0, d), Ok(1));
        xen.destroy_domain(d).unwrap();
    });
}

#[test]
fn ports_end_at_max_evtchn_port_and_buckets_grow_by_64() {
    each_release(|release, xen| {
        let none = xen.create_domain(0, guest(0, 4)).unwrap();
        assert_eq!(alloc_unbound(xen, none, 0), Err(XenErrno(XEN_ENOSPC)));
        let two = xen.create_domain(0, guest(2, 4)).unwrap();
        assert_eq!(alloc_unbound(xen, two, 0), Ok(1));
        assert_eq!(alloc_unbound(xen, two, 0), Ok(2));
        assert_eq!(alloc_unbound(xen, two, 0), Err(XenErrno(XEN_ENOSPC)));
        let many = xen.create_domain(0, guest(100, 4)).unwrap();
        for port in 1..64 {
            assert_eq!(alloc_unbound(xen, many, 0), Ok(port), "{release}");
        }
        assert_eq!(status(xen, many, 64), Err(XenErrno(XEN_EINVAL)));
        // Port 64 takes a second bucket: 64 to 127 become valid.
        assert_eq!(alloc_unbound(xen, many, 0), Ok(64));
        assert_eq!(status(xen, many, 127), Ok(State::Closed));
        assert_eq!(status(xen, many, 128), Err(XenErrno(XEN_EINVAL)));
        for port in 65..=100 {
            assert_eq!(alloc_unbound(xen, many, 0), Ok(port));
        }
        assert_eq!(alloc_unbound(xen, many, 0), Err(XenErrno(XEN_ENOSPC)));
        // A port past the maximum in a valid bucket stays closed.
        assert_eq!(status(xen, many, 101), Ok(State::Closed));
        destroy(xen, &[none, two, many]);
    });
}

#[test]
fn bind_interdomain_connects_dom0_to_an_unbound_port_for_it() {
    each_release(|release, xen| {
        let a = xen.create_domain(0, guest(1023, 4)).unwrap();
        let b = xen.create_domain(0, guest(1023, 4)).unwrap();
        let for_dom0 = alloc_unbound(xen, a, 0).unwrap();
        let for_b = alloc_unbound(xen, a, b).unwrap();

        let local = bind(xen, a, for_dom0).unwrap();
        assert_eq!(local, 1, "{release}: dom0's first free port");
        assert_eq!(status(xen, 0, local), Ok(State::Interdomain(a, for_dom0)));
        assert_eq!(status(xen, a, for_dom0), Ok(State::Interdomain(0, local)));
        // Bound: not unbound any more.
        assert_eq!(bind(xen, a, for_dom0), Err(XenErrno(XEN_EINVAL)));
        // Unbound, but for another domain.
        assert_eq!(bind(xen, a, for_b), Err(XenErrno(XEN_EINVAL)));
        // Free, out of range, no such domain.
        assert_eq!(bind(xen, a, 40), Err(XenErrno(XEN_EINVAL)));
        assert_eq!(bind(xen, a, 4000), Err(XenErrno(XEN_EINVAL)));
        assert_eq!(bind(xen, 0x7000, 1), Err(XenErrno(XEN_ESRCH)));
        // A failed bind leaves dom0's fresh port free.
        assert_eq!(status(xen, 0, local + 1), Ok(State::Closed));

        // Closing dom0's end leaves a's unbound, for dom0 again.
        assert_eq!(close(xen, local), Ok(0));
        assert_eq!(status(xen, 0, local), Ok(State::Closed));
        assert_eq!(status(xen, a, for_dom0), Ok(State::Unbound(0)));
        assert_eq!(close(xen, local), Err(XenErrno(XEN_EINVAL)));
        assert_eq!(close(xen, 0), Err(XenErrno(XEN_EINVAL)), "reserved");
        assert_eq!(close(xen, 5000), Err(XenErrno(XEN_EINVAL)), "not valid");
        // And it can be bound again.
        let again = bind(xen, a, for_dom0).unwrap();
        assert_eq!(status(xen, a, for_dom0), Ok(State::Interdomain(0, again)));
        assert_eq!(close(xen, again), Ok(0));
        destroy(xen, &[a, b]);
    });
}

#[test]
fn a_loopback_binds_two_ports_of_dom0() {
    each_release(|release, xen| {
        let unbound = alloc_unbound(xen, DOMID_SELF, DOMID_SELF).unwrap();
        let local = bind(xen, DOMID_SELF, unbound).unwrap();
        assert_ne!(local, unbound);
        assert_eq!(status(xen, 0, local), Ok(State::Interdomain(0, unbound)));
        assert_eq!(status(xen, 0, unbound), Ok(State::Interdomain(0, local)));
        assert_eq!(close(xen, unbound), Ok(0));
        assert_eq!(status(xen, 0, local), Ok(State::Unbound(0)), "{release}");
        assert_eq!(close(xen, local), Ok(0));
    });
}

#[test]
fn destroying_a_domain_unbinds_its_peers() {
    each_release(|release, xen| {
        let a = xen.create_domain(0, guest(1023, 4)).unwrap();
        let port = alloc_unbound(xen, a, 0).unwrap();
        let local = bind(xen, a, port).unwrap();
        xen.destroy_domain(a).unwrap();
        // dom0's end waits for the domain that is gone.
        assert_eq!(status(xen, 0, local), Ok(State::Unbound(a)), "{release}");
        assert_eq!(close(xen, local), Ok(0));
    });
}

#[test]
fn evtchn_structs_are_read_and_written_only_where_lent() {
    let xen = xen_of(Release::Xen4_17, HostConfig::default());
    let d = xen.create_domain(0, guest(1023, 4)).unwrap();
    // Nothing lent: EFAULT before anything changes.
    let call = Evtchn::new([u64::from(EVTCHNOP_alloc_unbound), 0, 0, 0, 0]);
    assert_eq!(xen.backend().hypercall(&call), Err(XenErrno(XEN_EFAULT)));
    assert_eq!(xen.backend().faults(), 1);
    assert_eq!(status(&xen, d, 1), Ok(State::Closed));
    {
        // Lent read-only: the port is allocated, the answer cannot be written
        // back (EFAULT), as in Xen.
        let mut arg = alloc_unbound_arg(&xen, d, 0, 0);
        let result = read_only::<__HYPERVISOR_event_channel_op, _>(
            &xen,
            EVTCHNOP_alloc_unbound,
            &mut arg,
            0,
        );
        assert_eq!(result, Err(XenErrno(XEN_EFAULT)));
        assert_eq!(arg.port, 0, "nothing written");
        assert_eq!(status(&xen, d, 1), Ok(State::Unbound(0)));
        let mut st = xen.pool().boxed::<EvtchnStatus>().unwrap();
        st.dom = d;
        st.port = 1;
        let result =
            read_only::<__HYPERVISOR_event_channel_op, _>(&xen, EVTCHNOP_status, &mut st, 0);
        assert_eq!(result, Err(XenErrno(XEN_EFAULT)));
        assert_eq!(st.status, 0, "nothing written");
        assert_eq!(xen.backend().faults(), 3);
        // Commands the model does not have; `cmd` is an `int`.
        for cmd in [EVTCHNOP_send, EVTCHNOP_bind_virq, EVTCHNOP_reset, 99] {
            let mut arg = xen.pool().boxed_from(evtchn_send { port: 1 }).unwrap();
            assert_eq!(
                evtchn(&xen, cmd, &mut arg),
                Err(XenErrno(XEN_ENOSYS)),
                "{cmd}"
            );
        }
        let mut arg = alloc_unbound_arg(&xen, d, 0, 0);
        let high = 1 << 32 | u64::from(EVTCHNOP_alloc_unbound);
        assert_eq!(
            raw::<__HYPERVISOR_event_channel_op, _>(&xen, high, &mut arg, 0, true),
            Ok(0)
        );
        assert_eq!(arg.port, 2, "the command is the register's low 32 bits");
    }
    xen.destroy_domain(d).unwrap();
    assert_eq!(xen.pool().stats().live(), 0);
}

fn gnttab<T: XenWritable + HypercallSafe>(
    xen: &Xen<SoftXen>,
    cmd: u32,
    arg: &mut PoolBox<'_, T>,
    count: u64,
) -> Result<u64, XenErrno> {
    raw::<__HYPERVISOR_grant_table_op, T>(xen, u64::from(cmd), arg, count, true)
}

fn query_size(xen: &Xen<SoftXen>, dom: domid_t) -> gnttab_query_size {
    let mut arg = xen
        .pool()
        .boxed_from(gnttab_query_size {
            dom,
            nr_frames: 0xaaaa,
            max_nr_frames: 0xbbbb,
            status: 99,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(gnttab(xen, GNTTABOP_query_size, &mut arg, 1), Ok(0));
    *arg
}

/// A `query_size` answer: its status, frames and maximum.
fn sizes(q: &gnttab_query_size) -> (i16, u32, u32) {
    (q.status, q.nr_frames, q.max_nr_frames)
}

/// `setup_table` of `dom` for `nr` frames into a list of `len` frames, of
/// which the call lends the first `lent`: the result, the status and the
/// list.
fn setup_lending(
    xen: &Xen<SoftXen>,
    dom: domid_t,
    nr: u32,
    len: usize,
    lent: usize,
) -> (Result<u64, XenErrno>, i16, Vec<u64>) {
    let mut list = xen.pool().slice::<u64>(len.max(1)).unwrap();
    let list_addr = if len == 0 {
        0
    } else {
        list.handle_mut().addr()
    };
    let (result, status) = {
        let mut arg = xen.pool().boxed::<gnttab_setup_table<Typed>>().unwrap();
        arg.dom = dom;
        arg.set_nr_frames(nr).unwrap();
        arg.status = 99;
        let frames = if len == 0 {
            Lent::none()
        } else {
            // SAFETY: the handle borrows `list`, which holds `len` elements
            // and outlives the call; when `nr` exceeds `len` the claim is
            // false on purpose, made only to the software Xen, which
            // touches only what the call lends (`lent` elements) and must
            // refuse the rest.
            unsafe { Lent::new(list.handle_mut(), (nr as usize).max(len)) }
        };
        arg.set_frame_list(frames).unwrap();
        let addr = arg.handle_mut().addr();
        let call = Gnttab::new([u64::from(GNTTABOP_setup_table), addr, 1, 0, 0])
            .lending(addr, size_of::<gnttab_setup_table>() as u64, true)
            .lending(list_addr, (lent * size_of::<u64>()) as u64, true);
        (xen.backend().hypercall(&call), arg.status)
    };
    (result, status, list[..len].to_vec())
}

/// `setup_table` of `dom` for `nr` frames, the list lent whole: the status
/// and the frames.
fn setup(xen: &Xen<SoftXen>, dom: domid_t, nr: u32) -> (i16, Vec<u64>) {
    let (result, status, list) = setup_lending(xen, dom, nr, nr as usize, nr as usize);
    assert_eq!(result, Ok(0), "setup_table answers in its status");
    (status, list)
}

#[test]
fn query_size_answers_in_the_struct_and_returns_0() {
    each_release(|release, xen| {
        let d = xen.create_domain(0, guest(0, 32)).unwrap();
        let q = query_size(xen, d);
        assert_eq!(sizes(&q), (GNTST_okay, 1, 32));
        // A negative maximum is Xen's default, 64; dom0 has it too.
        let default = xen.create_domain(0, guest(0, -1)).unwrap();
        assert_eq!(query_size(xen, default).max_nr_frames, 64, "{release}");
        let q = query_size(xen, DOMID_SELF);
        assert_eq!(sizes(&q), (GNTST_okay, 1, 64));
        // No such domain: the status says so, the rest is as it was read.
        let q = query_size(xen, 0x7000);
        assert_eq!(sizes(&q), (GNTST_bad_domain, 0xaaaa, 0xbbbb));
        destroy(xen, &[d, default]);
    });
}

#[test]
fn setup_table_grows_the_table_and_lists_its_frames() {
    each_release(|release, xen| {
        let d = xen.create_domain(0, guest(0, 8)).unwrap();
        let (status, four) = setup(xen, d, 4);
        assert_eq!(status, GNTST_okay, "{release}");
        assert!(four.iter().all(|&f| f != 0), "{four:x?}");
        let mut distinct = four.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "{four:x?}");
        assert_eq!(query_size(xen, d).nr_frames, 4);
        // Fewer frames than the table has: the first ones, no shrinking.
        assert_eq!(setup(xen, d, 2), (GNTST_okay, four[..2].to_vec()));
        assert_eq!(setup(xen, d, 0), (GNTST_okay, vec![]));
        assert_eq!(query_size(xen, d).nr_frames, 4);
        // More than the maximum, or no such domain: the status says so.
        assert_eq!(setup(xen, d, 9).0, GNTST_general_error);
        assert_eq!(query_size(xen, d).nr_frames, 4);
        assert_eq!(setup(xen, 0x7000, 1).0, GNTST_bad_domain);
        // Up to the maximum, the frames listed before first.
        let (status, eight) = setup(xen, d, 8);
        assert_eq!(status, GNTST_okay);
        assert_eq!(eight[..4], four[..]);
        // Another domain's frames are others.
        let e = xen.create_domain(0, guest(0, 8)).unwrap();
        let (_, theirs) = setup(xen, e, 8);
        assert!(
            theirs.iter().all(|f| !eight.contains(f)),
            "{theirs:x?} {eight:x?}"
        );
        destroy(xen, &[d, e]);
    });
}

#[test]
fn a_frame_list_xen_cannot_write_is_bad_virt_addr() {
    let xen = xen_of(Release::Xen4_17, HostConfig::default());
    let d = xen.create_domain(0, guest(0, 8)).unwrap();
    // Four frames asked, two lent: the two are written, the table grows.
    let (result, status, list) = setup_lending(&xen, d, 4, 4, 2);
    assert_eq!(result, Ok(0));
    assert_eq!(status, GNTST_bad_virt_addr);
    assert!(list[0] != 0 && list[1] != 0 && list[2] == 0 && list[3] == 0);
    assert_eq!(xen.backend().faults(), 2, "one per frame refused");
    assert_eq!(query_size(&xen, d).nr_frames, 4);
    // A null list: every frame refused.
    let (result, status, _) = setup_lending(&xen, d, 1, 0, 0);
    assert_eq!((result, status), (Ok(0), GNTST_bad_virt_addr));
    xen.destroy_domain(d).unwrap();
    assert_eq!(xen.pool().stats().live(), 0);
}

#[test]
fn grant_table_op_checks_its_count_and_command_first() {
    for release in Release::ALL {
        let xen = xen_of(release, HostConfig::default());
        let mut q = xen.pool().boxed_from(gnttab_query_size::default()).unwrap();
        for count in [0, 2, 0x8000_0000, 0xffff_ffff] {
            assert_eq!(
                gnttab(&xen, GNTTABOP_query_size, &mut q, count),
                Err(XenErrno(XEN_EINVAL)),
                "{release}: count {count:#x}"
            );
        }
        assert_eq!(q.status, 0, "nothing written");
        // The count is an `unsigned int`: the register's high bits go.
        assert_eq!(
            gnttab(&xen, GNTTABOP_query_size, &mut q, 1 << 32 | 1),
            Ok(0)
        );
        // Bits above the command's 12 are a continuation's argument, which
        // only cache_flush takes.
        let stray = 1 << 12 | u64::from(GNTTABOP_query_size);
        assert_eq!(
            raw::<__HYPERVISOR_grant_table_op, _>(&xen, stray, &mut q, 1, true),
            Err(XenErrno(XEN_EINVAL))
        );
        for cmd in [
            GNTTABOP_map_grant_ref,
            GNTTABOP_dump_table,
            GNTTABOP_get_version,
            99,
        ] {
            assert_eq!(
                gnttab(&xen, cmd, &mut q, 1),
                Err(XenErrno(XEN_ENOSYS)),
                "{cmd}"
            );
        }
        // The struct not lent, or lent read-only: EFAULT.
        let call = Gnttab::new([u64::from(GNTTABOP_query_size), 0, 1, 0, 0]);
        assert_eq!(xen.backend().hypercall(&call), Err(XenErrno(XEN_EFAULT)));
        let read_only =
            read_only::<__HYPERVISOR_grant_table_op, _>(&xen, GNTTABOP_query_size, &mut q, 1);
        assert_eq!(read_only, Err(XenErrno(XEN_EFAULT)));
        assert_eq!(xen.backend().faults(), 2);
        drop(q);
        assert_eq!(xen.pool().stats().live(), 0);
    }
}

#[test]
fn grant_frames_come_from_host_ram_and_go_back_with_the_domain() {
    // Three pages of RAM: dom0's table holds the top one.
    let host = HostConfig::default().max_mfn(3, 3);
    let xen = xen_of(Release::Xen4_17, host);
    let d = xen.create_domain(0, guest(0, 8)).unwrap();
    let (status, first) = setup(&xen, d, 1);
    assert_eq!((status, first.as_slice()), (GNTST_okay, &[2][..]));
    // Page 1 is left, not two: no growth, the table keeps its frame.
    assert_eq!(setup(&xen, d, 3).0, GNTST_general_error);
    assert_eq!(query_size(&xen, d).nr_frames, 1);
    assert_eq!(setup(&xen, d, 2), (GNTST_okay, vec![2, 1]));
    xen.destroy_domain(d).unwrap();
    // Its frames are the next domain's.
    let e = xen.create_domain(0, guest(0, 8)).unwrap();
    let (status, mut again) = setup(&xen, e, 2);
    assert_eq!(status, GNTST_okay);
    again.sort_unstable();
    assert_eq!(again, [1, 2]);
    xen.destroy_domain(e).unwrap();
    assert_clean(&xen);
}

// ---------------------------------------------------------------------
// The typed API (`Xen::evtchn_*`, `Xen::grant_table_*`) on the model: the
// scenarios `dom0.rs` runs on the real Xen, then what only the model shows.

#[test]
fn the_api_connects_two_domains_through_dom0_and_closes() {
    each_release(|_, xen| {
        let a = xen.create_domain(0, guest(1023, 4)).unwrap();
        let b = xen.create_domain(0, guest(1023, 4)).unwrap();
        scenarios::evtchn_connect_and_close(xen, a, b);
        destroy(xen, &[a, b]);
    });
}

#[test]
fn the_api_sizes_and_sets_up_grant_tables_and_names_the_status() {
    each_release(|_, xen| {
        let d = xen.create_domain(0, guest(0, 32)).unwrap();
        scenarios::grant_table_grows_and_lists_its_frames(xen, d);
        destroy(xen, &[d]);
    });
}

#[test]
fn an_injected_errno_names_the_call_and_frees_the_frame_list() {
    let xen = xen_of(Release::Xen4_17, HostConfig::default());
    let d = xen.create_domain(0, guest(8, 8)).unwrap();
    xen.backend().fail_next(XenErrno(XEN_EAGAIN), 1);
    assert_eq!(
        refused(xen.grant_table_setup(d, 8), "grant_table_op setup_table"),
        XEN_EAGAIN
    );
    assert_eq!(
        xen.grant_table_query_size(d).unwrap().nr_frames,
        1,
        "unchanged"
    );
    xen.backend().fail_next(XenErrno(XEN_EAGAIN), 1);
    assert_eq!(
        refused(
            xen.evtchn_alloc_unbound(d, 0),
            "event_channel_op alloc_unbound"
        ),
        XEN_EAGAIN
    );
    assert_eq!(xen.evtchn_alloc_unbound(d, 0).unwrap(), 1, "no port taken");
    destroy(&xen, &[d]);
    assert_clean(&xen);
}

/// The caller's own ports (dom0's kernel's, through privcmd) are closed
/// only through the token of a port this program made, by the handle that
/// made it: a port bound outside hcbuf (the kernel's) has no token, a
/// number names no own port, and another handle's token is refused.
#[test]
fn only_a_port_this_handle_made_is_closed() {
    let xen = xen_of(Release::Xen4_17, HostConfig::default());
    let a = xen.create_domain(0, guest(63, 4)).unwrap();
    // "The kernel's" channel to a, bound without hcbuf's API.
    let theirs = bind(&xen, a, alloc_unbound(&xen, a, 0).unwrap()).unwrap();
    for dom in [0, DOMID_SELF] {
        match xen.evtchn_alloc_unbound(dom, a) {
            Err(e @ Error::Refused { call, .. }) => {
                assert_eq!(call, "event_channel_op alloc_unbound");
                assert!(e.to_string().contains("evtchn_alloc_unbound_own"), "{e}");
            }
            other => panic!("dom {dom}: {other:?}"),
        }
    }
    let mine = xen.evtchn_alloc_unbound_own(a).unwrap();
    assert_ne!(mine.port(), theirs);
    assert_eq!(
        xen.evtchn_status(DOMID_SELF, mine.port()).unwrap(),
        PortStatus::Unbound {
            remote_dom: a,
            vcpu: 0
        }
    );
    // Another handle's token (its number is the kernel's port here):
    // refused before Xen.
    let other = xen_of(Release::Xen4_17, HostConfig::default());
    let foreign = other.evtchn_alloc_unbound_own(a).unwrap();
    assert_eq!(foreign.port(), theirs);
    match xen.evtchn_close(foreign) {
        Err(e @ Error::Refused { call, .. }) => {
            assert_eq!(call, "event_channel_op close");
            assert!(e.to_string().contains("another Xen handle"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    xen.evtchn_close(mine).unwrap();
    assert_eq!(
        status(&xen, DOMID_SELF, theirs).unwrap(),
        State::Interdomain(a, 1),
        "the kernel's port is untouched"
    );
    xen.destroy_domain(a).unwrap();
    assert_clean(&xen);
}
