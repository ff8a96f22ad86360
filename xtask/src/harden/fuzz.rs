//! `cargo xtask fuzz`: runs hcbuf-core's cargo-fuzz targets (libFuzzer,
//! AddressSanitizer, overflow checks on) for a bounded time each, starting
//! from the committed corpus, and reports each target's executions.
//!
//! New inputs go to a scratch corpus under `target/fuzz/` unless `--grow`
//! asks for them in the committed corpus (then run `cargo fuzz cmin`).
//! A failing input is saved by libFuzzer under
//! `hcbuf-core/fuzz/artifacts/<target>/`; the task then fails and prints
//! the end of the log and how to replay the input.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{Result, io_err, output, run};

/// The fuzz targets, as named in `hcbuf-core/fuzz/Cargo.toml`.
pub const TARGETS: &[&str] = &["pool", "lowering", "soft_xen"];

/// What one target's run did.
#[derive(Debug)]
pub struct Outcome {
    /// The target.
    pub target: String,
    /// Inputs executed.
    pub executions: u64,
    /// Seconds spent fuzzing.
    pub seconds: f64,
    /// Inputs that reached new coverage.
    pub new_inputs: u64,
    /// Inputs in the committed corpus.
    pub corpus: usize,
}

/// Whether cargo-fuzz builds with nightly (rustup has it) or else with
/// the default toolchain with `RUSTC_BOOTSTRAP=1` (the flags cargo-fuzz
/// passes, `-Zsanitizer=address` among them, are unstable; stable rustc
/// ships the sanitizer runtimes and accepts them with that variable).
fn has_nightly() -> bool {
    let toolchains = output(Command::new("rustup").args(["toolchain", "list"]))
        .map(|out| String::from_utf8_lossy(&out).into_owned())
        .unwrap_or_default();
    let nightly = toolchains.lines().any(|l| l.starts_with("nightly"));
    if !nightly {
        println!("xtask fuzz: no nightly toolchain: using the default one with RUSTC_BOOTSTRAP=1");
    }
    nightly
}

/// `cargo [+nightly] fuzz`, run from `root`.
fn cargo_fuzz(root: &Path, nightly: bool) -> Command {
    let mut cmd = Command::new("cargo");
    if nightly {
        cmd.arg("+nightly");
    } else {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    cmd.arg("fuzz").current_dir(root);
    cmd
}

/// Installs cargo-fuzz from crates.io if it is missing.
fn ensure_cargo_fuzz() -> Result<()> {
    let present = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if present {
        return Ok(());
    }
    println!("xtask fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)");
    run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

/// Runs `targets` for `seconds` each; fails on the first finding.
pub fn fuzz(root: &Path, targets: &[String], seconds: u64, grow: bool) -> Result<Vec<Outcome>> {
    if seconds == 0 {
        // libFuzzer would take -max_total_time=0 as "no limit".
        return Err("the fuzzing time must be at least 1 second".into());
    }
    for t in targets {
        if !TARGETS.contains(&t.as_str()) {
            return Err(format!(
                "no fuzz target `{t}`; the targets are {}",
                TARGETS.join(", ")
            ));
        }
    }
    crate::step("fuzz", "cargo-fuzz", ensure_cargo_fuzz)?;
    let nightly = has_nightly();
    let fuzz_dir = root.join("hcbuf-core/fuzz");
    let common = |cmd: &mut Command| {
        cmd.arg("--fuzz-dir")
            .arg(&fuzz_dir)
            .args(["--release", "--debug-assertions"]);
    };
    crate::step("fuzz", "build the targets", || {
        let mut cmd = cargo_fuzz(root, nightly);
        cmd.arg("build");
        common(&mut cmd);
        run(&mut cmd)
    })?;
    let work = root.join("target/fuzz");
    let mut outcomes = Vec::new();
    for target in targets {
        let committed = fuzz_dir.join("corpus").join(target);
        let scratch = work.join("corpus").join(target);
        let log = work.join(format!("{target}.log"));
        fs::create_dir_all(&scratch).map_err(io_err("create", &scratch))?;
        let mut cmd = cargo_fuzz(root, nightly);
        cmd.args(["run"]);
        common(&mut cmd);
        cmd.arg(target);
        if !grow {
            // libFuzzer writes new inputs to the first directory.
            cmd.arg(&scratch);
        }
        cmd.arg(&committed).args([
            "--",
            &format!("-max_total_time={seconds}"),
            // A hang is a finding too.
            "-timeout=10",
            "-print_final_stats=1",
        ]);
        let file = fs::File::create(&log).map_err(io_err("create", &log))?;
        let err = file.try_clone().map_err(io_err("open", &log))?;
        println!(
            "xtask fuzz: {target} for {seconds}s (log: {})",
            log.display()
        );
        let status = cmd
            .stdout(Stdio::from(file))
            .stderr(Stdio::from(err))
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        let text = fs::read_to_string(&log).map_err(io_err("read", &log))?;
        if !status.success() {
            let tail: Vec<&str> = text.lines().rev().take(40).collect();
            for line in tail.iter().rev() {
                eprintln!("    {line}");
            }
            return Err(format!(
                "fuzz target {target} failed ({status}); the input is under {}: \
                 once fixed, copy it into {} as a regression input, replayed by \
                 `cargo test -p hcbuf-core --test fuzz_corpus`",
                fuzz_dir.join("artifacts").join(target).display(),
                committed.display()
            ));
        }
        let corpus = fs::read_dir(&committed)
            .map_err(io_err("read", &committed))?
            .count();
        let outcome = Outcome {
            target: target.clone(),
            executions: stat(&text, "number_of_executed_units")?,
            seconds: run_seconds(&text)?,
            new_inputs: stat(&text, "new_units_added")?,
            corpus,
        };
        println!(
            "fuzz {}: {} executions in {:.0} s ({:.0}/s), {} new inputs, corpus {}, no failure",
            outcome.target,
            outcome.executions,
            outcome.seconds,
            outcome.executions as f64 / outcome.seconds.max(1.0),
            outcome.new_inputs,
            outcome.corpus
        );
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// The seconds of libFuzzer's closing `Done <n> runs in <s> second(s)`.
fn run_seconds(log: &str) -> Result<f64> {
    log.lines()
        .find_map(|l| l.strip_prefix("Done ")?.split(" runs in ").nth(1))
        .and_then(|rest| rest.split(' ').next()?.parse().ok())
        .ok_or_else(|| "libFuzzer printed no `Done <n> runs in <s> second(s)` line".to_string())
}

/// A `stat::<name>: <value>` line of libFuzzer's final statistics.
fn stat(log: &str, name: &str) -> Result<u64> {
    let key = format!("stat::{name}:");
    log.lines()
        .find_map(|l| l.strip_prefix(&key))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("libFuzzer printed no `{key}` line"))
}
