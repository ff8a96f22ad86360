//! `sysctl` (`common/sysctl.c`, `do_sysctl`): host-wide information,
//! cpupools (`common/sched/cpupool.c`) and their schedulers' parameters
//! (`common/sched/core.c`, `credit.c`, `credit2.c`).
//!
//! Xen copies the whole `struct xen_sysctl` in, checks the interface
//! version (`EACCES`), runs the command and, on success, copies the whole
//! struct back. The model reads it the same way, writes the nested buffers
//! first, then checks the whole struct writable and writes the fields the
//! command changed (the other bytes Xen writes back are those it read).

use std::mem::{offset_of, size_of};

use hcbuf_sys::domctl::{XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2, XEN_SCHEDULER_NULL};
use hcbuf_sys::errno::{
    XEN_EACCES, XEN_EADDRNOTAVAIL, XEN_EBUSY, XEN_EEXIST, XEN_EINVAL, XEN_ENODEV, XEN_ENOENT,
    XEN_ENOSPC, XEN_ENOSYS, XEN_EPERM, XEN_ESRCH,
};
use hcbuf_sys::sysctl::*;
use hcbuf_sys::xen::domid_t;

use super::console::RingRead;
use super::state::{CURRENT, Cpupool, DEFAULT_WEIGHT, Mask, scheduler_known};
use super::{CallId, Ctx};
use crate::backend::XenErrno;
use crate::pool::Access;

/// `MAX_NUMNODES - 1` on x86.
const MAX_NODE_ID: u32 = 63;
/// `node_distance()` without an ACPI SLIT.
const LOCAL_DISTANCE: u32 = 10;
const REMOTE_DISTANCE: u32 = 20;
/// Bytes per page (`PAGE_SHIFT` 12 on x86).
const PAGE_BYTES: u64 = 4096;

impl Ctx<'_> {
    /// `HYPERVISOR_sysctl(u_sysctl)`.
    pub(super) fn sysctl(&mut self, [op, ..]: [u64; 5]) -> Result<u64, XenErrno> {
        self.mem.check(op, size_of::<xen_sysctl>(), Access::Read)?;
        let cmd: u32 = self.mem.read(op + offset_of!(xen_sysctl, cmd) as u64)?;
        let version: u32 = self
            .mem
            .read(op + offset_of!(xen_sysctl, interface_version) as u64)?;
        if version != self.st.host.release.sysctl_interface() {
            return Err(XenErrno(XEN_EACCES));
        }
        let u = op + offset_of!(xen_sysctl, u) as u64;
        match cmd {
            XEN_SYSCTL_readconsole => self.readconsole(op, u),
            XEN_SYSCTL_physinfo => self.physinfo(op, u),
            XEN_SYSCTL_sched_id => {
                self.sysctl_copy_back(op)?;
                let at = u + offset_of!(xen_sysctl_sched_id, sched_id) as u64;
                self.mem.write(at, &self.st.host.sched_id).map(|()| 0)
            }
            XEN_SYSCTL_getdomaininfolist => self.getdomaininfolist(op, u),
            XEN_SYSCTL_cputopoinfo => self.cputopoinfo(op, u),
            XEN_SYSCTL_numainfo => self.numainfo(op, u),
            XEN_SYSCTL_getcpuinfo => self.getcpuinfo(op, u),
            XEN_SYSCTL_cpupool_op => self.cpupool_op(op, u),
            XEN_SYSCTL_scheduler_op => self.sysctl_scheduler_op(op, u),
            // `arch_do_sysctl`'s default (and every command not modelled).
            _ => self.unmodelled(CallId::SysctlCommand(cmd), [op, 0, 0, 0, 0]),
        }
    }

    /// Xen's copy of the whole `xen_sysctl` back to the caller: it must be
    /// writable.
    fn sysctl_copy_back(&self, op: u64) -> Result<(), XenErrno> {
        self.mem.check(op, size_of::<xen_sysctl>(), Access::Write)
    }

    fn readconsole(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let rc: xen_sysctl_readconsole = self.mem.read(u)?;
        let ask = RingRead {
            incremental: rc.incremental != 0,
            index: rc.index,
            max: rc.count(),
            clear: rc.clear != 0,
        };
        let mem = &self.mem;
        let (count, index) = self.st.ring.read(&ask, |off, bytes| {
            mem.write_bytes(mem.offset(rc.buffer().0, off as usize)?, bytes)
        })?;
        self.sysctl_copy_back(op)?;
        self.mem
            .write(u + field!(xen_sysctl_readconsole, count), &count)?;
        self.mem
            .write(u + field!(xen_sysctl_readconsole, index), &index)?;
        Ok(0)
    }

    fn physinfo(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let host = &self.st.host;
        let info = xen_sysctl_physinfo {
            threads_per_core: host.threads_per_core,
            cores_per_socket: host.cores_per_socket,
            nr_cpus: host.nr_cpus,
            max_cpu_id: host.nr_cpus - 1,
            nr_nodes: host.nr_nodes,
            max_node_id: MAX_NODE_ID,
            cpu_khz: host.cpu_khz,
            capabilities: host.physcaps,
            arch_capabilities: 0,
            pad: 0,
            total_pages: host.total_pages,
            free_pages: self.st.free_pages(),
            scrub_pages: 0,
            outstanding_pages: 0,
            max_mfn: host.max_mfn,
            hw_cap: host.hw_cap,
        };
        self.sysctl_copy_back(op)?;
        self.mem.write(u, &info).map(|()| 0)
    }

    fn getdomaininfolist(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let list: xen_sysctl_getdomaininfolist = self.mem.read(u)?;
        let gpaddr_bits = self.st.host.gpaddr_bits;
        let mut n = 0u32;
        for d in self.st.domains.range(list.first_domain..).map(|(_, d)| d) {
            if n == list.max_domains() {
                break;
            }
            self.mem
                .write_at(list.buffer().0, u64::from(n), &d.info(gpaddr_bits))?;
            n += 1;
        }
        self.sysctl_copy_back(op)?;
        let at = u + field!(xen_sysctl_getdomaininfolist, num_domains);
        self.mem.write(at, &n).map(|()| 0)
    }

    /// CPU `cpu`'s core, socket and node: CPUs are numbered thread first,
    /// then core, then socket; sockets are spread evenly over the nodes.
    fn topology(&self, cpu: u32) -> xen_sysctl_cputopo {
        let host = &self.st.host;
        let per_socket = host.threads_per_core * host.cores_per_socket;
        let socket = cpu / per_socket;
        let sockets = host.nr_cpus.div_ceil(per_socket);
        xen_sysctl_cputopo {
            core: (cpu / host.threads_per_core) % host.cores_per_socket,
            socket,
            node: (u64::from(socket) * u64::from(host.nr_nodes) / u64::from(sockets)) as u32,
        }
    }

    fn cputopoinfo(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let ti: xen_sysctl_cputopoinfo = self.mem.read(u)?;
        let mut num = self.st.host.nr_cpus;
        if ti.cputopo().0 != 0 {
            num = num.min(ti.num_cpus());
            for cpu in 0..num {
                self.mem
                    .write_at(ti.cputopo().0, u64::from(cpu), &self.topology(cpu))?;
            }
        }
        if ti.num_cpus() != num {
            let at = u + field!(xen_sysctl_cputopoinfo, num_cpus);
            self.mem.write(at, &num)?;
        }
        self.sysctl_copy_back(op).map(|()| 0)
    }

    fn numainfo(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let ni: xen_sysctl_numainfo = self.mem.read(u)?;
        let nodes = self.st.host.nr_nodes;
        let mut num = nodes;
        if ni.meminfo().0 != 0 || ni.distance().0 != 0 {
            num = num.min(ni.num_nodes());
            let size = self.st.host.total_pages * PAGE_BYTES / u64::from(nodes);
            let free = self.st.free_pages() * PAGE_BYTES / u64::from(nodes);
            for i in 0..num {
                if ni.meminfo().0 != 0 {
                    let info = xen_sysctl_meminfo {
                        memsize: size,
                        memfree: free,
                    };
                    self.mem.write_at(ni.meminfo().0, u64::from(i), &info)?;
                }
                if ni.distance().0 != 0 {
                    for j in 0..num {
                        let d = if i == j {
                            LOCAL_DISTANCE
                        } else {
                            REMOTE_DISTANCE
                        };
                        let at = u64::from(i) * u64::from(num) + u64::from(j);
                        self.mem.write_at(ni.distance().0, at, &d)?;
                    }
                }
            }
        }
        if ni.num_nodes() != num {
            let at = u + field!(xen_sysctl_numainfo, num_nodes);
            self.mem.write(at, &num)?;
        }
        self.sysctl_copy_back(op).map(|()| 0)
    }

    fn getcpuinfo(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let gi: xen_sysctl_getcpuinfo = self.mem.read(u)?;
        let n = gi.max_cpus().min(self.st.host.nr_cpus);
        let info = xen_sysctl_cpuinfo {
            idletime: self.st.host.cpu_idle_ns,
        };
        for cpu in 0..n {
            self.mem.write_at(gi.info().0, u64::from(cpu), &info)?;
        }
        self.sysctl_copy_back(op)?;
        let at = u + field!(xen_sysctl_getcpuinfo, nr_cpus);
        self.mem.write(at, &n).map(|()| 0)
    }
}

/// `CPUPOOLID_NONE`, which `XEN_SYSCTL_CPUPOOL_PAR_ANY` also is.
const CPUPOOLID_NONE: u32 = !0;

fn fail(errno: i32) -> XenErrno {
    XenErrno(errno)
}

impl Ctx<'_> {
    /// `cpupool_do_sysctl`; the struct is copied back only on success.
    fn cpupool_op(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let c: xen_sysctl_cpupool_op = self.mem.read(u)?;
        match c.op {
            XEN_SYSCTL_CPUPOOL_OP_CREATE => {
                let id = self.cpupool_create(c.cpupool_id, c.sched_id)?;
                self.sysctl_copy_back(op)?;
                self.mem
                    .write(u + field!(xen_sysctl_cpupool_op, cpupool_id), &id)?;
            }
            XEN_SYSCTL_CPUPOOL_OP_DESTROY => {
                let pool = self
                    .st
                    .cpupools
                    .get(&c.cpupool_id)
                    .ok_or(fail(XEN_ENOENT))?;
                if self.st.pool_domains(c.cpupool_id) != 0 || !pool.cpus.is_empty() {
                    return Err(fail(XEN_EBUSY));
                }
                self.st.cpupools.remove(&c.cpupool_id);
                self.sysctl_copy_back(op)?;
            }
            XEN_SYSCTL_CPUPOOL_OP_INFO => {
                let (&id, pool) = self
                    .st
                    .cpupools
                    .range(c.cpupool_id..)
                    .next()
                    .ok_or(fail(XEN_ENOENT))?;
                let (sched_id, cpus) = (pool.sched_id, pool.cpus.clone());
                let n_dom = self.st.pool_domains(id);
                self.write_bitmap(&c.cpumap, &cpus)?;
                self.sysctl_copy_back(op)?;
                let m = &self.mem;
                m.write(u + field!(xen_sysctl_cpupool_op, cpupool_id), &id)?;
                m.write(u + field!(xen_sysctl_cpupool_op, sched_id), &sched_id)?;
                m.write(u + field!(xen_sysctl_cpupool_op, n_dom), &n_dom)?;
            }
            XEN_SYSCTL_CPUPOOL_OP_ADDCPU => {
                self.cpupool_add_cpu(c.cpupool_id, c.cpu)?;
                self.sysctl_copy_back(op)?;
            }
            XEN_SYSCTL_CPUPOOL_OP_RMCPU => {
                self.cpupool_remove_cpu(c.cpupool_id, c.cpu)?;
                self.sysctl_copy_back(op)?;
            }
            XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN => {
                // `rcu_lock_remote_domain_by_id` takes a `domid_t`.
                self.cpupool_move_domain(c.cpupool_id, c.domid as domid_t)?;
                self.sysctl_copy_back(op)?;
            }
            XEN_SYSCTL_CPUPOOL_OP_FREEINFO => {
                let free = self.st.free_cpus();
                self.write_bitmap(&c.cpumap, &free)?;
                self.sysctl_copy_back(op)?;
            }
            _ => return Err(fail(XEN_ENOSYS)),
        }
        Ok(0)
    }

    /// `cpupool_create`: at most `2 * nr_cpu_ids` pools (`ENOSPC`); the id
    /// asked (`EEXIST` if taken) or, for `CPUPOOLID_NONE`, one past the
    /// last (the first gap if the last is `CPUPOOLID_NONE - 1`); a
    /// scheduler the model has (`ENOENT`).
    fn cpupool_create(&mut self, asked: u32, sched_id: u32) -> Result<u32, XenErrno> {
        let nr_cpus = self.st.host.nr_cpus;
        let pools = &self.st.cpupools;
        if pools.len() as u64 >= 2 * u64::from(nr_cpus) {
            return Err(fail(XEN_ENOSPC));
        }
        let id = if asked != CPUPOOLID_NONE {
            if pools.contains_key(&asked) {
                return Err(fail(XEN_EEXIST));
            }
            asked
        } else {
            let last = pools.keys().next_back().copied().unwrap_or(0);
            if last == CPUPOOLID_NONE - 1 {
                // The first id after which the next is free.
                let mut id = 0;
                for &k in pools.keys() {
                    if !pools.contains_key(&(k + 1)) {
                        id = k + 1;
                        break;
                    }
                }
                id
            } else {
                last + 1
            }
        };
        if !scheduler_known(sched_id) {
            return Err(fail(XEN_ENOENT));
        }
        self.st.cpupools.insert(id, Cpupool::new(sched_id, nr_cpus));
        Ok(id)
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_ADDCPU`: the pool (`ENOENT`); any free CPU
    /// (`ENODEV` if none) or the one named (`EINVAL` past the host's,
    /// `ENODEV` if not free).
    fn cpupool_add_cpu(&mut self, id: u32, cpu: u32) -> Result<(), XenErrno> {
        if !self.st.cpupools.contains_key(&id) {
            return Err(fail(XEN_ENOENT));
        }
        let free = self.st.free_cpus();
        let cpu = if cpu == XEN_SYSCTL_CPUPOOL_PAR_ANY {
            free.first().ok_or(fail(XEN_ENODEV))?
        } else {
            cpu
        };
        if cpu >= self.st.host.nr_cpus {
            return Err(fail(XEN_EINVAL));
        }
        if !free.test(cpu) {
            return Err(fail(XEN_ENODEV));
        }
        if let Some(pool) = self.st.cpupools.get_mut(&id) {
            pool.cpus.set(cpu, true);
        }
        let members: Vec<domid_t> = self.domains_in(id);
        for d in members {
            self.st.update_node_affinity(d);
        }
        Ok(())
    }

    fn domains_in(&self, pool: u32) -> Vec<domid_t> {
        self.st
            .domains
            .values()
            .filter(|d| d.cpupool == pool)
            .map(|d| d.id)
            .collect()
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_RMCPU` (`cpupool_unassign_cpu`): the pool
    /// (`ENOENT`); the CPU named or the pool's last (`EINVAL` past the
    /// host's, or CPU 0 of pool 0); one of the pool's (`EADDRNOTAVAIL`);
    /// not the last of a pool with domains (`EBUSY`). vCPUs that may run
    /// only there may run anywhere afterwards ("breaking affinity"), and
    /// those on it move to the pool's first CPU they may use.
    fn cpupool_remove_cpu(&mut self, id: u32, cpu: u32) -> Result<(), XenErrno> {
        let nr_cpus = self.st.host.nr_cpus;
        let pool = self.st.cpupools.get(&id).ok_or(fail(XEN_ENOENT))?;
        let cpu = if cpu == XEN_SYSCTL_CPUPOOL_PAR_ANY {
            pool.cpus.last().unwrap_or(nr_cpus)
        } else {
            cpu
        };
        if cpu >= nr_cpus || (id == 0 && cpu == 0) {
            return Err(fail(XEN_EINVAL));
        }
        if !pool.cpus.test(cpu) {
            return Err(fail(XEN_EADDRNOTAVAIL));
        }
        let members = self.domains_in(id);
        if !members.is_empty() && pool.cpus.weight() == 1 {
            return Err(fail(XEN_EBUSY));
        }
        let mut left = pool.cpus.clone();
        left.set(cpu, false);
        for d in &members {
            let Some(dom) = self.st.domains.get_mut(d) else {
                continue;
            };
            for v in &mut dom.vcpus {
                if v.hard.and(&left).is_empty() && v.hard.test(cpu) {
                    v.hard = Mask::all(nr_cpus);
                }
                if v.cpu == cpu {
                    v.cpu = v.hard.and(&left).first().unwrap_or(v.cpu);
                }
            }
        }
        if let Some(pool) = self.st.cpupools.get_mut(&id) {
            pool.cpus = left;
        }
        for d in members {
            self.st.update_node_affinity(d);
        }
        Ok(())
    }

    /// `XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN`: the domain (`ESRCH`; the caller
    /// itself `EPERM`); nothing if it is in the pool already; the pool,
    /// with a CPU (`ENOENT`). Its vCPUs may then run and prefer to run
    /// anywhere, placed in turn on the pool's CPUs, and its scheduling
    /// parameters are the new scheduler's defaults (`sched_move_domain`).
    fn cpupool_move_domain(&mut self, id: u32, domid: domid_t) -> Result<(), XenErrno> {
        let nr_cpus = self.st.host.nr_cpus;
        let d = self.st.domains.get(&domid).ok_or(fail(XEN_ESRCH))?;
        if domid == CURRENT {
            return Err(fail(XEN_EPERM));
        }
        if d.cpupool == id {
            return Ok(());
        }
        let cpus: Vec<u32> = match self.st.cpupools.get(&id) {
            Some(pool) if !pool.cpus.is_empty() => pool.cpus.iter().collect(),
            _ => return Err(fail(XEN_ENOENT)),
        };
        if let Some(d) = self.st.domains.get_mut(&domid) {
            d.cpupool = id;
            d.weight = DEFAULT_WEIGHT;
            d.cap = 0;
            for (i, v) in d.vcpus.iter_mut().enumerate() {
                v.cpu = cpus[i % cpus.len()];
                v.hard = Mask::all(nr_cpus);
                v.soft = Mask::all(nr_cpus);
            }
        }
        self.st.update_node_affinity(domid);
        Ok(())
    }

    /// `sched_adjust_global`: `putinfo` or `getinfo` (`EINVAL`), the pool
    /// (`ESRCH`), its scheduler (`EINVAL`), then the scheduler's
    /// `adjust_global` (null has none: 0). Copied back on success.
    fn sysctl_scheduler_op(&mut self, op: u64, u: u64) -> Result<u64, XenErrno> {
        let pool_id: u32 = self
            .mem
            .read(u + field!(xen_sysctl_scheduler_op, cpupool_id))?;
        let sched_id: u32 = self
            .mem
            .read(u + field!(xen_sysctl_scheduler_op, sched_id))?;
        let cmd: u32 = self.mem.read(u + field!(xen_sysctl_scheduler_op, cmd))?;
        let params = u + field!(xen_sysctl_scheduler_op, u);
        if cmd != XEN_SYSCTL_SCHEDOP_putinfo && cmd != XEN_SYSCTL_SCHEDOP_getinfo {
            return Err(fail(XEN_EINVAL));
        }
        let pool = self.st.cpupools.get(&pool_id).ok_or(fail(XEN_ESRCH))?;
        if pool.sched_id != sched_id {
            return Err(fail(XEN_EINVAL));
        }
        let put = cmd == XEN_SYSCTL_SCHEDOP_putinfo;
        let valid_ratelimit = |r: u32| {
            r == 0 || (XEN_SYSCTL_SCHED_RATELIMIT_MIN..=XEN_SYSCTL_SCHED_RATELIMIT_MAX).contains(&r)
        };
        match sched_id {
            XEN_SCHEDULER_CREDIT2 => {
                let mut p: xen_sysctl_credit2_schedule = self.mem.read(params)?;
                let pool = self.st.cpupools.get_mut(&pool_id).ok_or(fail(XEN_ESRCH))?;
                if put {
                    if !valid_ratelimit(p.ratelimit_us) {
                        return Err(fail(XEN_EINVAL));
                    }
                    pool.ratelimit_us = p.ratelimit_us;
                }
                p.ratelimit_us = pool.ratelimit_us;
                self.sysctl_copy_back(op)?;
                self.mem.write(params, &p)?;
            }
            XEN_SCHEDULER_CREDIT => {
                let mut p: xen_sysctl_credit_schedule = self.mem.read(params)?;
                let pool = self.st.cpupools.get_mut(&pool_id).ok_or(fail(XEN_ESRCH))?;
                if put {
                    let invalid = !(XEN_SYSCTL_CSCHED_TSLICE_MIN..=XEN_SYSCTL_CSCHED_TSLICE_MAX)
                        .contains(&p.tslice_ms)
                        || !valid_ratelimit(p.ratelimit_us)
                        || u64::from(p.ratelimit_us) > u64::from(p.tslice_ms) * 1000
                        || p.vcpu_migr_delay_us > XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US;
                    if invalid {
                        return Err(fail(XEN_EINVAL));
                    }
                    pool.tslice_ms = p.tslice_ms;
                    pool.ratelimit_us = p.ratelimit_us;
                    pool.migr_delay_us = p.vcpu_migr_delay_us;
                }
                p.tslice_ms = pool.tslice_ms;
                p.ratelimit_us = pool.ratelimit_us;
                p.vcpu_migr_delay_us = pool.migr_delay_us;
                self.sysctl_copy_back(op)?;
                self.mem.write(params, &p)?;
            }
            XEN_SCHEDULER_NULL => self.sysctl_copy_back(op)?,
            _ => return Err(fail(XEN_EINVAL)),
        }
        Ok(0)
    }
}
