//! Typed multicall batches: several derived hypercalls in one round trip
//! (`__HYPERVISOR_multicall`), each entry's arguments lowered and checked
//! exactly as a single call's are, each result returned.

use std::marker::PhantomData;

use hcbuf_sys::handles::Lending;

use super::{Error, Xen, pool_error};
use crate::args::HypercallArgs;
use crate::backend::entry_result;
use crate::backend::{Backend, XenErrno};
use crate::xen::multicall::{Multicall, MulticallEntry};

/// A batch of hypercalls, each borrowed for as long as the batch lives,
/// so the buffers its guest handles point into stay alive and untouched
/// until the batch is issued.
///
/// A batch is built and issued on one thread (it is neither `Send` nor
/// `Sync`): the calls it borrows include family buffers' `Call`s, which
/// are not `Sync`, and a batch issued on another thread would let the
/// thread that pushed them read a buffer (`lend`) while Xen writes it.
#[derive(Debug, Default)]
pub struct Batch<'a> {
    entries: Vec<MulticallEntry>,
    /// What the calls lend Xen.
    lent: Vec<Lending>,
    /// Where each call's part of `lent` ends.
    ends: Vec<usize>,
    /// The calls, borrowed; and not `Send` or `Sync`, as some of them.
    _calls: PhantomData<(&'a (), BatchStaysOnItsThread)>,
}

/// Makes a [`Batch`] neither `Send` nor `Sync` (a compiler error about
/// sending a batch names it): a batch is issued on the thread that built
/// it, which cannot then read its calls' buffers while Xen writes them.
#[derive(Debug)]
struct BatchStaysOnItsThread(#[allow(dead_code)] *const ());

static_assertions::assert_not_impl_any!(Batch<'static>: Send, Sync);

impl<'a> Batch<'a> {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty batch with room for `calls` calls before it grows.
    pub fn with_capacity(calls: usize) -> Self {
        Batch {
            entries: Vec::with_capacity(calls),
            lent: Vec::new(),
            ends: Vec::with_capacity(calls),
            _calls: PhantomData,
        }
    }

    /// Adds `call`; returns its index in the results.
    ///
    /// The call is lowered to its registers here, once: a family
    /// buffer's `Call` or a `CmdCall` pushed into a batch that is then
    /// dropped unissued is spent, and issued again it passes Xen a null
    /// pointer (`EFAULT`), never its buffer a second time (a count Xen
    /// may have raised is not lent twice). Make a new call to retry.
    pub fn push<A: HypercallArgs>(&mut self, call: &'a A) -> usize {
        // SAFETY: this batch borrows `call` for `'a`, so the memory its
        // handles reach stays alive and untouched until the batch has been
        // issued and dropped.
        let entry = unsafe { MulticallEntry::carrying(call) };
        self.entries.push(entry);
        call.lend(&mut |range| self.lent.push(range));
        self.ends.push(self.lent.len());
        self.entries.len() - 1
    }

    /// The number of calls.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the batch has no calls.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<B: Backend> Xen<B> {
    /// Issues every call of `batch` in one `multicall`, in order, and
    /// returns each call's result (or Xen's errno for it). An error of the
    /// multicall itself (e.g. `EFAULT`) is the `Err`.
    pub fn multicall(&self, batch: Batch<'_>) -> Result<Vec<Result<u64, XenErrno>>, Error> {
        const CALL: &str = "multicall";
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let mut entries = self
            .pool
            .slice_from(&batch.entries)
            .map_err(pool_error(CALL))?;
        // SAFETY: every entry was made by `Batch::push`, from a call the
        // batch keeps borrowed until it is dropped, after this returns, and
        // `lent` is what those calls lend (`ends` marking each one's part).
        let multicall = unsafe { Multicall::new(&mut entries, &batch.lent, &batch.ends) };
        self.issue(CALL, &multicall)?;
        Ok(entries.iter().map(|e| entry_result(e.result)).collect())
    }
}
