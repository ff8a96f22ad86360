//! The typed API over a recording backend: what it issues, how errors
//! read, and that no buffer outlives a call, on success or error.

use hcbuf_core::Release;
use hcbuf_core::api::Xen;
use hcbuf_core::backend::Recording;
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
    use hcbuf_core::api::Error;
    type Method = fn(&Xen<Recording>) -> Result<(), Error>;
    // Each method, and the name its error gives for its first hypercall.
    let methods: [(&str, Method); 14] = [
        ("xen_version version", |x| x.version().map(drop)),
        ("xen_version compile_info", |x| x.compile_info().map(drop)),
        ("xen_version build_id", |x| x.build_id().map(drop)),
        ("sysctl physinfo", |x| x.physinfo().map(drop)),
        ("sysctl cputopoinfo", |x| x.cpu_topology().map(drop)),
        ("sysctl numainfo", |x| x.numa_info().map(drop)),
        ("sysctl getdomaininfolist", |x| x.domains().map(drop)),
        ("domctl getdomaininfo", |x| x.domain(1).map(drop)),
        ("domctl getvcpuinfo", |x| x.vcpu_info(1, 0).map(drop)),
        ("domctl pausedomain", |x| x.pause_domain(1)),
        ("sysctl readconsole", |x| {
            x.console_read(&mut 0, false, true).map(drop)
        }),
        ("console_io write", |x| x.console_write(b"hello\n")),
        ("memory_op current_reservation", |x| {
            x.current_reservation(0).map(drop)
        }),
        ("hypfs_op read", |x| {
            x.hypfs_read("/buildinfo/version", 64).map(drop)
        }),
    ];
    for (call, method) in methods {
        // Failing at the first hypercall: the error names it, with Xen's
        // errno, and nothing is left allocated.
        let xen = recorder();
        xen.backend().reply(Err(XenErrno(errno::XEN_ESRCH)));
        let err = method(&xen).expect_err(call);
        assert_eq!(err.errno(), Some(XenErrno(errno::XEN_ESRCH)), "{call}");
        assert!(err.to_string().starts_with(call), "{call}: {err}");
        assert_eq!(xen.pool().stats().live(), 0, "{call}, on error");
        assert_eq!(
            xen.backend().calls().len(),
            1,
            "{call}: stopped at the error"
        );

        // Answered 0 throughout (what a recorder says): the same method
        // frees everything too, whatever it makes of the answer.
        let xen = recorder();
        let _ = method(&xen);
        assert!(!xen.backend().calls().is_empty(), "{call}");
        assert_eq!(xen.pool().stats().live(), 0, "{call}, on success");
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

#[test]
fn a_batch_made_with_room_issues_as_one_made_without() {
    use hcbuf_core::api::Batch;
    use hcbuf_core::xen::version::VersionNumber;
    let xen = recorder();
    let number = VersionNumber::default();
    let mut batch = Batch::with_capacity(2);
    for _ in 0..3 {
        batch.push(&number);
    }
    assert_eq!(batch.len(), 3, "it grows past its room");
    assert_eq!(xen.multicall(batch).unwrap(), [Ok(0), Ok(0), Ok(0)]);
    let calls = xen.backend().calls();
    assert_eq!(calls.len(), 1, "one multicall");
    assert_eq!(
        (calls[0].0, calls[0].1[1]),
        (u64::from(xen::__HYPERVISOR_multicall), 3)
    );
    assert_eq!(xen.pool().stats().live(), 0);
}
