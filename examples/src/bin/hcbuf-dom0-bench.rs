//! `hcbuf-dom0-bench`: times hypercalls made through hcbuf inside dom0
//! (the privcmd backend, buffers from `Pool::new()`), row for row as
//! `cargo xtask dom0`'s libxencall benchmark makes them. Prints
//! `HCBUF <row> <median ns>` per row; fails only if a call fails, never on
//! speed.

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

fn run() -> Outcome {
    let privcmd = Privcmd::open().map_err(|e| e.to_string())?;
    let pool = Pool::new().map_err(|e| format!("Pool::new: {e}"))?;
    let xen = Xen::new(privcmd, pool);
    // What one clock read costs (a PV dom0 has no vDSO clock): the typed
    // API reads the clock around each call it issues.
    bench("clock", 32, || {
        std::hint::black_box(Instant::now());
        Ok(())
    })?;
    bench("version", 32, || version(&xen))?;
    bench("extraversion", 32, || extraversion(&xen))?;
    bench("physinfo", 32, || {
        xen.physinfo().map(drop).map_err(|e| e.to_string())
    })?;
    bench("domainlist1024", 8, || domain_list(&xen))?;
    bench("readconsole64k", 8, || read_console(&xen))?;
    bench("version16", 8, || version16(&xen))?;
    Ok(())
}

/// Runs `op` a few times, then `samples` times `per` runs, each run of
/// `per` timed as one (a clock read costs about as much as a hypercall
/// here); prints the median time of one `op`.
fn bench(row: &str, per: u32, mut op: impl FnMut() -> Outcome) -> Outcome {
    for _ in 0..per + 2 {
        op().map_err(|e| format!("{row}: {e}"))?;
    }
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let start = Instant::now();
        for _ in 0..per {
            op().map_err(|e| format!("{row}: {e}"))?;
        }
        times.push(start.elapsed().as_nanos() / u128::from(per));
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
fn domain_list(xen: &Xen<Privcmd>) -> Outcome {
    let pool = xen.pool();
    let mut buffer = pool
        .slice::<GetDomainInfo>(MAX_DOMAINS)
        .map_err(|e| e.to_string())?;
    let mut ask = GetDomainInfoList::default();
    ask.set_max_domains(MAX_DOMAINS as u32)
        .and_then(|()| ask.set_buffer(buffer.lend_mut()))
        .map_err(|e| e.to_string())?;
    let mut op = Op::sysctl(Release::Xen4_17, pool, ask).map_err(|e| e.to_string())?;
    xen.backend()
        .hypercall(&op.call())
        .map_err(xen_error("sysctl getdomaininfolist"))?;
    if op.payload().num_domains < 1 {
        return Err("sysctl getdomaininfolist: no domains".into());
    }
    Ok(())
}

/// `XEN_SYSCTL_readconsole` of the whole ring into `CONSOLE_BYTES`.
fn read_console(xen: &Xen<Privcmd>) -> Outcome {
    let pool = xen.pool();
    let mut buffer = pool.slice::<u8>(CONSOLE_BYTES).map_err(|e| e.to_string())?;
    let mut ask = ReadConsole::default();
    ask.set_count(CONSOLE_BYTES as u32)
        .and_then(|()| ask.set_buffer(buffer.lend_mut()))
        .map_err(|e| e.to_string())?;
    let mut op = Op::sysctl(Release::Xen4_17, pool, ask).map_err(|e| e.to_string())?;
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
    let mut batch = Batch::new();
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
