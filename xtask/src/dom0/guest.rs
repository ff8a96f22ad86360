//! What runs inside dom0: our static binaries (built once, booted on every
//! release), the `qemu-exit` helper, each release's C benchmark sides, and
//! the `/init` script that runs the checks.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::packages::{GuestOs, LIBXEN_LIB, Release};
use crate::{Result, io_err, output, run};

/// The Rust target the guest binaries are built for (static glibc).
const TARGET: &str = "x86_64-unknown-linux-gnu";
/// The examples run in dom0, each with `--backend privcmd`.
const EXAMPLES: [&str; 3] = ["xen-info", "xen-list", "xen-dmesg"];
/// The name of `hcbuf-core`'s unit-test binary inside the guest.
const CORE_TESTS: &str = "hcbuf-core-tests";
/// The name of `hcbuf-core`'s `dom0` integration-test binary (the typed
/// API against the real Xen) inside the guest.
const DOM0_API_TESTS: &str = "hcbuf-core-dom0-tests";
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

/// The `/init` script for `release` with `modules` (load order) and how
/// many checks it reports.
pub fn init_script(release: &Release, modules: &[String]) -> (String, usize) {
    let mut checks: Vec<(String, String)> = modules
        .iter()
        .map(|m| (format!("insmod-{m}"), format!("insmod /lib/modules/{m}.ko")))
        .collect();
    checks.push((
        "xenfs".into(),
        "sh -c 'mkdir -p /proc/xen && mount -t xenfs xenfs /proc/xen && cat /proc/xen/capabilities'"
            .into(),
    ));
    checks.push((
        "privcmd-device".into(),
        "sh -c 'i=0; while ! test -c /dev/xen/privcmd && test $i -lt 100; do sleep 0.1; i=$((i + 1)); done; ls -l /dev/xen; test -c /dev/xen/privcmd'".into(),
    ));
    for name in EXAMPLES {
        checks.push((name.into(), format!("/bin/{name} --backend privcmd")));
    }
    checks.push((
        "xen-info-json".into(),
        "/bin/xen-info --json --backend privcmd".into(),
    ));
    // The version xen-info reports must equal what Linux shows in sysfs.
    checks.push((
        "xen-info-matches-sysfs".into(),
        "sh -c 'v=$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra); echo \"sysfs: $v\"; /bin/xen-info --backend privcmd | grep \"^xen_version *: $v$\"'".into(),
    ));
    // The release booted is the one this run is for: xen-info and Linux
    // both say so (a wrong package or a stale cache would otherwise pass
    // every check that only compares the two).
    checks.push((
        "xen-info-is-release".into(),
        sh(&format!(
            "got=$(/bin/xen-info --backend privcmd | sed -n \"s/^xen_major *: //p\").$(/bin/xen-info --backend privcmd | sed -n \"s/^xen_minor *: //p\"); sys=$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor); echo \"xen-info [$got] sysfs [$sys] booted [{name}]\"; test \"$got\" = {name} && test \"$sys\" = {name}",
            name = release.name
        )),
    ));
    // Each field xen-info prints, text and JSON, against what Linux shows
    // (sysfs prints the page size in hex). `nr_cpus` is the host's CPUs:
    // `-smp 2`, which dom0 (`dom0_max_vcpus=2`) sees as its processors.
    let fields = [
        ("xen_major", "$(cat /sys/hypervisor/version/major)", false),
        ("xen_minor", "$(cat /sys/hypervisor/version/minor)", false),
        ("xen_extra", "$(cat /sys/hypervisor/version/extra)", true),
        (
            "xen_pagesize",
            "$((0x$(cat /sys/hypervisor/properties/pagesize)))",
            false,
        ),
        (
            "xen_caps",
            "$(cat /sys/hypervisor/properties/capabilities)",
            true,
        ),
        ("nr_cpus", "$(grep -c ^processor /proc/cpuinfo)", false),
    ];
    for (field, want, string) in fields {
        let text = format!(
            "got=$(/bin/xen-info --backend privcmd | sed -n \"s/^{field} *: //p\"); want=\"{want}\""
        );
        // JSON: `  "field": value,` (strings quoted; no escapes in these).
        let quote = if string { "\\\"" } else { "" };
        let json = format!(
            "got=$(/bin/xen-info --json --backend privcmd | sed -n \"s/^  \\\"{field}\\\": //p\" | sed \"s/,$//\"); want=\"{quote}{want}{quote}\""
        );
        for (format, script) in [("text", text), ("json", json)] {
            checks.push((
                format!("xen-info-{format}-{field}"),
                sh(&format!(
                    "{script}; echo \"got [$got] want [$want]\"; test -n \"$want\" && test \"$got\" = \"$want\""
                )),
            ));
        }
    }
    // xen-list: a row for dom0 with its vCPUs (as many as Linux sees) and
    // about its 1024 MiB (`dom0_mem=1024M`).
    checks.push((
        "xen-list-dom0-row".into(),
        sh("/bin/xen-list --backend privcmd | awk -v n=$(grep -c ^processor /proc/cpuinfo) \"\\$1 == 0 && \\$3 == n && \\$2 >= 922 && \\$2 <= 1126 { ok = 1; print } END { exit !ok }\""),
    ));
    // xen-dmesg reads the live ring: with `console_to_ring`, a line just
    // written to dom0's console (hvc0, i.e. Xen's console) is in it. (Xen's
    // "Xen version" banner is not: dom0's boot messages push it out of the
    // ring long before /init runs.) The marker is built at run time, so
    // this command line, echoed into the ring too, cannot match it.
    checks.push((
        "xen-dmesg-has-console-line".into(),
        sh("m=\"hcbuf-ring-$$-$(cut -d\" \" -f1 /proc/uptime)\"; echo \"DOM0RING $m\" > /dev/console; i=0; until /bin/xen-dmesg --backend privcmd | grep -qF \"DOM0RING $m\"; do test $i -lt 20 || exit 1; sleep 0.1; i=$((i + 1)); done; echo \"found $m after $i retries\""),
    ));
    checks.push((
        "hcbuf-core-privcmd-tests".into(),
        // By whole name: a filter that matched nothing would pass.
        format!("/bin/{CORE_TESTS} --exact backend::privcmd::tests::in_dom0_real_hypercalls"),
    ));
    // One test at a time: the domain lifecycle tests create and destroy
    // domains, and the output stays readable.
    checks.push((
        "dom0-api".into(),
        format!("/bin/{DOM0_API_TESTS} --test-threads=1 --nocapture"),
    ));
    // Last: hcbuf against the floor and libxencall, row for row, in
    // interleaved rounds in this same boot. One check, failing only if a
    // call fails; `cargo xtask dom0` prints the table from the
    // BENCHROUND/FLOOR/HCBUF/PEER lines.
    checks.push(("bench".into(), format!("/bin/{BENCH_ROUNDS}")));

    let mut s = String::from(INIT_HEAD);
    // The dom0 API tests check they run on the release booted.
    s.push_str(&format!("export HCBUF_DOM0_XEN={}\n", release.name));
    for (name, command) in &checks {
        s.push_str(&format!("check {name} {command}\n"));
    }
    s.push_str(INIT_TAIL);
    (s, checks.len())
}

/// `sh -c '<script>'` (the script must not contain `'`).
fn sh(script: &str) -> String {
    assert!(!script.contains('\''), "{script}");
    format!("sh -c '{script}'")
}

const INIT_HEAD: &str = r#"#!/bin/sh
# /init of the hcbuf dom0 test initramfs, written by `cargo xtask dom0`.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp
echo "DOM0INFO kernel $(uname -r), clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource), uptime $(cut -d' ' -f1 /proc/uptime)s"
passed=0
failed=0
check() {
    name=$1
    shift
    echo "DOM0RUN $name: $*"
    if timeout 120 "$@"; then
        echo "DOM0CHECK $name PASS"
        passed=$((passed + 1))
    else
        echo "DOM0CHECK $name FAIL (exit $?)"
        failed=$((failed + 1))
    fi
}
"#;

const INIT_TAIL: &str = r#"echo "dom0: $passed passed, $failed failed"
# QEMU exits with (failed << 1) | 1 through isa-debug-exit; poweroff if not.
/bin/qemu-exit $failed
poweroff -f
sleep 10
"#;

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
