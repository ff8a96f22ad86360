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

/// `$to { every field both `createdomain` layouts have, from $from, $extra }`:
/// the shared fields named once for both directions.
macro_rules! createdomain_fields {
    ($from:expr => $to:path { $($extra:tt)* }) => {{
        let c = $from;
        $to {
            ssidref: c.ssidref,
            handle: c.handle,
            flags: c.flags,
            iommu_opts: c.iommu_opts,
            max_vcpus: c.max_vcpus,
            max_evtchn_port: c.max_evtchn_port,
            max_grant_frames: c.max_grant_frames,
            max_maptrack_frames: c.max_maptrack_frames,
            grant_opts: c.grant_opts,
            vmtrace_size: c.vmtrace_size,
            cpupool_id: c.cpupool_id,
            arch: c.arch,
            $($extra)*
        }
    }};
}

/// A 4.17 `createdomain` in 4.20's layout, with no altp2m
/// (`altp2m_opts` 0, the default).
pub fn create_domain_from_4_17(config: crate::xen::domctl::CreateDomain) -> CreateDomain {
    createdomain_fields!(config => CreateDomain { altp2m_opts: 0 })
}

/// A 4.20 `createdomain` in 4.17's layout: `None` if it asks for altp2m,
/// which 4.17's layout cannot say.
pub fn create_domain_as_4_17(config: CreateDomain) -> Option<crate::xen::domctl::CreateDomain> {
    (config.altp2m_opts == 0)
        .then(|| createdomain_fields!(config => crate::xen::domctl::CreateDomain {}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_createdomain_crosses_layouts_unless_it_asks_for_altp2m() {
        let old = crate::xen::domctl::CreateDomain {
            ssidref: 1,
            handle: [7; 16],
            flags: 2,
            max_vcpus: 4,
            max_grant_frames: -1,
            cpupool_id: 3,
            ..Default::default()
        };
        let new = create_domain_from_4_17(old);
        assert_eq!(
            (new.altp2m_opts, new.max_vcpus, new.handle),
            (0, 4, [7; 16])
        );
        assert_eq!(create_domain_as_4_17(new), Some(old));
        let altp2m = CreateDomain {
            altp2m_opts: 1,
            ..new
        };
        assert_eq!(create_domain_as_4_17(altp2m), None);
    }
}
