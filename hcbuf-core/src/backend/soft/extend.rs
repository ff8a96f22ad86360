//! The user's handlers for what the model does not answer
//! ([`SoftXen::handle`]): every call and command the model does not
//! implement ends in [`Ctx::unmodelled`], which runs the handler
//! registered for it, if any, and otherwise answers `ENOSYS` as before.
//!
//! A handler touches the caller's memory only through a [`HandlerCtx`],
//! which checks every access as the built-in model's are (the call's
//! lendings, their direction, one live pool allocation: `guest.rs`), and
//! sees the model's state read-only, so a handler that fails or panics
//! leaves it as it was.
//!
//! A family that gains modelled commands keeps its fallback arm
//! `_ => self.unmodelled(CallId::…(cmd), registers)`, so a handler for a
//! command it does not model is still reached.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};
use std::sync::PoisonError;
use std::sync::atomic::AtomicU64;

use hcbuf_sys::domctl::xen_domctl;
use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENOSYS};
use hcbuf_sys::handles::Lending;
use hcbuf_sys::sysctl::xen_sysctl;
use hcbuf_sys::xen::{__HYPERVISOR_domctl, __HYPERVISOR_memory_op, __HYPERVISOR_sysctl, domid_t};

use super::guest::Guest;
use super::state::{CURRENT, State};
use super::{Ctx, SoftXen};
use crate::backend::{MAX_ERRNO, XenErrno, entry_result};
use crate::marker::PlainData;
use crate::pool::{Access, PoolError};
use crate::release::Release;

/// A call or command a handler may answer ([`SoftXen::handle`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum CallId {
    /// A whole hypercall, by number (`__HYPERVISOR_*`): its handler gets
    /// the five registers.
    Hypercall(u32),
    /// A `sysctl` command (`XEN_SYSCTL_*`), reached after the model
    /// checked the `xen_sysctl` readable and its interface version
    /// (`EACCES`). Register 0 is the `xen_sysctl`'s address
    /// ([`HandlerCtx::payload`] its `u`).
    SysctlCommand(u32),
    /// A `domctl` command (`XEN_DOMCTL_*`), reached after the model
    /// checked the `xen_domctl` readable, its interface version (`EACCES`)
    /// and that its domain exists (`ESRCH`), as Xen does for every command
    /// but `createdomain` and `getdomaininfo`. Register 0 is the
    /// `xen_domctl`'s address ([`HandlerCtx::payload`] its `u`).
    DomctlCommand(u32),
    /// A `memory_op` command (`XENMEM_*`, below 64: the bits above are a
    /// continuation's start extent). Registers 0 and 1 are the command
    /// register as issued and the argument ([`HandlerCtx::payload`]).
    MemoryOpCommand(u32),
    /// A command of another `(cmd, arg)` hypercall the model answers some
    /// commands of (`sched_op`, `hvm_op`, ...): hypercall `op`, command
    /// `cmd`. Registers 0 and 1 are the command and the argument
    /// ([`HandlerCtx::payload`]).
    Command {
        /// The hypercall (`__HYPERVISOR_*`).
        op: u32,
        /// Its command (`SCHEDOP_*`, `HVMOP_*`, ...).
        cmd: u32,
    },
}

/// A handler: the call's memory and the model's state, the registers; the
/// call's result or Xen's errno.
type Handler = dyn Fn(&mut HandlerCtx<'_>, [u64; 5]) -> Result<u64, XenErrno> + Send + Sync;

/// The handlers of one [`SoftXen`].
pub(super) type Handlers = BTreeMap<CallId, Box<Handler>>;

/// Why [`SoftXen::handle`] refused a handler.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HandleError {
    /// The model answers this call itself: a handler would change what
    /// every test of the model sees. (To make a modelled call fail, use
    /// [`SoftXen::fail_next`].) A whole hypercall the model answers some
    /// commands of is modelled too: give a handler to each command it
    /// leaves (`CallId::Command`, `SysctlCommand`, ...).
    #[error("{0:?} is modelled: the software Xen answers it itself")]
    Modelled(CallId),
    /// No call reaches this handler: a `memory_op` command of 64 or more
    /// (its bits above the sixth are a continuation's start extent).
    #[error("{0:?} is never reached: no call is dispatched to it")]
    Unreachable(CallId),
    /// A handler for this call is registered already: remove it first
    /// ([`SoftXen::remove_handler`]).
    #[error("{0:?} has a handler already")]
    Taken(CallId),
    /// The probe that tells whether the model answers the call could not
    /// allocate its scratch buffer.
    #[error("cannot allocate the probe's buffer: {0}")]
    Pool(#[from] PoolError),
}

/// What a handler sees of a call: the memory it lends, checked as the
/// built-in model checks its own accesses, and the model's state, read
/// only.
///
/// Every access names an address and a length (the value's size, or the
/// bytes'), and is allowed only inside one range the call lends (for a
/// multicall entry: that entry's call), with the direction it is lent in
/// (a write only where a `GuestHandleMut` lends), and inside one live
/// allocation of the model's pool. Anything else is `EFAULT`, as Xen's
/// `copy_from_guest` answers for an unmapped page, counted in
/// [`SoftXen::faults`]; return it with `?`.
pub struct HandlerCtx<'c> {
    mem: &'c Guest<'c>,
    st: &'c State,
    call: CallId,
    registers: [u64; 5],
    in_multicall: bool,
}

impl HandlerCtx<'_> {
    /// The call or command being answered.
    pub fn call(&self) -> CallId {
        self.call
    }

    /// Whether the call is an entry of a `multicall`.
    pub fn in_multicall(&self) -> bool {
        self.in_multicall
    }

    /// The address of the command's payload: a `sysctl`'s or `domctl`'s
    /// union `u` (register 0 plus its offset), a `memory_op`'s argument
    /// (register 1); `None` for a whole hypercall.
    pub fn payload(&self) -> Option<u64> {
        let [r0, r1, ..] = self.registers;
        match self.call {
            CallId::SysctlCommand(_) => r0.checked_add(offset_of!(xen_sysctl, u) as u64),
            CallId::DomctlCommand(_) => r0.checked_add(offset_of!(xen_domctl, u) as u64),
            CallId::MemoryOpCommand(_) | CallId::Command { .. } => Some(r1),
            CallId::Hypercall(_) => None,
        }
    }

    /// Reads a `T` at `addr` (any alignment): plain data, which every bit
    /// pattern is and which holds no address (an integer, an array of
    /// them, an `hcbuf-sys` struct without guest handles; read a raw
    /// handle's address as a `u64` at its offset, and follow it with
    /// another checked access).
    pub fn read<T: PlainData>(&self, addr: u64) -> Result<T, XenErrno> {
        self.mem.read_plain(addr)
    }

    /// Writes `value` at `addr` (any alignment), which the call must lend
    /// writable.
    pub fn write<T: PlainData>(&mut self, addr: u64, value: &T) -> Result<(), XenErrno> {
        self.mem.write_plain(addr, value)
    }

    /// Reads `len` bytes at `addr` (checked before anything is
    /// allocated).
    pub fn read_bytes(&self, addr: u64, len: usize) -> Result<Vec<u8>, XenErrno> {
        self.mem.read_bytes(addr, len)
    }

    /// Writes `bytes` at `addr`, which the call must lend writable.
    pub fn write_bytes(&mut self, addr: u64, bytes: &[u8]) -> Result<(), XenErrno> {
        self.mem.write_bytes(addr, bytes)
    }

    /// `Ok` if `len` bytes at `addr` may be accessed as `access`, else a
    /// counted `EFAULT`: for Xen's whole-struct copies (a `sysctl`'s copy
    /// back of the whole `xen_sysctl` needs it all writable, whatever
    /// fields changed).
    pub fn check(&self, addr: u64, len: usize, access: Access) -> Result<(), XenErrno> {
        self.mem.check(addr, len, access)
    }

    /// The release the model is.
    pub fn release(&self) -> Release {
        self.st.host.release
    }

    /// Whether domain `id` exists (`DOMID_SELF` is the caller, dom0).
    pub fn domain_exists(&self, id: domid_t) -> bool {
        self.st.domain_by_any_id(id).is_some()
    }

    /// The ids of the domains that exist, in order.
    pub fn domains(&self) -> Vec<domid_t> {
        self.st.domains.keys().copied().collect()
    }
}

impl std::fmt::Debug for HandlerCtx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandlerCtx")
            .field("call", &self.call)
            .field("registers", &self.registers)
            .field("in_multicall", &self.in_multicall)
            .finish_non_exhaustive()
    }
}

impl SoftXen {
    /// Answers `call`, which the model does not, with `handler`: a call
    /// (or, inside a `multicall`, an entry) that reaches what the model
    /// would answer `ENOSYS` runs `handler(ctx, registers)` instead, and
    /// its result is the call's, as Xen's `long` result can carry it, the
    /// same directly, in a batch and through `hypercall_wide`: an `Err`
    /// outside Xen's errnos `1..=4095` (0, a negative one, a larger one)
    /// answers `EINVAL`, and an `Ok` value in `-4095..=-1` (as an `i64`)
    /// answers that errno. See [`HandlerCtx`] for what it may touch.
    ///
    /// Refused for a call the model answers itself
    /// ([`HandleError::Modelled`], found by running the model's dispatcher
    /// on a scratch copy of the host: a handler never overrides the model,
    /// silently or not), one no call reaches
    /// ([`HandleError::Unreachable`]) and one with a handler already
    /// ([`HandleError::Taken`]).
    ///
    /// Takes `&mut self`: handlers are set before the model is shared
    /// (wrapped in a `Xen`, an [`AnyBackend`](crate::backend::AnyBackend),
    /// an `Arc`), so no call runs while they change; allocate buffers from
    /// a clone of its pool meanwhile.
    ///
    /// A handler keeps its own state in what it captures (behind a lock or
    /// atomics: it is `Fn + Send + Sync`, as the model is shared between
    /// threads), and sees the model's read only. It runs with the model's
    /// lock held, so calls are serialised as every other call is, and it
    /// must not issue calls through this same `SoftXen` (that would
    /// deadlock). A handler that panics unwinds through the call to the
    /// caller; the model's state is as it was (a handler cannot change
    /// it) and the model stays usable, the caller's memory keeps what the
    /// handler wrote before it panicked.
    ///
    /// For example (see the [module docs](super#extending-the-model) for
    /// a `sysctl` command, in a batch):
    ///
    /// ```
    /// use hcbuf_core::backend::soft::{CallId, HandleError, HostConfig, SoftXen};
    /// use hcbuf_core::pool::{MemorySource, PoolConfig};
    /// use hcbuf_core::sys::memory::XENMEM_maximum_ram_page;
    /// use hcbuf_core::sys::xen::__HYPERVISOR_platform_op;
    /// use hcbuf_core::Pool;
    ///
    /// let config = PoolConfig::default().source(MemorySource::LockedAnonymous);
    /// let pool = Pool::with_config(config.track_allocations(true))?;
    /// let mut xen = SoftXen::new(pool, HostConfig::default())?;
    /// // `platform_op` is not modelled: here every command answers 0.
    /// let platform = CallId::Hypercall(__HYPERVISOR_platform_op);
    /// xen.handle(platform, |_ctx, _registers| Ok(0))?;
    /// assert!(xen.handles(platform));
    /// // A modelled call is refused.
    /// let modelled = CallId::MemoryOpCommand(XENMEM_maximum_ram_page);
    /// let refused = xen.handle(modelled, |_, _| Ok(0));
    /// assert!(matches!(refused, Err(HandleError::Modelled(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handle<F>(&mut self, call: CallId, handler: F) -> Result<(), HandleError>
    where
        F: Fn(&mut HandlerCtx<'_>, [u64; 5]) -> Result<u64, XenErrno> + Send + Sync + 'static,
    {
        if self.handlers.contains_key(&call) {
            return Err(HandleError::Taken(call));
        }
        match self.probe(call)? {
            Some(reached) if reached == call => {}
            // The model dispatches the hypercall by command: a handler
            // takes one of the commands it leaves unanswered.
            Some(_) if matches!(call, CallId::Hypercall(_)) => {
                return Err(HandleError::Modelled(call));
            }
            Some(_) => return Err(HandleError::Unreachable(call)),
            None => return Err(HandleError::Modelled(call)),
        }
        self.handlers.insert(call, Box::new(handler));
        Ok(())
    }

    /// Removes the handler of `call`; whether there was one. The call is
    /// then `ENOSYS` again.
    pub fn remove_handler(&mut self, call: CallId) -> bool {
        self.handlers.remove(&call).is_some()
    }

    /// Whether `call` has a handler.
    pub fn handles(&self, call: CallId) -> bool {
        self.handlers.contains_key(&call)
    }

    /// Runs the model's dispatcher for `call` on a fresh state of the same
    /// host, with a scratch pool buffer as the family's struct (its
    /// interface version right, its domain dom0, its command `call`'s):
    /// the unmodelled call it falls back on, or `None` if the model
    /// answered it. Nothing of `self`'s state or counters changes.
    fn probe(&mut self, call: CallId) -> Result<Option<CallId>, HandleError> {
        let mut host = self
            .state
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .host
            .clone();
        // The smallest ring: its contents decide no dispatch.
        host.console_ring_size = 16;
        host.console_text.clear();
        let release = host.release;
        let mut st = State::new(host);
        // The family's struct, as a caller would fill it.
        let size = size_of::<xen_sysctl>().max(size_of::<xen_domctl>());
        let mut scratch = self.pool.slice::<u8>(size)?;
        let mut put = |at: usize, bytes: &[u8]| {
            scratch[at..at + bytes.len()].copy_from_slice(bytes);
        };
        match call {
            CallId::SysctlCommand(cmd) => {
                put(offset_of!(xen_sysctl, cmd), &cmd.to_ne_bytes());
                let version = release.sysctl_interface().to_ne_bytes();
                put(offset_of!(xen_sysctl, interface_version), &version);
            }
            CallId::DomctlCommand(cmd) => {
                put(offset_of!(xen_domctl, cmd), &cmd.to_ne_bytes());
                let version = release.domctl_interface().to_ne_bytes();
                put(offset_of!(xen_domctl, interface_version), &version);
                put(offset_of!(xen_domctl, domain), &CURRENT.to_ne_bytes());
            }
            CallId::Hypercall(_) | CallId::MemoryOpCommand(_) | CallId::Command { .. } => {}
        }
        // Lent writable: `scratch` lives, untouched, until the dispatcher
        // has returned.
        let addr = scratch.handle_mut().addr();
        let (op, registers) = match call {
            CallId::Hypercall(op) => (op, [0; 5]),
            CallId::SysctlCommand(_) => (__HYPERVISOR_sysctl, [addr, 0, 0, 0, 0]),
            CallId::DomctlCommand(_) => (__HYPERVISOR_domctl, [addr, 0, 0, 0, 0]),
            CallId::MemoryOpCommand(cmd) => {
                (__HYPERVISOR_memory_op, [u64::from(cmd), addr, 0, 0, 0])
            }
            CallId::Command { op, cmd } => (op, [u64::from(cmd), addr, 0, 0, 0]),
        };
        let lent = [Lending {
            addr,
            bytes: size as u64,
            writable: true,
        }];
        let faults = AtomicU64::new(0);
        let none = Handlers::new();
        let mut ctx = Ctx {
            mem: Guest::new(&self.pool, &lent, &faults),
            st: &mut st,
            in_multicall: false,
            handlers: &none,
            carried: None,
            fallback: None,
        };
        // Its answer does not matter, only where it went.
        let _ = ctx.dispatch(u64::from(op), registers);
        Ok(ctx.fallback)
    }
}

impl Ctx<'_> {
    /// Hypercall `op`, which the model does not implement: its handler, or
    /// `ENOSYS`.
    pub(super) fn unmodelled_op(&mut self, op: u64, registers: [u64; 5]) -> Result<u64, XenErrno> {
        match u32::try_from(op) {
            Ok(op) => self.unmodelled(CallId::Hypercall(op), registers),
            Err(_) => Err(XenErrno(XEN_ENOSYS)),
        }
    }

    /// `call`, which the model does not implement: its handler, or
    /// `ENOSYS` (Xen's answer to a call or command it does not know).
    pub(super) fn unmodelled(
        &mut self,
        call: CallId,
        registers: [u64; 5],
    ) -> Result<u64, XenErrno> {
        self.fallback = Some(call);
        let handlers = self.handlers;
        let Some(handler) = handlers.get(&call) else {
            return Err(XenErrno(XEN_ENOSYS));
        };
        let mut ctx = HandlerCtx {
            mem: &self.mem,
            st: &*self.st,
            call,
            registers,
            in_multicall: self.in_multicall,
        };
        as_xen_answers(handler(&mut ctx, registers))
    }
}

/// A handler's result as Xen's `long` result carries it, the one rule for
/// a call issued directly, as a multicall entry and through
/// `hypercall_wide` ([`SoftXen::handle`]): an errno in `1..=4095` as it
/// is; any other `Err` (0, negative, past 4095) is not one Xen can return,
/// and is `EINVAL`; an `Ok` value in Xen's errno range (`-4095..=-1` as a
/// signed `long`) is that errno, as Xen's caller reads it; any other `Ok`
/// as it is.
fn as_xen_answers(result: Result<u64, XenErrno>) -> Result<u64, XenErrno> {
    match result {
        Err(XenErrno(errno)) if (1..=MAX_ERRNO).contains(&i64::from(errno)) => Err(XenErrno(errno)),
        Err(_) => Err(XenErrno(XEN_EINVAL)),
        Ok(value) => entry_result(value),
    }
}
