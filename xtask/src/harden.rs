//! `cargo xtask harden`: everything issue 7 asks CI to prove, in one run:
//! bounded fuzzing of every target, the core tests under valgrind
//! memcheck, the loom model of the pool, and the 10^7-operation stress of
//! pool and hypercalls on the software Xen (release build). Each part is
//! also a task of its own (`fuzz`, `memcheck`, `loom`, `stress`).

use std::path::Path;
use std::process::Command;

use crate::{Result, run};

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
