//! Issuing hypercalls: the trait a backend implements, and Xen's errors.
//!
//! [`Backend::hypercall`] accepts only types deriving
//! [`HypercallArgs`], so every call a backend sees
//! was lowered by the derive from integers and guest handles: there is no
//! way to hand a backend a raw `(op, [u64; 5])`.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Mutex;

use crate::args::HypercallArgs;

/// A failed hypercall: Xen's errno (positive, as `XEN_E*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XenErrno(pub i32);

impl XenErrno {
    /// The errno's name (`"EACCES"`), if Xen defines it.
    pub fn name(self) -> Option<&'static str> {
        hcbuf_sys::errno::errno_name(self.0)
    }
}

impl fmt::Display for XenErrno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.0),
            None => write!(f, "Xen error {}", self.0),
        }
    }
}

impl std::error::Error for XenErrno {}

/// Something that can issue hypercalls: the privcmd driver, a software
/// model of Xen, a recorder for tests.
pub trait Backend {
    /// Issues one hypercall and returns its (non-negative) result.
    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno>;

    /// The release this backend is, if it knows without asking (the
    /// software Xen is the one it models); `None` makes the typed API ask
    /// the hypervisor once ([`Release::detect`](crate::Release::detect)).
    fn release(&self) -> Option<crate::Release> {
        None
    }
}

/// A backend that issues nothing: it records every call (number and
/// registers) and answers from a queue of replies (0 when empty). For
/// tests of code that builds hypercalls.
#[derive(Debug, Default)]
pub struct Recording {
    calls: Mutex<Vec<(u64, [u64; 5])>>,
    replies: Mutex<VecDeque<Result<u64, XenErrno>>>,
}

impl Recording {
    /// A recorder with no calls and no queued replies.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues the reply to a future call.
    pub fn reply(&self, reply: Result<u64, XenErrno>) {
        lock(&self.replies).push_back(reply);
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<(u64, [u64; 5])> {
        lock(&self.calls).clone()
    }
}

impl Backend for Recording {
    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        lock(&self.calls).push((A::OP, args.registers()));
        lock(&self.replies).pop_front().unwrap_or(Ok(0))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
