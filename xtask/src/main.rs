//! Developer tasks for hcbuf, run as `cargo xtask <task>`, one folder
//! each:
//!
//! - `dom0/`: `cargo xtask dom0` boots Xen 4.17 and Xen 4.20, each with
//!   its Debian's Linux as a PV dom0 under QEMU, and runs the dom0 checks
//!   and the benchmark there;
//! - `harden/`: `cargo xtask harden` fuzzes, runs the core tests under
//!   valgrind, checks the loom model and runs the 10^7-operation stress;
//!   `fuzz`, `memcheck`, `loom` and `stress` run one part each.
//!
//! This file holds the command line and what every task uses: steps that
//! report their time, commands run with their failures as messages;
//! `host.rs` the host's tools.

mod dom0;
mod harden;
mod host;

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
        /// Give up on each QEMU run after this many seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Boot only this Xen release (default: every one, oldest first).
        #[arg(long, value_parser = dom0::packages::RELEASES)]
        release: Option<String>,
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
        Task::Dom0 { timeout, release } => {
            dom0::dom0(Duration::from_secs(timeout), release.as_deref())
        }
        Task::Fuzz {
            seconds,
            grow,
            targets,
        } => harden::fuzz::fuzz(&root, &harden::or_all(targets), seconds, grow).map(drop),
        Task::Memcheck => harden::memcheck::memcheck(&root).map(drop),
        Task::Loom => harden::loom(&root),
        Task::Stress { ops } => harden::stress(&root, ops),
        Task::Harden { fuzz_seconds } => harden::harden(&root, fuzz_seconds),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate).
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
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
