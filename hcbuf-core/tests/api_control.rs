//! Domain control beyond the lifecycle, through the typed API against the
//! software Xen of both releases: remote shutdown (`sched_op`), HVM
//! parameters (`hvm_op`), vCPU contexts (`domctl`), with Xen 4.17's
//! errnos, and no buffer left allocated.

use hcbuf_core::Release;
use hcbuf_core::api::{Error, ShutdownReason, VcpuGuestContext, Xen};
use hcbuf_core::backend::soft::{DomainConfig, HostConfig, SoftXen};
use hcbuf_core::sys::arch::VGCF_in_kernel;
use hcbuf_core::sys::errno::*;
use hcbuf_core::sys::hvm::{HVM_NR_PARAMS, HVM_PARAM_STORE_EVTCHN};
use hcbuf_core::sys::xen::DOMID_SELF;

mod common;
use common::{pv_guest, tracking_pool};

/// Dom0 with two vCPUs, a running PV guest 1 and an HVM guest 2.
fn xen(release: Release) -> Xen<SoftXen> {
    let host = HostConfig::default()
        .release(release)
        .domain(DomainConfig::new(1).vcpus(2, 2))
        .domain(DomainConfig::new(2).vcpus(1, 1).hvm(true));
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), host).unwrap();
    Xen::new(soft, pool)
}

#[track_caller]
fn errno_of<T: std::fmt::Debug>(result: Result<T, Error>) -> i32 {
    match result {
        Err(Error::Xen { errno, .. }) => errno.0,
        other => panic!("expected a Xen errno, got {other:?}"),
    }
}

#[track_caller]
fn assert_clean(xen: &Xen<SoftXen>) {
    assert_eq!(xen.pool().stats().live(), 0, "a buffer outlived its call");
    assert_eq!(xen.backend().faults(), 0, "the model refused an address");
}

fn each_release(test: impl Fn(Xen<SoftXen>)) {
    for release in Release::ALL {
        test(xen(release));
    }
}

#[test]
fn remote_shutdown_records_the_first_reason() {
    each_release(|xen| {
        assert_eq!(xen.domain(1).unwrap().state.shutdown_reason, None);
        xen.shutdown_domain(1, ShutdownReason::Reboot).unwrap();
        let state = xen.domain(1).unwrap().state;
        assert!(state.shutdown && !state.crashed);
        assert_eq!(state.shutdown_reason, Some(ShutdownReason::Reboot));
        // A second shutdown succeeds and keeps the first reason.
        xen.shutdown_domain(1, ShutdownReason::Crash).unwrap();
        assert_eq!(
            xen.domain(1).unwrap().state.shutdown_reason,
            Some(ShutdownReason::Reboot)
        );
        let err = xen
            .shutdown_domain(7, ShutdownReason::Poweroff)
            .unwrap_err();
        assert_eq!(err.errno().map(|e| e.0), Some(XEN_ESRCH));
        assert!(
            err.to_string().contains("sched_op remote_shutdown"),
            "{err}"
        );
        assert_clean(&xen);
    });
}

/// Dom0's shutdown is the host's (Xen's `hwdom_shutdown`): the caller's
/// own domain is refused before Xen, by number and as `DOMID_SELF`.
#[test]
fn remote_shutdown_refuses_the_callers_own_domain() {
    each_release(|xen| {
        for dom in [0, DOMID_SELF] {
            match xen.shutdown_domain(dom, ShutdownReason::Poweroff) {
                Err(e @ Error::Refused { call, .. }) => {
                    assert_eq!(call, "sched_op remote_shutdown");
                    assert!(e.to_string().contains("whole host"), "{e}");
                }
                other => panic!("domain {dom:#x}: {other:?}"),
            }
        }
        let dom0 = xen.domain(0).unwrap().state;
        assert!(!dom0.shutdown, "dom0 still runs");
        assert_clean(&xen);
    });
}

#[test]
fn shutdown_reasons_round_trip_their_codes() {
    for reason in ShutdownReason::ALL {
        assert_eq!(ShutdownReason::from_code(reason.code()), Some(reason));
    }
    assert_eq!(ShutdownReason::from_code(6), None);
}

#[test]
fn a_crashed_domain_reads_as_crashed() {
    each_release(|xen| {
        xen.shutdown_domain(2, ShutdownReason::Crash).unwrap();
        let state = xen.domain(2).unwrap().state;
        assert!(state.shutdown && state.crashed);
        assert_eq!(state.letters(), "----c-");
    });
}

#[test]
fn hvm_params_are_kept_for_hvm_domains_only() {
    each_release(|xen| {
        assert_eq!(xen.hvm_param(2, HVM_PARAM_STORE_EVTCHN).unwrap(), 0);
        xen.set_hvm_param(2, HVM_PARAM_STORE_EVTCHN, 7).unwrap();
        assert_eq!(xen.hvm_param(2, HVM_PARAM_STORE_EVTCHN).unwrap(), 7);
        // A PV domain (dom0 as DOMID_SELF too): EINVAL.
        assert_eq!(
            errno_of(xen.hvm_param(1, HVM_PARAM_STORE_EVTCHN)),
            XEN_EINVAL
        );
        assert!(matches!(
            xen.set_hvm_param(DOMID_SELF, 1, 1),
            Err(Error::Refused {
                call: "hvm_op set_param",
                ..
            })
        ));
        // No such domain: ESRCH; but the index is checked first.
        assert_eq!(errno_of(xen.hvm_param(9, 1)), XEN_ESRCH);
        assert_eq!(errno_of(xen.hvm_param(9, HVM_NR_PARAMS)), XEN_EINVAL);
        assert_eq!(errno_of(xen.set_hvm_param(2, HVM_NR_PARAMS, 1)), XEN_EINVAL);
        let err = xen.hvm_param(9, 1).unwrap_err();
        assert!(err.to_string().contains("hvm_op get_param"), "{err}");
        assert_clean(&xen);
    });
}

#[test]
fn vcpu_contexts_are_read_and_loaded_whole() {
    each_release(|xen| {
        // Dom0's vCPU 0 is the caller's: EINVAL; its other vCPU answers.
        assert_eq!(errno_of(xen.vcpu_context(0, 0)), XEN_EINVAL);
        let dom0_1 = xen.vcpu_context(0, 1).unwrap();
        assert_eq!(dom0_1.to_bytes().len(), VcpuGuestContext::SIZE);
        // A vCPU that does not exist: EINVAL.
        assert_eq!(errno_of(xen.vcpu_context(1, 2)), XEN_EINVAL);
        assert_eq!(errno_of(xen.vcpu_context(9, 0)), XEN_ESRCH);

        // A new domain's vCPUs were never initialised: ENODATA.
        let id = xen.create_domain(0, pv_guest(1)).unwrap();
        xen.set_max_vcpus(id, 1).unwrap();
        assert_eq!(errno_of(xen.vcpu_context(id, 0)), XEN_ENODATA);
        // An all-zero PV context (user mode, no user page table): EINVAL.
        let zero = VcpuGuestContext::zeroed();
        assert_eq!(errno_of(xen.set_vcpu_context(id, 0, &zero)), XEN_EINVAL);
        // Dom0 cannot load its own context.
        assert_eq!(errno_of(xen.set_vcpu_context(0, 1, &dom0_1)), XEN_EINVAL);

        // A kernel-mode context loads, and reads back as it was.
        let mut context = VcpuGuestContext::zeroed();
        context.words_mut()[512 / 8] = VGCF_in_kernel;
        context.words_mut()[645] = 0x1234_5678;
        xen.set_vcpu_context(id, 0, &context).unwrap();
        assert_eq!(xen.vcpu_context(id, 0).unwrap(), context);
        let err = xen.set_vcpu_context(id, 5, &context).unwrap_err();
        assert!(err.to_string().contains("domctl setvcpucontext"), "{err}");
        xen.destroy_domain(id).unwrap();
        assert_clean(&xen);
    });
}

#[test]
fn contexts_are_exactly_the_c_structs_size() {
    assert_eq!(VcpuGuestContext::SIZE, 5168);
    let bytes: Vec<u8> = (0..VcpuGuestContext::SIZE).map(|i| i as u8).collect();
    let context = VcpuGuestContext::from_bytes(&bytes).unwrap();
    assert_eq!(context.to_bytes(), bytes);
    assert!(VcpuGuestContext::from_bytes(&bytes[1..]).is_none());
    assert!(VcpuGuestContext::from_bytes(&[bytes.clone(), vec![0]].concat()).is_none());
}

#[test]
fn calls_that_would_change_the_callers_own_state_are_refused_before_xen() {
    each_release(|xen| {
        for own in [0, DOMID_SELF] {
            let refused = |e: Error, call: &str| match e {
                Error::Refused { call: c, why } => {
                    assert_eq!(c, call);
                    assert!(why.contains("is the caller"), "{why}");
                }
                other => panic!("{call}: {other:?}"),
            };
            refused(
                xen.populate_physmap(own, 0, &[0x1000]).unwrap_err(),
                "memory_op populate_physmap",
            );
            refused(
                xen.set_hvm_param(own, HVM_PARAM_STORE_EVTCHN, 1)
                    .unwrap_err(),
                "hvm_op set_param",
            );
            refused(
                xen.evtchn_bind_interdomain(own, 1).unwrap_err(),
                "event_channel_op bind_interdomain",
            );
            refused(
                xen.grant_table_setup(own, 1).unwrap_err(),
                "grant_table_op setup_table",
            );
        }
        // Nothing reached the model: dom0's pages are as configured.
        assert_eq!(
            xen.current_reservation(0).unwrap(),
            xen.domain(0).unwrap().tot_pages
        );
        assert_clean(&xen);
    });
}
