//! cpupools (`XEN_SYSCTL_cpupool_op`): each pool's scheduler, CPUs and
//! domains; creating and destroying pools, moving CPUs and domains between
//! them.

use hcbuf_sys::errno::XEN_ENOENT;
use hcbuf_sys::sysctl::*;
use hcbuf_sys::xen::domid_t;

use super::vcpus::CpuMap;
use super::{Error, Xen, lend_error, pool_error};
use crate::XenErrno;
use crate::backend::Backend;
use crate::xen::sysctl::CpupoolOp;

/// One cpupool, as `XEN_SYSCTL_CPUPOOL_OP_INFO` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpupoolInfo {
    /// The pool's id (0: `Pool-0`, made at boot, never destroyed).
    pub id: u32,
    /// Its scheduler (`XEN_SCHEDULER_*`).
    pub sched_id: u32,
    /// Its CPUs.
    pub cpus: CpuMap,
    /// How many domains are in it.
    pub n_dom: u32,
}

/// The most pools [`Xen::cpupools`] lists (Xen allows `2 * nr_cpu_ids`).
const MAX_POOLS: usize = 1 << 17;

const CALL_INFO: &str = "sysctl cpupool_op info";

impl<B: Backend> Xen<B> {
    /// Issues one cpupool operation that lends no CPU map, filled by
    /// `fill`; returns the pool id Xen leaves in it.
    fn cpupool_op(
        &self,
        call: &'static str,
        op: u32,
        fill: impl FnOnce(&mut CpupoolOp<'_>),
    ) -> Result<u32, Error> {
        let mut ask = CpupoolOp {
            op,
            ..Default::default()
        };
        fill(&mut ask);
        Ok(self.sysctl(call, ask)?.payload().cpupool_id)
    }

    /// Issues cpupool operation `op` on CPU `cpu` (`None`: any, Xen's
    /// `XEN_SYSCTL_CPUPOOL_PAR_ANY`) of pool `id`.
    fn cpupool_cpu_op(
        &self,
        call: &'static str,
        op: u32,
        id: u32,
        cpu: Option<u32>,
    ) -> Result<(), Error> {
        self.cpupool_op(call, op, |op| {
            op.cpupool_id = id;
            op.cpu = cpu.unwrap_or(XEN_SYSCTL_CPUPOOL_PAR_ANY);
        })
        .map(drop)
    }

    /// Issues cpupool operation `op` on pool `pool`, lending a CPU map as
    /// wide as Xen's CPU ids for Xen to fill; returns the pool id,
    /// scheduler and domain count Xen leaves in the operation, and the map.
    fn cpupool_map_op(&self, call: &'static str, op: u32, pool: u32) -> Result<CpupoolInfo, Error> {
        let bits = self.max_cpus()?;
        let mut buf = self
            .pool
            .slice_from(CpuMap::new(bits).as_bytes())
            .map_err(pool_error(call))?;
        let (id, sched_id, n_dom) = {
            let mut ask = CpupoolOp {
                op,
                cpupool_id: pool,
                ..Default::default()
            };
            ask.cpumap
                .set_nr_bits(bits)
                .and_then(|()| ask.cpumap.set_bitmap(buf.lend_mut()))
                .map_err(lend_error(call))?;
            let op = self.sysctl(call, ask)?;
            let p = op.payload();
            (p.cpupool_id, p.sched_id, p.n_dom)
        };
        Ok(CpupoolInfo {
            id,
            sched_id,
            cpus: CpuMap::from_bytes(bits, &buf),
            n_dom,
        })
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_INFO`: the first pool whose id is at least
    /// `from` (`ENOENT` if none).
    pub fn cpupool_info(&self, from: u32) -> Result<CpupoolInfo, Error> {
        self.cpupool_map_op(CALL_INFO, XEN_SYSCTL_CPUPOOL_OP_INFO, from)
    }

    /// Every cpupool, in id order (`XEN_SYSCTL_CPUPOOL_OP_INFO` from id 0
    /// until Xen answers `ENOENT`).
    pub fn cpupools(&self) -> Result<Vec<CpupoolInfo>, Error> {
        let mut pools = Vec::new();
        let mut next = 0u32;
        while pools.len() < MAX_POOLS {
            match self.cpupool_info(next) {
                Ok(info) => {
                    // Xen answers the first pool at or after `next`; one
                    // before it would loop forever.
                    let Some(after) = info.id.checked_add(1).filter(|_| info.id >= next) else {
                        pools.push(info);
                        break;
                    };
                    next = after;
                    pools.push(info);
                }
                Err(e) if e.errno() == Some(XenErrno(XEN_ENOENT)) => break,
                Err(e) => return Err(e),
            }
        }
        Ok(pools)
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_CREATE`: a new pool scheduled by `sched_id`
    /// (`XEN_SCHEDULER_*`; `ENOENT` for one Xen lacks), with id `id` or
    /// (`None`) the next free one; returns its id. It has no CPU yet.
    pub fn cpupool_create(&self, id: Option<u32>, sched_id: u32) -> Result<u32, Error> {
        self.cpupool_op(
            "sysctl cpupool_op create",
            XEN_SYSCTL_CPUPOOL_OP_CREATE,
            |op| {
                op.cpupool_id = id.unwrap_or(XEN_SYSCTL_CPUPOOL_PAR_ANY);
                op.sched_id = sched_id;
            },
        )
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_DESTROY`: destroys pool `id`, which must have
    /// no CPU and no domain (`EBUSY`).
    pub fn cpupool_destroy(&self, id: u32) -> Result<(), Error> {
        self.cpupool_op(
            "sysctl cpupool_op destroy",
            XEN_SYSCTL_CPUPOOL_OP_DESTROY,
            |op| op.cpupool_id = id,
        )
        .map(drop)
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_ADDCPU`: adds free CPU `cpu` (`None`: any
    /// free one) to pool `id`.
    pub fn cpupool_add_cpu(&self, id: u32, cpu: Option<u32>) -> Result<(), Error> {
        self.cpupool_cpu_op(
            "sysctl cpupool_op addcpu",
            XEN_SYSCTL_CPUPOOL_OP_ADDCPU,
            id,
            cpu,
        )
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_RMCPU`: frees CPU `cpu` (`None`: the pool's
    /// last) of pool `id`. CPU 0 stays in pool 0 (`EINVAL`); a pool's last
    /// CPU stays while it has domains (`EBUSY`). Xen may answer `EAGAIN`
    /// while a vCPU it must move away is busy: ask again.
    pub fn cpupool_remove_cpu(&self, id: u32, cpu: Option<u32>) -> Result<(), Error> {
        self.cpupool_cpu_op(
            "sysctl cpupool_op rmcpu",
            XEN_SYSCTL_CPUPOOL_OP_RMCPU,
            id,
            cpu,
        )
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN`: moves domain `domid` into pool
    /// `id`, which must have a CPU (`ENOENT` otherwise); not the calling
    /// domain (`EPERM`). Its vCPUs' affinities are reset to every CPU and
    /// its scheduling parameters to the new scheduler's defaults.
    pub fn cpupool_move_domain(&self, id: u32, domid: domid_t) -> Result<(), Error> {
        self.cpupool_op(
            "sysctl cpupool_op movedomain",
            XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN,
            |op| {
                op.cpupool_id = id;
                op.domid = u32::from(domid);
            },
        )
        .map(drop)
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_FREEINFO`: the CPUs in no pool.
    pub fn cpupool_free_cpus(&self) -> Result<CpuMap, Error> {
        let call = "sysctl cpupool_op freeinfo";
        Ok(self
            .cpupool_map_op(call, XEN_SYSCTL_CPUPOOL_OP_FREEINFO, 0)?
            .cpus)
    }
}
