//! Developer tasks for hcbuf, run as `cargo xtask <task>`.
//!
//! `cargo xtask dom0` boots the real Xen hypervisor of each release hcbuf
//! speaks, with its Debian suite's Linux as a PV dom0 under QEMU (TCG):
//! Xen 4.17 with bookworm's Linux 6.1, Xen 4.20 with trixie's Linux 6.12.
//! In each it runs the example programs, the privcmd tests of `hcbuf-core`
//! and the benchmark (hcbuf against the bare-ioctl floor and libxencall),
//! and it fails unless every check of every release passes. Everything it
//! fetches or builds lives in `target/dom0/` (`<release>/` per release).
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
        /// Give up on each QEMU run after this many seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Boot only this Xen release (default: every one, oldest first).
        #[arg(long, value_parser = packages::RELEASES)]
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
        Task::Dom0 { timeout, release } => dom0(Duration::from_secs(timeout), release.as_deref()),
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

fn dom0(timeout: Duration, only: Option<&str>) -> Result<()> {
    let start = Instant::now();
    let root = workspace_root();
    let work = root.join("target").join("dom0");
    std::fs::create_dir_all(&work).map_err(io_err("create", &work))?;
    let releases = packages::RELEASES
        .iter()
        .filter(|r| only.is_none_or(|o| o == **r))
        .map(|r| packages::Release::named(r))
        .collect::<Result<Vec<_>>>()?;
    packages::remove_old_layout(&work);

    step("dom0", "host tools", packages::ensure_host_tools)?;
    // The packages (network, xz) are fetched while the guest binaries build
    // (CPU): on a cold cache that saves about the fetch's time.
    let (guests, bins) = std::thread::scope(|scope| {
        let fetch = scope.spawn(|| {
            releases
                .iter()
                .map(|&r| {
                    step("dom0", &format!("{} guest packages", r.name), || {
                        packages::fetch_guest(&work, r)
                    })
                })
                .collect::<Vec<_>>()
        });
        let bins = step("dom0", "guest binaries", || guest::build(&root, &work));
        // One result per release even if the fetch died.
        let guests = fetch.join().unwrap_or_else(|_| {
            releases
                .iter()
                .map(|_| Err("the package fetch panicked".to_string()))
                .collect()
        });
        (guests, bins)
    });
    let bins = bins?;

    let mut outcomes = Vec::new();
    for (release, guest) in releases.iter().zip(guests) {
        let outcome = guest.and_then(|guest| boot(&guest, &bins, timeout));
        if let Err(e) = &outcome {
            eprintln!("xtask dom0 {}: error: {e}", release.name);
        }
        outcomes.push((release, outcome));
    }

    println!(
        "\nxtask dom0: summary ({:.0} s in all)",
        start.elapsed().as_secs_f64()
    );
    let mut failed = Vec::new();
    for (release, outcome) in &outcomes {
        let line = match outcome {
            Ok(done) => {
                let counts = done
                    .report
                    .summary
                    .map_or("no summary".to_string(), |(p, f)| {
                        format!("{p} passed, {f} failed")
                    });
                let rows = bench::judged(&done.report.bench);
                let within = rows
                    .iter()
                    .filter(|r| r.hcbuf_over_floor.median <= bench::GOAL)
                    .count();
                let bench = if rows.is_empty() {
                    "no benchmark".to_string()
                } else {
                    format!(
                        "bench: hcbuf within {:.0}% of the floor on {within} of {} hypercall rows",
                        (bench::GOAL - 1.0) * 100.0,
                        rows.len()
                    )
                };
                let verdict = match &done.report.verdict {
                    Ok(()) => "ok".to_string(),
                    Err(e) => format!("FAILED: {e}"),
                };
                format!(
                    "{counts}; {bench}; QEMU {:.0} s; {} ({verdict})",
                    done.report.secs, done.description
                )
            }
            Err(e) => format!("not run: {e}"),
        };
        println!("  Xen {} ({}): {line}", release.name, release.suite);
        if !outcome.as_ref().is_ok_and(|d| d.report.verdict.is_ok()) {
            failed.push(release.name);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("dom0 checks failed for Xen {}", failed.join(", ")))
    }
}

/// One release's boot, done.
struct Booted {
    description: String,
    report: qemu::Report,
}

/// Builds `guest`'s own binaries and initramfs and boots it.
fn boot(guest: &packages::GuestOs, bins: &guest::Binaries, timeout: Duration) -> Result<Booted> {
    let name = guest.release.name;
    let peer = step("dom0", &format!("{name} peer benchmark"), || {
        guest::build_peer(guest)
    })?;
    let initrd = step("dom0", &format!("{name} initramfs"), || {
        initramfs::build(guest, bins, &[peer])
    })?;
    let log = guest.work.join("serial.log");
    let boot = qemu::Boot {
        release: name,
        work: &guest.work,
        checks: initrd.checks,
        log: &log,
        timeout,
    };
    let report = step("dom0", &format!("{name} boot"), || qemu::run(&boot))?;
    Ok(Booted {
        description: guest.description.clone(),
        report,
    })
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
