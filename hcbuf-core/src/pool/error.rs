//! What can go wrong when the pool asks the OS for hypercall-safe memory.

use std::io;
use std::path::PathBuf;

/// An allocation or pool construction that failed. Every variant names what
/// failed and the numbers involved; nothing is left allocated or mapped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PoolError {
    /// `mlock` was refused because the process would exceed
    /// `RLIMIT_MEMLOCK` (raise it with `ulimit -l`, or run with
    /// `CAP_IPC_LOCK`).
    #[error(
        "cannot lock {requested} more bytes of hypercall memory: the pool holds {locked} \
         locked bytes and RLIMIT_MEMLOCK is {limit} bytes (raise `ulimit -l` or grant CAP_IPC_LOCK)"
    )]
    MemlockLimit {
        /// Bytes the failed request needed to lock.
        requested: usize,
        /// Bytes this pool had locked when the request failed.
        locked: usize,
        /// The soft `RLIMIT_MEMLOCK` in bytes.
        limit: u64,
    },
    /// The kernel had no memory for the mapping (`ENOMEM`/`EAGAIN`).
    #[error("out of memory mapping {requested} bytes of hypercall memory ({source})")]
    OutOfMemory {
        /// Bytes requested from the OS.
        requested: usize,
        /// The OS error.
        source: io::Error,
    },
    /// Opening the hypercall buffer device failed with something other
    /// than "it does not exist".
    #[error("cannot open {}: {source}", path.display())]
    DeviceOpen {
        /// The device path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// A system call on the pool's memory failed.
    #[error("{call} of {requested} bytes of hypercall memory failed: {source}")]
    Syscall {
        /// The call that failed (`mmap`, `mlock`, `madvise`).
        call: &'static str,
        /// Bytes involved.
        requested: usize,
        /// The OS error.
        source: io::Error,
    },
    /// The request cannot be represented: its size overflows, or its
    /// alignment exceeds a page.
    #[error("cannot allocate {size} bytes aligned to {align}: {why}")]
    BadRequest {
        /// Requested size in bytes.
        size: usize,
        /// Requested alignment in bytes.
        align: usize,
        /// Why it cannot be served.
        why: &'static str,
    },
}
