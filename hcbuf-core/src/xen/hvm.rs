//! Typed `hvm_op` payloads: an HVM domain's parameters
//! (`HVMOP_get_param`, `HVMOP_set_param`), issued with a
//! [`CmdCall`](crate::xen::CmdCall).

use hcbuf_sys::hvm::*;

use crate::args::family;
use crate::xen::raw::payloads;

payloads!(family::HvmOp, pointer = Buffer {
    /// [`xen_hvm_param`]: one `HVM_PARAM_*` of an HVM domain.
    HvmParam: xen_hvm_param =
        HVMOP_set_param as SetHvmParam, HVMOP_get_param as GetHvmParam;
});
