//! Host tools (installed with apt when missing) and the guest's Debian
//! packages (downloaded and extracted into `target/dom0/`, never installed).

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Result, io_err, output, run};

/// The Xen hypervisor package the guest boots.
const XEN_PACKAGE: &str = "xen-hypervisor-4.17-amd64";
/// The compressed hypervisor inside it.
const XEN_GZ: &str = "boot/xen-4.17-amd64.gz";
/// The meta package whose dependency names the current kernel.
const KERNEL_META: &str = "linux-image-amd64";
/// Where a static libc lives on Debian (needed for `cc -static`).
const STATIC_LIBC: &str = "/usr/lib/x86_64-linux-gnu/libc.a";
/// libxencall's static library and headers (for the benchmark's peer).
const STATIC_XENCALL: &str = "/usr/lib/x86_64-linux-gnu/libxencall.a";

/// The guest's pieces, extracted from the packages (besides `xen` and
/// `vmlinux`, which are written next to `root/`).
pub struct GuestOs {
    /// `lib/modules/<version>/kernel/drivers/xen` of the extracted kernel.
    pub xen_modules: PathBuf,
    /// The static busybox.
    pub busybox: PathBuf,
}

/// Installs what the harness runs on the host, or says how to.
pub fn ensure_host_tools() -> Result<()> {
    let mut missing = missing_tools(&[
        ("qemu-system-x86_64", "qemu-system-x86"),
        ("xz", "xz-utils"),
        ("gzip", "gzip"),
        ("cc", "gcc"),
    ]);
    if !Path::new(STATIC_LIBC).exists() {
        missing.push("libc6-dev");
    }
    if !Path::new(STATIC_XENCALL).exists() {
        missing.push("libxen-dev");
    }
    install("dom0", &missing)
}

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

/// Downloads (once) and extracts the guest packages, then prepares the Xen
/// and kernel ELFs.
pub fn fetch_guest(work: &Path) -> Result<GuestOs> {
    let kernel = kernel_package()?;
    let kver = kernel
        .strip_prefix("linux-image-")
        .unwrap_or(&kernel)
        .to_string();
    println!("xtask dom0: guest is {XEN_PACKAGE} + {kernel}");
    let debs = download(
        &work.join("debs"),
        &[XEN_PACKAGE, kernel.as_str(), "busybox-static"],
    )?;

    let root = work.join("root");
    let (xen, vmlinux) = (work.join("xen"), work.join("vmlinux"));
    let stamp_path = root.join(".xtask-debs");
    let stamp: String = debs.iter().map(|d| format!("{}\n", d.display())).collect();
    let fresh = fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp)
        && xen.exists()
        && vmlinux.exists();
    if fresh {
        println!("xtask dom0: packages already extracted");
    } else {
        if root.exists() {
            fs::remove_dir_all(&root).map_err(io_err("remove", &root))?;
        }
        for deb in &debs {
            run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&root))?;
        }
        // QEMU's multiboot loader needs the plain ELF, not the .gz.
        decompress("gzip", &root.join(XEN_GZ), &xen)?;
        extract_vmlinux(&root.join(format!("boot/vmlinuz-{kver}")), work, &vmlinux)?;
    }
    let guest = GuestOs {
        xen_modules: first_existing(
            &root,
            &[
                format!("lib/modules/{kver}/kernel/drivers/xen"),
                format!("usr/lib/modules/{kver}/kernel/drivers/xen"),
            ],
        ),
        busybox: first_existing(&root, &["bin/busybox".into(), "usr/bin/busybox".into()]),
    };
    for needed in [&guest.xen_modules, &guest.busybox] {
        if !needed.exists() {
            return Err(format!("{} missing from the packages", needed.display()));
        }
    }
    if fresh {
        return Ok(guest);
    }
    fs::write(&stamp_path, stamp).map_err(io_err("write", &stamp_path))?;
    Ok(guest)
}

/// The kernel package `linux-image-amd64` depends on now.
fn kernel_package() -> Result<String> {
    let find = || -> Result<String> {
        let out = output(Command::new("apt-cache").args(["depends", KERNEL_META]))?;
        String::from_utf8_lossy(&out)
            .lines()
            .filter_map(|l| l.trim().strip_prefix("Depends: "))
            .find(|p| p.starts_with("linux-image-") && p.ends_with("-amd64"))
            .map(str::to_string)
            .ok_or_else(|| format!("`apt-cache depends {KERNEL_META}` names no kernel"))
    };
    find().or_else(|e| {
        if is_root() {
            apt_update()?;
            find()
        } else {
            Err(format!("{e} (run `apt-get update` as root)"))
        }
    })
}

/// Downloads each package not already in `dir`; returns the `.deb` paths.
fn download(dir: &Path, packages: &[&str]) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).map_err(io_err("create", dir))?;
    let cached = |package: &str| -> Result<Option<PathBuf>> {
        let prefix = format!("{package}_");
        let entries = fs::read_dir(dir).map_err(io_err("read", dir))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".deb"))
            })
            .collect();
        found.sort();
        Ok(found.pop())
    };
    let mut missing = Vec::new();
    for &package in packages {
        if cached(package)?.is_none() {
            missing.push(package);
        }
    }
    if !missing.is_empty() {
        println!("xtask dom0: downloading {}", missing.join(" "));
        let get = || {
            run(Command::new("apt-get")
                .arg("download")
                .args(&missing)
                .current_dir(dir))
        };
        get().or_else(|e| {
            if is_root() {
                apt_update().and_then(|()| get())
            } else {
                Err(e)
            }
        })?;
    }
    packages
        .iter()
        .map(|p| cached(p)?.ok_or_else(|| format!("no {p}_*.deb in {}", dir.display())))
        .collect()
}

/// Writes the ELF inside the bzImage `vmlinuz` (an xz stream) to `out`.
fn extract_vmlinux(vmlinuz: &Path, work: &Path, out: &Path) -> Result<()> {
    let image = fs::read(vmlinuz).map_err(io_err("read", vmlinuz))?;
    let magic = b"\xfd7zXZ\x00";
    let offset = image
        .windows(magic.len())
        .position(|w| w == magic)
        .ok_or_else(|| format!("{} has no xz payload", vmlinuz.display()))?;
    let payload = work.join("vmlinux.xz");
    fs::write(&payload, &image[offset..]).map_err(io_err("write", &payload))?;
    // --single-stream: the bzImage has more data after the stream.
    decompress("xz", &payload, out)?;
    let _ = fs::remove_file(&payload);
    let head = fs::read(out).map_err(io_err("read", out))?;
    if !head.starts_with(b"\x7fELF") {
        return Err(format!("{} is not an ELF", out.display()));
    }
    Ok(())
}

/// `tool -dc [--single-stream] input > out`.
fn decompress(tool: &str, input: &Path, out: &Path) -> Result<()> {
    let file = fs::File::create(out).map_err(io_err("create", out))?;
    let mut cmd = Command::new(tool);
    cmd.arg("-dc");
    if tool == "xz" {
        cmd.arg("--single-stream");
    }
    run(cmd.arg(input).stdout(Stdio::from(file)))
}

fn apt_update() -> Result<()> {
    println!("xtask dom0: apt-get update");
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

/// The first of `candidates` (relative to `root`) that exists, else the first.
fn first_existing(root: &Path, candidates: &[String]) -> PathBuf {
    candidates
        .iter()
        .map(|c| root.join(c))
        .find(|p| p.exists())
        .unwrap_or_else(|| root.join(&candidates[0]))
}
