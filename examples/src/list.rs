//! `xen-list`: the domains, as `xl list` shows them.

use serde::Serialize;

use hcbuf_core::api::{DomainInfo, Error, Xen};
use hcbuf_core::backend::AnyBackend;

/// One row of `xen-list`.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The domain's name, from xenstore (`/local/domain/<id>/name`), as
    /// `xl` shows it (see [`crate::names`] for the names without a
    /// xenstore daemon).
    pub name: String,
    /// The domain id.
    pub domid: u16,
    /// Memory held, in MiB.
    pub memory_mib: u64,
    /// vCPUs online.
    pub vcpus: u32,
    /// `xl list`'s state letters (`r b p s c d`).
    pub state: String,
    /// CPU time used, in seconds.
    pub cpu_time_s: f64,
}

/// Every domain's row, or only those of `domids` (in that order) if any
/// are given; a domain that does not exist is an error, as in `xl list`.
pub fn gather(xen: &Xen<AnyBackend>, domids: &[u16]) -> Result<Vec<Row>, Error> {
    let mut names = crate::names::for_backend(xen);
    let page = xen.page_size()?;
    let chosen: Vec<DomainInfo> = if domids.is_empty() {
        xen.domains()?
    } else {
        domids
            .iter()
            .map(|&id| xen.domain(id))
            .collect::<Result<_, _>>()?
    };
    Ok(chosen
        .iter()
        .map(|d| Row {
            name: names.domain(d.domid),
            domid: d.domid,
            memory_mib: crate::mib(d.tot_pages, page),
            vcpus: d.online_vcpus,
            state: d.state.letters(),
            cpu_time_s: d.cpu_time_ns as f64 / 1e9,
        })
        .collect())
}

/// `xl list`'s columns.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "Name                                        ID   Mem VCPUs\tState\tTime(s)\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{:<40} {:>5} {:>5} {:>5}     {}  {:>8.1}\n",
            r.name, r.domid, r.memory_mib, r.vcpus, r.state, r.cpu_time_s
        ));
    }
    out
}
