//! The typed API over a recording backend: what it issues, how errors
//! read, and that no buffer outlives a call, on success or error.

use hcbuf_core::Release;
use hcbuf_core::api::Xen;
use hcbuf_core::dispatch::Recording;
use hcbuf_core::sys::{errno, xen};
use hcbuf_core::{Pool, XenErrno};

fn recorder() -> Xen<Recording> {
    Xen::with_release(Recording::new(), Pool::locked_anonymous(), Release::Xen4_17)
}

#[test]
fn an_errno_reads_as_the_call_and_a_hint() {
    let xen = recorder();
    xen.backend().reply(Err(XenErrno(errno::XEN_EACCES)));
    let err = xen.physinfo().unwrap_err();
    assert_eq!(err.errno(), Some(XenErrno(errno::XEN_EACCES)));
    assert_eq!(
        err.to_string(),
        "sysctl physinfo: EACCES (13) (an XSM/FLASK denial, a wrong interface version, or a buffer \
     that lent memory issued a second time: build a new `Op` for each call)"
    );
    assert_eq!(
        xen.pool().stats().live(),
        0,
        "the buffer was freed on the error path"
    );
}

#[test]
fn every_method_frees_its_buffers_on_success_and_on_error() {
    for fail in [false, true] {
        let xen = recorder();
        let reply = || {
            if fail {
                xen.backend().reply(Err(XenErrno(errno::XEN_ESRCH)));
            }
        };
        let mut index = 0;
        reply();
        let _ = xen.version();
        reply();
        let _ = xen.compile_info();
        reply();
        let _ = xen.build_id();
        reply();
        let _ = xen.physinfo();
        reply();
        let _ = xen.cpu_topology();
        reply();
        let _ = xen.numa_info();
        reply();
        let _ = xen.domains();
        reply();
        let _ = xen.domain(1);
        reply();
        let _ = xen.vcpu_info(1, 0);
        reply();
        let _ = xen.pause_domain(1);
        reply();
        let _ = xen.console_read(&mut index, false, true);
        reply();
        let _ = xen.console_write(b"hello\n");
        reply();
        let _ = xen.current_reservation(0);
        reply();
        let _ = xen.hypfs_read("/buildinfo/version", 64);
        assert_eq!(xen.pool().stats().live(), 0, "fail = {fail}");
        assert!(!xen.backend().calls().is_empty());
    }
}

#[test]
fn calls_are_lowered_to_the_right_hypercalls() {
    let xen = recorder();
    xen.physinfo().unwrap();
    xen.pause_domain(7).unwrap();
    let calls = xen.backend().calls();
    assert_eq!(calls[0].0, u64::from(xen::__HYPERVISOR_sysctl));
    assert_eq!(calls[1].0, u64::from(xen::__HYPERVISOR_domctl));
    // The sysctl goes to Xen by address, in a pool buffer.
    assert_ne!(calls[0].1[0], 0, "the buffer's address");
}

#[test]
fn a_batch_issues_its_calls_in_one_multicall_and_returns_each_result() {
    use hcbuf_core::api::Batch;
    use hcbuf_core::backend::soft::{HostConfig, SoftXen};
    use hcbuf_core::pool::{MemorySource, PoolConfig};
    use hcbuf_core::xen::Op;
    use hcbuf_core::xen::domctl::GetDomainInfo;
    use hcbuf_core::xen::version::{PageSize, VersionNumber};

    let config = PoolConfig::default()
        .source(MemorySource::LockedAnonymous)
        .track_allocations(true);
    let pool = Pool::with_config(config).unwrap();
    let xen = Xen::new(
        SoftXen::new(pool.clone(), HostConfig::default()).unwrap(),
        pool,
    );
    let version = VersionNumber::default();
    let page = PageSize::default();
    let mut missing =
        Op::domctl(Release::Xen4_17, xen.pool(), 999, GetDomainInfo::default()).unwrap();
    let missing_call = missing.call();
    let mut batch = Batch::new();
    batch.push(&version);
    batch.push(&page);
    batch.push(&missing_call);
    let results = xen.multicall(batch).unwrap();
    assert_eq!(
        results,
        vec![Ok(0x40011), Ok(4096), Err(XenErrno(errno::XEN_ESRCH))]
    );
    drop(missing);
    assert_eq!(xen.pool().stats().live(), 0);
}
