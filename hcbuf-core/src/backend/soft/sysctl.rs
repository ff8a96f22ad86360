//! `sysctl` (`common/sysctl.c`, `do_sysctl`): host-wide information.
//!
//! Xen copies the whole `struct xen_sysctl` in, checks the interface
//! version (`EACCES`), runs the command and, on success, copies the whole
//! struct back. The model reads it the same way, writes the nested buffers
//! first, then checks the whole struct writable and writes the fields the
//! command changed (the other bytes Xen writes back are those it read).

use std::mem::{offset_of, size_of};

use hcbuf_sys::errno::XEN_EACCES;
use hcbuf_sys::sysctl::*;

use super::console::RingRead;
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
