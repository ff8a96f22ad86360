//! `cargo xtask harden`: in one run, bounded fuzzing of every target
//! (`fuzz.rs`), the core tests under valgrind memcheck (`memcheck.rs`),
//! the loom model of the pool, and the 10^7-operation stress of pool and
//! hypercalls on the software Xen (release build), with one summary of
//! their figures. Each part is also a task of its own (`fuzz`, `memcheck`,
//! `loom`, `stress`).

pub mod fuzz;
pub mod memcheck;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::{Result, run, step};

/// Operations of the release stress run (both threads together).
pub const STRESS_OPS: u64 = 10_000_000;

/// `cargo test --release -p hcbuf-core --test <test> -- --nocapture`: one
/// test binary in release, its output shown (both print their figures).
fn release_test(root: &Path, test: &str) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(["test", "--release", "-p", "hcbuf-core", "--test", test])
        .args(["--", "--nocapture"])
        .current_dir(root);
    cmd
}

/// The 2-thread stress of pool operations and hypercalls, in release.
pub fn stress(root: &Path, ops: u64) -> Result<()> {
    run(release_test(root, "stress_xen").env("HCBUF_STRESS_OPS", ops.to_string()))
}

/// `flags` (the caller's `RUSTFLAGS`, if any) with `--cfg loom` added.
fn with_loom(flags: Option<String>) -> String {
    match flags {
        Some(f) if !f.trim().is_empty() => format!("{f} --cfg loom"),
        _ => "--cfg loom".into(),
    }
}

/// The loom model of the pool's cross-thread paths (each model prints how
/// many executions loom explored): built with `--cfg loom` into a target
/// directory of its own, so that the flag does not invalidate the
/// ordinary build.
pub fn loom(root: &Path) -> Result<()> {
    run(release_test(root, "loom")
        .env("RUSTFLAGS", with_loom(std::env::var("RUSTFLAGS").ok()))
        .env("CARGO_TARGET_DIR", root.join("target/loom")))
}

/// `targets`, or every fuzz target if none is named.
pub fn or_all(targets: Vec<String>) -> Vec<String> {
    if targets.is_empty() {
        fuzz::TARGETS.iter().map(|t| t.to_string()).collect()
    } else {
        targets
    }
}

/// Every hardening check, then one summary of their figures.
pub fn harden(root: &Path, fuzz_seconds: u64) -> Result<()> {
    let start = Instant::now();
    let fuzzed = step("harden", "fuzz", || {
        fuzz::fuzz(root, &or_all(Vec::new()), fuzz_seconds, false)
    })?;
    let checked = step("harden", "memcheck", || memcheck::memcheck(root))?;
    step("harden", "loom", || loom(root))?;
    step("harden", "stress", || stress(root, STRESS_OPS))?;
    println!("\nharden: summary ({:.0} s)", start.elapsed().as_secs_f64());
    for f in &fuzzed {
        println!(
            "  fuzz {}: {} executions in {:.0} s, {} new inputs, no failure",
            f.target, f.executions, f.seconds, f.new_inputs
        );
    }
    println!(
        "  memcheck: {} tests in {} binaries, {} errors, {} B definitely and {} B indirectly lost",
        checked.tests,
        checked.binaries,
        checked.errors,
        checked.definitely_lost,
        checked.indirectly_lost
    );
    println!("  loom: passed");
    println!(
        "  stress: {} operations on 2 threads, invariants held",
        STRESS_OPS
    );
    Ok(())
}
