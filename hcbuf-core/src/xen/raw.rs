//! Which commands take which raw payload: the table the derive checks a
//! payload's command against. Element types of a payload's buffers (one
//! CPU's topology, one node's memory) are listed under the command whose
//! buffer holds them.

use hcbuf_sys::{domctl as d, sysctl as s, version as v};

use crate::args::family::{self, Family};

/// A raw `hcbuf-sys` type that is the payload of some commands of a family.
pub trait RawPayload {
    /// The family whose commands take it.
    type Family: Family;
    /// The commands that take it.
    const CMDS: &'static [u32];
}

macro_rules! raw_payloads {
    ($family:ty { $($twin:ty => [$($cmd:expr),+ $(,)?];)* }) => {$(
        impl RawPayload for $twin {
            type Family = $family;
            const CMDS: &'static [u32] = &[$($cmd),+];
        }
    )*};
}

raw_payloads!(family::Sysctl {
    s::xen_sysctl_readconsole => [s::XEN_SYSCTL_readconsole];
    s::xen_sysctl_physinfo => [s::XEN_SYSCTL_physinfo];
    s::xen_sysctl_getdomaininfolist => [s::XEN_SYSCTL_getdomaininfolist];
    s::xen_sysctl_sched_id => [s::XEN_SYSCTL_sched_id];
    s::xen_sysctl_cputopoinfo => [s::XEN_SYSCTL_cputopoinfo];
    s::xen_sysctl_cputopo => [s::XEN_SYSCTL_cputopoinfo];
    s::xen_sysctl_numainfo => [s::XEN_SYSCTL_numainfo];
    s::xen_sysctl_meminfo => [s::XEN_SYSCTL_numainfo];
    s::xen_sysctl_getcpuinfo => [s::XEN_SYSCTL_getcpuinfo];
    s::xen_sysctl_cpuinfo => [s::XEN_SYSCTL_getcpuinfo];
});

raw_payloads!(family::Domctl {
    d::xen_domctl_createdomain => [d::XEN_DOMCTL_createdomain];
    d::xen_domctl_getdomaininfo => [d::XEN_DOMCTL_getdomaininfo];
    d::xen_domctl_max_mem => [d::XEN_DOMCTL_max_mem];
    d::xen_domctl_max_vcpus => [d::XEN_DOMCTL_max_vcpus];
    d::xen_domctl_getvcpuinfo => [d::XEN_DOMCTL_getvcpuinfo];
});

// The xen_version buffers are typedefs of `char` arrays; two commands share
// the 1024-byte one.
raw_payloads!(family::XenVersion {
    v::xen_extraversion_t => [v::XENVER_extraversion];
    v::xen_compile_info => [v::XENVER_compile_info];
    v::xen_capabilities_info_t => [v::XENVER_capabilities, v::XENVER_commandline];
    v::xen_changeset_info_t => [v::XENVER_changeset];
    v::xen_platform_parameters => [v::XENVER_platform_parameters];
    v::xen_feature_info => [v::XENVER_get_features];
});
