//! The typed API's error: which call failed, and why.

use std::fmt;

use crate::backend::XenErrno;
use crate::pool::PoolError;

/// A failed call of the [`Xen`](super::Xen) API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Xen (or the driver) refused the hypercall.
    #[error("{call}: {errno}{}", hint(call, *errno))]
    Xen {
        /// The hypercall and sub-operation, e.g. `sysctl physinfo`.
        call: &'static str,
        /// Xen's errno.
        errno: XenErrno,
    },
    /// Xen ran a grant table operation and reports its failure in the
    /// operation's `status` (the hypercall itself returned 0).
    #[error("{call}: {status}")]
    Grant {
        /// The operation, e.g. `grant_table_op setup_table`.
        call: &'static str,
        /// The `GNTST_*` status Xen wrote.
        status: super::GrantStatus,
    },
    /// No hypercall-safe memory for the call's buffers.
    #[error("{call}: {source}")]
    Pool {
        /// The call that needed the memory.
        call: &'static str,
        /// What the pool said.
        source: PoolError,
    },
    /// The hypervisor's release could not be told, or is one hcbuf does
    /// not speak: no call is issued in a guessed layout.
    #[error("{0}")]
    Release(crate::release::DetectError),
    /// The payload is not laid out as the release this handle speaks has
    /// it.
    #[error("{call}: {source}")]
    Op {
        /// The call.
        call: &'static str,
        /// What the family buffer's constructor said.
        source: crate::xen::OpError,
    },
    /// A buffer could not be lent to the call's payload: it holds fewer
    /// elements than the payload's counts make Xen touch (a bug of the
    /// API's, reported rather than issued).
    #[error("{call}: {source}")]
    Lend {
        /// The call.
        call: &'static str,
        /// What the payload's setter said.
        source: hcbuf_sys::handles::LendError,
    },
    /// The API refused the call before issuing it: it would act on the
    /// calling domain itself (through privcmd, dom0: its kernel's event
    /// channels, or the whole host for a shutdown), or it was handed a
    /// token another [`Xen`](super::Xen) handle made.
    #[error("{call}: refused, {why}")]
    Refused {
        /// The call.
        call: &'static str,
        /// Why.
        why: &'static str,
    },
    /// Xen answered with something the API cannot represent (a length
    /// beyond the buffer it was given, …).
    #[error("{call}: {what}")]
    Unexpected {
        /// The call.
        call: &'static str,
        /// What was wrong.
        what: String,
    },
}

impl Error {
    /// Xen's errno, if Xen refused the call.
    pub fn errno(&self) -> Option<XenErrno> {
        match self {
            Error::Xen { errno, .. } => Some(*errno),
            _ => None,
        }
    }

    /// The `GNTST_*` status, if a grant table operation failed in its
    /// status.
    pub fn grant_status(&self) -> Option<super::GrantStatus> {
        match self {
            Error::Grant { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A hint a person can act on, for the errnos that usually mean one thing.
fn hint(call: &str, errno: XenErrno) -> impl fmt::Display {
    let versioned = call.starts_with("sysctl") || call.starts_with("domctl");
    match (errno.name(), versioned) {
        (Some("EACCES"), true) => {
            " (an XSM/FLASK denial, a wrong interface version, or a buffer that lent \
             memory issued a second time: build a new `Op` for each call)"
        }
        (Some("EPERM"), _) => " (not permitted: is this dom0, and the privcmd fd unrestricted?)",
        (Some("ESRCH"), _) => " (no such domain)",
        (Some("ENOSYS"), _) => " (not implemented by this hypervisor)",
        (Some("EFAULT"), _) => " (Xen could not access a buffer)",
        _ => "",
    }
}
