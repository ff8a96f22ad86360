//! `domctl` (`common/domctl.c`, `do_domctl`, Xen 4.17): domain lifecycle
//! and state, vCPU placement (`common/sched/core.c`) and the credit and
//! credit2 schedulers' domain parameters (`sched/credit.c`, `credit2.c`).
//!
//! Xen copies the whole `struct xen_domctl` in, checks the interface
//! version (`EACCES`), looks the domain up (`ESRCH`; not for
//! `createdomain`, and `getdomaininfo` takes the next domain), runs the
//! command and copies the whole struct back only for the commands that
//! answer in it (`createdomain`, `getdomaininfo`, `getvcpuinfo`).

use std::mem::{offset_of, size_of};

use hcbuf_sys::arch::{
    XEN_X86_EMU_ALL, XEN_X86_EMU_LAPIC, XEN_X86_EMU_PIT, XEN_X86_EMU_VPCI, XEN_X86_MSR_RELAXED,
};
use hcbuf_sys::domctl::*;
use hcbuf_sys::errno::{
    XEN_EACCES, XEN_EEXIST, XEN_EFAULT, XEN_EINVAL, XEN_ENODEV, XEN_ENOMEM, XEN_EOPNOTSUPP,
    XEN_EOVERFLOW, XEN_ESRCH,
};
use hcbuf_sys::sysctl::{XEN_SYSCTL_PHYSCAP_hap, XEN_SYSCTL_PHYSCAP_hvm, XEN_SYSCTL_PHYSCAP_pv};
use hcbuf_sys::xen::xenctl_bitmap;
use hcbuf_sys::xen::{DOMID_FIRST_RESERVED, domid_t};

use hcbuf_sys::v4_20;

use super::state::{CURRENT, DEFAULT_WEIGHT, Domain, MAX_NUMNODES, Mask, Vcpu};
use super::{CallId, Ctx};
use crate::backend::XenErrno;
use crate::pool::Access;
use crate::release::Release;

/// `HVM_MAX_VCPUS`.
const HVM_MAX_VCPUS: u32 = 128;
/// `MAX_VIRT_CPUS` on x86.
const PV_MAX_VCPUS: u32 = 8192;
/// The toolstack's pause count limit (`_domain_pause_by_systemcontroller`).
const MAX_PAUSE_COUNT: u32 = 255;

fn err(errno: i32) -> XenErrno {
    XenErrno(errno)
}

impl Ctx<'_> {
    /// `HYPERVISOR_domctl(u_domctl)`.
    pub(super) fn domctl(&mut self, [op, ..]: [u64; 5]) -> Result<u64, XenErrno> {
        self.mem.check(op, size_of::<xen_domctl>(), Access::Read)?;
        let cmd: u32 = self.mem.read(op + offset_of!(xen_domctl, cmd) as u64)?;
        let version: u32 = self
            .mem
            .read(op + offset_of!(xen_domctl, interface_version) as u64)?;
        let domain: domid_t = self.mem.read(op + offset_of!(xen_domctl, domain) as u64)?;
        if version != self.st.host.release.domctl_interface() {
            return Err(err(XEN_EACCES));
        }
        let u = op + offset_of!(xen_domctl, u) as u64;
        if cmd == XEN_DOMCTL_createdomain {
            return self.createdomain(op, u, domain);
        }
        if cmd == XEN_DOMCTL_getdomaininfo {
            return self.getdomaininfo(op, u, domain);
        }
        if !self.st.domains.contains_key(&domain) {
            return Err(err(XEN_ESRCH));
        }
        match cmd {
            XEN_DOMCTL_pausedomain => self.pause(domain),
            XEN_DOMCTL_unpausedomain => self.unpause(domain),
            XEN_DOMCTL_destroydomain => {
                // `domain_kill`: not oneself. The model frees a killed
                // domain at once (real Xen lists it, dying, until its last
                // reference goes).
                if domain == CURRENT {
                    return Err(err(XEN_EINVAL));
                }
                self.st.remove_domain(domain);
                Ok(0)
            }
            XEN_DOMCTL_max_mem => {
                let m: xen_domctl_max_mem = self.mem.read(u)?;
                // KiB to pages, capped at `max_pages`' width (unsigned int).
                let pages = (m.max_memkb >> 2).min(u64::from(u32::MAX));
                self.domain_mut(domain)?.max_pages = pages;
                Ok(0)
            }
            XEN_DOMCTL_max_vcpus => self.max_vcpus(u, domain),
            XEN_DOMCTL_getvcpuinfo => self.getvcpuinfo(op, u, domain),
            XEN_DOMCTL_setvcpuaffinity | XEN_DOMCTL_getvcpuaffinity => {
                self.vcpu_affinity(cmd, u, domain)
            }
            XEN_DOMCTL_setnodeaffinity => self.setnodeaffinity(u, domain),
            XEN_DOMCTL_getnodeaffinity => {
                let na: xen_domctl_nodeaffinity = self.mem.read(u)?;
                let mask = self.domain_mut(domain)?.node_affinity.clone();
                self.write_bitmap(&na.nodemap, &mask).map(|()| 0)
            }
            XEN_DOMCTL_settimeoffset => {
                let t: xen_domctl_settimeoffset = self.mem.read(u)?;
                self.domain_mut(domain)?.time_offset = t.time_offset_seconds;
                Ok(0)
            }
            XEN_DOMCTL_scheduler_op => self.scheduler_op(op, u, domain),
            XEN_DOMCTL_getvcpucontext => self.getvcpucontext(op, u, domain),
            XEN_DOMCTL_setvcpucontext => self.setvcpucontext(u, domain),
            // `arch_do_domctl`'s default (and every command not modelled).
            _ => self.unmodelled(CallId::DomctlCommand(cmd), [op, 0, 0, 0, 0]),
        }
    }

    fn domain_mut(&mut self, id: domid_t) -> Result<&mut Domain, XenErrno> {
        self.st.domains.get_mut(&id).ok_or(err(XEN_ESRCH))
    }

    /// Xen's copy of the whole `xen_domctl` back to the caller.
    fn domctl_copy_back(&self, op: u64) -> Result<(), XenErrno> {
        self.mem.check(op, size_of::<xen_domctl>(), Access::Write)
    }

    /// Writes the header's `domain` (in the copy back).
    fn write_header_domain(&self, op: u64, domain: domid_t) -> Result<(), XenErrno> {
        self.domctl_copy_back(op)?;
        self.mem
            .write(op + offset_of!(xen_domctl, domain) as u64, &domain)
    }

    fn pause(&mut self, id: domid_t) -> Result<u64, XenErrno> {
        if id == CURRENT {
            return Err(err(XEN_EINVAL));
        }
        let d = self.domain_mut(id)?;
        if d.pause_count + 1 > MAX_PAUSE_COUNT {
            return Err(err(XEN_EOVERFLOW));
        }
        d.pause_count += 1;
        Ok(0)
    }

    fn unpause(&mut self, id: domid_t) -> Result<u64, XenErrno> {
        let d = self.domain_mut(id)?;
        d.pause_count = d.pause_count.checked_sub(1).ok_or(err(XEN_EINVAL))?;
        Ok(0)
    }

    /// Xen 4.17: the first domain at or after `asked` (`EINVAL` for a
    /// reserved id, `ESRCH` if there is none); the header's `domain`
    /// becomes its id. From 4.18 (commit 31c655497461): `asked` itself, or
    /// `ESRCH`.
    fn getdomaininfo(&mut self, op: u64, u: u64, asked: domid_t) -> Result<u64, XenErrno> {
        if !self.st.domains.contains_key(&asked) && asked >= DOMID_FIRST_RESERVED {
            return Err(err(XEN_EINVAL));
        }
        let next = match self.st.host.release {
            Release::Xen4_17 => self.st.domains.range(asked..).next(),
            _ => self.st.domains.get_key_value(&asked),
        };
        let info = match next {
            Some((_, d)) => d.info(self.st.host.gpaddr_bits),
            None => return Err(err(XEN_ESRCH)),
        };
        self.write_header_domain(op, info.domain)?;
        self.mem.write(u, &info).map(|()| 0)
    }

    /// `XEN_DOMCTL_max_vcpus`: creates the vCPUs (offline until the
    /// toolstack sets their context) once `max` equals the count given at
    /// creation.
    ///
    /// Each vCPU starts on the next CPU of the domain's cpupool after the
    /// previous vCPU's (`sched_init_vcpu`), free to run on any CPU.
    fn max_vcpus(&mut self, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let m: xen_domctl_max_vcpus = self.mem.read(u)?;
        let nr_cpus = self.st.host.nr_cpus;
        let pool = self.domain_mut(id)?.cpupool;
        let cpus: Vec<u32> = self.st.pool_cpus(pool).iter().collect();
        let d = self.domain_mut(id)?;
        if id == CURRENT || m.max != d.max_vcpus {
            return Err(err(XEN_EINVAL));
        }
        while (d.vcpus.len() as u32) < m.max {
            let i = d.vcpus.len();
            let cpu = if cpus.is_empty() {
                0
            } else {
                cpus[i % cpus.len()]
            };
            d.vcpus.push(Vcpu::new(cpu, nr_cpus));
        }
        self.st.update_node_affinity(id);
        Ok(0)
    }

    fn getvcpuinfo(&mut self, op: u64, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let ask: xen_domctl_getvcpuinfo = self.mem.read(u)?;
        let d = self.st.domains.get(&id).ok_or(err(XEN_ESRCH))?;
        if ask.vcpu >= d.max_vcpus {
            return Err(err(XEN_EINVAL));
        }
        let v = d
            .vcpus
            .get(ask.vcpu as usize)
            .ok_or(err(XEN_ESRCH))?
            .clone();
        let running = d.running(&v);
        self.domctl_copy_back(op)?;
        let field = |off: usize| u + off as u64;
        let m = &self.mem;
        m.write(
            field(offset_of!(xen_domctl_getvcpuinfo, online)),
            &u8::from(v.online),
        )?;
        m.write(
            field(offset_of!(xen_domctl_getvcpuinfo, blocked)),
            &u8::from(v.blocked),
        )?;
        m.write(
            field(offset_of!(xen_domctl_getvcpuinfo, running)),
            &u8::from(running),
        )?;
        m.write(
            field(offset_of!(xen_domctl_getvcpuinfo, cpu_time)),
            &v.cpu_time,
        )?;
        m.write(field(offset_of!(xen_domctl_getvcpuinfo, cpu)), &v.cpu)?;
        Ok(0)
    }

    /// `XEN_DOMCTL_createdomain`: the id asked for (`EEXIST` if taken), or
    /// for 0 or a reserved id the next free one after the last chosen
    /// (`ENOMEM` if none); then `domain_create`'s checks of the
    /// configuration (`EINVAL`, `EOPNOTSUPP`), then the cpupool's
    /// (`ESRCH` if there is none of that id, `ENODEV` if it has no CPU). The domain starts paused, with no vCPUs and no memory.
    fn createdomain(&mut self, op: u64, u: u64, asked: domid_t) -> Result<u64, XenErrno> {
        let config = match self.st.host.release {
            Release::Xen4_17 => self.mem.read::<xen_domctl_createdomain>(u)?,
            _ => {
                // 4.19 added `altp2m_opts` after `grant_opts`: the model
                // accepts only 0 (no altp2m), as a host without HAP must.
                let c: v4_20::domctl::xen_domctl_createdomain = self.mem.read(u)?;
                crate::xen::v4_20::create_domain_as_4_17(c).ok_or(err(XEN_EINVAL))?
            }
        };
        let id = if asked > 0 && asked < DOMID_FIRST_RESERVED {
            if self.st.domains.contains_key(&asked) {
                return Err(err(XEN_EEXIST));
            }
            asked
        } else {
            let id = self.next_free_domid().ok_or(err(XEN_ENOMEM))?;
            self.st.rover = id;
            id
        };
        self.check_config(&config)?;
        // `cpupool_add_domain`.
        match self.st.cpupools.get(&config.cpupool_id) {
            None => return Err(err(XEN_ESRCH)),
            Some(pool) if pool.cpus.is_empty() => return Err(err(XEN_ENODEV)),
            Some(_) => {}
        }
        let hvm = config.flags & XEN_DOMCTL_CDF_hvm != 0;
        let domain = Domain {
            id,
            max_vcpus: config.max_vcpus,
            vcpus: Vec::new(),
            pause_count: 1,
            dying: false,
            shutdown_code: !0,
            hvm,
            hap: config.flags & XEN_DOMCTL_CDF_hap != 0,
            handle: config.handle,
            ssidref: config.ssidref,
            tot_pages: 0,
            max_pages: 0,
            max_gpfn: 0,
            arch: config.arch,
            evtchn: super::evtchn::EventChannels::new(config.max_evtchn_port),
            grants: super::grant_table::GrantTable::new(
                config.max_grant_frames,
                &mut self.st.grant_frames,
            ),
            cpupool: config.cpupool_id,
            weight: DEFAULT_WEIGHT,
            cap: 0,
            node_affinity: Mask::all(MAX_NUMNODES),
            auto_node_affinity: true,
            time_offset: 0,
            loaded: Default::default(),
        };
        self.st.domains.insert(id, domain);
        self.write_header_domain(op, id).map(|()| 0)
    }

    /// The rover search of `do_domctl`: from the last id chosen on, ids
    /// 1 to `DOMID_FIRST_RESERVED - 1`, wrapping.
    fn next_free_domid(&self) -> Option<domid_t> {
        let rover = self.st.rover;
        let mut id = rover;
        for _ in 0..DOMID_FIRST_RESERVED {
            id = id.wrapping_add(1);
            if id >= DOMID_FIRST_RESERVED {
                id = 1;
            }
            if id == rover {
                return None;
            }
            if !self.st.domains.contains_key(&id) {
                return Some(id);
            }
        }
        None
    }

    /// `sanitise_domain_config` and the x86 checks of `domain_create`.
    fn check_config(&self, c: &xen_domctl_createdomain) -> Result<(), XenErrno> {
        let known = XEN_DOMCTL_CDF_hvm
            | XEN_DOMCTL_CDF_hap
            | XEN_DOMCTL_CDF_s3_integrity
            | XEN_DOMCTL_CDF_oos_off
            | XEN_DOMCTL_CDF_xs_domain
            | XEN_DOMCTL_CDF_iommu
            | XEN_DOMCTL_CDF_nested_virt
            | XEN_DOMCTL_CDF_vpmu;
        let hvm = c.flags & XEN_DOMCTL_CDF_hvm != 0;
        let hap = c.flags & XEN_DOMCTL_CDF_hap != 0;
        let caps = self.st.host.physcaps;
        let host_hap = caps & XEN_SYSCTL_PHYSCAP_hap != 0;
        let host_kind = if hvm {
            XEN_SYSCTL_PHYSCAP_hvm
        } else {
            XEN_SYSCTL_PHYSCAP_pv
        };
        let invalid = c.flags & !known != 0
            || c.grant_opts & !XEN_DOMCTL_GRANT_version_mask != 0
            || c.max_vcpus < 1
            || caps & host_kind == 0
            || (hap && !hvm)
            // No IOMMU, vPMU or vmtrace on the modelled host.
            || c.flags & (XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_vpmu) != 0
            || c.iommu_opts != 0
            || c.vmtrace_size != 0
            || c.max_vcpus > if hvm { HVM_MAX_VCPUS } else { PV_MAX_VCPUS }
            || (hap && !host_hap)
            || (c.flags & XEN_DOMCTL_CDF_nested_virt != 0 && !hap)
            || c.arch.misc_flags & !XEN_X86_MSR_RELAXED != 0
            || c.arch.emulation_flags & !XEN_X86_EMU_ALL != 0;
        if invalid {
            return Err(err(XEN_EINVAL));
        }
        let emu = c.arch.emulation_flags;
        let emu_ok = if hvm {
            emu == XEN_X86_EMU_ALL & !XEN_X86_EMU_VPCI || emu == XEN_X86_EMU_LAPIC
        } else {
            emu == 0 || emu == XEN_X86_EMU_PIT
        };
        if !emu_ok {
            return Err(err(XEN_EOPNOTSUPP));
        }
        Ok(())
    }
}

/// The bytes of a guest's `xenctl_bitmap` of `nr_bits` bits, as Xen 4.17
/// counts them (`common/bitmap.c`): `DIV_ROUND_UP(nr_bits, 8)` in
/// `unsigned int`, `(nr_bits + 7) / 8`, which wraps to 0 bytes for
/// `nr_bits >= 0xfffffff9`; so Xen copies nothing of such a map (reads it
/// as empty, writes none of it back).
fn guest_bytes(nr_bits: u32) -> usize {
    (nr_bits.wrapping_add(7) / 8) as usize
}

impl Ctx<'_> {
    /// `xenctl_bitmap_to_bitmap`: the guest's map as `nbits` bits (the
    /// bytes both have; bits past the guest's `nr_bits` dropped).
    pub(super) fn read_bitmap(&self, map: &xenctl_bitmap, nbits: u32) -> Result<Mask, XenErrno> {
        let guest_bytes = guest_bytes(map.nr_bits());
        let copy = guest_bytes.min(nbits.div_ceil(8) as usize);
        let mut bytes = if copy > 0 {
            self.mem.read_bytes(map.bitmap().0, copy)?
        } else {
            Vec::new()
        };
        let tail = map.nr_bits() & 7;
        // Inside Xen's `if ( copy_bytes )`: a map of 0 bytes (`nr_bits`
        // wrapped) has no last byte to mask.
        if tail != 0 && copy > 0 && guest_bytes == copy {
            bytes[copy - 1] &= !(0xffu8 << tail);
        }
        Ok(Mask::from_bytes(nbits, &bytes))
    }

    /// `bitmap_to_xenctl_bitmap`: `mask` into the guest's map, as many
    /// bytes as both have, then zeros to the end of the guest's.
    pub(super) fn write_bitmap(&self, map: &xenctl_bitmap, mask: &Mask) -> Result<(), XenErrno> {
        let guest_bytes = guest_bytes(map.nr_bits());
        let bytes = mask.to_bytes();
        let copy = guest_bytes.min(bytes.len());
        let base = map.bitmap().0;
        if copy > 0 {
            self.mem.write_bytes(base, &bytes[..copy])?;
        }
        for i in copy..guest_bytes {
            self.mem.write_bytes(self.mem.offset(base, i)?, &[0])?;
        }
        Ok(())
    }

    /// `vcpu_affinity_domctl`: `EINVAL` past `max_vcpus`, `ESRCH` before
    /// the vCPU exists, `EINVAL` for no flag or a flagged map with a null
    /// handle. Set: the hard affinity must meet the cpupool's CPUs
    /// (`EINVAL`); Xen writes back the hard affinity within the pool and
    /// the soft one within that, and moves a vCPU whose CPU it no longer
    /// allows. A fault reading the soft map undoes the hard one.
    fn vcpu_affinity(&mut self, cmd: u32, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let aff: xen_domctl_vcpuaffinity = self.mem.read(u)?;
        let nr_cpus = self.st.host.nr_cpus;
        let d = self.st.domains.get(&id).ok_or(err(XEN_ESRCH))?;
        if aff.vcpu >= d.max_vcpus {
            return Err(err(XEN_EINVAL));
        }
        let v = d
            .vcpus
            .get(aff.vcpu as usize)
            .ok_or(err(XEN_ESRCH))?
            .clone();
        let hard_flag = aff.flags & XEN_VCPUAFFINITY_HARD != 0;
        let soft_flag = aff.flags & XEN_VCPUAFFINITY_SOFT != 0;
        if aff.flags == 0
            || (hard_flag && aff.cpumap_hard.bitmap().0 == 0)
            || (soft_flag && aff.cpumap_soft.bitmap().0 == 0)
        {
            return Err(err(XEN_EINVAL));
        }
        if cmd == XEN_DOMCTL_getvcpuaffinity {
            if hard_flag {
                self.write_bitmap(&aff.cpumap_hard, &v.hard)?;
            }
            if soft_flag {
                self.write_bitmap(&aff.cpumap_soft, &v.soft)?;
            }
            return Ok(0);
        }
        // `XEN_VCPUAFFINITY_FORCE` undoes a temporary pin, which the model
        // never has.
        let online = self.st.pool_cpus(d.cpupool);
        let old_hard = v.hard.clone();
        if hard_flag {
            let hard = self.read_bitmap(&aff.cpumap_hard, nr_cpus)?;
            if hard.and(&online).is_empty() {
                return Err(err(XEN_EINVAL));
            }
            self.set_vcpu_masks(id, aff.vcpu, Some(hard.clone()), None, &online);
            self.write_bitmap(&aff.cpumap_hard, &hard.and(&online))?;
        }
        if soft_flag {
            let soft = match self.read_bitmap(&aff.cpumap_soft, nr_cpus) {
                Ok(soft) => soft,
                Err(e) => {
                    if hard_flag {
                        self.set_vcpu_masks(id, aff.vcpu, Some(old_hard), None, &online);
                    }
                    return Err(e);
                }
            };
            self.set_vcpu_masks(id, aff.vcpu, None, Some(soft.clone()), &online);
            let hard = self.st.domains[&id].vcpus[aff.vcpu as usize].hard.clone();
            self.write_bitmap(&aff.cpumap_soft, &soft.and(&online).and(&hard))?;
        }
        Ok(0)
    }

    /// Sets a vCPU's masks, moves it onto a CPU its hard affinity and the
    /// pool allow if it is on another, and updates the node affinity.
    fn set_vcpu_masks(
        &mut self,
        id: domid_t,
        vcpu: u32,
        hard: Option<Mask>,
        soft: Option<Mask>,
        online: &Mask,
    ) {
        if let Some(v) = self
            .st
            .domains
            .get_mut(&id)
            .and_then(|d| d.vcpus.get_mut(vcpu as usize))
        {
            if let Some(hard) = hard {
                v.hard = hard;
            }
            if let Some(soft) = soft {
                v.soft = soft;
            }
            let allowed = v.hard.and(online);
            if !allowed.test(v.cpu) {
                if let Some(cpu) = allowed.first() {
                    v.cpu = cpu;
                }
            }
        }
        self.st.update_node_affinity(id);
    }

    /// `XEN_DOMCTL_setnodeaffinity` (`domain_set_node_affinity`): a map with
    /// no online node is `EINVAL`; every node makes it automatic again.
    fn setnodeaffinity(&mut self, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let na: xen_domctl_nodeaffinity = self.mem.read(u)?;
        let nodes = self.read_bitmap(&na.nodemap, MAX_NUMNODES)?;
        let online = (0..self.st.host.nr_nodes).any(|n| nodes.test(n));
        if !online {
            return Err(err(XEN_EINVAL));
        }
        let d = self.domain_mut(id)?;
        if nodes.is_full() {
            d.auto_node_affinity = true;
        } else {
            d.auto_node_affinity = false;
            d.node_affinity = nodes;
        }
        self.st.update_node_affinity(id);
        Ok(0)
    }

    /// `XEN_DOMCTL_scheduler_op` (`sched_adjust`): the scheduler must be the
    /// domain's cpupool's and the command one of the four (`EINVAL`); then
    /// the scheduler's `adjust` (credit: `csched_dom_cntl`, credit2:
    /// `csched2_dom_cntl`, null: none, so 0). Xen copies the whole struct
    /// back, whatever the result.
    fn scheduler_op(&mut self, op: u64, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let sched_id: u32 = self
            .mem
            .read(u + field!(xen_domctl_scheduler_op, sched_id))?;
        let cmd: u32 = self.mem.read(u + field!(xen_domctl_scheduler_op, cmd))?;
        let params = u + field!(xen_domctl_scheduler_op, u);
        let d = self.st.domains.get(&id).ok_or(err(XEN_ESRCH))?;
        let pool_sched = self
            .st
            .cpupools
            .get(&d.cpupool)
            .map(|p| p.sched_id)
            .ok_or(err(XEN_EINVAL))?;
        let result = if sched_id != pool_sched || cmd > XEN_DOMCTL_SCHEDOP_getvcpuinfo {
            Err(err(XEN_EINVAL))
        } else {
            self.scheduler_adjust(sched_id, cmd, params, id)
        };
        // The copy back of the whole struct.
        if self.domctl_copy_back(op).is_err() {
            return Err(err(XEN_EFAULT));
        }
        result
    }

    fn scheduler_adjust(
        &mut self,
        sched_id: u32,
        cmd: u32,
        params: u64,
        id: domid_t,
    ) -> Result<u64, XenErrno> {
        match (sched_id, cmd) {
            (XEN_SCHEDULER_CREDIT2, XEN_DOMCTL_SCHEDOP_getinfo)
            | (XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo) => {
                let d = self.domain_mut(id)?;
                let out = xen_domctl_sched_credit2 {
                    weight: d.weight,
                    cap: d.cap,
                };
                // `credit` and `credit2` have the same layout.
                self.mem.write(params, &out).map(|()| 0)
            }
            (XEN_SCHEDULER_CREDIT2, XEN_DOMCTL_SCHEDOP_putinfo) => {
                let p: xen_domctl_sched_credit2 = self.mem.read(params)?;
                let d = self.domain_mut(id)?;
                if p.weight != 0 {
                    d.weight = p.weight;
                }
                if p.cap != 0 {
                    // Only below 100 per unit (one unit per vCPU).
                    if u32::from(p.cap) > 100 * d.vcpus.len() as u32 {
                        return Err(err(XEN_EINVAL));
                    }
                }
                d.cap = p.cap;
                Ok(0)
            }
            (XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_putinfo) => {
                let p: xen_domctl_sched_credit = self.mem.read(params)?;
                let d = self.domain_mut(id)?;
                if p.weight != 0 {
                    d.weight = p.weight;
                }
                if p.cap != u16::MAX {
                    d.cap = p.cap;
                }
                Ok(0)
            }
            // No `adjust` (null): nothing done.
            (XEN_SCHEDULER_NULL, _) => Ok(0),
            // Per-vCPU parameters: credit and credit2 have none.
            _ => Err(err(XEN_EINVAL)),
        }
    }
}
