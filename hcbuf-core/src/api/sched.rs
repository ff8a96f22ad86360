//! Scheduler parameters: per domain (`XEN_DOMCTL_scheduler_op`) for the
//! credit and credit2 schedulers, and per cpupool
//! (`XEN_SYSCTL_scheduler_op`). The host's scheduler is
//! [`Xen::scheduler_id`]; a pool's is in [`Xen::cpupools`].

use hcbuf_sys::domctl::{
    XEN_DOMCTL_SCHEDOP_getinfo, XEN_DOMCTL_SCHEDOP_putinfo, XEN_SCHEDULER_CREDIT,
    XEN_SCHEDULER_CREDIT2,
};
use hcbuf_sys::sysctl::{XEN_SYSCTL_SCHEDOP_getinfo, XEN_SYSCTL_SCHEDOP_putinfo};
use hcbuf_sys::xen::domid_t;

use super::{Error, Xen};
use crate::backend::Backend;
use crate::xen::domctl::{SchedCredit, SchedCredit2, SchedulerOp, SchedulerOpU};
use crate::xen::sysctl::{
    Credit2Schedule, CreditSchedule, SchedulerOp as PoolSchedulerOp,
    SchedulerOpU as PoolSchedulerOpU,
};

impl<B: Backend> Xen<B> {
    /// `XEN_DOMCTL_scheduler_op` `getinfo` for the credit2 scheduler: the
    /// domain's weight and cap (`EINVAL` if its cpupool runs another
    /// scheduler).
    pub fn credit2_params(&self, domid: domid_t) -> Result<SchedCredit2, Error> {
        const CALL: &str = "domctl scheduler_op credit2 getinfo";
        let ask = SchedulerOp {
            sched_id: XEN_SCHEDULER_CREDIT2,
            cmd: XEN_DOMCTL_SCHEDOP_getinfo,
            u: SchedulerOpU::zeroed(),
        };
        let op = self.domctl(CALL, domid, ask)?;
        Ok(*op.payload().u.as_credit2())
    }

    /// `XEN_DOMCTL_scheduler_op` `putinfo` for the credit2 scheduler: a
    /// weight of 0 leaves the weight alone, a cap of 0 removes the cap;
    /// Xen refuses a cap above 100 per vCPU (`EINVAL`, after setting the
    /// weight).
    pub fn set_credit2_params(&self, domid: domid_t, params: SchedCredit2) -> Result<(), Error> {
        const CALL: &str = "domctl scheduler_op credit2 putinfo";
        let ask = SchedulerOp {
            sched_id: XEN_SCHEDULER_CREDIT2,
            cmd: XEN_DOMCTL_SCHEDOP_putinfo,
            // SAFETY: `cmd` is `putinfo` and `sched_id` credit2, so Xen
            // reads the union as `credit2`, the member built; the payload
            // is not changed before it is issued.
            u: unsafe { SchedulerOpU::credit2(params) },
        };
        self.domctl(CALL, domid, ask).map(drop)
    }

    /// `XEN_DOMCTL_scheduler_op` `getinfo` for the credit scheduler: the
    /// domain's weight and cap (`EINVAL` if its cpupool runs another
    /// scheduler).
    pub fn credit_params(&self, domid: domid_t) -> Result<SchedCredit, Error> {
        const CALL: &str = "domctl scheduler_op credit getinfo";
        let ask = SchedulerOp {
            sched_id: XEN_SCHEDULER_CREDIT,
            cmd: XEN_DOMCTL_SCHEDOP_getinfo,
            u: SchedulerOpU::zeroed(),
        };
        let op = self.domctl(CALL, domid, ask)?;
        Ok(*op.payload().u.as_credit())
    }

    /// `XEN_DOMCTL_scheduler_op` `putinfo` for the credit scheduler: a
    /// weight of 0 leaves the weight alone, a cap of `0xffff` leaves the
    /// cap alone (0 removes it).
    pub fn set_credit_params(&self, domid: domid_t, params: SchedCredit) -> Result<(), Error> {
        const CALL: &str = "domctl scheduler_op credit putinfo";
        let ask = SchedulerOp {
            sched_id: XEN_SCHEDULER_CREDIT,
            cmd: XEN_DOMCTL_SCHEDOP_putinfo,
            // SAFETY: `cmd` is `putinfo` and `sched_id` credit, so Xen
            // reads the union as `credit`, the member built; the payload
            // is not changed before it is issued.
            u: unsafe { SchedulerOpU::credit(params) },
        };
        self.domctl(CALL, domid, ask).map(drop)
    }

    /// `XEN_SYSCTL_scheduler_op` `getinfo` for a credit2 cpupool: its
    /// context switch rate limit (`ESRCH` for no such pool, `EINVAL` if it
    /// runs another scheduler).
    pub fn credit2_pool_params(&self, cpupool: u32) -> Result<Credit2Schedule, Error> {
        const CALL: &str = "sysctl scheduler_op credit2 getinfo";
        let ask = PoolSchedulerOp {
            cpupool_id: cpupool,
            sched_id: XEN_SCHEDULER_CREDIT2,
            cmd: XEN_SYSCTL_SCHEDOP_getinfo,
            ..Default::default()
        };
        let op = self.sysctl(CALL, ask)?;
        Ok(*op.payload().u.as_sched_credit2())
    }

    /// `XEN_SYSCTL_scheduler_op` `putinfo` for a credit2 cpupool: Xen
    /// refuses a rate limit other than 0 (none) outside 100 µs to 500 ms
    /// (`EINVAL`).
    pub fn set_credit2_pool_params(
        &self,
        cpupool: u32,
        params: Credit2Schedule,
    ) -> Result<Credit2Schedule, Error> {
        const CALL: &str = "sysctl scheduler_op credit2 putinfo";
        let ask = PoolSchedulerOp {
            cpupool_id: cpupool,
            sched_id: XEN_SCHEDULER_CREDIT2,
            cmd: XEN_SYSCTL_SCHEDOP_putinfo,
            // SAFETY: `sched_id` is credit2, so Xen reads the union as
            // `sched_credit2`, the member built (not `sched_arinc653`'s
            // handle); the payload is not changed before it is issued.
            u: unsafe { PoolSchedulerOpU::sched_credit2(params) },
            ..Default::default()
        };
        let op = self.sysctl(CALL, ask)?;
        Ok(*op.payload().u.as_sched_credit2())
    }

    /// `XEN_SYSCTL_scheduler_op` `getinfo` for a credit cpupool: its time
    /// slice, rate limit and migration delay.
    pub fn credit_pool_params(&self, cpupool: u32) -> Result<CreditSchedule, Error> {
        const CALL: &str = "sysctl scheduler_op credit getinfo";
        let ask = PoolSchedulerOp {
            cpupool_id: cpupool,
            sched_id: XEN_SCHEDULER_CREDIT,
            cmd: XEN_SYSCTL_SCHEDOP_getinfo,
            ..Default::default()
        };
        let op = self.sysctl(CALL, ask)?;
        Ok(*op.payload().u.as_sched_credit())
    }

    /// `XEN_SYSCTL_scheduler_op` `putinfo` for a credit cpupool: Xen
    /// refuses a time slice outside 1 to 1000 ms, a rate limit other than
    /// 0 outside 100 µs to 500 ms or above the time slice, a migration
    /// delay above 100 ms (`EINVAL`). Returns what Xen then reports.
    pub fn set_credit_pool_params(
        &self,
        cpupool: u32,
        params: CreditSchedule,
    ) -> Result<CreditSchedule, Error> {
        const CALL: &str = "sysctl scheduler_op credit putinfo";
        let ask = PoolSchedulerOp {
            cpupool_id: cpupool,
            sched_id: XEN_SCHEDULER_CREDIT,
            cmd: XEN_SYSCTL_SCHEDOP_putinfo,
            // SAFETY: `sched_id` is credit, so Xen reads the union as
            // `sched_credit`, the member built; the payload is not changed
            // before it is issued.
            u: unsafe { PoolSchedulerOpU::sched_credit(params) },
            ..Default::default()
        };
        let op = self.sysctl(CALL, ask)?;
        Ok(*op.payload().u.as_sched_credit())
    }
}
