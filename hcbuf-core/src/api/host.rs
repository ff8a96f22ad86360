//! The host: CPUs, memory, NUMA, scheduler.

use hcbuf_sys::sysctl::{XEN_INVALID_CORE_ID, XEN_INVALID_MEM_SZ};

use super::{Error, Xen, lend_error, pool_error};
use crate::backend::Backend;
use crate::xen::sysctl::{CpuTopo, CpuTopoInfo, MemInfo, NumaInfo, PhysInfo, SchedId};

/// What `XEN_SYSCTL_physinfo` reports.
pub type HostInfo = PhysInfo;

/// One CPU's place: core, socket and node (`None` where Xen says invalid,
/// e.g. an offline CPU).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CpuTopology {
    /// The core id.
    pub core: Option<u32>,
    /// The socket id.
    pub socket: Option<u32>,
    /// The NUMA node.
    pub node: Option<u32>,
}

/// One NUMA node's memory (`None` for a node without memory).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeInfo {
    /// Bytes of memory.
    pub size: Option<u64>,
    /// Bytes free.
    pub free: u64,
}

/// The most CPUs or nodes the API asks about in one call.
const MAX_ENTRIES: u32 = 4096;

impl<B: Backend> Xen<B> {
    /// `XEN_SYSCTL_physinfo`.
    pub fn physinfo(&self) -> Result<HostInfo, Error> {
        const CALL: &str = "sysctl physinfo";
        let op = self.sysctl(CALL, PhysInfo::default())?;
        Ok(*op.payload())
    }

    /// `XEN_SYSCTL_sched_id`: the scheduler (`XEN_SCHEDULER_*`).
    pub fn scheduler_id(&self) -> Result<u32, Error> {
        const CALL: &str = "sysctl sched_id";
        let op = self.sysctl(CALL, SchedId::default())?;
        Ok(op.payload().sched_id)
    }

    /// `XEN_SYSCTL_cputopoinfo`: every CPU's core, socket and node.
    pub fn cpu_topology(&self) -> Result<Vec<CpuTopology>, Error> {
        const CALL: &str = "sysctl cputopoinfo";
        // First the count (a null buffer), then the entries.
        let count = {
            let op = self.sysctl(CALL, CpuTopoInfo::default())?;
            op.payload().num_cpus().min(MAX_ENTRIES)
        };
        let mut cpus = self
            .pool
            .slice::<CpuTopo>(count as usize)
            .map_err(pool_error(CALL))?;
        let got = {
            let mut ask = CpuTopoInfo::default();
            ask.set_num_cpus(count)
                .and_then(|()| ask.set_cputopo(cpus.lend_mut()))
                .map_err(lend_error(CALL))?;
            let op = self.sysctl(CALL, ask)?;
            op.payload().num_cpus().min(count) as usize
        };
        let valid = |v: u32| (v != XEN_INVALID_CORE_ID).then_some(v);
        Ok(cpus[..got]
            .iter()
            .map(|c| CpuTopology {
                core: valid(c.core),
                socket: valid(c.socket),
                node: valid(c.node),
            })
            .collect())
    }

    /// `XEN_SYSCTL_numainfo`: every node's memory and the node distances
    /// (`distances[i][j]`).
    pub fn numa_info(&self) -> Result<(Vec<NodeInfo>, Vec<Vec<u32>>), Error> {
        const CALL: &str = "sysctl numainfo";
        let count = {
            let op = self.sysctl(CALL, NumaInfo::default())?;
            op.payload().num_nodes().min(64)
        };
        let n = count as usize;
        let mut mem = self.pool.slice::<MemInfo>(n).map_err(pool_error(CALL))?;
        let mut dist = self.pool.slice::<u32>(n * n).map_err(pool_error(CALL))?;
        let got = {
            let mut ask = NumaInfo::default();
            ask.set_num_nodes(count)
                .and_then(|()| ask.set_meminfo(mem.lend_mut()))
                .and_then(|()| ask.set_distance(dist.lend_mut()))
                .map_err(lend_error(CALL))?;
            let op = self.sysctl(CALL, ask)?;
            (op.payload().num_nodes() as usize).min(n)
        };
        let nodes = mem[..got]
            .iter()
            .map(|m| NodeInfo {
                size: (m.memsize != u64::from(XEN_INVALID_MEM_SZ)).then_some(m.memsize),
                free: m.memfree,
            })
            .collect();
        // Xen packs the rows with the count it reports, which is smaller
        // than the one asked for if nodes went away between the calls.
        let distances = (0..got)
            .map(|i| dist[i * got..i * got + got].to_vec())
            .collect();
        Ok((nodes, distances))
    }
}
