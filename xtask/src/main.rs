//! Developer tasks for hcbuf, run as `cargo xtask <task>`.
//!
//! `cargo xtask dom0` boots the real Xen 4.17 hypervisor with a Debian
//! Linux dom0 under QEMU (TCG), runs the example programs and the privcmd
//! tests of `hcbuf-core` inside that dom0, and fails unless all of them
//! pass. Everything it fetches or builds lives in `target/dom0/`.
//!
//! `cargo xtask harden` fuzzes, runs the core tests under valgrind, checks
//! the loom model and runs the 10^7-operation stress (see `harden.rs`);
//! `fuzz`, `memcheck`, `loom` and `stress` run one part each.

mod bench;
mod fuzz;
mod guest;
mod harden;
mod initramfs;
mod memcheck;
mod packages;
mod qemu;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

/// hcbuf's developer tasks.
#[derive(Parser, Debug)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand, Debug)]
enum Task {
    /// Boot Xen + a Linux dom0 under QEMU and run the dom0 checks there.
    Dom0 {
        /// Give up on the QEMU run after this many seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
    },
    /// Run the fuzz targets (cargo-fuzz, libFuzzer) for a bounded time.
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Add new inputs to the committed corpus (minimise it after with
        /// `cargo fuzz cmin`) instead of a scratch one under target/fuzz.
        #[arg(long)]
        grow: bool,
        /// The targets (default: all).
        targets: Vec<String>,
    },
    /// Run hcbuf-core's tests under valgrind memcheck.
    Memcheck,
    /// Check the loom model of the pool's cross-thread paths.
    Loom,
    /// Run the 2-thread stress of pool operations and hypercalls.
    Stress {
        /// Operations, both threads together.
        #[arg(long, default_value_t = harden::STRESS_OPS)]
        ops: u64,
    },
    /// Fuzz (bounded), memcheck, loom and stress, with one summary.
    Harden {
        /// Seconds of fuzzing per target.
        #[arg(long, default_value_t = 60)]
        fuzz_seconds: u64,
    },
}

/// What every step returns: a message for the user on failure.
type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let outcome = match cli.task {
        Task::Dom0 { timeout } => dom0(Duration::from_secs(timeout)),
        Task::Fuzz {
            seconds,
            grow,
            targets,
        } => fuzz::fuzz(&root, &or_all(targets), seconds, grow).map(drop),
        Task::Memcheck => memcheck::memcheck(&root).map(drop),
        Task::Loom => harden::loom(&root),
        Task::Stress { ops } => harden::stress(&root, ops),
        Task::Harden { fuzz_seconds } => harden(&root, fuzz_seconds),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `targets`, or every fuzz target if none is named.
fn or_all(targets: Vec<String>) -> Vec<String> {
    if targets.is_empty() {
        fuzz::TARGETS.iter().map(|t| t.to_string()).collect()
    } else {
        targets
    }
}

/// Every hardening check, then one summary of their figures.
fn harden(root: &Path, fuzz_seconds: u64) -> Result<()> {
    let start = Instant::now();
    let fuzzed = step("harden", "fuzz", || {
        fuzz::fuzz(root, &or_all(Vec::new()), fuzz_seconds, false)
    })?;
    let checked = step("harden", "memcheck", || memcheck::memcheck(root))?;
    step("harden", "loom", || harden::loom(root))?;
    step("harden", "stress", || {
        harden::stress(root, harden::STRESS_OPS)
    })?;
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
        harden::STRESS_OPS
    );
    Ok(())
}

/// The workspace root (the parent of this crate).
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

fn dom0(timeout: Duration) -> Result<()> {
    let start = Instant::now();
    let root = workspace_root();
    let work = root.join("target").join("dom0");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;

    step("dom0", "host tools", packages::ensure_host_tools)?;
    let guest_os = step("dom0", "guest packages", || packages::fetch_guest(&work))?;
    let bins = step("dom0", "guest binaries", || guest::build(&root, &work))?;
    let initrd = step("dom0", "initramfs", || {
        initramfs::build(&work, &guest_os, &bins)
    })?;
    let boot = qemu::Boot {
        work: &work,
        checks: initrd.checks,
        log: &work.join("serial.log"),
        timeout,
    };
    let result = step("dom0", "boot", || qemu::run(&boot));
    println!("xtask dom0: total {:.1}s", start.elapsed().as_secs_f64());
    result
}

/// Runs one step of `task`, printing its name and how long it took.
fn step<T>(task: &str, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("xtask {task}: {name} ...");
    let start = Instant::now();
    let out = f();
    let state = if out.is_ok() { "done" } else { "FAILED" };
    println!(
        "xtask {task}: {name} {state} in {:.1}s",
        start.elapsed().as_secs_f64()
    );
    out
}

/// Runs `cmd`, failing with its name and status unless it succeeds.
fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Runs `cmd` and returns its standard output, failing unless it succeeds.
fn output(cmd: &mut Command) -> Result<Vec<u8>> {
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", describe(cmd)))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!("`{}` failed ({})", describe(cmd), out.status))
    }
}

/// `cmd` as a shell-like line, for messages.
fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `io::Error` on `path` as a message.
fn io_err(what: &str, path: &Path) -> impl FnOnce(std::io::Error) -> String {
    let path = path.display().to_string();
    let what = what.to_string();
    move |e| format!("cannot {what} {path}: {e}")
}
