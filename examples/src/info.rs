//! `xen-info`: the fields of `xl info` that come from hypercalls.

use serde::Serialize;

use hcbuf_core::Backend;
use hcbuf_core::api::{Error, Xen};
use hcbuf_core::sys::domctl::{
    XEN_SCHEDULER_ARINC653, XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2, XEN_SCHEDULER_NULL,
    XEN_SCHEDULER_RTDS,
};
use hcbuf_core::sys::sysctl::*;

/// What `xen-info` prints, in `xl info`'s order.
#[derive(Debug, Serialize)]
pub struct Info {
    /// `xl info`'s `nr_cpus`.
    pub nr_cpus: u32,
    /// `xl info`'s `max_cpu_id`.
    pub max_cpu_id: u32,
    /// `xl info`'s `nr_nodes`.
    pub nr_nodes: u32,
    /// `xl info`'s `cores_per_socket`.
    pub cores_per_socket: u32,
    /// `xl info`'s `threads_per_core`.
    pub threads_per_core: u32,
    /// `xl info`'s `cpu_mhz`.
    pub cpu_mhz: String,
    /// `xl info`'s `hw_caps`.
    pub hw_caps: String,
    /// `xl info`'s `virt_caps`.
    pub virt_caps: String,
    /// `xl info`'s `total_memory`.
    pub total_memory: u64,
    /// `xl info`'s `free_memory`.
    pub free_memory: u64,
    /// `xl info`'s `outstanding_claims`.
    pub outstanding_claims: u64,
    /// `xl info`'s `xen_major`.
    pub xen_major: u32,
    /// `xl info`'s `xen_minor`.
    pub xen_minor: u32,
    /// `xl info`'s `xen_extra`.
    pub xen_extra: String,
    /// `xl info`'s `xen_version`.
    pub xen_version: String,
    /// `xl info`'s `xen_caps`.
    pub xen_caps: String,
    /// `xl info`'s `xen_scheduler`.
    pub xen_scheduler: String,
    /// `xl info`'s `xen_pagesize`.
    pub xen_pagesize: u64,
    /// `xl info`'s `platform_params`.
    pub platform_params: String,
    /// `xl info`'s `xen_changeset`.
    pub xen_changeset: String,
    /// `xl info`'s `xen_commandline`.
    pub xen_commandline: String,
    /// `xl info`'s `cc_compiler`.
    pub cc_compiler: String,
    /// `xl info`'s `cc_compile_by`.
    pub cc_compile_by: String,
    /// `xl info`'s `cc_compile_domain`.
    pub cc_compile_domain: String,
    /// `xl info`'s `cc_compile_date`.
    pub cc_compile_date: String,
    /// `xl info`'s `build_id`.
    pub build_id: String,
}

/// Gathers [`Info`] from Xen.
pub fn gather<B: Backend>(xen: &Xen<B>) -> Result<Info, Error> {
    let host = xen.physinfo()?;
    let version = xen.version()?;
    let compile = xen.compile_info()?;
    let page = xen.page_size()?;
    let mib = |pages: u64| crate::mib(pages, page);
    Ok(Info {
        nr_cpus: host.nr_cpus,
        max_cpu_id: host.max_cpu_id,
        nr_nodes: host.nr_nodes,
        cores_per_socket: host.cores_per_socket,
        threads_per_core: host.threads_per_core,
        cpu_mhz: format!("{}.{:03}", host.cpu_khz / 1000, host.cpu_khz % 1000),
        hw_caps: host
            .hw_cap
            .iter()
            .map(|w| format!("{w:08x}"))
            .collect::<Vec<_>>()
            .join(":"),
        virt_caps: virt_caps(host.capabilities),
        total_memory: mib(host.total_pages),
        // As `xl info`: the pages claimed but not yet allocated are not free.
        free_memory: mib(host.free_pages.saturating_sub(host.outstanding_pages)),
        outstanding_claims: mib(host.outstanding_pages),
        xen_major: version.major,
        xen_minor: version.minor,
        xen_version: format!("{}.{}{}", version.major, version.minor, version.extra),
        xen_extra: version.extra,
        xen_caps: xen.capabilities()?,
        xen_scheduler: scheduler_name(xen.scheduler_id()?),
        xen_pagesize: page,
        platform_params: format!("virt_start={:#x}", xen.platform_parameters()?),
        xen_changeset: xen.changeset()?,
        xen_commandline: xen.command_line()?,
        cc_compiler: compile.compiler,
        cc_compile_by: compile.compile_by,
        cc_compile_domain: compile.compile_domain,
        cc_compile_date: compile.compile_date,
        build_id: xen.build_id()?.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// `xl`'s words for the physinfo capability flags.
fn virt_caps(caps: u32) -> String {
    let directio = caps & XEN_SYSCTL_PHYSCAP_directio != 0;
    let names = [
        (XEN_SYSCTL_PHYSCAP_pv, "pv"),
        (XEN_SYSCTL_PHYSCAP_hvm, "hvm"),
        (
            if directio { XEN_SYSCTL_PHYSCAP_hvm } else { 0 },
            "hvm_directio",
        ),
        (
            if directio { XEN_SYSCTL_PHYSCAP_pv } else { 0 },
            "pv_directio",
        ),
        (XEN_SYSCTL_PHYSCAP_hap, "hap"),
        (XEN_SYSCTL_PHYSCAP_shadow, "shadow"),
        (XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share, "iommu_hap_pt_share"),
        (XEN_SYSCTL_PHYSCAP_vmtrace, "vmtrace"),
        (XEN_SYSCTL_PHYSCAP_vpmu, "vpmu"),
        (XEN_SYSCTL_PHYSCAP_gnttab_v1, "gnttab-v1"),
        (XEN_SYSCTL_PHYSCAP_gnttab_v2, "gnttab-v2"),
    ];
    let words: Vec<&str> = names
        .iter()
        .filter(|(bit, _)| caps & bit != 0)
        .map(|(_, n)| *n)
        .collect();
    words.join(" ")
}

fn scheduler_name(id: u32) -> String {
    match id {
        XEN_SCHEDULER_CREDIT => "credit".into(),
        XEN_SCHEDULER_CREDIT2 => "credit2".into(),
        XEN_SCHEDULER_ARINC653 => "arinc653".into(),
        XEN_SCHEDULER_RTDS => "rtds".into(),
        XEN_SCHEDULER_NULL => "null".into(),
        other => format!("unknown ({other})"),
    }
}

/// `xl info`'s layout: the name padded to 23 columns, `: `, the value.
pub fn render(info: &Info) -> String {
    let value = serde_json::to_value(info).expect("plain fields serialise");
    let mut out = String::new();
    for (key, v) in value.as_object().expect("a struct serialises to an object") {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.push_str(&format!("{key:<23}: {text}\n"));
    }
    out
}
