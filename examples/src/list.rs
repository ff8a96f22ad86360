//! `xen-list`: the domains, as `xl list` shows them.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use serde::Serialize;

use hcbuf_core::Backend;
use hcbuf_core::api::{DomainInfo, Error, Xen};

/// One row of `xen-list`.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The domain's name, from xenstore (`/local/domain/<id>/name`), as
    /// `xl` shows it: `(null)` when xenstore has none (or no xenstored
    /// runs).
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
pub fn gather<B: Backend>(xen: &Xen<B>, domids: &[u16]) -> Result<Vec<Row>, Error> {
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
            name: domain_name(d.domid),
            domid: d.domid,
            memory_mib: crate::mib(d.tot_pages, page),
            vcpus: d.online_vcpus,
            state: d.state.letters(),
            cpu_time_s: d.cpu_time_ns as f64 / 1e9,
        })
        .collect())
}

/// xenstored's socket (`XEN_RUN_STORED/socket`).
const XENSTORED_SOCKET: &str = "/var/run/xenstored/socket";
/// `enum xsd_sockmsg_type` (`public/io/xs_wire.h`): `XS_READ`, `XS_ERROR`.
const XS_READ: u32 = 2;
const XS_ERROR: u32 = 16;

/// The name `xl` shows for `domid`: xenstore's (see [`xenstore_name`]),
/// or `(null)` as `xl` prints a domain without one. For every example
/// that prints `xl`'s Name column.
pub fn domain_name(domid: u16) -> String {
    xenstore_name(domid).unwrap_or_else(|| "(null)".into())
}

/// The name xenstore keeps for `domid`, asked of xenstored over its socket
/// (`struct xsd_sockmsg`: type, request id, transaction id, length, all
/// `u32`, then the payload). `None` if no xenstored answers within a
/// second or it has no name.
pub fn xenstore_name(domid: u16) -> Option<String> {
    let mut stream = UnixStream::connect(XENSTORED_SOCKET).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(1))).ok()?;
    let path = format!("/local/domain/{domid}/name\0");
    let mut msg = Vec::with_capacity(16 + path.len());
    for word in [XS_READ, 0, 0, u32::try_from(path.len()).ok()?] {
        msg.extend_from_slice(&word.to_ne_bytes());
    }
    msg.extend_from_slice(path.as_bytes());
    stream.write_all(&msg).ok()?;
    let mut header = [0u8; 16];
    stream.read_exact(&mut header).ok()?;
    let word = |i: usize| u32::from_ne_bytes(header[i * 4..i * 4 + 4].try_into().unwrap_or([0; 4]));
    let len = word(3);
    if word(0) == XS_ERROR || len > 4096 {
        return None;
    }
    let mut name = vec![0u8; len as usize];
    stream.read_exact(&mut name).ok()?;
    String::from_utf8(name).ok()
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
