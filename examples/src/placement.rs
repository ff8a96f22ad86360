//! `xen-vcpu-list`, `xen-vcpu-pin`, `xen-cpupool-list` and
//! `xen-sched-credit2`: what each gathers and how it prints it, in the
//! layout of `xl vcpu-list`, `xl vcpu-pin`, `xl cpupool-list` and
//! `xl sched-credit2` (Xen 4.17's `tools/xl`), names from xenstore where a
//! daemon answers ([`crate::names`]).

use serde::Serialize;

use hcbuf_core::Backend;
use hcbuf_core::api::{CpuMap, Error, Xen};
use hcbuf_core::sys::domctl::{
    XEN_SCHEDULER_ARINC653, XEN_SCHEDULER_CREDIT, XEN_SCHEDULER_CREDIT2, XEN_SCHEDULER_NULL,
    XEN_SCHEDULER_RTDS,
};

use crate::names::Names;

/// A CPU map as `xl` prints it (`all`, `none`, `0,2-3`), or in JSON.
fn cpus_text(map: &CpuMap) -> String {
    map.to_string()
}

// ---------------------------------------------------------------------
// xen-vcpu-list

/// One row of `xen-vcpu-list`: one vCPU.
#[derive(Debug, Serialize)]
pub struct VcpuRow {
    /// The domain's name (see [`crate::names`]).
    pub name: String,
    /// The domain id.
    pub domid: u16,
    /// The vCPU id.
    pub vcpu: u32,
    /// Whether it is online.
    pub online: bool,
    /// The CPU it is on (meaningful when online).
    pub cpu: u32,
    /// Running.
    pub running: bool,
    /// Blocked.
    pub blocked: bool,
    /// CPU time used, in seconds.
    pub time_s: f64,
    /// The CPUs it may run on, as `xl` prints them.
    pub hard: String,
    /// The CPUs it prefers.
    pub soft: String,
}

/// Every vCPU of `domids` (every domain if empty), in domain order.
pub fn vcpu_list<B: Backend>(
    xen: &Xen<B>,
    names: &mut Names,
    domids: &[u16],
) -> Result<Vec<VcpuRow>, Error> {
    let domids: Vec<u16> = if domids.is_empty() {
        xen.domains()?.iter().map(|d| d.domid).collect()
    } else {
        domids.to_vec()
    };
    let mut rows = Vec::new();
    for domid in domids {
        let name = names.domain(domid);
        for (vcpu, info) in xen.vcpus(domid)?.into_iter().enumerate() {
            let vcpu = vcpu as u32;
            let affinity = xen.vcpu_affinity(domid, vcpu)?;
            rows.push(VcpuRow {
                name: name.clone(),
                domid,
                vcpu,
                online: info.online,
                cpu: info.cpu,
                running: info.running,
                blocked: info.blocked,
                // xl divides a `float`: the same rounding here.
                time_s: f64::from(info.cpu_time_ns as f32) / 1e9,
                hard: cpus_text(&affinity.hard),
                soft: cpus_text(&affinity.soft),
            });
        }
    }
    Ok(rows)
}

/// `xl vcpu-list`'s layout.
pub fn render_vcpu_list(rows: &[VcpuRow]) -> String {
    let mut out = format!(
        "{:<32} {:>5} {:>5} {:>5} {:>5} {:>9} {}\n",
        "Name", "ID", "VCPU", "CPU", "State", "Time(s)", "Affinity (Hard / Soft)"
    );
    for r in rows {
        out.push_str(&format!("{:<32} {:>5} {:>5}", r.name, r.domid, r.vcpu));
        if r.online {
            out.push_str(&format!(
                "{:>5} {:>3}{}- ",
                r.cpu,
                if r.running { 'r' } else { '-' },
                if r.blocked { 'b' } else { '-' }
            ));
        } else {
            out.push_str(&format!("{:>5} {:>3}{}p ", '-', '-', '-'));
        }
        out.push_str(&format!("{:>9.1}  {} / {}\n", r.time_s, r.hard, r.soft));
    }
    out
}

// ---------------------------------------------------------------------
// xen-vcpu-pin

/// Parses a CPU list as `xl` does (`parse_cpurange`): comma-separated
/// `all`, `N`, `N-M`, `node:N` / `nodes:N-M` (every CPU of those NUMA
/// nodes, `node_of` giving each CPU's), each may start with `^` to remove
/// instead of add (not `^all`). Unlike `xl`, which ignores them, a CPU at
/// or past `nr_bits` (the host's CPU count) and a node no CPU of the host
/// is on are errors naming them. The cost is `nr_bits` per part at most,
/// whatever the range (`0-4294967295` is refused at once).
pub fn parse_cpus(
    text: &str,
    nr_bits: u32,
    node_of: &dyn Fn(u32) -> Option<u32>,
) -> Result<CpuMap, String> {
    let mut map = CpuMap::new(nr_bits);
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let (remove, rest) = match part.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        let (nodes, rest) = match rest
            .strip_prefix("nodes:")
            .or_else(|| rest.strip_prefix("node:"))
        {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        if rest == "all" {
            if remove {
                return Err("Can't combine \"^\" and \"all\".".into());
            }
            map = CpuMap::all(nr_bits);
            continue;
        }
        let (a, b) = parse_range(rest).ok_or_else(|| format!("Invalid pcpu range: {rest}."))?;
        // The CPUs the part names: found among the host's, never by
        // walking the range.
        let cpus: Vec<u32> = if nodes {
            let highest = (0..nr_bits).filter_map(node_of).max();
            if highest.is_none_or(|highest| b > highest) {
                return Err(match highest {
                    Some(highest) => {
                        format!("Invalid node range: {rest}: this host's nodes are 0-{highest}.")
                    }
                    None => format!("Invalid node range: {rest}: this host reports no nodes."),
                });
            }
            (0..nr_bits)
                .filter(|&c| node_of(c).is_some_and(|n| (a..=b).contains(&n)))
                .collect()
        } else {
            if b >= nr_bits {
                return Err(format!(
                    "Invalid pcpu range: {rest}: CPU {b} is past this host's {nr_bits} CPUs{}.",
                    if nr_bits > 0 {
                        format!(" (0-{})", nr_bits - 1)
                    } else {
                        String::new()
                    }
                ));
            }
            (a..=b).collect()
        };
        for cpu in cpus {
            if remove {
                map.remove(cpu);
            } else {
                map.insert(cpu).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(map)
}

/// `N` or `N-M` with `N <= M` (`parse_range`).
fn parse_range(text: &str) -> Option<(u32, u32)> {
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (number(a)?, number(b)?);
            (a <= b).then_some((a, b))
        }
        None => number(text).map(|a| (a, a)),
    }
}

/// What `xen-vcpu-pin` set, as Xen reports it (for `--json`).
#[derive(Debug, Serialize)]
pub struct Pinned {
    /// The vCPU.
    pub vcpu: u32,
    /// The hard affinity Xen uses, if it was set.
    pub hard: Option<String>,
    /// The soft affinity Xen uses, if it was set.
    pub soft: Option<String>,
}

/// Pins `vcpu` (`None`: every vCPU) of `domid`.
pub fn vcpu_pin<B: Backend>(
    xen: &Xen<B>,
    domid: u16,
    vcpu: Option<u32>,
    hard: Option<&CpuMap>,
    soft: Option<&CpuMap>,
) -> Result<Vec<Pinned>, Error> {
    let vcpus: Vec<u32> = match vcpu {
        Some(v) => vec![v],
        None => (0..xen.vcpus(domid)?.len() as u32).collect(),
    };
    let mut out = Vec::new();
    for v in vcpus {
        let (h, s) = xen.set_vcpu_affinity(domid, v, hard, soft)?;
        out.push(Pinned {
            vcpu: v,
            hard: h.as_ref().map(cpus_text),
            soft: s.as_ref().map(cpus_text),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------
// xen-cpupool-list

/// `libxl_scheduler_to_string`.
pub fn scheduler_name(sched_id: u32) -> &'static str {
    match sched_id {
        XEN_SCHEDULER_CREDIT => "credit",
        XEN_SCHEDULER_CREDIT2 => "credit2",
        XEN_SCHEDULER_ARINC653 => "arinc653",
        XEN_SCHEDULER_RTDS => "rtds",
        XEN_SCHEDULER_NULL => "null",
        _ => "unknown",
    }
}

/// One row of `xen-cpupool-list`: one cpupool.
#[derive(Debug, Serialize)]
pub struct PoolRow {
    /// The pool's name (see [`crate::names`]).
    pub name: String,
    /// The pool id.
    pub id: u32,
    /// Its CPUs.
    pub cpus: Vec<u32>,
    /// Its scheduler, as `xl` names it.
    pub sched: String,
    /// How many domains it has.
    pub n_dom: u32,
}

/// Every cpupool, or only the one named or numbered `pool`.
pub fn cpupool_list<B: Backend>(
    xen: &Xen<B>,
    names: &mut Names,
    pool: Option<&str>,
) -> Result<Vec<PoolRow>, Error> {
    let rows: Vec<PoolRow> = xen
        .cpupools()?
        .into_iter()
        .map(|p| PoolRow {
            name: names.pool(p.id),
            id: p.id,
            cpus: p.cpus.iter().collect(),
            sched: scheduler_name(p.sched_id).into(),
            n_dom: p.n_dom,
        })
        .collect();
    Ok(match pool {
        None => rows,
        Some(which) => rows
            .into_iter()
            .filter(|r| r.name == which || r.id.to_string() == which)
            .collect(),
    })
}

/// `xl cpupool-list`'s layout (`-c`: the CPU list instead).
pub fn render_cpupool_list(rows: &[PoolRow], cpus: bool) -> String {
    let mut out = format!("{:<19}", "Name");
    out.push_str(if cpus {
        "CPU list\n"
    } else {
        "CPUs   Sched     Active   Domain count\n"
    });
    for r in rows {
        out.push_str(&format!("{:<19}", r.name));
        if cpus {
            let list: Vec<String> = r.cpus.iter().map(u32::to_string).collect();
            out.push_str(&list.join(","));
        } else {
            out.push_str(&format!(
                "{:>3} {:>9}       y       {:>4}",
                r.cpus.len(),
                r.sched,
                r.n_dom
            ));
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------
// xen-sched-credit2

/// One domain's credit2 parameters.
#[derive(Debug, Serialize)]
pub struct Credit2Row {
    /// The domain's name.
    pub name: String,
    /// The domain id.
    pub domid: u16,
    /// Its weight.
    pub weight: u16,
    /// Its cap (0: none).
    pub cap: u16,
}

/// One credit2 cpupool and its domains.
#[derive(Debug, Serialize)]
pub struct Credit2Pool {
    /// The pool's name.
    pub name: String,
    /// The pool id.
    pub id: u32,
    /// Its context switch rate limit, in µs (`None`: unavailable).
    pub ratelimit_us: Option<u32>,
    /// Its domains.
    pub domains: Vec<Credit2Row>,
}

/// One domain's row.
pub fn credit2_row<B: Backend>(
    xen: &Xen<B>,
    names: &mut Names,
    domid: u16,
) -> Result<Credit2Row, Error> {
    let p = xen.credit2_params(domid)?;
    Ok(Credit2Row {
        name: names.domain(domid),
        domid,
        weight: p.weight,
        cap: p.cap,
    })
}

/// Every credit2 cpupool (or the one named or numbered `pool`) with its
/// domains, as `xl sched-credit2` lists them.
pub fn credit2_list<B: Backend>(
    xen: &Xen<B>,
    names: &mut Names,
    pool: Option<&str>,
) -> Result<Vec<Credit2Pool>, Error> {
    let domains = xen.domains()?;
    let mut out = Vec::new();
    for p in xen.cpupools()? {
        if p.sched_id != XEN_SCHEDULER_CREDIT2 {
            continue;
        }
        let name = names.pool(p.id);
        if pool.is_some_and(|which| which != name && which != p.id.to_string()) {
            continue;
        }
        let ratelimit_us = xen.credit2_pool_params(p.id).ok().map(|s| s.ratelimit_us);
        let mut rows = Vec::new();
        for d in domains.iter().filter(|d| d.cpupool == p.id) {
            rows.push(credit2_row(xen, names, d.domid)?);
        }
        out.push(Credit2Pool {
            name,
            id: p.id,
            ratelimit_us,
            domains: rows,
        });
    }
    Ok(out)
}

/// `xl sched-credit2`'s domain header.
pub fn credit2_header() -> String {
    format!("{:<33} {:>4} {:>6} {:>4}\n", "Name", "ID", "Weight", "Cap")
}

/// `xl sched-credit2`'s domain row.
pub fn render_credit2_row(r: &Credit2Row) -> String {
    format!(
        "{:<33} {:>4} {:>6} {:>4}\n",
        r.name, r.domid, r.weight, r.cap
    )
}

/// `xl sched-credit2`'s pool line.
pub fn render_credit2_pool_line(name: &str, ratelimit_us: Option<u32>) -> String {
    match ratelimit_us {
        Some(r) => format!("Cpupool {name}: ratelimit={r}us\n"),
        None => format!("Cpupool {name}: [sched params unavailable]\n"),
    }
}

/// `xl sched-credit2`'s layout with no arguments.
pub fn render_credit2_list(pools: &[Credit2Pool]) -> String {
    let mut out = String::new();
    for p in pools {
        out.push_str(&render_credit2_pool_line(&p.name, p.ratelimit_us));
        out.push_str(&credit2_header());
        for r in &p.domains {
            out.push_str(&render_credit2_row(r));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_node(_: u32) -> Option<u32> {
        Some(0)
    }

    #[test]
    fn cpu_lists_parse_as_xl_parses_them() {
        let p = |s: &str| parse_cpus(s, 8, &one_node).map(|m| m.to_string());
        assert_eq!(p("all").unwrap(), "all");
        assert_eq!(p("1").unwrap(), "1");
        assert_eq!(p("0-1").unwrap(), "0-1");
        assert_eq!(p("0-3,^2").unwrap(), "0-1,3");
        assert_eq!(p("all,^0").unwrap(), "1-7");
        assert_eq!(p("nodes:0,^7").unwrap(), "0-6");
        // Past the host's CPUs or nodes: an error naming them, found
        // without walking the range (it would take minutes).
        assert_eq!(
            p("9").unwrap_err(),
            "Invalid pcpu range: 9: CPU 9 is past this host's 8 CPUs (0-7)."
        );
        assert!(p("0-4294967295").unwrap_err().contains("CPU 4294967295"));
        assert!(p("^8-4294967295").is_err());
        assert_eq!(
            p("nodes:0-4294967295").unwrap_err(),
            "Invalid node range: 0-4294967295: this host's nodes are 0-0."
        );
        assert!(parse_cpus("node:0", 8, &|_| None).is_err());
        assert_eq!(p("0-7").unwrap(), "all");
        assert!(p("^all").is_err());
        assert!(p("2-1").is_err());
        assert!(p("x").is_err());
        assert!(p("1-").is_err());
        assert!(p("-1").is_err());
    }

    #[test]
    fn vcpu_rows_have_xls_columns() {
        let rows = [
            VcpuRow {
                name: "Domain-0".into(),
                domid: 0,
                vcpu: 1,
                online: true,
                cpu: 1,
                running: true,
                blocked: false,
                time_s: 6.2,
                hard: "all".into(),
                soft: "all".into(),
            },
            VcpuRow {
                name: "(null)".into(),
                domid: 3,
                vcpu: 0,
                online: false,
                cpu: 0,
                running: false,
                blocked: false,
                time_s: 0.0,
                hard: "1".into(),
                soft: "all".into(),
            },
        ];
        assert_eq!(
            render_vcpu_list(&rows),
            "Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)\n\
             Domain-0                             0     1    1   r--       6.2  all / all\n\
             (null)                               3     0    -   --p       0.0  1 / all\n"
        );
    }

    #[test]
    fn pool_rows_have_xls_columns() {
        let rows = [PoolRow {
            name: "Pool-0".into(),
            id: 0,
            cpus: vec![0, 1],
            sched: "credit2".into(),
            n_dom: 1,
        }];
        assert_eq!(
            render_cpupool_list(&rows, false),
            "Name               CPUs   Sched     Active   Domain count\n\
             Pool-0               2   credit2       y          1\n"
        );
        assert_eq!(
            render_cpupool_list(&rows, true),
            "Name               CPU list\nPool-0             0,1\n"
        );
    }

    #[test]
    fn credit2_rows_have_xls_columns() {
        let pools = [Credit2Pool {
            name: "Pool-0".into(),
            id: 0,
            ratelimit_us: Some(1000),
            domains: vec![Credit2Row {
                name: "Domain-0".into(),
                domid: 0,
                weight: 256,
                cap: 0,
            }],
        }];
        assert_eq!(
            render_credit2_list(&pools),
            "Cpupool Pool-0: ratelimit=1000us\n\
             Name                                ID Weight  Cap\n\
             Domain-0                             0    256    0\n"
        );
        assert_eq!(
            render_credit2_pool_line("P", None),
            "Cpupool P: [sched params unavailable]\n"
        );
    }
}
