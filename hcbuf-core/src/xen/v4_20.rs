//! Typed payloads of what Xen 4.20 changed (`hcbuf_sys::v4_20`): each is
//! bound to its command like the shared ones, and only to 4.20
//! ([`SubOp::RELEASES`](crate::SubOp::RELEASES)): an [`Op`](crate::xen::Op)
//! of another release refuses it. The shared payloads of `xen::sysctl` and
//! `xen::domctl` serve every release that did not change them.
//!
//! Not typed here yet: 4.20's `pm_op` (its `get_cpufreq_para` gained a
//! CPPC union) and `livepatch_op` (`flags`); the 4.17 ones are refused on
//! 4.20.

use hcbuf_sys::domctl::XEN_DOMCTL_createdomain;
use hcbuf_sys::v4_20::domctl::*;

use crate::args::family;
use crate::handle::Typed;
use crate::xen::raw::payloads;

payloads!(family::Domctl {
    /// `XEN_DOMCTL_createdomain` as Xen 4.19 and later lay it out: with
    /// `altp2m_opts` after `grant_opts` (68 bytes).
    CreateDomain: xen_domctl_createdomain = XEN_DOMCTL_createdomain @ Xen4_20;
    /// `XEN_DOMCTL_gsi_permission`: let a domain use a GSI (x86).
    GsiPermission: xen_domctl_gsi_permission = XEN_DOMCTL_gsi_permission @ Xen4_20;
    /// `XEN_DOMCTL_set_llc_colors`: a domain's last-level-cache colours.
    SetLlcColors<'a>: xen_domctl_set_llc_colors<Typed<'a>> = XEN_DOMCTL_set_llc_colors @ Xen4_20;
});
