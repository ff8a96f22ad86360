//! `hcbuf-dom0-bench`: times hypercalls made through hcbuf inside dom0
//! (the privcmd backend, buffers from `Pool::new()`), row for row as
//! `cargo xtask dom0`'s C sides (libxencall, and the bare-ioctl floor)
//! make them. Prints `HCBUF <row> <median ns>` per row; fails only if a
//! call fails, never on speed.
//!
//! Usage: `BENCH_TSC_KHZ=<kHz> hcbuf-dom0-bench [ROW...]` (default: every
//! row, in order), so that the harness can interleave the sides row by
//! row. Time is read from the TSC and converted to ns with `BENCH_TSC_KHZ`,
//! the same for every side: dom0's clock under TCG is only as good as its
//! clocksource (on Xen's, it stands still for milliseconds at a time when
//! the vCPUs' Xen time has drifted apart, and whole samples read 0 ns).

use hcbuf_core::Release;
use std::process::ExitCode;
use std::time::Instant;

use hcbuf_core::api::{Batch, Error, Xen};
use hcbuf_core::backend::privcmd::Privcmd;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::domctl::GetDomainInfo;
use hcbuf_core::xen::sysctl::{GetDomainInfoList, ReadConsole};
use hcbuf_core::xen::version::{ExtraVersion, Version, VersionNumber};
use hcbuf_core::{Backend, Pool};

/// The domains one `getdomaininfolist` has room for.
const MAX_DOMAINS: usize = 1024;
/// The bytes one `readconsole` has room for.
const CONSOLE_BYTES: usize = 64 << 10;
/// The calls in the batched row.
const BATCH: usize = 16;
/// Timed samples per row (odd: the median is one of them).
const SAMPLES: usize = 51;

type Outcome = Result<(), String>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => hcbuf_examples::fail(&e),
    }
}

/// Each row: its name, how many ops one timed sample runs, the op.
type Row = (&'static str, u32, fn(&Xen<Privcmd>, Release) -> Outcome);

const ROWS: [Row; 7] = [
    // What one clock read costs (a system call on the `xen` clocksource,
    // a vDSO read on the TSC): the typed API reads it around a call only
    // when tracing. Calibration, not a hypercall.
    ("clock", 32, |_, _| {
        std::hint::black_box(Instant::now());
        Ok(())
    }),
    ("version", 32, |xen, _| version(xen)),
    ("extraversion", 32, |xen, _| extraversion(xen)),
    ("physinfo", 32, |xen, _| {
        xen.physinfo().map(drop).map_err(|e| e.to_string())
    }),
    ("domainlist1024", 8, domain_list),
    ("readconsole64k", 8, read_console),
    ("version16", 8, |xen, _| version16(xen)),
];

fn run() -> Outcome {
    let tsc_khz: u64 = std::env::var("BENCH_TSC_KHZ")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&khz| khz > 0)
        .ok_or("BENCH_TSC_KHZ (the TSC's rate in kHz) is not set")?;
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    if let Some(unknown) = wanted.iter().find(|w| !ROWS.iter().any(|r| r.0 == *w)) {
        let names: Vec<&str> = ROWS.iter().map(|r| r.0).collect();
        return Err(format!(
            "no row {unknown:?} (usage: hcbuf-dom0-bench [ROW...]; rows: {})",
            names.join(" ")
        ));
    }
    let privcmd = Privcmd::open().map_err(|e| e.to_string())?;
    let pool = Pool::new().map_err(|e| format!("Pool::new: {e}"))?;
    let xen = Xen::new(privcmd, pool);
    // Detected once, before timing (the typed calls detect it on first
    // use too).
    let release = xen.release().map_err(|e| e.to_string())?;
    for (name, per, op) in ROWS {
        if wanted.is_empty() || wanted.iter().any(|w| w == name) {
            bench(name, per, tsc_khz, || op(&xen, release))?;
        }
    }
    Ok(())
}

/// The TSC.
fn ticks() -> u64 {
    // SAFETY: `rdtsc` reads a counter; it has no preconditions and touches
    // no memory.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// Runs `op` a few times, then `samples` times `per` runs, each run of
/// `per` timed as one (a clock read costs about as much as a hypercall
/// here); prints the median time of one `op`. The same loop as the C
/// sides'.
fn bench(row: &str, per: u32, tsc_khz: u64, mut op: impl FnMut() -> Outcome) -> Outcome {
    for _ in 0..per + 2 {
        op().map_err(|e| format!("{row}: {e}"))?;
    }
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let start = ticks();
        for _ in 0..per {
            op().map_err(|e| format!("{row}: {e}"))?;
        }
        let elapsed = u128::from(ticks().wrapping_sub(start));
        times.push(elapsed * 1_000_000 / u128::from(tsc_khz) / u128::from(per));
    }
    times.sort_unstable();
    println!("HCBUF {row} {}", times[SAMPLES / 2]);
    Ok(())
}

fn xen_error(call: &'static str) -> impl Fn(hcbuf_core::XenErrno) -> String {
    move |errno| Error::Xen { call, errno }.to_string()
}

/// `XENVER_version`: no buffer.
fn version(xen: &Xen<Privcmd>) -> Outcome {
    let call = VersionNumber::default();
    let v = xen
        .backend()
        .hypercall(&call)
        .map_err(xen_error("xen_version version"))?;
    if v >> 16 == 0 {
        return Err(format!("xen_version version: {v:#x}"));
    }
    Ok(())
}

/// `XENVER_extraversion` (the command `Version<ExtraVersion>` carries): a
/// 16-byte buffer from the pool.
fn extraversion(xen: &Xen<Privcmd>) -> Outcome {
    let mut buf = xen
        .pool()
        .boxed::<ExtraVersion>()
        .map_err(|e| e.to_string())?;
    xen.backend()
        .hypercall(&Version {
            buf: buf.handle_mut(),
        })
        .map_err(xen_error("xen_version extraversion"))?;
    Ok(())
}

/// `XEN_SYSCTL_getdomaininfolist` into room for `MAX_DOMAINS` entries.
fn domain_list(xen: &Xen<Privcmd>, release: Release) -> Outcome {
    let pool = xen.pool();
    let mut buffer = pool
        .slice::<GetDomainInfo>(MAX_DOMAINS)
        .map_err(|e| e.to_string())?;
    let mut ask = GetDomainInfoList::default();
    ask.set_max_domains(MAX_DOMAINS as u32)
        .and_then(|()| ask.set_buffer(buffer.lend_mut()))
        .map_err(|e| e.to_string())?;
    let mut op = Op::sysctl(release, pool, ask).map_err(|e| e.to_string())?;
    xen.backend()
        .hypercall(&op.call())
        .map_err(xen_error("sysctl getdomaininfolist"))?;
    if op.payload().num_domains < 1 {
        return Err("sysctl getdomaininfolist: no domains".into());
    }
    Ok(())
}

/// `XEN_SYSCTL_readconsole` of the whole ring into `CONSOLE_BYTES`.
fn read_console(xen: &Xen<Privcmd>, release: Release) -> Outcome {
    let pool = xen.pool();
    let mut buffer = pool.slice::<u8>(CONSOLE_BYTES).map_err(|e| e.to_string())?;
    let mut ask = ReadConsole::default();
    ask.set_count(CONSOLE_BYTES as u32)
        .and_then(|()| ask.set_buffer(buffer.lend_mut()))
        .map_err(|e| e.to_string())?;
    let mut op = Op::sysctl(release, pool, ask).map_err(|e| e.to_string())?;
    xen.backend()
        .hypercall(&op.call())
        .map_err(xen_error("sysctl readconsole"))?;
    if op.payload().count() == 0 {
        return Err("sysctl readconsole: no text".into());
    }
    Ok(())
}

/// 16 `XENVER_version` calls in one multicall.
fn version16(xen: &Xen<Privcmd>) -> Outcome {
    let call = VersionNumber::default();
    let mut batch = Batch::with_capacity(BATCH);
    for _ in 0..BATCH {
        batch.push(&call);
    }
    let results = xen.multicall(batch).map_err(|e| e.to_string())?;
    if results.len() != BATCH {
        return Err(format!("multicall: {} results", results.len()));
    }
    for result in results {
        result.map_err(xen_error("multicall xen_version version"))?;
    }
    Ok(())
}
