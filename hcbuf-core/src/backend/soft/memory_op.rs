//! `memory_op` (`common/memory.c`, `arch/x86/mm.c`): reservations,
//! `populate_physmap` and memory maps.

use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENOSYS, XEN_ESRCH};
use hcbuf_sys::memory::{
    XENMEM_current_reservation, XENMEM_machine_memory_map, XENMEM_maximum_gpfn,
    XENMEM_maximum_ram_page, XENMEM_maximum_reservation, XENMEM_memory_map,
    XENMEM_populate_physmap, XENMEMF_populate_on_demand, XENMEMF_vnode, e820entry,
    xen_memory_domain, xen_memory_map, xen_memory_reservation,
};
use hcbuf_sys::xen::DOMID_SELF;

use super::host::E820Region;
use super::state::CURRENT;
use super::{CallId, Ctx};
use crate::backend::XenErrno;
use crate::pool::Access;

/// `cmd >> MEMOP_EXTENT_SHIFT` is the start extent of a continuation.
const MEMOP_EXTENT_SHIFT: u32 = 6;
/// `cmd & MEMOP_CMD_MASK` is the command.
const MEMOP_CMD_MASK: u64 = (1 << MEMOP_EXTENT_SHIFT) - 1;
/// The largest extent order dom0 (control and hardware domain) may ask
/// for: `CONFIG_PAGEALLOC_MAX_ORDER` on x86, `2 * PAGETABLE_ORDER`.
const DOM0_MAX_ORDER: u32 = 18;
/// `PAGE_SHIFT`.
const PAGE_SHIFT: u32 = 12;

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
            XENMEM_populate_physmap => Ok(self.populate_physmap(arg, start_extent)),
            XENMEM_memory_map => self.memory_map(arg),
            XENMEM_machine_memory_map => self.machine_memory_map(arg),
            // Every command not modelled.
            other => self.unmodelled(CallId::MemoryOpCommand(other), [cmd, arg, 0, 0, 0]),
        }
    }

    /// `XENMEM_populate_physmap` (`do_memory_op`, `populate_physmap`,
    /// `assign_pages`): the number of extents populated, never an errno.
    /// Xen answers `start_extent` (nothing done) for an unreadable
    /// argument, a count it could not continue (over `UINT_MAX >> 6`), a
    /// start at or past the count, no such domain, a bad address width or
    /// NUMA node, or an order over dom0's limit; it stops early at an
    /// unreadable frame, the domain's `max_pages`, a dying domain, or
    /// when the host is out of memory. For a PV domain each extent's
    /// machine frame is written back in place of its GPFN (before the
    /// next is read; a failed write stops there, the extent kept).
    ///
    /// The model's machine frames are invented (`domid << 32 | gpfn`),
    /// populate-on-demand is modelled for PV domains only (nothing is
    /// allocated; an HVM domain's request stops at once), and address
    /// widths and nodes are checked, not honoured.
    fn populate_physmap(&mut self, arg: u64, start: u64) -> u64 {
        let Ok(r) = self.mem.read::<xen_memory_reservation>(arg) else {
            return start;
        };
        let (nr, order) = (r.nr_extents(), r.extent_order);
        if nr > u64::from(u32::MAX >> MEMOP_EXTENT_SHIFT) || start >= nr {
            return start;
        }
        let id = if r.domid == DOMID_SELF {
            CURRENT
        } else {
            r.domid
        };
        if !self.st.domains.contains_key(&id) {
            return start;
        }
        // `construct_memop_from_reservation`: an address width narrower
        // than the host's memory must leave more than a page (every
        // modelled host has more than a page); a node must be below
        // `MAX_NUMNODES`, 64 on x86 (dom0 may name any, exact or not; the
        // model has no vNUMA, so `XENMEMF_vnode` names none).
        let bits = r.mem_flags & 0xff;
        let node = ((r.mem_flags >> 8).wrapping_sub(1)) & 0xff;
        let bad_bits = bits != 0 && bits <= PAGE_SHIFT;
        let bad_node = r.mem_flags & XENMEMF_vnode == 0 && node != 0xff && node >= 64;
        if bad_bits || bad_node || order > DOM0_MAX_ORDER {
            return start;
        }
        let pod = r.mem_flags & XENMEMF_populate_on_demand != 0;
        let pages = 1u64 << order;
        let list = r.extent_start().0;
        let mut i = start;
        while i < nr {
            let Ok(at) = self.mem.element::<u64>(list, i) else {
                break;
            };
            let Ok(gpfn) = self.mem.read::<u64>(at) else {
                break;
            };
            let free = self.st.free_pages();
            let d = self.st.domains.get_mut(&id).expect("looked up above");
            if pod {
                if id == CURRENT || d.hvm {
                    break;
                }
                i += 1;
                continue;
            }
            if d.dying || pages > d.max_pages.saturating_sub(d.tot_pages) || pages > free {
                break;
            }
            d.tot_pages += pages;
            if d.hvm {
                d.max_gpfn = d.max_gpfn.max(gpfn.saturating_add(pages - 1));
            } else {
                let mfn = (u64::from(id) << 32) | (gpfn & 0xffff_ffff);
                if self.mem.write(at, &mfn).is_err() {
                    break;
                }
            }
            i += 1;
        }
        i
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
