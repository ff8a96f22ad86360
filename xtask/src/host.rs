//! The host's tools: what a task runs on this machine, installed with
//! apt when missing (as root; otherwise the error gives the command).

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::Command;

use crate::{Result, run};

/// The Debian packages of `wanted` (tool, package) whose tool is not on
/// `PATH`.
pub fn missing_tools<'a>(wanted: &[(&str, &'a str)]) -> Vec<&'a str> {
    wanted
        .iter()
        .filter(|(tool, _)| which(tool).is_none())
        .map(|&(_, package)| package)
        .collect()
}

/// Installs Debian `packages` with apt-get (as root; otherwise the error
/// gives the command to run). Nothing to do for an empty list.
pub fn install(task: &str, packages: &[&str]) -> Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    for tool in ["apt-get", "apt-cache", "dpkg-deb"] {
        if which(tool).is_none() {
            return Err(format!(
                "`{tool}` not found: this harness needs a Debian-like host"
            ));
        }
    }
    let line = format!(
        "apt-get install -y --no-install-recommends {}",
        packages.join(" ")
    );
    if !is_root() {
        return Err(format!("missing host packages; run as root:\n    {line}"));
    }
    println!("xtask {task}: installing {}", packages.join(" "));
    let install = || {
        run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    install()
        .or_else(|_| apt_update().and_then(|()| install()))
        .map_err(|e| format!("{e}; try: {line}"))
}

fn apt_update() -> Result<()> {
    println!("xtask: apt-get update");
    run(Command::new("apt-get").args(["update", "-qq"]))
}

fn is_root() -> bool {
    // The owner of /proc/self is the effective uid.
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `tool` on `PATH`, if there.
pub fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}
