//! [`SoftXen`]: an in-process model of Xen 4.17 as a dom0 toolstack sees
//! it, a [`Backend`] like any other, for tests that cannot (or need not)
//! run on a real hypervisor.
//!
//! ```
//! use hcbuf_core::backend::soft::{HostConfig, SoftXen};
//! use hcbuf_core::pool::{MemorySource, PoolConfig};
//! use hcbuf_core::sys::version::XENVER_version;
//! use hcbuf_core::xen::version::VersionNumber;
//! use hcbuf_core::{Backend, Pool};
//!
//! let config = PoolConfig::default().source(MemorySource::LockedAnonymous);
//! let pool = Pool::with_config(config.track_allocations(true))?;
//! let xen = SoftXen::new(pool, HostConfig::default())?;
//! let version = xen.hypercall(&VersionNumber::default())?;
//! assert_eq!(version, 4 << 16 | 17);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How addresses are checked
//! The model is given the pool its callers allocate from, which must keep
//! a record of its live allocations ([`PoolConfig::track_allocations`]).
//! Every access to the caller's memory, whether through a register or
//! through a guest handle nested in a buffer, goes through one small
//! module that allows exactly the ranges the call lends
//! ([`HypercallArgs::lend`]: each register's buffer, each measured handle
//! of its payload as far as its counts go, writable only where a
//! `GuestHandleMut` lends it), and only inside one live pool allocation
//! ([`Pool::allows`]); anything else fails the call with `EFAULT`, as Xen
//! does for an unmapped page, and counts in [`SoftXen::faults`]. So an
//! address from outside the pool (the stack, the heap, a freed buffer), a
//! range past the end of a buffer, past what the counts say, or a write
//! into memory lent only for reading is caught, not followed, and a call
//! built from raw registers (through the `unsafe` escape), which lends
//! nothing, touches nothing. Where Xen copies a whole struct back (the
//! `sysctl`/`domctl` buffer, a `xen_memory_map`), the whole struct must be
//! writable even if the model writes only the fields that changed.
//!
//! Inside a `multicall` made by a [`Batch`] (or [`hypercall_wide`]), each
//! entry's call may touch only what that call lends
//! ([`HypercallArgs::lend_by_entry`]), not its neighbours' buffers nor the
//! entries themselves.
//!
//! [`HypercallArgs::lend`]: crate::args::HypercallArgs::lend
//! [`HypercallArgs::lend_by_entry`]: crate::args::HypercallArgs::lend_by_entry
//! [`Batch`]: crate::api::Batch
//! [`hypercall_wide`]: crate::backend::hypercall_wide
//!
//! # What is modelled
//! The caller is always dom0 (privileged; pausing, destroying or setting
//! the vCPUs of itself is `EINVAL`, as in Xen). Every path follows
//! Xen 4.17's source, errnos included:
//! - `xen_version`: version, extraversion, compile info, capabilities,
//!   changeset, platform parameters, features (submap 0), page size,
//!   guest handle, command line, build id (`len` 0: `EINVAL`; too small:
//!   `ENOBUFS`, nothing written; null buffer: the length).
//! - `sysctl` (interface version checked first, `EACCES`): `physinfo`,
//!   `sched_id`, `getdomaininfolist` (from `first_domain`, at most
//!   `max_domains`), `readconsole` (incremental from `index`, `clear`),
//!   `cputopoinfo` and `numainfo` (null buffers ask for the count),
//!   `getcpuinfo`; `cpupool_op` (create, destroy, info, add and remove a
//!   CPU, move a domain, free CPUs: `Pool-0` starts with every CPU and the
//!   host's scheduler; the model has the credit, credit2 and null
//!   schedulers) and `scheduler_op` (credit and credit2 pool parameters), `debug_keys` (key by key,
//!   `EFAULT` at the first that cannot be read; `h` writes the handler
//!   list to the ring, other keys nothing).
//!   No `EAGAIN` while a vCPU is moved: the model moves it at once.
//! - `domctl` (interface version, then the domain: `ESRCH`):
//!   `createdomain` (the id asked for, `EEXIST` if taken, or the next free
//!   one; configuration checks; starts paused without vCPUs or memory; the
//!   id is written into the header), `destroydomain`, `pausedomain`,
//!   `unpausedomain` (a pause count; `EINVAL` below zero), `getdomaininfo`
//!   (the first domain at or after the one asked; `ESRCH` if none),
//!   `max_mem`, `max_vcpus` (must equal the count given at creation),
//!   `getvcpuinfo` (`EINVAL` past `max_vcpus`, `ESRCH` before the vCPU
//!   exists), `setvcpuaffinity`/`getvcpuaffinity` (hard and soft, the
//!   effective maps written back), `setnodeaffinity`/`getnodeaffinity`
//!   (automatic until set), `settimeoffset`, `scheduler_op` (credit and
//!   credit2 weight and cap; the domain's cpupool's scheduler only).
//! - `memory_op`: `current_reservation`, `maximum_reservation`,
//!   `maximum_gpfn` (the answer is the result; `DOMID_SELF` is dom0),
//!   `maximum_ram_page`, `memory_map` (dom0's own map: `ENOSYS` unless
//!   configured, as for a PV dom0), `machine_memory_map`.
//! - `console_io`: `write` appends to the console ring (see
//!   [`HostConfig::console_to_ring`]); `read` finds no input and returns
//!   0.
//! - `hypfs_op`: `get_version`, and `read` of `/buildinfo` (its version,
//!   compile info and changeset); nothing is writable (`EACCES`).
//! - `multicall`: each entry through the same dispatcher, its result (a
//!   negative errno as a `u64`) written into the entry.
//! - `event_channel_op`: each domain's ports; `alloc_unbound`,
//!   `bind_interdomain` (for dom0), `close` (dom0's ports), `status`
//!   (see `evtchn.rs`). Destroying a domain closes its ports.
//! - `grant_table_op`: each domain's grant table size and frames;
//!   `query_size` and `setup_table`, their failures in the struct's
//!   `status` (`GNTST_*`, see `grant_table.rs`).
//! - Every other hypercall, and every other command of the families above,
//!   is `ENOSYS`, unless the user's handler answers it (below).
//!
//! Fault injection ([`SoftXen::fail_next`]) makes the next calls fail with
//! a chosen errno before they touch memory.
//!
//! # Extending the model
//! A call the model does not answer, a whole hypercall or a `sysctl`,
//! `domctl` or `memory_op` command ([`CallId`]), can be given a handler
//! ([`SoftXen::handle`]). It is reached wherever the model would answer
//! `ENOSYS`: a direct call, or an entry of a `multicall`; for a family's
//! command, after the checks Xen makes for every command (the interface
//! version, the `domctl`'s domain). It touches the caller's memory only
//! through its [`HandlerCtx`], whose accesses are checked exactly as the
//! model's own: only what the call (or the entry) lends, in the direction
//! it is lent, else `EFAULT`, counted in [`SoftXen::faults`]. It sees the
//! model's state (domains, release) read only, and keeps its own in what
//! it captures. A call the model answers cannot be given one
//! ([`HandleError::Modelled`]): a handler adds to the model, never
//! replaces it ([`SoftXen::fail_next`] makes a modelled call fail).
//! The extended model is the same `SoftXen`, so it runs behind
//! [`AnyBackend`] and `Xen<SoftXen>` as it is.
//!
//! ```
//! use std::mem::size_of;
//!
//! use hcbuf_core::api::{Batch, Xen};
//! use hcbuf_core::backend::soft::{CallId, HostConfig, SoftXen};
//! use hcbuf_core::pool::{Access, MemorySource, PoolConfig};
//! use hcbuf_core::sys::errno::XEN_EINVAL;
//! use hcbuf_core::sys::sysctl::{XEN_SYSCTL_availheap, xen_sysctl, xen_sysctl_availheap};
//! use hcbuf_core::xen::{Op, sysctl::AvailHeap};
//! use hcbuf_core::{Pool, Release, XenErrno};
//!
//! let config = PoolConfig::default().source(MemorySource::LockedAnonymous);
//! let pool = Pool::with_config(config.track_allocations(true))?;
//! let mut soft = SoftXen::new(pool.clone(), HostConfig::default())?;
//! // `XEN_SYSCTL_availheap`, which the model does not answer: 1 GiB free.
//! soft.handle(CallId::SysctlCommand(XEN_SYSCTL_availheap), |ctx, [op, ..]| {
//!     let at = ctx.payload().expect("a sysctl has a payload");
//!     let mut heap: xen_sysctl_availheap = ctx.read(at)?;
//!     if heap.node < -1 {
//!         return Err(XenErrno(XEN_EINVAL));
//!     }
//!     heap.avail_bytes = 1 << 30;
//!     // Xen copies the whole `xen_sysctl` back: it must be writable.
//!     ctx.check(op, size_of::<xen_sysctl>(), Access::Write)?;
//!     ctx.write(at, &heap)?;
//!     Ok(0)
//! })?;
//! let xen = Xen::new(soft, pool);
//!
//! let ask = |node| AvailHeap { node, ..Default::default() };
//! let mut all = Op::sysctl(Release::Xen4_17, xen.pool(), ask(-1))?;
//! let mut bad = Op::sysctl(Release::Xen4_17, xen.pool(), ask(-2))?;
//! let (all_call, bad_call) = (all.call(), bad.call());
//! let mut batch = Batch::new();
//! batch.push(&all_call);
//! batch.push(&bad_call);
//! let results = xen.multicall(batch)?;
//! assert_eq!(results, [Ok(0), Err(XenErrno(XEN_EINVAL))]);
//! assert_eq!(all.payload().avail_bytes, 1 << 30);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`AnyBackend`]: crate::backend::AnyBackend
//! [`CallId`]: crate::backend::soft::CallId
//! [`HandlerCtx`]: crate::backend::soft::HandlerCtx
//! [`HandleError::Modelled`]: crate::backend::soft::HandleError::Modelled
//! [`SoftXen::handle`]: crate::backend::soft::SoftXen::handle
//!
//! # What is not
//! No guest runs: vCPUs do not advance, a domain's memory grows only by
//! `XENMEM_populate_physmap` (whose machine frames are invented), shutdowns
//! and crashes happen only by configuration. No events are sent (a port
//! is only a state), no grant entries are read or mapped; no RTDS or
//! ARINC653 schedulers, per-vCPU scheduling parameters, XSM policies,
//! continuations (nothing is preempted), serial input, IOMMU or HAP (the
//! modelled host has neither), or writable hypfs nodes.
//! A destroyed domain disappears at once, where Xen may list it as dying
//! while references to it remain. Results are full 64-bit values, as Xen
//! returns them (the privcmd ioctl narrows them to an `int`).
//!
//! [`PoolConfig::track_allocations`]: crate::pool::PoolConfig::track_allocations
//! [`SoftXen`]: crate::backend::soft::SoftXen
//! [`SoftXen::faults`]: crate::backend::soft::SoftXen::faults
//! [`SoftXen::fail_next`]: crate::backend::soft::SoftXen::fail_next
//! [`HostConfig::console_to_ring`]: crate::backend::soft::HostConfig::console_to_ring
//! [`Backend`]: crate::backend::Backend
//! [`Pool::allows`]: crate::pool::Pool::allows

// Xen's C names (`XEN_DOMCTL_pausedomain`) are matched as patterns here.
#![allow(non_upper_case_globals)]

/// The byte offset of field `$f` of the declaration `$t`, as a `u64`,
/// from its ABI description: it names a private field too (counts and
/// measured handles, which Xen writes back), and a misspelt name fails the
/// build.
macro_rules! field {
    ($t:ty, $f:ident) => {{
        const OFFSET: usize = match <$t as hcbuf_sys::abi::Declared>::LAYOUT.offset(stringify!($f))
        {
            Some(offset) => offset,
            None => panic!(concat!("no field ", stringify!($f))),
        };
        OFFSET as u64
    }};
}

mod console;
mod domctl;
mod evtchn;
mod extend;
mod grant_table;
mod guest;
mod host;
mod hvm_op;
mod hypfs;
mod memory_op;
mod multicall;
mod sched_op;
mod state;
mod sysctl;
mod vcpu_context;
mod version;

pub use extend::{CallId, HandleError, HandlerCtx};
pub use host::{DomainConfig, E820Region, HostConfig};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use hcbuf_sys::xen::{
    __HYPERVISOR_console_io, __HYPERVISOR_domctl, __HYPERVISOR_event_channel_op,
    __HYPERVISOR_grant_table_op, __HYPERVISOR_hvm_op, __HYPERVISOR_hypfs_op,
    __HYPERVISOR_memory_op, __HYPERVISOR_multicall, __HYPERVISOR_sched_op, __HYPERVISOR_sysctl,
    __HYPERVISOR_xen_version,
};

use hcbuf_sys::handles::Lending;

use crate::args::HypercallArgs;
use crate::backend::{Backend, XenErrno};
use crate::pool::{Access, Pool};

use guest::Guest;
use multicall::Carried;
use state::State;

/// Why a [`SoftXen`] could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SoftXenError {
    /// The pool keeps no record of its allocations, so the model could not
    /// tell pool memory from any other address.
    #[error(
        "the pool does not track its allocations: build it with \
         PoolConfig::track_allocations(true)"
    )]
    UntrackedPool,
    /// The host configuration cannot be modelled.
    #[error("invalid host configuration: {0}")]
    InvalidHost(String),
}

/// The software model of Xen 4.17 (see the [module docs](self)).
/// `Send + Sync`: calls are serialised by one lock.
pub struct SoftXen {
    pool: Pool,
    /// Boxed: the state is large, the handle stays small.
    state: Mutex<Box<State>>,
    faults: AtomicU64,
    injected: AtomicU64,
    /// The user's handlers for calls the model does not answer.
    handlers: extend::Handlers,
}

impl SoftXen {
    /// A model of `host` checking addresses against `pool`, which must
    /// track its allocations ([`SoftXenError::UntrackedPool`] otherwise).
    pub fn new(pool: Pool, host: HostConfig) -> Result<SoftXen, SoftXenError> {
        // An empty range is allowed exactly when the pool keeps a record.
        if !pool.allows(0, 0, Access::Read) {
            return Err(SoftXenError::UntrackedPool);
        }
        host.validate().map_err(SoftXenError::InvalidHost)?;
        Ok(SoftXen {
            pool,
            state: Mutex::new(Box::new(State::new(host))),
            faults: AtomicU64::new(0),
            injected: AtomicU64::new(0),
            handlers: extend::Handlers::new(),
        })
    }

    /// The pool callers allocate their buffers from.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// How many accesses to the caller's memory failed the address check
    /// (each an `EFAULT`).
    pub fn faults(&self) -> u64 {
        self.faults.load(Ordering::Relaxed)
    }

    /// Makes the next `count` calls fail with `errno` before they touch
    /// any memory (replacing an earlier request; 0 cancels it). Calls
    /// inside a multicall are not counted: the multicall itself is.
    pub fn fail_next(&self, errno: XenErrno, count: u64) {
        self.lock().pending_failure = (count > 0).then_some((errno.0, count));
    }

    /// How many calls failed by [`fail_next`](Self::fail_next).
    pub fn injected_failures(&self) -> u64 {
        self.injected.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Box<State>> {
        // A panic while holding the lock leaves a consistent state (every
        // change is a single assignment or insertion): carry on.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// One call from the caller, lending `lent` (and, for a multicall
    /// that says so, `carried` entry by entry): an injected failure, or
    /// the dispatcher.
    fn call(
        &self,
        op: u64,
        registers: [u64; 5],
        lent: &[Lending],
        carried: Option<&Carried>,
    ) -> Result<u64, XenErrno> {
        let mut state = self.lock();
        if let Some((errno, count)) = state.pending_failure {
            state.pending_failure = (count > 1).then_some((errno, count - 1));
            self.injected.fetch_add(1, Ordering::Relaxed);
            return Err(XenErrno(errno));
        }
        let mut ctx = Ctx {
            mem: Guest::new(&self.pool, lent, &self.faults),
            st: &mut state,
            in_multicall: false,
            handlers: &self.handlers,
            carried,
            fallback: None,
        };
        ctx.dispatch(op, registers)
    }
}

impl Backend for SoftXen {
    fn release(&self) -> Option<crate::Release> {
        Some(self.lock().host.release)
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let mut lent = Vec::new();
        args.lend(&mut |range| lent.push(range));
        let mut by_entry = Vec::new();
        let told = args.lend_by_entry(&mut |entry, range| by_entry.push((entry, range)));
        let carried = told.then(|| Carried::new(by_entry));
        self.call(A::OP, args.registers(), &lent, carried.as_ref())
    }
}

impl std::fmt::Debug for SoftXen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftXen")
            .field("domains", &self.lock().domains.len())
            .field("faults", &self.faults())
            .field("injected_failures", &self.injected_failures())
            .field("handlers", &self.handlers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// One call in progress: the caller's memory and the model's state (locked
/// for the whole call, multicall entries included).
struct Ctx<'a> {
    mem: Guest<'a>,
    st: &'a mut State,
    /// Inside a multicall, which may not nest.
    in_multicall: bool,
    /// The user's handlers for what the model does not answer.
    handlers: &'a extend::Handlers,
    /// For a multicall that says which entry lends what: each entry's
    /// lendings (else every entry sees all that the multicall lends).
    carried: Option<&'a Carried>,
    /// The last call that reached the model's fallback (`unmodelled`).
    fallback: Option<CallId>,
}

impl Ctx<'_> {
    /// Runs hypercall `op` with `registers`: Xen's `long` result as a
    /// value or an errno.
    fn dispatch(&mut self, op: u64, registers: [u64; 5]) -> Result<u64, XenErrno> {
        match u32::try_from(op) {
            Ok(__HYPERVISOR_xen_version) => self.xen_version(registers),
            Ok(__HYPERVISOR_sysctl) => self.sysctl(registers),
            Ok(__HYPERVISOR_domctl) => self.domctl(registers),
            Ok(__HYPERVISOR_memory_op) => self.memory_op(registers),
            Ok(__HYPERVISOR_console_io) => self.console_io(registers),
            Ok(__HYPERVISOR_hypfs_op) => self.hypfs_op(registers),
            Ok(__HYPERVISOR_multicall) => self.multicall(registers),
            Ok(__HYPERVISOR_event_channel_op) => self.event_channel_op(registers),
            Ok(__HYPERVISOR_grant_table_op) => self.grant_table_op(registers),
            Ok(__HYPERVISOR_sched_op) => self.sched_op(registers),
            Ok(__HYPERVISOR_hvm_op) => self.hvm_op(registers),
            _ => self.unmodelled_op(op, registers),
        }
    }
}
