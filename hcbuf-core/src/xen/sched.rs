//! Typed `sched_op` payloads (`SCHEDOP_*`), issued with a
//! [`CmdCall`](crate::xen::CmdCall). Only the command a toolstack issues
//! about another domain is typed: the others act on the calling vCPU,
//! which through privcmd is dom0 kernel's own.

use hcbuf_sys::sched::*;

use crate::args::family;
use crate::xen::raw::payloads;

payloads!(family::SchedOp, pointer = Buffer {
    /// `SCHEDOP_remote_shutdown`: shut another domain down with a reason
    /// (`SHUTDOWN_*`).
    RemoteShutdown: sched_remote_shutdown = SCHEDOP_remote_shutdown;
});
