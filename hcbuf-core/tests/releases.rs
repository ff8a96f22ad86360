//! hcbuf speaks Xen 4.17 and 4.20, each in its own layouts and interface
//! versions: a handle detects the running release once, builds every
//! buffer for it, refuses a payload laid out as another release has it,
//! and refuses a release it does not speak rather than guess. Checked on
//! the software Xen, which models both.

mod common;

use common::{RawCall, pv_guest, tracking_pool};
use hcbuf_core::api::{Error, Xen};
use hcbuf_core::backend::Recording;
use hcbuf_core::backend::soft::{DomainConfig, HostConfig, SoftXen};
use hcbuf_core::release::{DetectError, UnknownRelease};
use hcbuf_core::sys::errno::{XEN_EACCES, XEN_ENOSYS, XEN_ESRCH};
use hcbuf_core::sys::v4_20::version::XENVER_extraversion2;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::xen::domctl::{CreateDomain, GetDomainInfo};
use hcbuf_core::xen::{Op, OpError, v4_20};
use hcbuf_core::{Backend, Pool, Release, XenErrno};

/// A software Xen of `release` with dom0 and domain 7.
fn xen_of(release: Release) -> Xen<SoftXen> {
    let pool = tracking_pool();
    let host = HostConfig::default()
        .release(release)
        .domain(DomainConfig::new(7));
    Xen::new(SoftXen::new(pool.clone(), host).unwrap(), pool)
}

#[test]
fn the_handle_speaks_the_release_the_hypervisor_is() {
    for release in Release::ALL {
        let xen = xen_of(release);
        assert_eq!(xen.release().unwrap(), release);
        let version = xen.version().unwrap();
        assert_eq!((version.major, version.minor), release.version());
    }
}

#[test]
fn the_typed_api_works_on_every_release() {
    for release in Release::ALL {
        let xen = xen_of(release);
        let ids: Vec<u16> = xen.domains().unwrap().iter().map(|d| d.domid).collect();
        assert_eq!(ids, [0, 7], "{release}");
        let created = xen.create_domain(0, pv_guest(1)).unwrap();
        assert!(![0, 7].contains(&created), "{release}: a free id");
        assert_eq!(xen.domain(created).unwrap().domid, created, "{release}");
        xen.destroy_domain(created).unwrap();
        assert_eq!(xen.domains().unwrap().len(), 2, "{release}");
        // A missing domain between two that exist is missing: 4.17 answers
        // the next one, which the API does not take for it.
        let missing = xen.domain(5).unwrap_err();
        assert_eq!(missing.errno(), Some(XenErrno(XEN_ESRCH)), "{release}");
        assert_eq!(xen.pool().stats().live(), 0);
    }
}

#[test]
fn getdomaininfo_answers_the_next_domain_on_4_17_and_esrch_on_4_20() {
    let ask = |release| {
        let xen = xen_of(release);
        let mut op = Op::domctl(release, xen.pool(), 5, GetDomainInfo::default()).unwrap();
        let result = xen.backend().hypercall(&op.call());
        result.map(|_| op.header().domain)
    };
    assert_eq!(ask(Release::Xen4_17), Ok(7));
    assert_eq!(ask(Release::Xen4_20), Err(XenErrno(XEN_ESRCH)));
}

#[test]
fn a_buffer_of_another_release_is_refused_by_xen_before_it_reads_it() {
    let xen = xen_of(Release::Xen4_20);
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 0, GetDomainInfo::default()).unwrap();
    assert_eq!(
        xen.backend().hypercall(&op.call()),
        Err(XenErrno(XEN_EACCES)),
        "a 4.17 domctl interface version on 4.20"
    );
}

#[test]
fn a_payload_laid_out_as_another_release_has_it_is_refused_before_any_call() {
    let pool = Pool::locked_anonymous();
    let err = Op::domctl(Release::Xen4_20, &pool, 0, CreateDomain::default()).unwrap_err();
    assert!(
        matches!(
            err,
            OpError::NotSpoken {
                release: Release::Xen4_20,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("v4_20"), "{err}");
    let err = Op::domctl(Release::Xen4_17, &pool, 0, v4_20::CreateDomain::default()).unwrap_err();
    assert!(matches!(
        err,
        OpError::NotSpoken {
            release: Release::Xen4_17,
            ..
        }
    ));
    assert!(Op::domctl(Release::Xen4_20, &pool, 0, v4_20::CreateDomain::default()).is_ok());
}

#[test]
fn the_4_20_queries_are_enosys_on_4_17() {
    let query =
        RawCall::<__HYPERVISOR_xen_version>::new([u64::from(XENVER_extraversion2), 0, 0, 0, 0]);
    let old = xen_of(Release::Xen4_17);
    assert_eq!(old.backend().hypercall(&query), Err(XenErrno(XEN_ENOSYS)));
    let new = xen_of(Release::Xen4_20);
    let extra = new.version().unwrap().extra;
    assert_eq!(new.backend().hypercall(&query), Ok(extra.len() as u64));
}

#[test]
fn a_release_hcbuf_does_not_speak_is_an_error_not_a_guess() {
    let recorder = Recording::new();
    recorder.reply(Ok(4 << 16 | 19));
    let xen = Xen::new(recorder, Pool::locked_anonymous());
    let err = xen.release().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Release(DetectError::Unknown(UnknownRelease {
                major: 4,
                minor: 19
            }))
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("Xen 4.17, Xen 4.20"), "{err}");
    // Nothing was issued but the one question.
    assert_eq!(xen.backend().calls().len(), 1);
    assert!(matches!(xen.domains(), Err(Error::Release(_))));
    assert_eq!(xen.backend().calls().len(), 2, "asked again, never guessed");
}

#[test]
fn a_backend_chosen_at_run_time_forwards_calls_and_its_release() {
    use hcbuf_core::backend::AnyBackend;
    let pool = tracking_pool();
    let host = HostConfig::default().release(Release::Xen4_20);
    let any = AnyBackend::from(SoftXen::new(pool.clone(), host).unwrap());
    assert_eq!(any.release(), Some(Release::Xen4_20));
    let xen = Xen::new(any, pool);
    assert_eq!(xen.release().unwrap(), Release::Xen4_20);
    assert_eq!(xen.version().unwrap().minor, 20);
    assert!(matches!(xen.backend(), AnyBackend::Soft(_)));
}
