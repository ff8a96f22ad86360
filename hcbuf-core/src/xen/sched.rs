//! `sched_op` (`SCHEDOP_*`): no command is a public typed payload. The one
//! a toolstack issues about another domain, `SCHEDOP_remote_shutdown`, is
//! issued only by [`Xen::shutdown_domain`](crate::api::Xen::shutdown_domain),
//! which refuses the caller's own domain: through privcmd that is dom0,
//! whose shutdown is the host's. The others act on the calling vCPU,
//! which through privcmd is dom0 kernel's own. Their structs are in
//! [`hcbuf_sys::sched`].

use hcbuf_sys::sched::*;

use crate::args::family;
use crate::xen::raw::{Guarded, guarded};

/// `SCHEDOP_remote_shutdown`: shut another domain down with a reason
/// (`SHUTDOWN_*`).
pub(crate) type RemoteShutdown = Guarded<SCHEDOP_remote_shutdown, sched_remote_shutdown>;

guarded!(family::SchedOp {
    SCHEDOP_remote_shutdown: sched_remote_shutdown;
});
