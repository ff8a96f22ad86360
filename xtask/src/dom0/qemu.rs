//! Boots Xen + dom0 under QEMU (TCG), logs the serial console and judges
//! the run from the `/init` summary line.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::{bench, protocol};
use crate::Result;

/// Xen's command line: serial console, 1 GiB dom0 with 2 vCPUs (= `-smp`).
/// `console_to_ring`: Xen copies dom0's `console_io` writes into its ring
/// too, so the dom0 suite can read its marker back, and the host finds it
/// on the serial console.
const XEN_CMDLINE: &str =
    "console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M dom0_max_vcpus=2 console_to_ring";
/// The phases of a boot, each named by the serial line that starts it: so
/// that a slow boot says where its time went.
const PHASES: [(&str, &str); 4] = [
    ("Xen", "(XEN) Xen version"),
    ("dom0 kernel", "(XEN) Freed"),
    ("checks", protocol::INFO),
    ("bench", protocol::ROUND),
];
/// dom0's command line (a comma in it would have to be doubled for QEMU).
/// `tsc=reliable`: under TCG the vCPUs' TSCs are one host counter, but
/// Xen's per-CPU time calibrations drift apart by milliseconds on a busy
/// host. Without it, Linux 6.1 calls the TSCs unsynchronized and 6.12's
/// clocksource watchdog, comparing the TSC against Xen's clock, demotes it
/// in some boots and not others: dom0 then runs on the `xen` clocksource,
/// where every clock read is a 16 µs system call and the clock stands
/// still for milliseconds at a time (6.12 boots took 17 to 42 s). With it,
/// both kernels keep the TSC (a vDSO clock read, about 0.1 µs).
const DOM0_CMDLINE: &str = "console=hvc0 earlyprintk=xen tsc=reliable";

/// One boot: the files (all in `work`) and the limits.
pub struct Boot<'a> {
    /// The release booted (`4.20`), for messages.
    pub release: &'a str,
    /// Holds `xen`, `vmlinux` and `initrd.img`.
    pub work: &'a Path,
    /// How many checks a complete run reports.
    pub checks: usize,
    /// Where the serial output goes.
    pub log: &'a Path,
    /// When to give up.
    pub timeout: Duration,
}

/// What the serial console said.
#[derive(Default)]
struct Seen {
    /// `dom0: N passed, M failed`.
    summary: Option<(usize, usize)>,
    /// When each phase of the boot began (see `PHASES`).
    phases: Vec<(&'static str, Instant)>,
    /// The benchmark's samples, each with its round.
    bench: Vec<bench::Sample>,
    /// The console markers the dom0 suite wrote through `console_io`.
    markers: Vec<String>,
    /// The other serial lines that carry a marker (Xen's own output).
    echoes: Vec<String>,
}

/// What one boot found.
pub struct Report {
    /// `dom0: N passed, M failed`, if /init got that far.
    pub summary: Option<(usize, usize)>,
    /// How long QEMU ran.
    pub secs: f64,
    /// The benchmark's table.
    pub bench: Vec<bench::RowStats>,
    /// `Ok` only if every check passed (and the host's checks too).
    pub verdict: Result<()>,
}

/// Boots and waits; the report's verdict is `Ok` only if every check
/// passed. `Err` if QEMU could not be run at all.
pub fn run(boot: &Boot<'_>) -> Result<Report> {
    for name in ["xen", "vmlinux", "initrd.img"] {
        if !boot.work.join(name).is_file() {
            return Err(format!("{} missing", boot.work.join(name).display()));
        }
    }
    let log =
        File::create(boot.log).map_err(|e| format!("cannot create {}: {e}", boot.log.display()))?;
    let log = Arc::new(Mutex::new(log));
    let mut child = Command::new("qemu-system-x86_64")
        .args(["-machine", "q35", "-accel", "tcg", "-cpu", "qemu64"])
        .args(["-m", "2048", "-smp", "2"])
        .args([
            "-nographic",
            "-no-reboot",
            "-monitor",
            "none",
            "-serial",
            "stdio",
        ])
        .args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"])
        .args(["-kernel", "xen", "-append", XEN_CMDLINE])
        .args(["-initrd", &format!("vmlinux {DOM0_CMDLINE},initrd.img")])
        .current_dir(boot.work)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start qemu-system-x86_64: {e}"))?;
    let stdout = child.stdout.take().ok_or("qemu has no stdout")?;
    let stderr = child.stderr.take().ok_or("qemu has no stderr")?;
    let start = Instant::now();
    let serial = {
        let log = Arc::clone(&log);
        thread::spawn(move || follow(stdout, &log, true))
    };
    let errors = {
        let log = Arc::clone(&log);
        thread::spawn(move || follow(stderr, &log, false))
    };

    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= boot.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("waiting for qemu: {e}")),
        }
    };
    let seen = serial.join().unwrap_or_default();
    let _ = errors.join();
    let end = Instant::now();
    let secs = (end - start).as_secs_f64();
    println!(
        "xtask dom0 {}: time: {}",
        boot.release,
        phase_times(start, &seen.phases, end)
    );
    let bench = bench::report(boot.work, boot.release, &seen.bench);
    Ok(Report {
        summary: seen.summary,
        secs,
        bench,
        verdict: judge(boot, status, &seen, secs),
    })
}

/// The verdict on a boot that ended with `status` (`None`: timed out).
fn judge(boot: &Boot<'_>, status: Option<ExitStatus>, seen: &Seen, secs: f64) -> Result<()> {
    let where_ = format!("serial log: {}", boot.log.display());
    let Some(status) = status else {
        return Err(format!(
            "QEMU timed out after {}s (raise it with --timeout); {where_}",
            boot.timeout.as_secs()
        ));
    };
    // isa-debug-exit: status (value << 1) | 1; 0 after the poweroff fallback.
    let code = status.code();
    println!(
        "xtask dom0 {}: QEMU exited ({status}) after {secs:.1}s; {where_}",
        boot.release
    );
    match seen.summary {
        None => Err(format!(
            "dom0 printed no summary (crash or stuck /init?); {where_}"
        )),
        Some((_, failed)) if failed > 0 => Err(format!("{failed} dom0 check(s) failed; {where_}")),
        Some((passed, _)) if passed < boot.checks => Err(format!(
            "only {passed} of {} dom0 checks ran; {where_}",
            boot.checks
        )),
        Some(_) if !matches!(code, Some(0 | 1)) => Err(format!(
            "dom0 checks passed, but QEMU's exit status is unexpected; {where_}"
        )),
        Some(_) => markers_reached_serial(seen).map_err(|e| format!("{e}; {where_}")),
    }
}

/// Every marker the dom0 suite wrote with `console_io` must show up in
/// Xen's own serial output: the host side of the console check.
fn markers_reached_serial(seen: &Seen) -> Result<()> {
    if seen.markers.is_empty() {
        return Err("the dom0 suite wrote no console marker".into());
    }
    for marker in &seen.markers {
        if !seen
            .echoes
            .iter()
            .any(|line| line.contains(marker.as_str()))
        {
            return Err(format!(
                "console marker {marker} never reached the serial console"
            ));
        }
    }
    println!(
        "    {} console-marker-on-serial PASS ({} markers)",
        protocol::CHECK,
        seen.markers.len()
    );
    Ok(())
}

/// Copies `from` into the log line by line; on the serial console, echoes
/// the check lines and records the summary.
fn follow(from: impl Read, log: &Mutex<File>, serial: bool) -> Seen {
    let mut seen = Seen::default();
    let mut round = 0;
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return seen,
            Ok(_) => {}
        }
        if let Ok(mut log) = log.lock() {
            let _ = log.write_all(&line);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if !serial {
            eprintln!("qemu: {text}");
            continue;
        }
        let word_at = |word: &str| text.find(&format!("{word} "));
        if let Some(at) =
            word_at(protocol::SUMMARY).filter(|&at| protocol::summary(&text[at..]).is_some())
        {
            println!("    {}", &text[at..]);
            seen.summary = protocol::summary(&text[at..]);
        } else if let Some(at) = word_at(protocol::CHECK).or_else(|| word_at(protocol::INFO)) {
            println!("    {}", &text[at..]);
        }
        match bench::parse(text) {
            Some(bench::Line::Round(n)) => round = n,
            Some(bench::Line::Sample { side, row, ns }) => seen.bench.push(bench::Sample {
                round,
                side,
                row,
                ns,
            }),
            None => {}
        }
        if let Some(at) = word_at(protocol::MARKER) {
            let marker = &text[at + protocol::MARKER.len()..];
            seen.markers.push(marker.trim().to_owned());
        } else if text.contains(protocol::MARKER_PREFIX) {
            seen.echoes.push(text.to_owned());
        }
        for (name, line) in PHASES {
            // The first time only: xen-dmesg prints the ring again later.
            if text.contains(line) && !seen.phases.iter().any(|(n, _)| *n == name) {
                seen.phases.push((name, Instant::now()));
            }
        }
        for alarm in ["Kernel panic", "Panic on CPU", "crashed"] {
            if text.contains(alarm) {
                println!("    !! {text}");
            }
        }
    }
}

/// `QEMU 0.4 s, Xen 1.8 s, ...`: how long each phase seen lasted (from
/// `start`, each until the next, the last until `end`).
fn phase_times(start: Instant, phases: &[(&str, Instant)], end: Instant) -> String {
    let mut parts = Vec::new();
    let mut from = ("QEMU", start);
    for &(name, at) in phases.iter().chain([("", end)].iter()) {
        parts.push(format!(
            "{} {:.1} s",
            from.0,
            at.saturating_duration_since(from.1).as_secs_f64()
        ));
        from = (name, at);
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_timed_until_the_next() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let phases = [("Xen", at(400)), ("checks", at(2400))];
        assert_eq!(
            phase_times(start, &phases, at(3000)),
            "QEMU 0.4 s, Xen 2.0 s, checks 0.6 s"
        );
        assert_eq!(phase_times(start, &[], at(100)), "QEMU 0.1 s");
    }
}
