//! The software Xen extended by the user's handlers
//! ([`SoftXen::handle`]): reached for a hypercall or a family command the
//! model does not answer, directly and inside a multicall, touching only
//! the memory the call (or the entry) lends, in the direction it is lent;
//! refused for what the model answers; usable behind `AnyBackend`.

mod common;

use std::mem::offset_of;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use common::{RawCall, poke_u32, tracking_pool};
use hcbuf_core::api::{Batch, Xen};
use hcbuf_core::backend::AnyBackend;
use hcbuf_core::backend::soft::{CallId, DomainConfig, HandleError, HostConfig, SoftXen};
use hcbuf_core::pool::Access;
use hcbuf_core::signature::Signature;
use hcbuf_core::signature::kind::{Absent, Int, Ptr, Read, ReadWrite};
use hcbuf_core::sys::domctl::{
    XEN_DOMCTL_createdomain, XEN_DOMCTL_getdomaininfo, XEN_DOMCTL_pausedomain,
    XEN_DOMCTL_setdebugging, xen_domctl, xen_domctl_setdebugging,
};
use hcbuf_core::sys::errno::*;
use hcbuf_core::sys::hvm::HVMOP_get_param;
use hcbuf_core::sys::memory::{XENMEM_add_to_physmap, XENMEM_maximum_ram_page, xen_add_to_physmap};
use hcbuf_core::sys::sched::SCHEDOP_remote_shutdown;
use hcbuf_core::sys::sysctl::{
    XEN_SYSCTL_availheap, XEN_SYSCTL_physinfo, XEN_SYSCTL_readconsole, xen_sysctl,
    xen_sysctl_availheap,
};
use hcbuf_core::sys::xen::{
    __HYPERVISOR_domctl, __HYPERVISOR_hvm_op, __HYPERVISOR_multicall, __HYPERVISOR_sched_op,
    __HYPERVISOR_sysctl, __HYPERVISOR_xen_version, domid_t,
};
use hcbuf_core::xen::CmdCall;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::{GetDomainInfo, SetDebugging};
use hcbuf_core::xen::memory::AddToPhysmap;
use hcbuf_core::xen::sysctl::AvailHeap;
use hcbuf_core::xen::version::VersionNumber;
use hcbuf_core::{Backend, GuestHandle, GuestHandleMut, HypercallArgs, Release, XenErrno};

fn soft() -> SoftXen {
    SoftXen::new(tracking_pool(), HostConfig::default()).unwrap()
}

fn errno<T>(e: i32) -> Result<T, XenErrno> {
    Err(XenErrno(e))
}

/// Hypercall 60, which Xen does not have, as these tests define it:
/// `(uint64_t other, const uint32_t *word)`.
struct ReadsAWord;

// SAFETY: Xen has no hypercall 60 (it answers `ENOSYS`); the handlers
// these tests register read one `u32` through the second register, and
// the first only through the model's checked accessor, which refuses
// every address the call does not lend.
unsafe impl Signature for ReadsAWord {
    const TEXT: &'static str = "hypercall 60(uint64_t, const uint32_t *)";
    type R0 = Int;
    type R1 = Ptr<Read, u32>;
    type R2 = Absent;
    type R3 = Absent;
    type R4 = Absent;
}

/// `hypercall 60(other, word)`.
#[derive(HypercallArgs)]
#[hypercall(op = 60, signature = ReadsAWord)]
struct Sixty<'a> {
    other: u64,
    word: GuestHandle<'a, u32>,
}

/// Hypercall 61, which Xen does not have either: `(uint64_t add,
/// uint64_t *word)`, `*word += add`.
struct AddsToAWord;

// SAFETY: Xen has no hypercall 61; the handlers these tests register read
// and write one `u64` through the second register and nothing else.
unsafe impl Signature for AddsToAWord {
    const TEXT: &'static str = "hypercall 61(uint64_t, uint64_t *)";
    type R0 = Int;
    type R1 = Ptr<ReadWrite, u64>;
    type R2 = Absent;
    type R3 = Absent;
    type R4 = Absent;
}

/// `hypercall 61(add, word)`.
#[derive(HypercallArgs)]
#[hypercall(op = 61, signature = AddsToAWord)]
struct SixtyOne<'a> {
    add: u64,
    word: GuestHandleMut<'a, u64>,
}

/// Hypercall 60's handler: the word, plus the `u32` at `other` if that is
/// not 0 (which the call does not lend: `EFAULT`). Counts its calls, and
/// those inside a multicall.
fn reads_a_word(
    calls: Arc<AtomicU64>,
    in_multicall: Arc<AtomicU64>,
) -> impl Fn(&mut hcbuf_core::backend::soft::HandlerCtx<'_>, [u64; 5]) -> Result<u64, XenErrno>
+ Send
+ Sync
+ 'static {
    move |ctx, [other, word, ..]| {
        calls.fetch_add(1, Ordering::Relaxed);
        if ctx.in_multicall() {
            in_multicall.fetch_add(1, Ordering::Relaxed);
        }
        assert_eq!(ctx.call(), CallId::Hypercall(60));
        assert_eq!(ctx.payload(), None);
        let word: u32 = ctx.read(word)?;
        let other: u32 = if other == 0 { 0 } else { ctx.read(other)? };
        Ok(u64::from(word) + u64::from(other))
    }
}

/// Registers 60 and 61's handlers; the counters of 60's.
fn with_words(xen: &mut SoftXen) -> (Arc<AtomicU64>, Arc<AtomicU64>) {
    let calls = Arc::new(AtomicU64::new(0));
    let in_multicall = Arc::new(AtomicU64::new(0));
    xen.handle(
        CallId::Hypercall(60),
        reads_a_word(calls.clone(), in_multicall.clone()),
    )
    .unwrap();
    xen.handle(CallId::Hypercall(61), |ctx, [add, word, ..]| {
        let sum = ctx.read::<u64>(word)?.wrapping_add(add);
        ctx.write(word, &sum)?;
        Ok(sum)
    })
    .unwrap();
    (calls, in_multicall)
}

#[test]
fn a_handler_answers_a_hypercall_the_model_does_not() {
    let mut xen = soft();
    // Buffers from a clone of the model's pool: registering borrows the
    // model mutably.
    let pool = xen.pool().clone();
    let word = pool.boxed_from(7u32).unwrap();
    let sixty = || Sixty {
        other: 0,
        word: word.handle(),
    };
    assert_eq!(xen.hypercall(&sixty()), errno(XEN_ENOSYS), "no handler yet");
    assert!(!xen.handles(CallId::Hypercall(60)));

    let (calls, in_multicall) = with_words(&mut xen);
    assert!(xen.handles(CallId::Hypercall(60)));
    assert_eq!(xen.hypercall(&sixty()), Ok(7));
    let mut sum = pool.boxed_from(40u64).unwrap();
    let call = SixtyOne {
        add: 2,
        word: sum.handle_mut(),
    };
    assert_eq!(xen.hypercall(&call), Ok(42));
    assert_eq!(*sum, 42, "written through the writable lending");
    assert_eq!(calls.load(Ordering::Relaxed), 1);
    assert_eq!(in_multicall.load(Ordering::Relaxed), 0);

    // Removed, the call is ENOSYS again, and can be handled anew.
    assert!(xen.remove_handler(CallId::Hypercall(60)));
    assert!(!xen.remove_handler(CallId::Hypercall(60)));
    assert_eq!(xen.hypercall(&sixty()), errno(XEN_ENOSYS));
    xen.handle(CallId::Hypercall(60), |_, _| Ok(60)).unwrap();
    assert_eq!(xen.hypercall(&sixty()), Ok(60));
    assert_eq!(xen.faults(), 0);
    assert!(format!("{xen:?}").contains("Hypercall(60)"), "{xen:?}");
}

#[test]
fn a_handler_is_reached_inside_a_multicall_and_sees_only_its_entrys_memory() {
    let pool = tracking_pool();
    let mut soft = SoftXen::new(pool.clone(), HostConfig::default()).unwrap();
    let (calls, in_multicall) = with_words(&mut soft);
    let xen = Xen::new(soft, pool);

    let a = xen.pool().boxed_from(7u32).unwrap();
    let c = xen.pool().boxed_from(100u32).unwrap();
    let mut b = xen.pool().boxed_from(5u64).unwrap();
    let c_addr = c.handle().addr();
    let version = VersionNumber::default();
    let alone = Sixty {
        other: 0,
        word: a.handle(),
    };
    // Reads `c` too, which the multicall lends, but for another entry.
    let peeking = Sixty {
        other: c_addr,
        word: a.handle(),
    };
    let lends_c = Sixty {
        other: 0,
        word: c.handle(),
    };
    let adds = SixtyOne {
        add: 3,
        word: b.handle_mut(),
    };
    let mut batch = Batch::new();
    batch.push(&version);
    batch.push(&alone);
    batch.push(&peeking);
    batch.push(&lends_c);
    batch.push(&adds);
    let results = xen.multicall(batch).unwrap();
    assert_eq!(
        results,
        [Ok(0x4_0011), Ok(7), errno(XEN_EFAULT), Ok(100), Ok(8)],
        "the model's call, the handler's, a peek at another entry's memory refused"
    );
    assert_eq!(*b, 8);
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(in_multicall.load(Ordering::Relaxed), 3);
    assert_eq!(xen.backend().faults(), 1);

    // Peeking outside a multicall, at memory the call does not lend, is
    // refused too; the call that lends `c` reads it.
    assert_eq!(xen.backend().hypercall(&peeking), errno(XEN_EFAULT));
    assert_eq!(xen.backend().faults(), 2);

    // The wide path is a one-entry multicall: its entry lends its word.
    let wide = hcbuf_core::backend::hypercall_wide(xen.backend(), xen.pool(), &alone);
    assert_eq!(wide.unwrap(), 7);
    assert_eq!(calls.load(Ordering::Relaxed), 5);
    assert_eq!(in_multicall.load(Ordering::Relaxed), 4);
}

#[test]
fn a_handler_reaching_past_the_lent_extent_gets_efault() {
    let mut xen = soft();
    let on_stack = [0x5au8; 16];
    let stack = on_stack.as_ptr() as u64;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    xen.handle(CallId::Hypercall(60), move |ctx, [other, word, ..]| {
        let outcomes = vec![
            ctx.read::<u32>(word).map(u64::from),
            // Eight bytes where four are lent.
            ctx.read::<u64>(word),
            ctx.read_bytes(word, 5).map(|b| b.len() as u64),
            ctx.read_bytes(word + 1, 4).map(|b| b.len() as u64),
            ctx.read::<u32>(word - 4).map(u64::from),
            // Pool memory the call does not lend.
            ctx.read::<u32>(other).map(u64::from),
            // Not pool memory at all.
            ctx.read::<u32>(stack).map(u64::from),
            // No such range.
            ctx.read_bytes(u64::MAX - 1, 4).map(|b| b.len() as u64),
            ctx.read_bytes(word, usize::MAX).map(|b| b.len() as u64),
            ctx.read_bytes(word, 4).map(|b| b.len() as u64),
            ctx.check(word, 4, Access::Read).map(|()| 0),
        ];
        record.lock().unwrap().extend(outcomes);
        Ok(0)
    })
    .unwrap();
    let word = xen.pool().boxed_from(9u32).unwrap();
    let unlent = xen.pool().boxed_from(11u32).unwrap();
    let call = Sixty {
        other: unlent.handle().addr(),
        word: word.handle(),
    };
    assert_eq!(xen.hypercall(&call), Ok(0));
    let fault = Err(XenErrno(XEN_EFAULT));
    assert_eq!(
        *seen.lock().unwrap(),
        [
            Ok(9),
            fault,
            fault,
            fault,
            fault,
            fault,
            fault,
            fault,
            fault,
            Ok(4),
            Ok(0)
        ]
    );
    assert_eq!(xen.faults(), 8, "each refusal counted");
    assert_eq!(on_stack, [0x5a; 16]);
}

#[test]
fn a_handler_writing_a_read_only_lending_is_refused() {
    let mut xen = soft();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    xen.handle(CallId::Hypercall(60), move |ctx, [_, word, ..]| {
        let outcomes = [
            ctx.write(word, &1u32),
            ctx.write_bytes(word, &[1]),
            ctx.check(word, 4, Access::Write),
            // An empty write touches nothing.
            ctx.write_bytes(word, &[]),
        ];
        record.lock().unwrap().extend(outcomes);
        // Its error is the call's.
        ctx.write(word, &2u32).map(|()| 0)
    })
    .unwrap();
    let word = xen.pool().boxed_from(9u32).unwrap();
    let call = Sixty {
        other: 0,
        word: word.handle(),
    };
    assert_eq!(xen.hypercall(&call), errno(XEN_EFAULT));
    let fault = Err(XenErrno(XEN_EFAULT));
    assert_eq!(*seen.lock().unwrap(), [fault, fault, fault, Ok(())]);
    assert_eq!(*word, 9, "never written");
    assert_eq!(xen.faults(), 4);
}

/// `XEN_SYSCTL_availheap`'s handler: 1 GiB per node asked (`EINVAL` for a
/// node below -1), the whole `xen_sysctl` written back.
fn avail_heap(
    calls: Arc<AtomicU64>,
) -> impl Fn(&mut hcbuf_core::backend::soft::HandlerCtx<'_>, [u64; 5]) -> Result<u64, XenErrno>
+ Send
+ Sync
+ 'static {
    move |ctx, [op, ..]| {
        calls.fetch_add(1, Ordering::Relaxed);
        assert_eq!(ctx.call(), CallId::SysctlCommand(XEN_SYSCTL_availheap));
        let at = ctx.payload().unwrap();
        assert_eq!(at, op + offset_of!(xen_sysctl, u) as u64);
        let mut heap: xen_sysctl_availheap = ctx.read(at)?;
        if heap.node < -1 {
            return Err(XenErrno(XEN_EINVAL));
        }
        heap.avail_bytes = 1 << 30;
        ctx.check(op, size_of::<xen_sysctl>(), Access::Write)?;
        ctx.write(at, &heap)?;
        Ok(0)
    }
}

#[test]
fn a_handler_answers_a_sysctl_command_the_model_does_not() {
    let mut xen = soft();
    let pool = xen.pool().clone();
    let ask = |node| AvailHeap {
        node,
        ..Default::default()
    };
    let mut op = Op::sysctl(Release::Xen4_17, &pool, ask(-1)).unwrap();
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ENOSYS));

    let calls = Arc::new(AtomicU64::new(0));
    xen.handle(
        CallId::SysctlCommand(XEN_SYSCTL_availheap),
        avail_heap(calls.clone()),
    )
    .unwrap();
    let mut op = Op::sysctl(Release::Xen4_17, &pool, ask(-1)).unwrap();
    assert_eq!(xen.hypercall(&op.call()), Ok(0));
    assert_eq!(op.payload().avail_bytes, 1 << 30);
    let mut op = Op::sysctl(Release::Xen4_17, &pool, ask(-2)).unwrap();
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_EINVAL));
    assert_eq!(op.payload().avail_bytes, 0);
    assert_eq!(calls.load(Ordering::Relaxed), 2);

    // The interface version is checked first, by the model.
    let mut op = Op::sysctl(Release::Xen4_17, &pool, ask(-1)).unwrap();
    poke_u32(&mut op, offset_of!(xen_sysctl, interface_version), 0x14);
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_EACCES));
    assert_eq!(calls.load(Ordering::Relaxed), 2, "not reached");

    // In a batch, through the typed API.
    let xen = Xen::new(xen, pool.clone());
    let mut first = Op::sysctl(Release::Xen4_17, xen.pool(), ask(0)).unwrap();
    let mut second = Op::sysctl(Release::Xen4_17, xen.pool(), ask(-3)).unwrap();
    let (first_call, second_call) = (first.call(), second.call());
    let mut batch = Batch::new();
    batch.push(&first_call);
    batch.push(&second_call);
    let results = xen.multicall(batch).unwrap();
    assert_eq!(results, [Ok(0), errno(XEN_EINVAL)]);
    assert_eq!(first.payload().avail_bytes, 1 << 30);
    assert_eq!(calls.load(Ordering::Relaxed), 4);
    assert_eq!(xen.backend().faults(), 0);
}

#[test]
fn a_handler_answers_a_domctl_command_for_a_domain_that_exists() {
    let host = HostConfig::default().domain(DomainConfig::new(5));
    let mut xen = SoftXen::new(tracking_pool(), host).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    xen.handle(
        CallId::DomctlCommand(XEN_DOMCTL_setdebugging),
        move |ctx, [op, ..]| {
            let domain: domid_t = ctx.read(op + offset_of!(xen_domctl, domain) as u64)?;
            let set: xen_domctl_setdebugging = ctx.read(ctx.payload().unwrap())?;
            assert!(ctx.domain_exists(domain));
            assert_eq!(ctx.release(), Release::Xen4_17);
            record
                .lock()
                .unwrap()
                .push((domain, set.enable, ctx.domains()));
            Ok(0)
        },
    )
    .unwrap();
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 5, SetDebugging { enable: 1 }).unwrap();
    assert_eq!(xen.hypercall(&op.call()), Ok(0));
    // A domain that does not exist: `ESRCH`, before the handler.
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 77, SetDebugging { enable: 1 }).unwrap();
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ESRCH));
    assert_eq!(*seen.lock().unwrap(), [(5, 1, vec![0, 5])]);
}

#[test]
fn a_handler_answers_a_memory_op_command_the_model_does_not() {
    let mut xen = soft();
    xen.handle(
        CallId::MemoryOpCommand(XENMEM_add_to_physmap),
        |ctx, [cmd, arg, ..]| {
            assert_eq!(cmd, u64::from(XENMEM_add_to_physmap));
            assert_eq!(ctx.payload(), Some(arg));
            let add: xen_add_to_physmap = ctx.read(arg)?;
            if !ctx.domain_exists(add.domid) {
                return Err(XenErrno(XEN_ESRCH));
            }
            Ok(add.idx)
        },
    )
    .unwrap();
    let add = |domid| {
        let payload = AddToPhysmap {
            domid,
            idx: 1234,
            ..Default::default()
        };
        CmdCall::new(xen.pool().boxed_from(payload).unwrap())
    };
    assert_eq!(xen.hypercall(&add(0)), Ok(1234));
    assert_eq!(xen.hypercall(&add(9)), errno(XEN_ESRCH));
}

#[test]
fn a_handler_answers_a_command_of_a_partly_modelled_hypercall() {
    // `SCHEDOP_shutdown_code` (5): `sched_op` is modelled for remote
    // shutdown only. Its argument is one `unsigned int` reason.
    const SCHEDOP_SHUTDOWN_CODE: u32 = 5;
    let mut xen = soft();
    let seen = Arc::new(AtomicU64::new(0));
    let saw = seen.clone();
    let call = CallId::Command {
        op: __HYPERVISOR_sched_op,
        cmd: SCHEDOP_SHUTDOWN_CODE,
    };
    xen.handle(call, move |ctx, [cmd, arg, ..]| {
        assert_eq!(cmd, u64::from(SCHEDOP_SHUTDOWN_CODE));
        assert_eq!(ctx.payload(), Some(arg));
        saw.store(u64::from(ctx.read::<u32>(arg)?), Ordering::SeqCst);
        Ok(0)
    })
    .unwrap();
    let reason = xen.pool().boxed_from(3u32).unwrap();
    let at = reason.as_ptr() as u64;
    let raw =
        RawCall::<{ __HYPERVISOR_sched_op }>::new([u64::from(SCHEDOP_SHUTDOWN_CODE), at, 0, 0, 0])
            .lending(at, 4, false);
    assert_eq!(xen.hypercall(&raw), Ok(0));
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    // Another unmodelled command still has no answer.
    let other = RawCall::<{ __HYPERVISOR_sched_op }>::new([6, 0, 0, 0, 0]);
    assert_eq!(xen.hypercall(&other), errno(XEN_ENOSYS));
}

#[test]
fn a_modelled_or_unreachable_call_is_refused_and_probing_changes_nothing() {
    let mut xen = soft();
    let before = format!("{xen:?}");
    for call in [
        CallId::Hypercall(__HYPERVISOR_xen_version),
        CallId::Hypercall(__HYPERVISOR_sysctl),
        CallId::Hypercall(__HYPERVISOR_domctl),
        CallId::Hypercall(__HYPERVISOR_multicall),
        CallId::SysctlCommand(XEN_SYSCTL_physinfo),
        CallId::SysctlCommand(XEN_SYSCTL_readconsole),
        CallId::DomctlCommand(XEN_DOMCTL_pausedomain),
        CallId::DomctlCommand(XEN_DOMCTL_createdomain),
        CallId::DomctlCommand(XEN_DOMCTL_getdomaininfo),
        CallId::MemoryOpCommand(XENMEM_maximum_ram_page),
        // Partly modelled: a handler for one of its other commands.
        CallId::Hypercall(__HYPERVISOR_sched_op),
        CallId::Command {
            op: __HYPERVISOR_sched_op,
            cmd: SCHEDOP_remote_shutdown,
        },
        CallId::Command {
            op: __HYPERVISOR_hvm_op,
            cmd: HVMOP_get_param,
        },
    ] {
        match xen.handle(call, |_, _| Ok(0)) {
            Err(HandleError::Modelled(c)) => assert_eq!(c, call),
            other => panic!("{call:?}: {other:?}"),
        }
        assert!(!xen.handles(call));
    }
    // Bits above the sixth are a continuation's, not a command's.
    let high = CallId::MemoryOpCommand(64 + XENMEM_add_to_physmap);
    assert!(matches!(
        xen.handle(high, |_, _| Ok(0)),
        Err(HandleError::Unreachable(c)) if c == high
    ));
    // One handler per call.
    xen.handle(CallId::Hypercall(60), |_, _| Ok(1)).unwrap();
    let err = xen.handle(CallId::Hypercall(60), |_, _| Ok(2)).unwrap_err();
    assert!(matches!(err, HandleError::Taken(CallId::Hypercall(60))));
    assert!(err.to_string().contains("has a handler already"), "{err}");

    // The probes ran on a scratch host: no domain created, no fault or
    // failure counted, no buffer left, the console as it was.
    assert_eq!(
        format!("{xen:?}"),
        before.replace("handlers: []", "handlers: [Hypercall(60)]")
    );
    assert_eq!(xen.pool().stats().live(), 0);
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 1, GetDomainInfo::default()).unwrap();
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ESRCH), "no domain 1");
}

#[test]
fn an_unmodelled_call_without_a_handler_is_still_enosys() {
    let mut xen = soft();
    let pool = xen.pool().clone();
    with_words(&mut xen);
    xen.handle(
        CallId::SysctlCommand(XEN_SYSCTL_availheap),
        avail_heap(Arc::default()),
    )
    .unwrap();
    assert_eq!(
        xen.hypercall(&RawCall::<62>::new([0; 5])),
        errno(XEN_ENOSYS)
    );
    assert_eq!(
        xen.hypercall(&RawCall::<{ u32::MAX }>::new([0; 5])),
        errno(XEN_ENOSYS)
    );
    let mut op = Op::domctl(Release::Xen4_17, &pool, 0, SetDebugging { enable: 1 }).unwrap();
    assert_eq!(xen.hypercall(&op.call()), errno(XEN_ENOSYS));
    let add = CmdCall::new(pool.boxed_from(AddToPhysmap::default()).unwrap());
    assert_eq!(xen.hypercall(&add), errno(XEN_ENOSYS));

    // In a batch too, next to a handled entry.
    let xen = Xen::new(xen, pool.clone());
    let word = xen.pool().boxed_from(3u32).unwrap();
    let handled = Sixty {
        other: 0,
        word: word.handle(),
    };
    let mut op = Op::domctl(Release::Xen4_17, xen.pool(), 0, SetDebugging { enable: 1 }).unwrap();
    let unhandled = op.call();
    let mut batch = Batch::new();
    batch.push(&handled);
    batch.push(&unhandled);
    assert_eq!(xen.multicall(batch).unwrap(), [Ok(3), errno(XEN_ENOSYS)]);
}

#[test]
fn a_panicking_handler_leaves_the_model_usable() {
    let pool = tracking_pool();
    let mut soft = SoftXen::new(pool.clone(), HostConfig::default()).unwrap();
    soft.handle(CallId::Hypercall(61), |ctx, [add, word, ..]| {
        ctx.write(word, &add)?;
        panic!("a handler's bug");
    })
    .unwrap();
    with_words_60_only(&mut soft);
    let xen = Xen::new(soft, pool);
    let before = xen.domains().unwrap();

    let mut sum = xen.pool().boxed_from(0u64).unwrap();
    let call = SixtyOne {
        add: 5,
        word: sum.handle_mut(),
    };
    let direct = catch_unwind(AssertUnwindSafe(|| xen.backend().hypercall(&call)));
    assert!(direct.is_err());
    // Inside a multicall too.
    let word = xen.pool().boxed_from(3u32).unwrap();
    let handled = Sixty {
        other: 0,
        word: word.handle(),
    };
    let batched = catch_unwind(AssertUnwindSafe(|| {
        let mut batch = Batch::new();
        batch.push(&handled);
        batch.push(&call);
        xen.multicall(batch)
    }));
    assert!(batched.is_err());
    assert_eq!(*sum, 5, "what it wrote before panicking stays");

    // The model answers as before, multicalls included (the lock taken
    // again, no multicall left open).
    assert_eq!(xen.domains().unwrap(), before);
    assert_eq!(xen.backend().hypercall(&handled), Ok(3));
    let version = VersionNumber::default();
    let mut batch = Batch::new();
    batch.push(&version);
    batch.push(&handled);
    assert_eq!(xen.multicall(batch).unwrap(), [Ok(0x4_0011), Ok(3)]);
    drop(word);
    drop(sum);
    assert_eq!(xen.pool().stats().live(), 0);
}

/// Registers 60's handler only.
fn with_words_60_only(xen: &mut SoftXen) {
    xen.handle(
        CallId::Hypercall(60),
        reads_a_word(Arc::default(), Arc::default()),
    )
    .unwrap();
}

#[test]
fn the_extended_model_runs_behind_any_backend() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SoftXen>();
    send_sync::<AnyBackend>();

    let pool = tracking_pool();
    let mut soft = SoftXen::new(pool.clone(), HostConfig::default()).unwrap();
    let (calls, _) = with_words(&mut soft);
    let xen = Xen::new(AnyBackend::from(soft), pool);
    let word = xen.pool().boxed_from(21u32).unwrap();
    let call = Sixty {
        other: 0,
        word: word.handle(),
    };
    assert_eq!(xen.backend().hypercall(&call), Ok(21));
    let mut batch = Batch::new();
    batch.push(&call);
    batch.push(&call);
    assert_eq!(xen.multicall(batch).unwrap(), [Ok(21), Ok(21)]);
    assert_eq!(calls.load(Ordering::Relaxed), 3);
    assert_eq!(xen.version().unwrap().major, 4, "the model behind it");
}

/// What a handler returns is Xen's `long` result: the same answer directly,
/// as a multicall entry and through `hypercall_wide`. An `Err` that is no
/// errno of Xen's (0, negative, past 4095) is `EINVAL`; an `Ok` value in
/// the errno range is that errno.
#[test]
fn a_handlers_result_reads_the_same_directly_in_a_batch_and_wide() {
    static ANSWER: Mutex<Result<u64, XenErrno>> = Mutex::new(Ok(0));
    let mut soft = soft();
    soft.handle(CallId::Hypercall(60), |_, _| *ANSWER.lock().unwrap())
        .unwrap();
    let pool = soft.pool().clone();
    let xen = Xen::new(soft, pool.clone());
    let word = pool.boxed_from(7u32).unwrap();
    let sixty = Sixty {
        other: 0,
        word: word.handle(),
    };
    let cases: [(Result<u64, XenErrno>, Result<u64, XenErrno>); 11] = [
        (Ok(0), Ok(0)),
        (Ok(1 << 40), Ok(1 << 40)),
        (Ok((-4096i64) as u64), Ok((-4096i64) as u64)),
        (Ok((-4i64) as u64), errno(4)),
        (Ok(u64::MAX), errno(1)),
        (errno(XEN_EIO), errno(XEN_EIO)),
        (errno(4095), errno(4095)),
        (errno(0), errno(XEN_EINVAL)),
        (errno(-5), errno(XEN_EINVAL)),
        (errno(5000), errno(XEN_EINVAL)),
        (errno(i32::MIN), errno(XEN_EINVAL)),
    ];
    for (answer, want) in cases {
        *ANSWER.lock().unwrap() = answer;
        assert_eq!(xen.backend().hypercall(&sixty), want, "direct, {answer:?}");
        let mut batch = Batch::new();
        batch.push(&sixty);
        assert_eq!(
            xen.multicall(batch).unwrap(),
            vec![want],
            "batch, {answer:?}"
        );
        let wide = hcbuf_core::backend::hypercall_wide(xen.backend(), &pool, &sixty);
        let wide = wide.map_err(|e| match e {
            hcbuf_core::backend::WideError::Xen(errno) => errno,
            other => panic!("{other:?}"),
        });
        assert_eq!(wide, want, "wide, {answer:?}");
    }
    assert_eq!(xen.backend().faults(), 0);
}
