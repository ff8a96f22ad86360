//! The typed API: a [`Xen`] handle whose methods issue the hypercalls a
//! toolstack needs, each built on the typed definitions of
//! [`crate::xen`], allocating its buffers from the handle's pool and
//! freeing them before it returns, on success and on every error path.
//!
//! ```
//! use hcbuf_core::api::Xen;
//! use hcbuf_core::backend::Recording;
//! use hcbuf_core::Pool;
//!
//! // Any backend: the privcmd driver, the software Xen, a recorder.
//! let xen = Xen::new(Recording::new(), Pool::new()?);
//! let _ = xen.version();
//! # Ok::<(), hcbuf_core::PoolError>(())
//! ```

mod batch;
mod control;
mod cpupools;
mod domains;
mod error;
mod host;
mod interdomain;
mod io;
mod sched;
mod vcpus;
mod version;

pub use batch::Batch;
pub use control::{ShutdownReason, VcpuGuestContext};
pub use cpupools::CpupoolInfo;
pub use domains::{DomainInfo, DomainState, VcpuInfo};
pub use error::Error;
pub use host::{CpuTopology, HostInfo, NodeInfo};
pub use interdomain::{GrantStatus, GrantTableSize, OwnPort, Port, PortStatus};
pub use vcpus::{Affinity, CpuMap, NodeMap, OutOfRange};
pub use version::{BuildInfo, VersionInfo};

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use crate::args::{HypercallArgs, SubOp, family};
use crate::backend::{Backend, XenErrno};
use crate::marker::XenWritable;
use crate::owned::PoolBox;
use crate::pool::{Pool, PoolError};
use crate::release::Release;
use crate::xen::{CmdCall, Op, OpError, PointerFamily, UnionFamily};
use hcbuf_sys::xen::domid_t;

/// A handle to Xen through backend `B`, with the pool its calls' buffers
/// come from, speaking one [`Release`]: detected from the hypervisor on
/// first use (`XENVER_version`, once), or pinned.
#[derive(Debug)]
pub struct Xen<B: Backend> {
    backend: B,
    pool: Pool,
    release: OnceLock<Release>,
    /// This handle's number, unique in the process: the tokens of what the
    /// handle made in the caller's domain ([`OwnPort`]) name it, and only
    /// this handle takes them back.
    id: u64,
}

/// The next handle's [`Xen::id`].
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

impl<B: Backend> Xen<B> {
    /// A handle issuing calls through `backend`, with buffers from `pool`,
    /// in the release the hypervisor says it is (asked on first use).
    pub fn new(backend: B, pool: Pool) -> Self {
        Xen {
            backend,
            pool,
            release: OnceLock::new(),
            id: next_id(),
        }
    }

    /// A handle pinned to `release`: nothing is detected, and nothing
    /// checks the pin. For a backend that cannot answer `XENVER_version`
    /// (a recorder). Pinned wrongly, Xen refuses a `domctl` (its interface
    /// version differs between 4.17 and 4.20) but not a `sysctl` (0x15 in
    /// both): a payload whose layout changed would be read in the other
    /// release's.
    pub fn with_release(backend: B, pool: Pool, release: Release) -> Self {
        Xen {
            backend,
            pool,
            release: OnceLock::from(release),
            id: next_id(),
        }
    }

    /// The release this handle speaks: pinned, or detected once (an error
    /// naming the releases hcbuf speaks if the hypervisor is another).
    #[inline]
    pub fn release(&self) -> Result<Release, Error> {
        match self.release.get() {
            Some(release) => Ok(*release),
            None => self.detect_release(),
        }
    }

    /// The first call's [`release`](Self::release): asked of the backend,
    /// or of the hypervisor.
    #[cold]
    fn detect_release(&self) -> Result<Release, Error> {
        let release = match self.backend.release() {
            Some(release) => release,
            None => Release::detect(&self.backend).map_err(Error::Release)?,
        };
        Ok(*self.release.get_or_init(|| release))
    }

    /// The backend.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The pool the calls' buffers come from.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Issues `payload` as a `sysctl`, in the layout and interface version
    /// of the release this handle speaks, and returns the buffer as Xen
    /// left it (`op.payload()`): the way to issue a typed payload that has
    /// no method here, with the API's errors and tracing. `call` names the
    /// call in an error and in the trace (`"sysctl physinfo"`).
    pub fn sysctl<P>(&self, call: &'static str, payload: P) -> Result<PoolBox<'_, Op<P>>, Error>
    where
        P: SubOp,
        P::Family: UnionFamily + family::Is<family::Sysctl>,
    {
        let mut op = Op::sysctl(self.release()?, &self.pool, payload).map_err(op_error(call))?;
        self.issue(call, &op.call())?;
        Ok(op)
    }

    /// Issues `payload` as a `domctl` about `domid`, as
    /// [`sysctl`](Self::sysctl) does a sysctl.
    pub fn domctl<P>(
        &self,
        call: &'static str,
        domid: domid_t,
        payload: P,
    ) -> Result<PoolBox<'_, Op<P>>, Error>
    where
        P: SubOp,
        P::Family: UnionFamily + family::Is<family::Domctl>,
    {
        let mut op =
            Op::domctl(self.release()?, &self.pool, domid, payload).map_err(op_error(call))?;
        self.issue(call, &op.call())?;
        Ok(op)
    }

    /// Issues `payload` with the call of its family's `(cmd, arg)` shape
    /// ([`CmdCall`]: `memory_op`, `sched_op`, `event_channel_op`,
    /// `grant_table_op`, `hvm_op`), in pool memory, and returns the
    /// hypercall's result with the call, whose payload reads as Xen left
    /// it (`call.payload()`; `into_payload()` forgets its handles, and a
    /// union's bytes with them). `call` names it in an error and in the
    /// trace. A payload laid out as another release has it is refused
    /// (`OpError::NotSpoken`), as by [`sysctl`](Self::sysctl).
    pub fn command<P>(&self, call: &'static str, payload: P) -> Result<(u64, CmdCall<'_, P>), Error>
    where
        P: SubOp + XenWritable,
        P::Family: PointerFamily,
    {
        // As `Op::sysctl`/`domctl` do: a payload laid out as another
        // release has it would be read at the wrong offsets.
        crate::xen::spoken::<P>(self.release()?).map_err(op_error(call))?;
        let arg = self.pool.boxed_from(payload).map_err(pool_error(call))?;
        let cmd = CmdCall::new(arg);
        let result = self.issue(call, &cmd)?;
        Ok((result, cmd))
    }

    /// Issues one hypercall, reporting it (at debug level, with the
    /// `tracing` feature) as `call`.
    fn issue<A: HypercallArgs>(&self, call: &'static str, args: &A) -> Result<u64, Error> {
        let start = trace_start();
        let result = self.backend.hypercall(args);
        trace(call, A::OP, &result, start);
        result.map_err(|errno| Error::Xen { call, errno })
    }

    /// As [`issue`](Self::issue), for a call whose result may be wider than
    /// 31 bits: carried in a one-entry multicall.
    fn issue_wide<A: HypercallArgs>(&self, call: &'static str, args: &A) -> Result<u64, Error> {
        use crate::backend::{WideError, hypercall_wide};
        let start = trace_start();
        let outcome = match hypercall_wide(&self.backend, &self.pool, args) {
            Ok(value) => Ok(value),
            Err(WideError::Xen(errno)) => Err(errno),
            // No hypercall was issued, so there is nothing to trace.
            Err(WideError::Alloc(source)) => return Err(Error::Pool { call, source }),
        };
        trace(call, A::OP, &outcome, start);
        outcome.map_err(|errno| Error::Xen { call, errno })
    }
}

/// Whether `domid` names the calling domain: `DOMID_SELF`, or 0. hcbuf's
/// toolstack runs in dom0 (privcmd issues as the domain it runs in, and
/// the software Xen's caller is its domain 0), so 0 is the caller; a
/// toolstack in another domain would also be refused for dom0, which it
/// has no business acting on through these calls either.
pub(crate) fn is_caller(domid: domid_t) -> bool {
    domid == 0 || domid == hcbuf_sys::xen::DOMID_SELF
}

/// `Err(Error::Refused)` naming `call` and `why` if `domid` is the caller
/// ([`is_caller`]): for a call that would change the caller's own state.
fn not_the_caller(call: &'static str, domid: domid_t, why: &'static str) -> Result<(), Error> {
    if is_caller(domid) {
        return Err(Error::Refused { call, why });
    }
    Ok(())
}

/// Tags a failure to build a family buffer with the call it was for.
fn op_error(call: &'static str) -> impl Fn(OpError) -> Error {
    move |e| match e {
        OpError::Pool(source) => Error::Pool { call, source },
        other => Error::Op {
            call,
            source: other,
        },
    }
}

/// Tags a pool failure with the call that needed the memory.
fn pool_error(call: &'static str) -> impl Fn(PoolError) -> Error {
    move |source| Error::Pool { call, source }
}

/// Tags a refused buffer or count with the call it was for.
fn lend_error(call: &'static str) -> impl Fn(hcbuf_sys::handles::LendError) -> Error {
    move |source| Error::Lend { call, source }
}

/// The time a traced call starts, only if a subscriber wants the event:
/// reading the clock costs as much as a hypercall in some dom0s (about
/// 18 µs under QEMU), so untraced calls must not pay for it.
#[cfg(feature = "tracing")]
fn trace_start() -> Option<Instant> {
    tracing::enabled!(tracing::Level::DEBUG).then(Instant::now)
}

#[cfg(not(feature = "tracing"))]
fn trace_start() -> Option<Instant> {
    None
}

#[cfg(feature = "tracing")]
fn trace(call: &'static str, op: u64, result: &Result<u64, XenErrno>, start: Option<Instant>) {
    let Some(start) = start else { return };
    let micros = start.elapsed().as_micros() as u64;
    match result {
        Ok(value) => tracing::debug!(call, op, value, micros, "hypercall"),
        Err(errno) => {
            let errno_name = errno.name().unwrap_or("?");
            tracing::debug!(
                call,
                op,
                errno = errno.0,
                errno_name,
                micros,
                "hypercall failed"
            )
        }
    }
}

#[cfg(not(feature = "tracing"))]
fn trace(_: &'static str, _: u64, _: &Result<u64, XenErrno>, _: Option<Instant>) {}

/// The text before the first NUL of a C string buffer, lossily decoded.
fn c_string(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}
