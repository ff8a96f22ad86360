//! `cargo xtask dom0`: boots the real Xen hypervisor of each release hcbuf
//! speaks, with its Debian suite's Linux as a PV dom0 under QEMU (TCG):
//! Xen 4.17 with bookworm's Linux 6.1, Xen 4.20 with trixie's Linux 6.12.
//! In each it runs the checks of `init.sh` and `checks.sh` (the example
//! programs against sysfs, the privcmd and typed-API tests of
//! `hcbuf-core`) and the benchmark (hcbuf against the bare-ioctl floor and
//! libxencall), and it fails unless every check of every release passes.
//! Everything it fetches or builds lives in `target/dom0/` (`<release>/`
//! per release).
//!
//! - `packages.rs`: each release's Debian packages, fetched and extracted;
//! - `xl.rs`: Xen's `xl` and `xenstored` from them, with their libraries,
//!   to compare the examples with (`xl-compare.sh`);
//! - `guest.rs`: the programs dom0 runs, built statically on the host;
//! - `init.rs`, `init.sh`, `checks.sh`: dom0's `/init` and its checks;
//! - `initramfs.rs`: the initramfs holding them;
//! - `qemu.rs`: the boot, and the verdict from the serial console;
//! - `protocol.rs`: the words on that console, defined once;
//! - `bench.rs`, `peer_bench.c`: the benchmark's rounds and table.

pub mod bench;
pub mod guest;
pub mod init;
pub mod initramfs;
pub mod packages;
pub mod protocol;
pub mod qemu;
pub mod xl;

use std::time::{Duration, Instant};

use crate::{Result, io_err, step, workspace_root};

pub fn dom0(timeout: Duration, only: Option<&str>) -> Result<()> {
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
