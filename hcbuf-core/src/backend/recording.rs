//! [`Recording`]: a backend that issues nothing and records every call.

use std::collections::VecDeque;
use std::sync::Mutex;

use super::{Backend, XenErrno};
use crate::args::HypercallArgs;

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
