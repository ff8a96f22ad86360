//! `xen-info`: the fields of `xl info`: the local node's (as `uname`
//! gives them), then those that come from hypercalls.

use serde::Serialize;

use hcbuf_core::Backend;
use hcbuf_core::api::{CpuTopology, Error, NodeInfo, Xen};
use hcbuf_core::sys::domctl::{
    XEN_SCHEDULER_ARINC653, XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2, XEN_SCHEDULER_NULL,
    XEN_SCHEDULER_RTDS,
};
use hcbuf_core::sys::sysctl::*;

/// What `xen-info` prints, in `xl info`'s order.
#[derive(Debug, Serialize)]
pub struct Info {
    /// `xl info`'s `host`: this node's name (`uname -n`).
    pub host: String,
    /// `xl info`'s `release`: the running kernel's release (`uname -r`).
    pub release: String,
    /// `xl info`'s `version`: the running kernel's version (`uname -v`).
    pub version: String,
    /// `xl info`'s `machine` (`uname -m`).
    pub machine: String,
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
    /// `xl info`'s `cpu_mhz`: a number (kHz / 1000), printed with three
    /// decimals as `xl` does.
    pub cpu_mhz: f64,
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
    /// `xl info -n`'s `cpu_topology`: each CPU with a valid core (only
    /// with `-n`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_topology: Option<Vec<CpuRow>>,
    /// `xl info -n`'s `numa_info`: each node with memory (only with
    /// `-n`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numa_info: Option<Vec<NodeRow>>,
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

/// One row of `xl info -n`'s `cpu_topology` (`-1` where Xen says invalid,
/// as `xl` prints it).
#[derive(Debug, Serialize)]
pub struct CpuRow {
    /// The CPU's number.
    pub cpu: u32,
    /// Its core.
    pub core: i64,
    /// Its socket.
    pub socket: i64,
    /// Its node.
    pub node: i64,
}

/// One row of `xl info -n`'s `numa_info`.
#[derive(Debug, Serialize)]
pub struct NodeRow {
    /// The node's number.
    pub node: u32,
    /// Its memory, in MiB (rounded down).
    pub memsize: u64,
    /// Its free memory, in MiB (rounded down).
    pub memfree: u64,
    /// Its distance to each node (`-1` where Xen says invalid).
    pub distances: Vec<i64>,
}

/// Gathers [`Info`] from Xen (`xl info`).
pub fn gather<B: Backend>(xen: &Xen<B>) -> Result<Info, Error> {
    gather_with(xen, false)
}

/// Gathers [`Info`] from Xen, with the CPU topology and NUMA sections if
/// `numa` (`xl info -n`).
pub fn gather_with<B: Backend>(xen: &Xen<B>, numa: bool) -> Result<Info, Error> {
    let host = xen.physinfo()?;
    let version = xen.version()?;
    let compile = xen.compile_info()?;
    let page = xen.page_size()?;
    let mib = |pages: u64| crate::mib(pages, page);
    Ok(Info {
        host: kernel("hostname").unwrap_or_else(|| "(none)".into()),
        release: kernel("osrelease").unwrap_or_default(),
        version: kernel("version").unwrap_or_default(),
        machine: kernel("arch").unwrap_or_else(|| std::env::consts::ARCH.into()),
        nr_cpus: host.nr_cpus,
        max_cpu_id: host.max_cpu_id,
        nr_nodes: host.nr_nodes,
        cores_per_socket: host.cores_per_socket,
        threads_per_core: host.threads_per_core,
        cpu_mhz: f64::from(host.cpu_khz) / 1000.0,
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
        cpu_topology: if numa {
            Some(cpu_rows(&xen.cpu_topology()?))
        } else {
            None
        },
        numa_info: if numa {
            Some(node_rows(xen.numa_info()?))
        } else {
            None
        },
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

/// What `uname` reports, from Linux's `/proc/sys/kernel/NAME` (`None` if
/// there is no such file).
fn kernel(name: &str) -> Option<String> {
    let text = std::fs::read_to_string(format!("/proc/sys/kernel/{name}")).ok()?;
    Some(text.trim_end_matches('\n').to_owned())
}

/// Xen's invalid id (`~0`) as `xl` prints it with `%d`.
fn signed(v: Option<u32>) -> i64 {
    v.map_or(-1, i64::from)
}

/// The CPUs `xl info -n` lists: those whose core is valid (the others
/// are offline).
fn cpu_rows(cpus: &[CpuTopology]) -> Vec<CpuRow> {
    cpus.iter()
        .zip(0u32..)
        .filter(|(c, _)| c.core.is_some())
        .map(|(c, cpu)| CpuRow {
            cpu,
            core: signed(c.core),
            socket: signed(c.socket),
            node: signed(c.node),
        })
        .collect()
}

/// The nodes `xl info -n` lists: those whose memory size is valid.
fn node_rows((nodes, distances): (Vec<NodeInfo>, Vec<Vec<u32>>)) -> Vec<NodeRow> {
    nodes
        .iter()
        .zip(0u32..)
        .filter_map(|(n, node)| {
            let size = n.size?;
            let row = distances.get(node as usize).map_or(&[][..], Vec::as_slice);
            Some(NodeRow {
                node,
                memsize: size >> 20,
                memfree: n.free >> 20,
                distances: row
                    .iter()
                    .map(|&d| signed((d != XEN_INVALID_NODE_DIST).then_some(d)))
                    .collect(),
            })
        })
        .collect()
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

/// `xl info`'s layout: the name padded to 23 columns, `: `, the value;
/// with `-n`, the `cpu_topology` and `numa_info` tables in `xl`'s columns.
pub fn render(info: &Info) -> String {
    let value = serde_json::to_value(info).expect("plain fields serialise");
    let mut out = String::new();
    for (key, v) in value.as_object().expect("a struct serialises to an object") {
        let text = match (key.as_str(), v) {
            ("cpu_topology", _) => {
                out.push_str(&cpu_table(info.cpu_topology.as_deref().unwrap_or(&[])));
                continue;
            }
            ("numa_info", _) => {
                out.push_str(&numa_table(info.numa_info.as_deref().unwrap_or(&[])));
                continue;
            }
            ("cpu_mhz", _) => format!("{:.3}", info.cpu_mhz),
            (_, serde_json::Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        };
        out.push_str(&format!("{key:<23}: {text}\n"));
    }
    out
}

/// `xl info -n`'s CPU table.
fn cpu_table(rows: &[CpuRow]) -> String {
    let mut out = format!("{:<23}:\ncpu:    core    socket     node\n", "cpu_topology");
    for r in rows {
        out.push_str(&format!(
            "{:>3}:    {:>4}     {:>4}     {:>4}\n",
            r.cpu, r.core, r.socket, r.node
        ));
    }
    out
}

/// `xl info -n`'s NUMA table (distances joined by commas).
fn numa_table(rows: &[NodeRow]) -> String {
    let mut out = format!(
        "{:<23}:\nnode:    memsize    memfree    distances\n",
        "numa_info"
    );
    for r in rows {
        let distances: Vec<String> = r.distances.iter().map(i64::to_string).collect();
        out.push_str(&format!(
            "{:>4}:    {:>6}     {:>6}      {}\n",
            r.node,
            r.memsize,
            r.memfree,
            distances.join(",")
        ));
    }
    out
}
