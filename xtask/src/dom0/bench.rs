//! The benchmark's table: hcbuf against the physical floor (a bare
//! `IOCTL_PRIVCMD_HYPERCALL` on buffers set up once) and against
//! libxencall, in the same dom0 boot, from the serial console's
//! `BENCHROUND <n>` lines and each side's `FLOOR`/`HCBUF`/`PEER <row> <ns>`
//! lines (the median ns of one op in that run).
//!
//! TCG's speed drifts during a boot (by several percent over tens of
//! seconds), so the sides are measured in interleaved rounds, each running
//! every side for every row; the ratios are taken within a round and then
//! summarised over the rounds: their median, and their spread (min–max).
//! Informative only: nothing here fails the run.
//!
//! The sides time with the TSC, not `clock_gettime`: dom0's clock under TCG
//! is only as good as its clocksource. On Xen's (`xen`), the vCPUs' time
//! drifts apart by milliseconds on a busy host (Xen calibrates each CPU's
//! once a second) and Linux keeps the clock monotonic by returning the last
//! value any vCPU read until the lagging one catches up: whole samples read
//! 0 ns (seen in 2 of 5 rounds before the harness booted dom0 with
//! `tsc=reliable`, see `qemu.rs`). Reading the TSC directly keeps the
//! measurement independent of the clocksource. The TSC is QEMU's host-based
//! counter; the script converts it with one rate for every side (the
//! kernel's `cpu MHz`, which a PV guest takes from Xen) and pins every side
//! to one vCPU, so no sample spans two vCPUs' counters.
//!
//! The `clock` row is calibration, not a hypercall: it times one clock
//! read (Rust's `Instant::now` against C's `clock_gettime`), which hcbuf
//! pays only when tracing. It is shown, but not judged against the goal.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::guest::{HCBUF_BENCH, PEER_BENCH};
use super::protocol;

/// The rounds the guest runs (each: every row, all three sides).
pub const ROUNDS: u32 = 5;
/// The rows, in the order the guest runs them: the same names on every
/// side (`hcbuf-dom0-bench` and `peer-bench` each know them).
pub const ROWS: [&str; 7] = [
    "clock",
    "version",
    "extraversion",
    "physinfo",
    "domainlist1024",
    "readconsole64k",
    "version16",
];
/// The vCPU every side runs on (1: vCPU 0 takes the console's interrupts).
const BENCH_CPU: u32 = 1;
/// hcbuf's goal: within this of the floor (a ratio), on every hypercall
/// row.
pub const GOAL: f64 = 1.03;
/// The row that times a clock read, not a hypercall (not judged).
const CALIBRATION: &str = "clock";

/// Who made the calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The bare ioctl on buffers set up once (`FLOOR`).
    Floor,
    /// hcbuf (`HCBUF`).
    Hcbuf,
    /// Debian's libxencall (`PEER`).
    Libxencall,
}

impl Side {
    /// Every side, in the order a round starts with (rotated per row).
    pub const ALL: [Side; 3] = [Side::Libxencall, Side::Floor, Side::Hcbuf];

    fn tag(self) -> &'static str {
        match self {
            Side::Floor => protocol::FLOOR,
            Side::Hcbuf => protocol::HCBUF,
            Side::Libxencall => protocol::PEER,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Side::Floor => "floor",
            Side::Hcbuf => "hcbuf",
            Side::Libxencall => "libxencall",
        }
    }

    /// The guest command that measures `row` on this side.
    pub fn command(self, row: &str) -> String {
        match self {
            Side::Floor => format!("/bin/{PEER_BENCH} floor {row}"),
            Side::Hcbuf => format!("/bin/{HCBUF_BENCH} {row}"),
            Side::Libxencall => format!("/bin/{PEER_BENCH} libxencall {row}"),
        }
    }
}

/// A benchmark line of the serial console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// `BENCHROUND <n>`: the samples that follow are round `n`'s.
    Round(u32),
    /// `<TAG> <row> <ns>`: one side's median for a row.
    Sample {
        /// The side.
        side: Side,
        /// The row's name.
        row: String,
        /// The median, in nanoseconds.
        ns: u64,
    },
}

/// One sample with its round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The round (from the last `BENCHROUND`; 0 before any).
    pub round: u32,
    /// The side.
    pub side: Side,
    /// The row's name.
    pub row: String,
    /// The median, in nanoseconds.
    pub ns: u64,
}

/// Parses a serial line holding `BENCHROUND <n>` or `<TAG> <row> <ns>`
/// (the tag a whole word; anything may precede it, such as a timestamp).
pub fn parse(line: &str) -> Option<Line> {
    let word_at = |tag: &str| {
        line.find(tag)
            .filter(|&at| at == 0 || !line.as_bytes()[at - 1].is_ascii_alphanumeric())
            .map(|at| at + tag.len())
    };
    if let Some(at) = word_at(&format!("{} ", protocol::ROUND)) {
        return line[at..].trim().parse().ok().map(Line::Round);
    }
    let (side, at) = Side::ALL
        .iter()
        .find_map(|&side| word_at(&format!("{} ", side.tag())).map(|at| (side, at)))?;
    let mut words = line[at..].split_whitespace();
    let row = words.next()?.to_string();
    let ns = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    Some(Line::Sample { side, row, ns })
}

/// A ratio over the rounds: the median and the range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// The median over the rounds.
    pub median: f64,
    /// The smallest round's.
    pub min: f64,
    /// The largest round's.
    pub max: f64,
}

impl Spread {
    /// `None` for no values.
    fn of(values: &[f64]) -> Option<Spread> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        Some(Spread {
            median: median(&v),
            min: v[0],
            max: v[v.len() - 1],
        })
    }

    fn text(&self, decimals: usize) -> String {
        format!(
            "{:.d$} [{:.d$}–{:.d$}]",
            self.median,
            self.min,
            self.max,
            d = decimals
        )
    }
}

/// The median of sorted values (the mean of the middle two for an even
/// count).
fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct RowStats {
    /// The row's name.
    pub row: String,
    /// The rounds in which all three sides measured it.
    pub rounds: usize,
    /// Each side's median over those rounds, in ns.
    pub floor_ns: f64,
    /// hcbuf's.
    pub hcbuf_ns: f64,
    /// libxencall's.
    pub libxencall_ns: f64,
    /// hcbuf / floor per round (1.00: as fast as the bare ioctl).
    pub hcbuf_over_floor: Spread,
    /// libxencall / hcbuf per round (above 1: hcbuf is faster).
    pub libxencall_over_hcbuf: Spread,
}

/// The table: per row, over the rounds in which all three sides measured
/// it (a round missing a side is left out of that row). Rows in first-seen
/// order.
pub fn table(samples: &[Sample]) -> Vec<RowStats> {
    let mut rows: Vec<&str> = Vec::new();
    for s in samples {
        if !rows.contains(&s.row.as_str()) {
            rows.push(&s.row);
        }
    }
    let mut rounds: Vec<u32> = samples.iter().map(|s| s.round).collect();
    rounds.sort_unstable();
    rounds.dedup();
    let mut out = Vec::new();
    for row in rows {
        // The last sample of a side in a round counts (a round is one run
        // of each side per row).
        let find = |round: u32, side: Side| {
            samples
                .iter()
                .rev()
                .find(|s| s.round == round && s.side == side && s.row == row)
                .map(|s| s.ns as f64)
        };
        let complete: Vec<[f64; 3]> = rounds
            .iter()
            .filter_map(|&r| {
                Some([
                    find(r, Side::Floor)?,
                    find(r, Side::Hcbuf)?,
                    find(r, Side::Libxencall)?,
                ])
            })
            .filter(|[floor, hcbuf, _]| *floor > 0.0 && *hcbuf > 0.0)
            .collect();
        let column = |i: usize| {
            let v: Vec<f64> = complete.iter().map(|c| c[i]).collect();
            Spread::of(&v)
        };
        let ratio = |num: usize, den: usize| {
            let v: Vec<f64> = complete.iter().map(|c| c[num] / c[den]).collect();
            Spread::of(&v)
        };
        let (Some(floor), Some(hcbuf), Some(peer), Some(hf), Some(lh)) =
            (column(0), column(1), column(2), ratio(1, 0), ratio(2, 1))
        else {
            continue;
        };
        out.push(RowStats {
            row: row.to_string(),
            rounds: complete.len(),
            floor_ns: floor.median,
            hcbuf_ns: hcbuf.median,
            libxencall_ns: peer.median,
            hcbuf_over_floor: hf,
            libxencall_over_hcbuf: lh,
        });
    }
    out
}

/// The printed table.
pub fn render(release: &str, rows: &[RowStats]) -> String {
    let mut s = String::new();
    let rounds = rows.iter().map(|r| r.rounds).max().unwrap_or(0);
    let _ = writeln!(
        s,
        "xtask dom0 {release}: benchmark, {rounds} interleaved rounds in one boot under TCG \
         (ns: median over rounds of each run's median per op; ratios: median [min–max] over rounds)"
    );
    let _ = writeln!(
        s,
        "    {:<15} | {:>9} | {:>9} | {:>13} | {:>21} | {:>21}",
        "row", "floor ns", "hcbuf ns", "libxencall ns", "hcbuf/floor", "libxencall/hcbuf"
    );
    let _ = writeln!(
        s,
        "    {:-<15}-+-{:->9}-+-{:->9}-+-{:->13}-+-{:->21}-+-{:->21}",
        "", "", "", "", "", ""
    );
    for r in rows {
        let _ = writeln!(
            s,
            "    {:<15} | {:>9.0} | {:>9.0} | {:>13.0} | {:>21} | {:>21}",
            r.row,
            r.floor_ns,
            r.hcbuf_ns,
            r.libxencall_ns,
            r.hcbuf_over_floor.text(3),
            r.libxencall_over_hcbuf.text(2)
        );
    }
    let judged = judged(rows);
    let over: Vec<String> = judged
        .iter()
        .filter(|r| r.hcbuf_over_floor.median > GOAL)
        .map(|r| format!("{} {:.3}", r.row, r.hcbuf_over_floor.median))
        .collect();
    let _ = write!(
        s,
        "    hcbuf within {:.0}% of the floor (median hcbuf/floor <= {GOAL}) on {} of {} hypercall rows",
        (GOAL - 1.0) * 100.0,
        judged.len() - over.len(),
        judged.len()
    );
    if !over.is_empty() {
        let _ = write!(s, "; over: {}", over.join(", "));
    }
    s.push('\n');
    s
}

/// The rows judged against the goal: every hypercall row.
pub fn judged(rows: &[RowStats]) -> Vec<&RowStats> {
    rows.iter().filter(|r| r.row != CALIBRATION).collect()
}

/// The machine-readable table (`bench.tsv`).
pub fn tsv(rows: &[RowStats]) -> String {
    let mut s = String::from(
        "row\trounds\tfloor_ns\thcbuf_ns\tlibxencall_ns\t\
         hcbuf_over_floor\thcbuf_over_floor_min\thcbuf_over_floor_max\t\
         libxencall_over_hcbuf\tlibxencall_over_hcbuf_min\tlibxencall_over_hcbuf_max\n",
    );
    for r in rows {
        let (hf, lh) = (r.hcbuf_over_floor, r.libxencall_over_hcbuf);
        let _ = writeln!(
            s,
            "{}\t{}\t{:.0}\t{:.0}\t{:.0}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}",
            r.row,
            r.rounds,
            r.floor_ns,
            r.hcbuf_ns,
            r.libxencall_ns,
            hf.median,
            hf.min,
            hf.max,
            lh.median,
            lh.min,
            lh.max
        );
    }
    s
}

/// Every sample as measured (`bench-rounds.tsv`).
fn raw(samples: &[Sample]) -> String {
    let mut s = String::from("round\trow\tside\tns\n");
    for x in samples {
        let _ = writeln!(s, "{}\t{}\t{}\t{}", x.round, x.row, x.side.name(), x.ns);
    }
    s
}

/// Prints the table and writes `work/bench.tsv` and `work/bench-rounds.tsv`
/// (if there are any samples); returns the table.
pub fn report(work: &Path, release: &str, samples: &[Sample]) -> Vec<RowStats> {
    if samples.is_empty() {
        return Vec::new();
    }
    let rows = table(samples);
    print!("{}", render(release, &rows));
    for (name, text) in [
        ("bench.tsv", tsv(&rows)),
        ("bench-rounds.tsv", raw(samples)),
    ] {
        let path = work.join(name);
        if let Err(e) = fs::write(&path, text) {
            eprintln!("xtask dom0: cannot write {}: {e}", path.display());
        }
    }
    println!(
        "xtask dom0 {release}: benchmark table written to {}",
        work.join("bench.tsv").display()
    );
    rows
}

/// The guest script that runs the rounds: every row on every side, the
/// sides' order rotated from row to row and round to round, so that no
/// side always runs first (right after the previous row's slowest side)
/// or last.
pub fn script() -> String {
    let mut s = String::from(
        "#!/bin/sh\n# The dom0 benchmark's interleaved rounds, written by `cargo xtask dom0`.\nset -e\n",
    );
    s.push_str(
        &"BENCH_TSC_KHZ=$(awk '/^cpu MHz/ { printf \"%d\", $4 * 1000; exit }' /proc/cpuinfo)\n\
          echo \"@TSC@ $BENCH_TSC_KHZ kHz\"\n\
          test \"$BENCH_TSC_KHZ\" -gt 0\n\
          export BENCH_TSC_KHZ\n"
            .replace("@TSC@", protocol::TSC),
    );
    for round in 1..=ROUNDS {
        let _ = writeln!(s, "echo \"{} {round}\"", protocol::ROUND);
        for (i, row) in ROWS.iter().enumerate() {
            for k in 0..Side::ALL.len() {
                let side = Side::ALL[(k + i + round as usize) % Side::ALL.len()];
                let _ = writeln!(s, "taskset -c {BENCH_CPU} {}", side.command(row));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(round: u32, side: Side, row: &str, ns: u64) -> Sample {
        Sample {
            round,
            side,
            row: row.into(),
            ns,
        }
    }

    #[test]
    fn parses_rounds_and_all_three_sides() {
        assert_eq!(parse("BENCHROUND 3"), Some(Line::Round(3)));
        assert_eq!(
            parse("PEER version 51234"),
            Some(Line::Sample {
                side: Side::Libxencall,
                row: "version".into(),
                ns: 51234
            })
        );
        assert_eq!(
            parse("[  1.0] HCBUF version16 900"),
            Some(Line::Sample {
                side: Side::Hcbuf,
                row: "version16".into(),
                ns: 900
            })
        );
        assert_eq!(
            parse("FLOOR readconsole64k 37000"),
            Some(Line::Sample {
                side: Side::Floor,
                row: "readconsole64k".into(),
                ns: 37000
            })
        );
        assert_eq!(parse("DOM0RUN bench: sh -c '/bin/x'"), None);
        assert_eq!(parse("PEER version fast"), None);
        assert_eq!(parse("XPEER version 1"), None);
        assert_eq!(parse("FLOOR version 1 2"), None);
        assert_eq!(parse("BENCHROUND x"), None);
    }

    #[test]
    fn ratios_are_taken_per_round_then_summarised() {
        // Round 2 runs 10% slower on every side (TCG drift): the per-round
        // ratios do not see it.
        let mut samples = Vec::new();
        for (round, scale) in [(1, 1.0), (2, 1.1), (3, 1.0)] {
            let ns = |v: f64| (v * scale) as u64;
            samples.push(sample(round, Side::Floor, "version", ns(1000.0)));
            samples.push(sample(round, Side::Hcbuf, "version", ns(1010.0)));
            samples.push(sample(round, Side::Libxencall, "version", ns(2020.0)));
        }
        // A different hcbuf ratio in round 3.
        samples[7].ns = 1050;
        let t = table(&samples);
        assert_eq!(t.len(), 1);
        let r = &t[0];
        assert_eq!((r.row.as_str(), r.rounds), ("version", 3));
        assert_eq!(r.floor_ns, 1000.0);
        assert_eq!(r.hcbuf_ns, 1050.0);
        let hf = r.hcbuf_over_floor;
        assert!((hf.median - 1.01).abs() < 1e-9, "{hf:?}");
        assert!((hf.min - 1.01).abs() < 1e-9 && (hf.max - 1.05).abs() < 1e-9);
        let lh = r.libxencall_over_hcbuf;
        assert!((lh.max - 2.0).abs() < 1e-9, "{lh:?}");
        assert!((lh.min - 2020.0 / 1050.0).abs() < 1e-9, "{lh:?}");
    }

    #[test]
    fn incomplete_rounds_are_left_out_and_even_counts_average() {
        let samples = vec![
            sample(1, Side::Floor, "physinfo", 100),
            sample(1, Side::Hcbuf, "physinfo", 110),
            sample(1, Side::Libxencall, "physinfo", 220),
            sample(2, Side::Floor, "physinfo", 100),
            sample(2, Side::Hcbuf, "physinfo", 130),
            sample(2, Side::Libxencall, "physinfo", 260),
            // Round 3 never measured libxencall.
            sample(3, Side::Floor, "physinfo", 100),
            sample(3, Side::Hcbuf, "physinfo", 500),
            // A row with no complete round gives no line.
            sample(1, Side::Hcbuf, "clock", 5),
        ];
        let t = table(&samples);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rounds, 2);
        assert!((t[0].hcbuf_over_floor.median - 1.2).abs() < 1e-9);
        assert_eq!(t[0].hcbuf_ns, 120.0);
        assert!((t[0].libxencall_over_hcbuf.median - 2.0).abs() < 1e-9);
        let text = render("4.20", &t);
        assert!(text.contains("1.200 [1.100–1.300]"), "{text}");
        assert!(text.contains("within 3% of the floor"), "{text}");
        assert!(text.contains("over: physinfo 1.200"), "{text}");
        assert!(text.contains("on 0 of 1 hypercall rows"), "{text}");
        let tsv = tsv(&t);
        assert!(
            tsv.lines()
                .nth(1)
                .unwrap()
                .starts_with("physinfo\t2\t100\t120\t240\t1.2000\t1.1000\t1.3000\t2.0000"),
            "{tsv}"
        );
        assert!(table(&[]).is_empty());
    }

    #[test]
    fn the_script_runs_every_side_for_every_row_in_every_round() {
        let s = script();
        assert_eq!(s.matches("BENCHROUND").count(), ROUNDS as usize);
        for side in Side::ALL {
            for row in ROWS {
                let line = format!("taskset -c {BENCH_CPU} {}", side.command(row));
                assert_eq!(
                    s.lines().filter(|l| *l == line).count(),
                    ROUNDS as usize,
                    "{side:?} {row}"
                );
            }
        }
        // The first command of a round's first row is not always the same.
        let firsts: Vec<&str> = s
            .lines()
            .skip_while(|l| !l.starts_with("echo \"BENCHROUND"))
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| w[0].starts_with("echo \"BENCHROUND"))
            .map(|w| w[1])
            .collect();
        assert!(firsts.windows(2).all(|w| w[0] != w[1]), "{firsts:?}");
    }
}
