//! `XEN_DOMCTL_getvcpucontext` / `XEN_DOMCTL_setvcpucontext`
//! (`common/domctl.c`, Xen 4.17): a vCPU's saved registers.
//!
//! The model keeps a context as the bytes it was set with. Of
//! `arch_set_info_guest`'s checks it models the first a PV vCPU not yet
//! initialised meets (kernel mode, or a user page table); the checks of
//! the register values and page tables, which need a guest's memory, are
//! not modelled.

use std::mem::size_of;

use hcbuf_sys::arch::{VGCF_in_kernel, vcpu_guest_context_t};
use hcbuf_sys::domctl::{xen_domctl, xen_domctl_vcpucontext};
use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENODATA, XEN_ESRCH};
use hcbuf_sys::xen::domid_t;

use super::Ctx;
use super::state::CURRENT;
use crate::backend::XenErrno;

/// `offsetof(struct vcpu_guest_context, flags)` on x86_64.
const FLAGS_AT: usize = 512;
/// `offsetof(struct vcpu_guest_context, ctrlreg[1])` on x86_64.
const CTRLREG1_AT: usize = 4984 + 8;
/// The vCPU the model's caller runs on: dom0's first (`current`).
const CURRENT_VCPU: u32 = 0;

fn err(errno: i32) -> XenErrno {
    XenErrno(errno)
}

fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_ne_bytes(w)
}

impl Ctx<'_> {
    /// `XEN_DOMCTL_getvcpucontext`: `EINVAL` for a vCPU that does not
    /// exist or is the caller's, `ENODATA` for one never initialised;
    /// writes the whole context, then the whole `xen_domctl` back.
    pub(super) fn getvcpucontext(&mut self, op: u64, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let ask: xen_domctl_vcpucontext = self.mem.read(u)?;
        let d = self.st.domains.get(&id).ok_or(err(XEN_ESRCH))?;
        if ask.vcpu >= d.max_vcpus
            || ask.vcpu as usize >= d.vcpus.len()
            || (id == CURRENT && ask.vcpu == CURRENT_VCPU)
        {
            return Err(err(XEN_EINVAL));
        }
        let context = d
            .loaded
            .vcpu_contexts
            .get(&ask.vcpu)
            .ok_or(err(XEN_ENODATA))?
            .clone();
        self.mem.write_bytes(ask.ctxt().0, &context)?;
        self.mem
            .check(op, size_of::<xen_domctl>(), crate::pool::Access::Write)?;
        Ok(0)
    }

    /// `XEN_DOMCTL_setvcpucontext`: `EINVAL` for the caller's domain or a
    /// vCPU that does not exist; a null handle resets the vCPU (never
    /// initialised again); else the whole context is read (`EFAULT`) and
    /// loaded.
    pub(super) fn setvcpucontext(&mut self, u: u64, id: domid_t) -> Result<u64, XenErrno> {
        let ask: xen_domctl_vcpucontext = self.mem.read(u)?;
        let d = self.st.domains.get(&id).ok_or(err(XEN_ESRCH))?;
        if id == CURRENT || ask.vcpu >= d.max_vcpus || ask.vcpu as usize >= d.vcpus.len() {
            return Err(err(XEN_EINVAL));
        }
        let at = ask.ctxt().0;
        if at == 0 {
            let d = self.st.domains.get_mut(&id).ok_or(err(XEN_ESRCH))?;
            d.loaded.vcpu_contexts.remove(&ask.vcpu);
            d.vcpus[ask.vcpu as usize].online = false;
            return Ok(0);
        }
        let context = self.mem.read_bytes(at, size_of::<vcpu_guest_context_t>())?;
        let initialised = d.loaded.vcpu_contexts.contains_key(&ask.vcpu);
        if !d.hvm
            && !initialised
            && word(&context, FLAGS_AT) & VGCF_in_kernel == 0
            && word(&context, CTRLREG1_AT) == 0
        {
            return Err(err(XEN_EINVAL));
        }
        let d = self.st.domains.get_mut(&id).ok_or(err(XEN_ESRCH))?;
        d.loaded.vcpu_contexts.insert(ask.vcpu, context);
        Ok(0)
    }
}
