//! A count Xen raised is never lent again: every route by which safe code
//! could hand Xen a used buffer a second time (the same call issued again
//! or batched twice, the payload taken out of a used buffer, a memory_op
//! payload issued in a new call) lends nothing, on the software Xen,
//! which answers `EFAULT` for a null buffer and touches only what a call
//! lends.

mod common;

use common::tracking_pool;
use hcbuf_core::api::{Batch, Xen};
use hcbuf_core::backend::soft::{HostConfig, SoftXen};
use hcbuf_core::sys::errno::{XEN_EACCES, XEN_EFAULT};
use hcbuf_core::xen::CmdCall;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::memory::{E820Entry, MachineMemoryMap, MemoryMap};
use hcbuf_core::xen::sysctl::ReadConsole;
use hcbuf_core::xen::sysctl::{CpuTopo, CpuTopoInfo};
use hcbuf_core::{Backend, HypercallArgs, Release, XenErrno};

/// A software Xen of 2 sockets x 2 cores x 2 threads: 8 CPUs.
fn xen() -> Xen<SoftXen> {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), HostConfig::default().cpus(2, 2, 2)).unwrap();
    Xen::new(soft, pool)
}

/// A topology query for `asked` CPUs, over a buffer of `asked` entries.
fn topology(
    asked: u32,
    buffer: hcbuf_core::handle::Lent<hcbuf_core::GuestHandleMut<'_, CpuTopo>>,
) -> CpuTopoInfo<'_> {
    let mut ask = CpuTopoInfo::default();
    ask.set_num_cpus(asked).unwrap();
    ask.set_cputopo(buffer).unwrap();
    ask
}

#[test]
fn the_same_call_issued_again_hands_xen_no_buffer() {
    let xen = xen();
    let mut topo = xen.pool().slice::<CpuTopo>(2).unwrap();
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), topology(2, topo.lend_mut())).unwrap();
    let call = op.call();
    // Two entries for 8 CPUs: Xen fills both. (A count Xen raised past
    // the buffer, a sizing answer, would be lent by a second issue.)
    assert_eq!(xen.backend().hypercall(&call), Ok(0));
    assert_eq!(xen.backend().hypercall(&call), Err(XenErrno(XEN_EFAULT)));
    assert_eq!(op.payload().num_cpus(), 2, "the first issue's answer");
    assert_eq!(xen.backend().faults(), 1, "the null buffer, nothing else");
}

#[test]
fn the_same_call_pushed_twice_into_a_batch_is_issued_once() {
    let xen = xen();
    let mut topo = xen.pool().slice::<CpuTopo>(2).unwrap();
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), topology(2, topo.lend_mut())).unwrap();
    let call = op.call();
    let mut batch = Batch::new();
    batch.push(&call);
    batch.push(&call);
    let results = xen.multicall(batch).unwrap();
    assert_eq!(results, [Ok(0), Err(XenErrno(XEN_EFAULT))]);
    assert_eq!(op.payload().num_cpus(), 2);
    drop(op);
    assert_eq!(xen.pool().stats().live(), 1, "only the topology buffer");
}

#[test]
fn a_payload_taken_from_a_used_buffer_lends_nothing() {
    let xen = xen();
    let mut topo = xen.pool().slice::<CpuTopo>(2).unwrap();
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), topology(2, topo.lend_mut())).unwrap();
    assert_eq!(xen.backend().hypercall(&op.call()), Ok(0));
    // Taken out (or swapped with a fresh one) and put in a new, armed
    // buffer: its handle was forgotten when it was reached.
    let used = std::mem::take(op.payload_mut());
    assert!(used.cputopo().is_null(), "the handle is forgotten");
    let mut again = Op::sysctl(Release::Xen4_17, xen.pool(), used).unwrap();
    assert_eq!(xen.backend().hypercall(&again.call()), Ok(0));
    assert_eq!(
        again.payload().num_cpus(),
        8,
        "a null buffer asks the count"
    );
    assert_eq!(xen.backend().faults(), 0);
}

#[test]
fn a_buffer_called_again_is_refused_before_xen_reads_it() {
    let xen = xen();
    let mut topo = xen.pool().slice::<CpuTopo>(2).unwrap();
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), topology(2, topo.lend_mut())).unwrap();
    assert_eq!(xen.backend().hypercall(&op.call()), Ok(0));
    assert_eq!(
        xen.backend().hypercall(&op.call()),
        Err(XenErrno(XEN_EACCES))
    );
}

#[test]
fn a_memory_op_payload_comes_back_forgotten_and_a_forgotten_call_keeps_it() {
    let xen = xen();
    let mut table = xen.pool().slice::<E820Entry>(2).unwrap();
    let mut map = MemoryMap::default();
    map.set_nr_entries(2).unwrap();
    map.set_buffer(table.lend_mut()).unwrap();
    let arg = xen.pool().boxed_from(MachineMemoryMap::new(map)).unwrap();
    let call = CmdCall::new(arg);
    // Two entries for a 7-entry map: Xen says how many it needs.
    let _ = xen.backend().hypercall(&call);
    let arg = call.into_payload();
    assert!(arg.buffer().is_null(), "the handle is forgotten");

    // A call that is never finished keeps its payload: it cannot be
    // reached, so it is never issued again (the pool keeps it until it is
    // dropped).
    let live = xen.pool().stats().live();
    std::mem::forget(CmdCall::new(arg));
    assert_eq!(xen.pool().stats().live(), live);
}

#[test]
fn an_empty_slice_lends_the_null_handle() {
    let xen = xen();
    let mut empty = xen.pool().slice::<CpuTopo>(0).unwrap();
    assert!(empty.handle().is_null());
    assert!(empty.handle_mut().is_null());
    let ask = topology(0, empty.lend_mut());
    assert!(ask.cputopo().is_null());
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), ask).unwrap();
    assert_eq!(xen.backend().hypercall(&op.call()), Ok(0));
    assert_eq!(op.payload().num_cpus(), 8, "a null buffer asks the count");
}

/// A backend of the user's that issues every call twice (a retry after a
/// transient error, say), counting what the inner backend answered.
struct Twice(SoftXen, std::sync::Mutex<Vec<Result<u64, XenErrno>>>);

impl Backend for Twice {
    fn release(&self) -> Option<Release> {
        self.0.release()
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let first = self.0.hypercall(args);
        let second = self.0.hypercall(args);
        self.1.lock().unwrap().extend([first, second]);
        first
    }
}

/// An incremental console read into `buffer`: run twice, the second run
/// would read on from where the first stopped.
fn console_read<'p, 'b>(
    pool: &'p hcbuf_core::Pool,
    buffer: &'b mut hcbuf_core::PoolSlice<'_, u8>,
) -> hcbuf_core::PoolBox<'p, Op<ReadConsole<'b>>> {
    let mut read = ReadConsole::default();
    read.incremental = 1;
    read.set_count(buffer.len() as u32).unwrap();
    read.set_buffer(buffer.lend_mut()).unwrap();
    Op::sysctl(Release::Xen4_17, pool, read).unwrap()
}

#[test]
fn a_backend_that_issues_a_multicall_again_hands_xen_no_entries() {
    let pool = tracking_pool();
    let soft = SoftXen::new(pool.clone(), HostConfig::default()).unwrap();
    let twice = Twice(soft, Default::default());
    let mut buffer = pool.slice::<u8>(64).unwrap();
    let mut op = console_read(&pool, &mut buffer);
    let result = hcbuf_core::backend::hypercall_wide(&twice, &pool, &op.call());
    assert_eq!(result.ok(), Some(0));
    let answers = std::mem::take(&mut *twice.1.lock().unwrap());
    assert_eq!(answers, [Ok(0), Err(XenErrno(XEN_EFAULT))]);
    assert_eq!(op.payload().index, 64, "the console was read once");
    drop(op);

    // The same through a typed batch.
    let xen = Xen::new(twice, pool.clone());
    let mut buffer = pool.slice::<u8>(64).unwrap();
    let mut op = console_read(&pool, &mut buffer);
    let call = op.call();
    let mut batch = Batch::new();
    batch.push(&call);
    assert_eq!(xen.multicall(batch).unwrap(), [Ok(0)]);
    let answers = std::mem::take(&mut *xen.backend().1.lock().unwrap());
    // The first answer is the version query that detected the release.
    assert_eq!(
        answers[answers.len() - 2..],
        [Ok(0), Err(XenErrno(XEN_EFAULT))]
    );
    assert_eq!(op.payload().index, 64);
}
