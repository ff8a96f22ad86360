//! `domctl` (`common/domctl.c`, `do_domctl`, Xen 4.17): domain lifecycle
//! and state.
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
    XEN_EACCES, XEN_EEXIST, XEN_EINVAL, XEN_ENOMEM, XEN_ENOSYS, XEN_EOPNOTSUPP, XEN_EOVERFLOW,
    XEN_ESRCH,
};
use hcbuf_sys::sysctl::{XEN_SYSCTL_PHYSCAP_hap, XEN_SYSCTL_PHYSCAP_hvm, XEN_SYSCTL_PHYSCAP_pv};
use hcbuf_sys::xen::{DOMID_FIRST_RESERVED, domid_t};

use hcbuf_sys::v4_20;

use super::Ctx;
use super::state::{CURRENT, Domain, Vcpu};
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
            XEN_DOMCTL_getvcpucontext => self.getvcpucontext(op, u, domain),
            XEN_DOMCTL_setvcpucontext => self.setvcpucontext(u, domain),
            // `arch_do_domctl`'s default (and every command not modelled).
            _ => Err(err(XEN_ENOSYS)),
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
    fn max_vcpus(&mut self, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let m: xen_domctl_max_vcpus = self.mem.read(u)?;
        let nr_cpus = self.st.host.nr_cpus;
        let d = self.domain_mut(id)?;
        if id == CURRENT || m.max != d.max_vcpus {
            return Err(err(XEN_EINVAL));
        }
        while (d.vcpus.len() as u32) < m.max {
            let i = d.vcpus.len() as u32;
            d.vcpus.push(Vcpu {
                online: false,
                blocked: false,
                cpu_time: 0,
                cpu: i % nr_cpus,
            });
        }
        Ok(0)
    }

    fn getvcpuinfo(&mut self, op: u64, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let ask: xen_domctl_getvcpuinfo = self.mem.read(u)?;
        let d = self.st.domains.get(&id).ok_or(err(XEN_ESRCH))?;
        if ask.vcpu >= d.max_vcpus {
            return Err(err(XEN_EINVAL));
        }
        let v = *d.vcpus.get(ask.vcpu as usize).ok_or(err(XEN_ESRCH))?;
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
    /// configuration (`EINVAL`, `EOPNOTSUPP`, `ESRCH` for a cpupool other
    /// than 0). The domain starts paused, with no vCPUs and no memory.
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
        if c.cpupool_id != 0 {
            return Err(err(XEN_ESRCH));
        }
        Ok(())
    }
}
