//! Developer tasks for hcbuf, run as `cargo xtask <task>`.
//!
//! `cargo xtask dom0` boots the real Xen 4.17 hypervisor with a Debian
//! Linux dom0 under QEMU (TCG), runs the example programs and the privcmd
//! tests of `hcbuf-core` inside that dom0, and fails unless all of them
//! pass. Everything it fetches or builds lives in `target/dom0/`.

mod bench;
mod guest;
mod initramfs;
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
}

/// What every step returns: a message for the user on failure.
type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.task {
        Task::Dom0 { timeout } => dom0(Duration::from_secs(timeout)),
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

fn dom0(timeout: Duration) -> Result<()> {
    let start = Instant::now();
    let root = workspace_root();
    let work = root.join("target").join("dom0");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;

    step("host tools", packages::ensure_host_tools)?;
    let guest_os = step("guest packages", || packages::fetch_guest(&work))?;
    let bins = step("guest binaries", || guest::build(&root, &work))?;
    let initrd = step("initramfs", || initramfs::build(&work, &guest_os, &bins))?;
    let boot = qemu::Boot {
        work: &work,
        checks: initrd.checks,
        log: &work.join("serial.log"),
        timeout,
    };
    let result = step("boot", || qemu::run(&boot));
    println!("xtask dom0: total {:.1}s", start.elapsed().as_secs_f64());
    result
}

/// Runs one step, printing its name and how long it took.
fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("xtask dom0: {name} ...");
    let start = Instant::now();
    let out = f();
    let state = if out.is_ok() { "done" } else { "FAILED" };
    println!(
        "xtask dom0: {name} {state} in {:.1}s",
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
