//! `xen-list`: `xl list` without names (names live in xenstore).

use serde::Serialize;

use hcbuf_core::Backend;
use hcbuf_core::api::{DomainInfo, Error, Xen};

/// One row of `xen-list`.
#[derive(Debug, Serialize)]
pub struct Row {
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

/// Every domain's row.
pub fn gather<B: Backend>(xen: &Xen<B>) -> Result<Vec<Row>, Error> {
    let page = xen.page_size()?;
    Ok(xen
        .domains()?
        .iter()
        .map(|d: &DomainInfo| Row {
            domid: d.domid,
            memory_mib: crate::mib(d.tot_pages, page),
            vcpus: d.online_vcpus,
            state: d.state.letters(),
            cpu_time_s: d.cpu_time_ns as f64 / 1e9,
        })
        .collect())
}

/// `xl list`'s columns, less the name.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from("   ID   Mem VCPUs\tState\tTime(s)\n");
    for r in rows {
        out.push_str(&format!(
            "{:>5} {:>5} {:>5}     {} {:>9.1}\n",
            r.domid, r.memory_mib, r.vcpus, r.state, r.cpu_time_s
        ));
    }
    out
}
