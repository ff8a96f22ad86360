//! `memory_op` (`common/memory.c`, `arch/x86/mm.c`): reservations and
//! memory maps.

use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENOSYS, XEN_ESRCH};
use hcbuf_sys::memory::{
    XENMEM_current_reservation, XENMEM_machine_memory_map, XENMEM_maximum_gpfn,
    XENMEM_maximum_ram_page, XENMEM_maximum_reservation, XENMEM_memory_map, e820entry,
    xen_memory_domain, xen_memory_map,
};

use super::host::E820Region;
use super::{CallId, Ctx};
use crate::backend::XenErrno;
use crate::pool::Access;

/// `cmd >> MEMOP_EXTENT_SHIFT` is the start extent of a continuation.
const MEMOP_EXTENT_SHIFT: u32 = 6;
/// `cmd & MEMOP_CMD_MASK` is the command.
const MEMOP_CMD_MASK: u64 = (1 << MEMOP_EXTENT_SHIFT) - 1;

fn entry(r: &E820Region) -> e820entry {
    e820entry {
        addr: r.addr,
        size: r.size,
        r#type: r.region_type,
    }
}

impl Ctx<'_> {
    /// `HYPERVISOR_memory_op(cmd, arg)`.
    pub(super) fn memory_op(&mut self, [cmd, arg, ..]: [u64; 5]) -> Result<u64, XenErrno> {
        let start_extent = cmd >> MEMOP_EXTENT_SHIFT;
        match (cmd & MEMOP_CMD_MASK) as u32 {
            XENMEM_maximum_ram_page if start_extent != 0 => Err(XenErrno(XEN_EINVAL)),
            XENMEM_maximum_ram_page => Ok(self.st.host.max_ram_page),
            op
            @ (XENMEM_current_reservation | XENMEM_maximum_reservation | XENMEM_maximum_gpfn) => {
                if start_extent != 0 {
                    return Err(XenErrno(XEN_EINVAL));
                }
                let asked: xen_memory_domain = self.mem.read(arg)?;
                let d = self
                    .st
                    .domain_by_any_id(asked.domid)
                    .ok_or(XenErrno(XEN_ESRCH))?;
                Ok(match op {
                    XENMEM_current_reservation => d.tot_pages,
                    XENMEM_maximum_reservation => d.max_pages,
                    _ => d.max_gpfn,
                })
            }
            XENMEM_memory_map => self.memory_map(arg),
            XENMEM_machine_memory_map => self.machine_memory_map(arg),
            // Every command not modelled.
            other => self.unmodelled(CallId::MemoryOpCommand(other), [cmd, arg, 0, 0, 0]),
        }
    }

    /// `XENMEM_memory_map`: the caller's own map (`ENOSYS` for a PV dom0,
    /// which has none), at most `nr_entries` of it.
    fn memory_map(&mut self, arg: u64) -> Result<u64, XenErrno> {
        let map: xen_memory_map = self.mem.read(arg)?;
        let own = self
            .st
            .host
            .dom0_memory_map
            .as_ref()
            .ok_or(XenErrno(XEN_ENOSYS))?;
        let n = own.len().min(map.nr_entries() as usize);
        for (i, r) in own[..n].iter().enumerate() {
            self.mem.write_at(map.buffer().0, i as u64, &entry(r))?;
        }
        self.copy_back_map(arg, n as u32)
    }

    /// `XENMEM_machine_memory_map`: the host's map. A null buffer asks for
    /// the count; a buffer must have room for one entry more than the map
    /// (`EINVAL`), as Xen may add gaps dom0 has I/O access to (the model
    /// adds none).
    fn machine_memory_map(&mut self, arg: u64) -> Result<u64, XenErrno> {
        let map: xen_memory_map = self.mem.read(arg)?;
        let host = &self.st.host.machine_memory_map;
        if map.buffer().0 != 0 {
            if (map.nr_entries() as usize) < host.len() + 1 {
                return Err(XenErrno(XEN_EINVAL));
            }
            for (i, r) in host.iter().enumerate() {
                self.mem.write_at(map.buffer().0, i as u64, &entry(r))?;
            }
        }
        self.copy_back_map(arg, host.len() as u32)
    }

    /// Xen's copy of the whole `xen_memory_map` back, with the count it
    /// wrote.
    fn copy_back_map(&self, arg: u64, nr_entries: u32) -> Result<u64, XenErrno> {
        self.mem
            .check(arg, size_of::<xen_memory_map>(), Access::Write)?;
        let at = arg + field!(xen_memory_map, nr_entries);
        self.mem.write(at, &nr_entries).map(|()| 0)
    }
}
