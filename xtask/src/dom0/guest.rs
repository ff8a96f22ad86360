//! What runs inside dom0: our static binaries (built once, booted on every
//! release), the `qemu-exit` helper, each release's C benchmark sides, and
//! the `/init` script that runs the checks.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::packages::{GuestOs, LIBXEN_LIB};
use crate::{Result, io_err, output, run};

/// The Rust target the guest binaries are built for (static glibc).
const TARGET: &str = "x86_64-unknown-linux-gnu";
/// The examples run in dom0, each with `--backend privcmd`.
pub const EXAMPLES: [&str; 8] = [
    "xen-info",
    "xen-list",
    "xen-dmesg",
    "xen-debug-keys",
    "xen-vcpu-list",
    "xen-vcpu-pin",
    "xen-cpupool-list",
    "xen-sched-credit2",
];
/// The name of `hcbuf-core`'s unit-test binary inside the guest.
pub const CORE_TESTS: &str = "hcbuf-core-tests";
/// The name of `hcbuf-core`'s `dom0` integration-test binary (the typed
/// API against the real Xen) inside the guest.
pub const DOM0_API_TESTS: &str = "hcbuf-core-dom0-tests";
/// The script that compares one field of xen-info's output (`init.rs`).
pub const XEN_INFO_FIELD: &str = "xen-info-field";
/// The script that compares an example's output with `xl`'s
/// (`xl-compare.sh`).
pub const XL_COMPARE: &str = "xl-compare";
/// The script that runs dom0 tests by exact name and fails unless each ran
/// and passed (`dom0-tests.sh`).
pub const DOM0_TESTS: &str = "dom0-tests";
/// The hcbuf side of the benchmark (an example binary; `bench::Side`
/// names its path).
pub const HCBUF_BENCH: &str = "hcbuf-dom0-bench";
/// The libxencall and floor sides of the benchmark, built here from C for
/// each release (`bench::Side` names its path).
pub const PEER_BENCH: &str = "peer-bench";
/// The guest script that runs the benchmark's rounds.
pub const BENCH_ROUNDS: &str = "bench-rounds";

/// The built guest programs, as (name in the guest's `/bin`, host path).
pub struct Binaries {
    /// Every file to copy into `/bin`.
    pub files: Vec<(String, PathBuf)>,
}

/// Builds the examples and `hcbuf-core`'s lib tests statically, and the
/// `qemu-exit` helper, into `dom0` (once for every release: they detect
/// the release at run time).
pub fn build(root: &Path, dom0: &Path) -> Result<Binaries> {
    let target_dir = dom0.join("cargo");
    let mut files = Vec::new();

    let built = cargo_json(
        root,
        &target_dir,
        &["build", "-p", "hcbuf-examples", "--bins"],
    )?;
    for name in EXAMPLES {
        let path = built
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, p, _)| p.clone())
            .ok_or_else(|| format!("cargo built no `{name}` binary"))?;
        files.push((name.to_string(), path));
    }
    let bench = built
        .iter()
        .find(|(n, _, _)| n == HCBUF_BENCH)
        .map(|(_, p, _)| p.clone())
        .ok_or_else(|| format!("cargo built no `{HCBUF_BENCH}` binary"))?;
    files.push((HCBUF_BENCH.to_string(), bench));

    // `dom0-tests` builds the tests that need a real dom0 (and fail
    // without one): the lib's privcmd tests, and `tests/dom0.rs` (the typed
    // API against the real Xen). One cargo run, so both build in parallel.
    let args = [
        "test",
        "--no-run",
        "-p",
        "hcbuf-core",
        "--lib",
        "--test",
        "dom0",
        "--features",
        "dom0-tests",
    ];
    let tests = cargo_json(root, &target_dir, &args)?;
    let lib = tests
        .iter()
        .find(|(name, _, test)| *test && name == "hcbuf_core")
        .map(|(_, p, _)| p.clone())
        .ok_or("cargo built no hcbuf-core lib test executable")?;
    files.push((CORE_TESTS.to_string(), lib));
    let dom0_api = tests
        .iter()
        .find(|(name, _, test)| *test && name == "dom0")
        .map(|(_, p, _)| p.clone())
        .ok_or("cargo built no hcbuf-core `dom0` test executable")?;
    files.push((DOM0_API_TESTS.to_string(), dom0_api));

    let exit = dom0.join("qemu-exit");
    let source = dom0.join("qemu-exit.c");
    fs::write(&source, QEMU_EXIT_C).map_err(io_err("write", &source))?;
    run(Command::new("cc")
        .args(["-static", "-O2", "-Wall", "-o"])
        .arg(&exit)
        .arg(&source))?;
    files.push(("qemu-exit".to_string(), exit));

    Ok(Binaries { files })
}

/// Builds `peer-bench` (the libxencall and floor sides of the benchmark)
/// for `guest`'s release: against the headers and static libraries of that
/// release's own libxen-dev (the interface versions differ: domctl 0x15 in
/// 4.17, 0x17 in 4.20), linked by path so that the host's installed
/// libxen-dev can never stand in; the program refuses to build against
/// headers whose domctl interface version is not the release's (as
/// hcbuf-sys declares it). Trixie's static libraries link against
/// bookworm's static glibc (they need nothing newer than `ioctl`, `mmap`
/// and pthread mutexes).
pub fn build_peer(guest: &GuestOs) -> Result<(String, PathBuf)> {
    let domctl = match guest.release.name {
        "4.17" => hcbuf_sys::domctl::XEN_DOMCTL_INTERFACE_VERSION,
        "4.20" => hcbuf_sys::v4_20::domctl::XEN_DOMCTL_INTERFACE_VERSION,
        other => return Err(format!("no domctl interface version known for Xen {other}")),
    };
    let tree = &guest.libxen_dev;
    let lib = tree.join(LIBXEN_LIB);
    let peer = guest.work.join(PEER_BENCH);
    let source = guest.work.join("peer_bench.c");
    fs::write(&source, PEER_BENCH_C).map_err(io_err("write", &source))?;
    let (major, minor) = guest.release.version();
    run(Command::new("cc")
        .args([
            "-static",
            "-O2",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-D__XEN_TOOLS__",
        ])
        .arg(format!("-DXEN_MAJOR={major}"))
        .arg(format!("-DXEN_MINOR={minor}"))
        .arg(format!("-DXEN_DOMCTL_EXPECTED={domctl:#x}"))
        .arg("-I")
        .arg(tree.join("usr/include"))
        .arg("-o")
        .arg(&peer)
        .arg(&source)
        .arg(lib.join("libxencall.a"))
        .arg(lib.join("libxentoollog.a"))
        .arg(lib.join("libxentoolcore.a")))?;
    Ok((PEER_BENCH.to_string(), peer))
}

/// Runs a cargo command for the static guest build; returns each artifact
/// with an executable as (target name, path, is a test).
fn cargo_json(
    root: &Path,
    target_dir: &Path,
    args: &[&str],
) -> Result<Vec<(String, PathBuf, bool)>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = output(
        Command::new(cargo)
            .args(args)
            .args([
                "--release",
                "--target",
                TARGET,
                "--message-format=json-render-diagnostics",
            ])
            .arg("--target-dir")
            .arg(target_dir)
            .current_dir(root)
            .env("RUSTFLAGS", "-C target-feature=+crt-static")
            .env_remove("CARGO_ENCODED_RUSTFLAGS"),
    )?;
    let mut found = Vec::new();
    for line in String::from_utf8_lossy(&out).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        if let Some(exe) = message["executable"].as_str() {
            let name = message["target"]["name"].as_str().unwrap_or_default();
            let test = message["profile"]["test"].as_bool().unwrap_or(false);
            found.push((name.to_string(), PathBuf::from(exe), test));
        }
    }
    Ok(found)
}

/// The libxencall and floor sides of the benchmark (`PEER`/`FLOOR <row>
/// <median ns>` lines).
const PEER_BENCH_C: &str = include_str!("peer_bench.c");

/// `qemu-exit N`: ends the QEMU run through its isa-debug-exit device.
const QEMU_EXIT_C: &str = r#"/* Written by `cargo xtask dom0`. Usage: qemu-exit N (0..127).
 * A write of N to QEMU's isa-debug-exit port makes QEMU exit with status
 * (N << 1) | 1. A Xen PV dom0 may use ioperm() for the port. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>

#define DEBUG_EXIT_PORT 0xf4

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    if (n < 0 || n > 127)
        n = 127;
    if (ioperm(DEBUG_EXIT_PORT, 1, 1) != 0) {
        perror("qemu-exit: ioperm");
        return 1;
    }
    outb((unsigned char)n, DEBUG_EXIT_PORT);
    fprintf(stderr, "qemu-exit: QEMU is still running after writing %ld\n", n);
    return 1;
}
"#;
