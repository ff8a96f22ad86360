//! `sched_op` (`common/sched/core.c`, `do_sched_op`, Xen 4.17): the one
//! command a toolstack issues about another domain.

use hcbuf_sys::errno::{XEN_ENOSYS, XEN_ESRCH};
use hcbuf_sys::sched::{SCHEDOP_remote_shutdown, sched_remote_shutdown};

use hcbuf_sys::xen::__HYPERVISOR_sched_op;

use super::{CallId, Ctx};
use crate::backend::XenErrno;

impl Ctx<'_> {
    /// `HYPERVISOR_sched_op(cmd, arg)`.
    pub(super) fn sched_op(&mut self, registers: [u64; 5]) -> Result<u64, XenErrno> {
        let [cmd, arg, ..] = registers;
        match u32::try_from(cmd) {
            Ok(SCHEDOP_remote_shutdown) => self.remote_shutdown(arg),
            // The commands on the calling vCPU, and every other.
            Ok(cmd) => self.unmodelled(
                CallId::Command {
                    op: __HYPERVISOR_sched_op,
                    cmd,
                },
                registers,
            ),
            Err(_) => Err(XenErrno(XEN_ENOSYS)),
        }
    }

    /// `SCHEDOP_remote_shutdown`: `domain_shutdown(d, reason)`, whose
    /// reason is a `u8` (no check: a reason over `SHUTDOWN_MAX` is
    /// recorded as given, truncated); the first reason a domain is shut
    /// down with stays. (Xen halts the host for dom0; the model records it
    /// as for any domain.)
    fn remote_shutdown(&mut self, arg: u64) -> Result<u64, XenErrno> {
        let ask: sched_remote_shutdown = self.mem.read(arg)?;
        let d = self
            .st
            .domains
            .get_mut(&ask.domain_id)
            .ok_or(XenErrno(XEN_ESRCH))?;
        d.shut_down(u32::from(ask.reason as u8));
        Ok(0)
    }
}
