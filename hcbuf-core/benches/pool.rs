//! The pool benchmark: TSV rows in the format of libxencall's peerbench
//! (`bench size iters min_ns median_ns max_ns`, ns per operation), so the
//! two can be compared back to back with `shared/peerbench/compare.sh`.
//!
//! ```text
//! cargo bench -p hcbuf-core --bench pool                 # TSV on stdout
//! HCBUF_BENCH_TSV=pool.tsv cargo bench -p hcbuf-core --bench pool
//! HCBUF_BENCH_REPEATS=7 HCBUF_BENCH_TARGET_MS=20 ...     # the defaults
//! HCBUF_BENCH_ONLY=hc_loop ...                           # rows named so
//! ```
//!
//! Beyond peerbench's ids, `hc_loop_dirty` writes each buffer once before
//! freeing it: the pool zeroes only memory that may have been written, so
//! `hc_loop` (never written) shows the allocator alone and
//! `hc_loop_dirty` what a caller whose buffers Xen fills pays.
//!
//! Method (as peerbench's): each body runs `iters` operations between two
//! clock reads; `iters` is calibrated so one repeat lasts about the target
//! time; the row gives min, median and max over the repeats. Progress goes
//! to stderr.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use hcbuf_core::Pool;

const SIZES: &[usize] = &[8, 64, 512, 4080, 4096, 16384, 65536];
const COPY_SIZES: &[usize] = &[4096, 65536, 1 << 20];
const HOLD: usize = 16;

struct Settings {
    repeats: usize,
    target_ns: u64,
}

struct Row {
    iters: u64,
    min: f64,
    median: f64,
    max: f64,
}

/// Runs `body(iters)` (which returns the ns it took for `iters` iterations
/// of `ops` operations each) as peerbench does.
fn measure(s: &Settings, ops: u64, mut body: impl FnMut(u64) -> u64) -> Row {
    let mut iters = 1u64;
    let mut t;
    loop {
        t = body(iters);
        if t >= s.target_ns / 4 || iters >= 1 << 30 {
            break;
        }
        iters *= if t < s.target_ns / 64 { 16 } else { 4 };
    }
    iters = ((iters as f64) * (s.target_ns as f64) / (t.max(1) as f64)).max(1.0) as u64;
    body(iters);
    let mut v: Vec<f64> = (0..s.repeats)
        .map(|_| body(iters) as f64 / (iters * ops) as f64)
        .collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Row {
        iters,
        min: v[0],
        median,
        max: v[n - 1],
    }
}

fn timed(iters: u64, mut op: impl FnMut()) -> u64 {
    let t0 = Instant::now();
    for _ in 0..iters {
        op();
    }
    t0.elapsed().as_nanos() as u64
}

fn hc_loop(pool: &Pool, size: usize, iters: u64) -> u64 {
    timed(iters, || {
        let b = pool.slice::<u8>(size).expect("pool allocation");
        black_box(b.as_ptr());
    })
}

/// As `hc_loop`, but the buffer's last byte is written, so the pool must
/// zero the buffer again before its next use: the cost a caller whose
/// buffers Xen writes actually pays.
fn hc_loop_dirty(pool: &Pool, size: usize, iters: u64) -> u64 {
    timed(iters, || {
        let mut b = pool.slice::<u8>(size).expect("pool allocation");
        b[size - 1] = 1;
        black_box(b.as_ptr());
    })
}

fn hc_hold16(pool: &Pool, size: usize, iters: u64) -> u64 {
    let mut held = Vec::with_capacity(HOLD);
    timed(iters, || {
        for _ in 0..HOLD {
            held.push(pool.slice::<u8>(size).expect("pool allocation"));
        }
        black_box(held.as_ptr());
        held.clear();
    })
}

/// The 64-byte-aligned megabyte inside `store` (which has 64 bytes spare).
fn aligned64(store: &mut [u8]) -> &mut [u8] {
    let offset = store.as_ptr().align_offset(64);
    &mut store[offset..offset + (1 << 20)]
}

fn malloc_free(size: usize, iters: u64) -> u64 {
    timed(iters, || {
        // SAFETY: malloc/free of a block used only here.
        unsafe {
            let p = libc::malloc(size);
            assert!(!p.is_null());
            libc::free(black_box(p));
        }
    })
}

fn main() {
    let env = |name: &str, default: u64| -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let settings = Settings {
        repeats: env("HCBUF_BENCH_REPEATS", 7).clamp(1, 64) as usize,
        target_ns: env("HCBUF_BENCH_TARGET_MS", 20).max(1) * 1_000_000,
    };
    // `cargo bench` passes `--bench`; `cargo test --benches` runs us with
    // no such flag: then do one quick pass as a smoke test.
    let quick = !std::env::args().any(|a| a == "--bench");
    let settings = if quick {
        Settings {
            repeats: 1,
            target_ns: 100_000,
        }
    } else {
        settings
    };

    let pool = match Pool::new() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("pool benchmark: cannot create the pool: {e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "pool benchmark: {} pool, {} repeats of ~{} ms per row",
        if pool.never_faults() {
            "device"
        } else {
            "locked anonymous"
        },
        settings.repeats,
        settings.target_ns / 1_000_000
    );

    let only = std::env::var("HCBUF_BENCH_ONLY").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name == o);
    let mut rows: Vec<(&str, usize, Row)> = Vec::new();
    let mut add = |name: &'static str, size: usize, row: &dyn Fn() -> Row| {
        if wanted(name) {
            let row = row();
            eprintln!("  {name:<17} {size:>8}  median {:>10.1} ns", row.median);
            rows.push((name, size, row));
        }
    };

    for &size in SIZES {
        add("hc_loop", size, &|| {
            measure(&settings, 1, |n| hc_loop(&pool, size, n))
        });
    }
    for &size in SIZES {
        add("hc_loop_dirty", size, &|| {
            measure(&settings, 1, |n| hc_loop_dirty(&pool, size, n))
        });
    }
    for &size in SIZES {
        add("hc_hold16", size, &|| {
            measure(&settings, HOLD as u64, |n| hc_hold16(&pool, size, n))
        });
    }
    for &size in SIZES {
        add("malloc_free", size, &|| {
            measure(&settings, 1, |n| malloc_free(size, n))
        });
    }
    // Copy buffers 64-byte aligned, as peerbench's memcpy row has them
    // (memcpy between buffers aligned differently modulo 64 runs ~8%
    // slower here, which would blur every copy row).
    let mut src_store = vec![0x5au8; (1 << 20) + 64];
    let src = aligned64(&mut src_store);
    let mut dst_store = vec![0xa5u8; (1 << 20) + 64];
    let dst = std::cell::RefCell::new(aligned64(&mut dst_store));
    for &size in COPY_SIZES {
        add("hc_bounce_in", size, &|| {
            measure(&settings, 1, |n| {
                timed(n, || {
                    pool.bounce_in(black_box(&src[..size]))
                        .expect("bounce")
                        .finish()
                })
            })
        });
        add("hc_bounce_out", size, &|| {
            let mut dst = dst.borrow_mut();
            measure(&settings, 1, |n| {
                timed(n, || {
                    pool.bounce_out(black_box(&mut dst[..size]))
                        .expect("bounce")
                        .finish()
                })
            })
        });
        add("memcpy", size, &|| {
            let mut dst = dst.borrow_mut();
            measure(&settings, 1, |n| {
                timed(n, || {
                    dst[..size].copy_from_slice(black_box(&src[..size]));
                    black_box(dst.as_ptr());
                })
            })
        });
    }
    for &size in SIZES {
        add("hc_loop_2t", size, &|| {
            measure(&settings, 1, |n| {
                std::thread::scope(|s| {
                    let a = s.spawn(|| hc_loop(&pool, size, n));
                    let b = s.spawn(|| hc_loop(&pool, size, n));
                    a.join().expect("thread").max(b.join().expect("thread"))
                })
            })
        });
    }
    // Locked bytes for 1000 live 64-byte buffers, in a fresh pool.
    add("hc_locked_1000x64", 64, &|| {
        let fresh = Pool::new().expect("pool");
        let held: Vec<_> = (0..1000)
            .map(|_| fresh.slice::<u8>(64).expect("pool allocation"))
            .collect();
        let locked = fresh.stats().locked_bytes as f64;
        drop(held);
        Row {
            iters: 1000,
            min: locked,
            median: locked,
            max: locked,
        }
    });

    let mut out: Box<dyn Write> = match std::env::var_os("HCBUF_BENCH_TSV") {
        Some(path) => match std::fs::File::create(&path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!(
                    "pool benchmark: cannot write {}: {e}",
                    path.to_string_lossy()
                );
                std::process::exit(1);
            }
        },
        None => Box::new(std::io::stdout()),
    };
    let mut text = String::from("bench\tsize\titers\tmin_ns\tmedian_ns\tmax_ns\n");
    for (name, size, r) in &rows {
        text.push_str(&format!(
            "{name}\t{size}\t{}\t{:.2}\t{:.2}\t{:.2}\n",
            r.iters, r.min, r.median, r.max
        ));
    }
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("pool benchmark: cannot write the results: {e}");
        std::process::exit(1);
    }
    let stats = pool.stats();
    eprintln!("pool stats after the run: {stats:?}");
}
