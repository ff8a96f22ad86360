//! The cost hcbuf adds to a typed call, without Xen's: the typed API's
//! methods on a backend that answers at once, so what is timed is the
//! pool buffer, the release check, the lowering and the answer's decoding.
//! TSV rows in the pool benchmark's format (`bench size iters min_ns
//! median_ns max_ns`, ns per call; `size` is the buffer's bytes).
//!
//! ```text
//! cargo bench -p hcbuf-core --bench call
//! HCBUF_BENCH_TSV=call.tsv cargo bench -p hcbuf-core --bench call
//! ```
//!
//! The first rows use only what every version of the API has
//! (`Xen::new`, `physinfo`, `domain`, `version`), so the same file
//! measures an older commit for comparison; `batch16` is 16
//! `XENVER_version` calls in one multicall.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use hcbuf_core::api::Xen;
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{Backend, HypercallArgs, Pool, XenErrno};

/// A Xen that answers every call at once: `XENVER_version` with 4.17 (so
/// a handle detects its release), everything else with 0 and its buffer
/// untouched.
struct Instant0;

impl Backend for Instant0 {
    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let registers = black_box(args.registers());
        if A::OP == u64::from(__HYPERVISOR_xen_version) && registers[0] == 0 {
            return Ok(4 << 16 | 17);
        }
        Ok(0)
    }
}

/// min, median, max of `repeats` runs of `iters` calls of `op`, in ns per
/// call.
fn measure(repeats: usize, iters: u64, mut op: impl FnMut()) -> (f64, f64, f64) {
    for _ in 0..iters / 10 + 1 {
        op();
    }
    let mut v: Vec<f64> = (0..repeats)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..iters {
                op();
            }
            t0.elapsed().as_nanos() as f64 / iters as f64
        })
        .collect();
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn main() {
    // `cargo test --benches` runs us without `--bench`: one quick pass.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (repeats, iters) = if quick { (1, 100) } else { (9, 200_000) };
    let pool = match Pool::new() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("call benchmark: cannot create the pool: {e}");
            std::process::exit(1);
        }
    };
    let xen = Xen::new(Instant0, pool);
    let mut out = String::from("bench\tsize\titers\tmin_ns\tmedian_ns\tmax_ns\n");
    let mut row = |name: &str, size: usize, op: &mut dyn FnMut()| {
        let (min, median, max) = measure(repeats, iters, op);
        eprintln!("  {name:<18} median {median:>8.1} ns");
        out.push_str(&format!(
            "{name}\t{size}\t{iters}\t{min:.1}\t{median:.1}\t{max:.1}\n"
        ));
    };
    row("xen_version", 0, &mut || {
        black_box(xen.version().expect("version"));
    });
    row("xen_physinfo", 136, &mut || {
        black_box(xen.physinfo().expect("physinfo"));
    });
    row("xen_domain", 144, &mut || {
        black_box(xen.domain(0).expect("getdomaininfo"));
    });
    let number = hcbuf_core::xen::version::VersionNumber::default();
    row("batch16", 16 * 64, &mut || {
        let mut batch = hcbuf_core::api::Batch::with_capacity(16);
        for _ in 0..16 {
            batch.push(&number);
        }
        black_box(xen.multicall(batch).expect("multicall"));
    });
    match std::env::var_os("HCBUF_BENCH_TSV") {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, &out) {
                eprintln!("call benchmark: cannot write {path:?}: {e}");
                std::process::exit(1);
            }
        }
        None => {
            let _ = std::io::stdout().write_all(out.as_bytes());
        }
    }
}
