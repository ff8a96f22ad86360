//! `cargo xtask memcheck`: every test binary of hcbuf-core under valgrind
//! memcheck. A binary passes when its tests pass and valgrind reports no
//! error and no definitely or indirectly lost block. ("Possibly lost"
//! blocks are reported, not counted: the test harness's own main-thread
//! handle is one.)
//!
//! A few tests check things valgrind itself changes; they are skipped
//! under valgrind, by name, with the reason printed, and run natively in
//! `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::host::{install, missing_tools};
use crate::{Result, io_err, output};

/// Tests valgrind cannot run faithfully: (binary, test, why).
const SKIPPED: &[(&str, &str, &str)] = &[
    (
        "pool",
        "the_device_backend_maps_shared_memory_and_never_faults",
        "valgrind maps memory itself, so /proc/self/maps does not show the device mapping",
    ),
    (
        "fork",
        "fork_children_do_not_get_pool_pages_on_locked_anonymous_memory",
        "under valgrind a child of fork() keeps MADV_DONTFORK pages",
    ),
    (
        "fork",
        "a_child_may_exit_normally_with_the_pool_cached_in_its_thread",
        "valgrind's leak check in the child replaces the child's exit status",
    ),
    (
        "hcbuf_core",
        "backend::privcmd::tests::dev_null_opens_and_refuses_the_ioctls",
        "valgrind answers privcmd hypercall ioctls it does not model with ENOSYS",
    ),
];

/// `stress_xen`'s operation count under valgrind (about 50 times slower
/// than native; its default is 10^6). The pool-only `stress` test has a
/// fixed 1.2 million operations, about a minute under valgrind.
const STRESS_OPS: &str = "200000";

/// What memcheck found over all binaries.
#[derive(Debug, Default)]
pub struct Summary {
    /// Test binaries run.
    pub binaries: usize,
    /// Tests passed.
    pub tests: u64,
    /// Memcheck errors (leaks of the counted kinds included).
    pub errors: u64,
    /// Bytes definitely lost.
    pub definitely_lost: u64,
    /// Bytes indirectly lost.
    pub indirectly_lost: u64,
    /// Bytes possibly lost.
    pub possibly_lost: u64,
    /// Tests skipped under valgrind.
    pub skipped: usize,
}

/// Builds hcbuf-core's tests and runs each binary under memcheck.
pub fn memcheck(root: &Path) -> Result<Summary> {
    crate::step("memcheck", "valgrind", || {
        install("memcheck", &missing_tools(&[("valgrind", "valgrind")]))
    })?;
    let binaries = crate::step("memcheck", "build the tests", || test_binaries(root))?;
    let logs = root.join("target/memcheck");
    fs::create_dir_all(&logs).map_err(io_err("create", &logs))?;
    let mut summary = Summary::default();
    let mut failures = Vec::new();
    for (name, exe) in &binaries {
        let log = logs.join(format!("{name}.log"));
        let mut cmd = Command::new("valgrind");
        cmd.args([
            "--error-exitcode=99",
            "--leak-check=full",
            "--show-leak-kinds=definite,indirect",
            "--errors-for-leak-kinds=definite,indirect",
            "--child-silent-after-fork=yes",
        ])
        .arg(format!("--log-file={}", log.display()))
        .arg(exe)
        .arg("-q")
        .current_dir(root.join("hcbuf-core"))
        .env("HCBUF_STRESS_OPS", STRESS_OPS);
        let mut skips = 0;
        for (_, test, why) in SKIPPED.iter().filter(|(bin, ..)| bin == name) {
            println!("xtask memcheck: {name}: skipping {test} ({why})");
            cmd.args(["--skip", test]);
            skips += 1;
        }
        if skips > 0 {
            // Skip by whole name, not substring.
            cmd.arg("--exact");
        }
        summary.skipped += skips;
        let out = cmd
            .output()
            .map_err(|e| format!("cannot run valgrind on {name}: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let report = fs::read_to_string(&log)
            .map_err(|e| format!("{name}: valgrind wrote no report at {}: {e}", log.display()))?;
        let tests = passed(&stdout);
        let filtered = count(&stdout, "filtered out");
        if out.status.success() && filtered != skips as u64 {
            failures.push(format!(
                "{name}: {filtered} tests skipped, {skips} asked for (was one renamed? see SKIPPED)"
            ));
        }
        let found = Found::parse(&report);
        println!(
            "memcheck {name}: {tests} tests passed, {} errors, definitely lost {} B, \
             indirectly lost {} B, possibly lost {} B",
            found.errors, found.definitely, found.indirectly, found.possibly
        );
        summary.binaries += 1;
        summary.tests += tests;
        summary.errors += found.errors;
        summary.definitely_lost += found.definitely;
        summary.indirectly_lost += found.indirectly;
        summary.possibly_lost += found.possibly;
        if !out.status.success() {
            eprint!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
            failures.push(format!(
                "{name} ({}; report: {})",
                out.status,
                log.display()
            ));
        }
    }
    println!(
        "memcheck: {} test binaries, {} tests passed, {} errors, definitely lost {} B, \
         indirectly lost {} B (possibly lost {} B), {} tests skipped under valgrind",
        summary.binaries,
        summary.tests,
        summary.errors,
        summary.definitely_lost,
        summary.indirectly_lost,
        summary.possibly_lost,
        summary.skipped
    );
    if failures.is_empty() {
        Ok(summary)
    } else {
        Err(format!("under memcheck: {}", failures.join(", ")))
    }
}

/// hcbuf-core's test executables, by target name, as cargo built them.
fn test_binaries(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let out = output(
        Command::new("cargo")
            .args([
                "test",
                "-p",
                "hcbuf-core",
                "--no-run",
                "--message-format=json",
            ])
            .current_dir(root),
    )?;
    let mut found = Vec::new();
    for line in String::from_utf8_lossy(&out).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let is_test = msg["reason"] == "compiler-artifact" && msg["profile"]["test"] == true;
        if let (true, Some(exe), Some(name)) = (
            is_test,
            msg["executable"].as_str(),
            msg["target"]["name"].as_str(),
        ) {
            found.push((name.to_string(), PathBuf::from(exe)));
        }
    }
    if found.is_empty() {
        return Err("cargo built no test binaries for hcbuf-core".into());
    }
    found.sort();
    Ok(found)
}

/// The tests passed, summed over libtest's `test result:` lines.
fn passed(stdout: &str) -> u64 {
    count(stdout, "passed")
}

/// The number before `what` (`passed`, `filtered out`, ...) in libtest's
/// `test result: ok. 4 passed; 0 failed; ...; 1 filtered out; ...` lines,
/// summed.
fn count(stdout: &str, what: &str) -> u64 {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: "))
        .flat_map(|l| l.split([';', '.']))
        .filter_map(|part| part.trim().strip_suffix(what)?.trim().parse::<u64>().ok())
        .sum()
}

/// The figures of one memcheck report (summed over the processes that
/// wrote to it).
#[derive(Debug, Default)]
struct Found {
    errors: u64,
    definitely: u64,
    indirectly: u64,
    possibly: u64,
}

impl Found {
    fn parse(report: &str) -> Found {
        let mut found = Found::default();
        for line in report.lines() {
            // Lines start with `==<pid>== `.
            let text = line.splitn(3, "==").nth(2).unwrap_or("").trim();
            let first_number = |rest: &str| -> u64 {
                let digits: String = rest
                    .trim()
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                digits.parse().unwrap_or(0)
            };
            if let Some(rest) = text.strip_prefix("ERROR SUMMARY:") {
                found.errors += first_number(rest);
            } else if let Some(rest) = text.strip_prefix("definitely lost:") {
                found.definitely += first_number(rest);
            } else if let Some(rest) = text.strip_prefix("indirectly lost:") {
                found.indirectly += first_number(rest);
            } else if let Some(rest) = text.strip_prefix("possibly lost:") {
                found.possibly += first_number(rest);
            }
        }
        found
    }
}
