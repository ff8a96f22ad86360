//! The benchmark's table: hcbuf against libxencall in the same dom0 boot,
//! from the `PEER <row> <ns>` and `HCBUF <row> <ns>` lines on the serial
//! console. Informative only: nothing here judges the ratios.

use std::fs;
use std::path::Path;

/// One `PEER`/`HCBUF` line: which side, the row, the median in ns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// `true` for libxencall (`PEER`), `false` for hcbuf (`HCBUF`).
    pub peer: bool,
    /// The row's name.
    pub row: String,
    /// The median, in nanoseconds.
    pub ns: u64,
}

/// Parses a serial line holding `PEER <row> <ns>` or `HCBUF <row> <ns>`.
pub fn parse(line: &str) -> Option<Sample> {
    let (peer, at) = [("PEER ", true), ("HCBUF ", false)]
        .iter()
        .find_map(|&(tag, peer)| {
            line.find(tag)
                .filter(|&at| at == 0 || !line.as_bytes()[at - 1].is_ascii_alphanumeric())
                .map(|at| (peer, at + tag.len()))
        })?;
    let mut words = line[at..].split_whitespace();
    let row = words.next()?.to_string();
    let ns = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    Some(Sample { peer, row, ns })
}

/// Prints the table and writes it to `work/bench.tsv` (if there are any
/// samples).
pub fn report(work: &Path, samples: &[Sample]) {
    if samples.is_empty() {
        return;
    }
    let mut rows: Vec<&str> = Vec::new();
    for s in samples {
        if !rows.contains(&s.row.as_str()) {
            rows.push(&s.row);
        }
    }
    let find = |row: &str, peer: bool| {
        samples
            .iter()
            .rev()
            .find(|s| s.row == row && s.peer == peer)
            .map(|s| s.ns)
    };
    let mut tsv = String::from("row\tlibxencall_ns\thcbuf_ns\tratio\n");
    println!("xtask dom0: benchmark (median ns per op, in dom0 under TCG; informative only)");
    println!(
        "    {:<16} | {:>13} | {:>9} | {:>24}",
        "row", "libxencall ns", "hcbuf ns", "ratio (libxencall/hcbuf)"
    );
    println!("    {:-<16}-+-{:->13}-+-{:->9}-+-{:->24}", "", "", "", "");
    let text = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
    for row in rows {
        let (peer, ours) = (find(row, true), find(row, false));
        let ratio = match (peer, ours) {
            (Some(p), Some(h)) if h > 0 => format!("{:.2}", p as f64 / h as f64),
            _ => "-".to_string(),
        };
        println!(
            "    {row:<16} | {:>13} | {:>9} | {ratio:>24}",
            text(peer),
            text(ours)
        );
        tsv.push_str(&format!("{row}\t{}\t{}\t{ratio}\n", text(peer), text(ours)));
    }
    let path = work.join("bench.tsv");
    match fs::write(&path, tsv) {
        Ok(()) => println!("xtask dom0: benchmark table written to {}", path.display()),
        Err(e) => eprintln!("xtask dom0: cannot write {}: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_sides() {
        let s = parse("PEER version 51234").unwrap();
        assert_eq!((s.peer, s.row.as_str(), s.ns), (true, "version", 51234));
        let s = parse("[  1.0] HCBUF version16 900").unwrap();
        assert_eq!((s.peer, s.row.as_str(), s.ns), (false, "version16", 900));
        assert_eq!(parse("DOM0RUN bench: sh -c '/bin/x'"), None);
        assert_eq!(parse("PEER version fast"), None);
        assert_eq!(parse("XPEER version 1"), None);
    }
}
