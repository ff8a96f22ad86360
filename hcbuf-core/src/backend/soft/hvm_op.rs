//! `hvm_op` (`arch/x86/hvm/hvm.c`, `do_hvm_op`, Xen 4.17): an HVM
//! domain's parameters.
//!
//! The model keeps each parameter as it was set; the per-parameter rules
//! of `hvm_set_param` / `hvm_get_param` (which parameters a guest may
//! read, which may be set once) are not modelled.

use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENOSYS, XEN_ESRCH};
use hcbuf_sys::hvm::{HVM_NR_PARAMS, HVMOP_get_param, HVMOP_set_param, xen_hvm_param};

use hcbuf_sys::xen::__HYPERVISOR_hvm_op;

use super::{CallId, Ctx};
use crate::backend::XenErrno;

impl Ctx<'_> {
    /// `HYPERVISOR_hvm_op(op, arg)`.
    pub(super) fn hvm_op(&mut self, registers: [u64; 5]) -> Result<u64, XenErrno> {
        let [op, arg, ..] = registers;
        match u32::try_from(op) {
            Ok(HVMOP_get_param) => self.hvm_param(arg, false),
            Ok(HVMOP_set_param) => self.hvm_param(arg, true),
            Ok(cmd) => self.unmodelled(
                CallId::Command {
                    op: __HYPERVISOR_hvm_op,
                    cmd,
                },
                registers,
            ),
            Err(_) => Err(XenErrno(XEN_ENOSYS)),
        }
    }

    /// `hvmop_get_param` / `hvmop_set_param`: the index is checked first
    /// (`EINVAL`), then the domain (`ESRCH`, `DOMID_SELF` included), which
    /// must be HVM (`EINVAL`); a get copies the whole struct back.
    fn hvm_param(&mut self, arg: u64, set: bool) -> Result<u64, XenErrno> {
        let mut a: xen_hvm_param = self.mem.read(arg)?;
        if a.index >= HVM_NR_PARAMS {
            return Err(XenErrno(XEN_EINVAL));
        }
        let id = self
            .st
            .domain_by_any_id(a.domid)
            .ok_or(XenErrno(XEN_ESRCH))?
            .id;
        let d = self.st.domains.get_mut(&id).ok_or(XenErrno(XEN_ESRCH))?;
        if !d.hvm {
            return Err(XenErrno(XEN_EINVAL));
        }
        if set {
            d.loaded.hvm_params.insert(a.index, a.value);
            return Ok(0);
        }
        a.value = d.loaded.hvm_params.get(&a.index).copied().unwrap_or(0);
        self.mem.write(arg, &a).map(|()| 0)
    }
}
