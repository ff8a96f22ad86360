//! Host tools (installed with apt when missing) and each release's guest
//! packages: downloaded from that release's Debian suite through
//! `hcbuf_sys::prove::debian` (a private apt configuration under
//! `target/dom0/apt/<suite>/`; the system's apt state is not touched) and
//! extracted into `target/dom0/<release>/`, never installed.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hcbuf_sys::prove::debian;

use super::xl::{self, Xl};
use crate::host::{install, missing_tools};
use crate::{Result, io_err, run};

/// The releases `cargo xtask dom0` boots, oldest first.
pub const RELEASES: [&str; 2] = ["4.17", "4.20"];
/// The meta package whose dependency names a suite's current kernel.
const KERNEL_META: &str = "linux-image-amd64";
/// Where a static libc lives on Debian (needed for `cc -static`).
const STATIC_LIBC: &str = "/usr/lib/x86_64-linux-gnu/libc.a";
/// Where libxen-dev keeps its static libraries, below its tree.
pub const LIBXEN_LIB: &str = "usr/lib/x86_64-linux-gnu";

/// A Xen release the harness boots: Debian's package of it and the suite
/// it comes from (the suite hcbuf-sys proves that release's headers from,
/// so the two never disagree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Release {
    /// `4.17`, `4.20`.
    pub name: &'static str,
    /// `bookworm`, `trixie`.
    pub suite: &'static str,
}

impl Release {
    /// The release `name`, if hcbuf-sys declares it and this harness boots
    /// it.
    pub fn named(name: &str) -> Result<Release> {
        let version = hcbuf_sys::VERSIONS
            .iter()
            .find(|v| v.name == name && RELEASES.contains(&v.name))
            .ok_or_else(|| {
                format!(
                    "no Xen release {name:?} to boot (the harness boots {})",
                    RELEASES.join(", ")
                )
            })?;
        Ok(Release {
            name: version.name,
            suite: version.package.suite,
        })
    }

    /// `(major, minor)`.
    pub fn version(&self) -> (u32, u32) {
        let (major, minor) = self.name.split_once('.').unwrap_or((self.name, ""));
        (major.parse().unwrap_or(0), minor.parse().unwrap_or(0))
    }

    /// The Debian package of the hypervisor.
    fn xen_package(&self) -> String {
        format!("xen-hypervisor-{}-amd64", self.name)
    }

    /// The compressed hypervisor inside it.
    fn xen_gz(&self) -> String {
        format!("boot/xen-{}-amd64.gz", self.name)
    }
}

/// One release's guest, extracted from its suite's packages into
/// `target/dom0/<release>/` (`xen` and `vmlinux` are written there, next
/// to `root/`).
pub struct GuestOs {
    /// The release.
    pub release: Release,
    /// `target/dom0/<release>/`: the boot's work directory.
    pub work: PathBuf,
    /// What was booted, for the summary (`xen-hypervisor-4.20-amd64
    /// 4.20.4+63-…, linux-image-6.12.…-amd64`).
    pub description: String,
    /// `lib/modules/<version>/kernel/drivers/xen` of the extracted kernel.
    pub xen_modules: PathBuf,
    /// The static busybox.
    pub busybox: PathBuf,
    /// The extracted libxen-dev of the suite (`usr/include`, and the static
    /// libraries in [`LIBXEN_LIB`]).
    pub libxen_dev: PathBuf,
    /// Xen's own toolstack (`xl`, `xenstored`), to compare the examples
    /// with.
    pub xl: Xl,
}

/// Installs what the harness runs on the host, or says how to.
pub fn ensure_host_tools() -> Result<()> {
    // zstd: trixie's kernel is a zstd bzImage; xz: bookworm's kernel and
    // trixie's modules. libxen-dev is not needed: each release's own is
    // extracted from its suite.
    let mut missing = missing_tools(&[
        ("qemu-system-x86_64", "qemu-system-x86"),
        ("xz", "xz-utils"),
        ("zstd", "zstd"),
        ("gzip", "gzip"),
        ("tar", "tar"),
        ("cc", "gcc"),
        ("readelf", "binutils"),
    ]);
    if !Path::new(STATIC_LIBC).exists() {
        missing.push("libc6-dev");
    }
    install("dom0", &missing)
}

/// Downloads (once) and extracts `release`'s guest packages into
/// `dom0/<release>/`, then prepares the Xen and kernel ELFs. A second run
/// with the same packages downloads and extracts nothing.
pub fn fetch_guest(dom0: &Path, release: Release) -> Result<GuestOs> {
    let work = dom0.join(release.name);
    let suite = release.suite;
    let kernel = kernel_package(dom0, suite)?;
    let kver = kernel
        .strip_prefix("linux-image-")
        .unwrap_or(&kernel)
        .to_string();
    let xen_package = release.xen_package();
    println!(
        "xtask dom0 {}: guest is Debian {suite}'s {xen_package} + {kernel}",
        release.name
    );
    let packages = [
        xen_package.as_str(),
        kernel.as_str(),
        "busybox-static",
        "libxen-dev",
    ];
    let debs_dir = work.join("debs");
    let debs = debian::download(dom0, suite, &packages, &debs_dir)?;
    prune(&debs_dir, &debs);
    let [xen_deb, kernel_deb, busybox_deb, libxen_deb] = &debs[..] else {
        return Err(format!("expected 4 packages, got {}", debs.len()));
    };

    let root = work.join("root");
    let libxen_dev = work.join("libxen-dev");
    let (xen, vmlinux) = (work.join("xen"), work.join("vmlinux"));
    let stamp_path = work.join(".xtask-debs");
    let stamp: String = debs.iter().map(|d| format!("{}\n", d.display())).collect();
    let fresh = fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp)
        && xen.exists()
        && vmlinux.exists();
    if fresh {
        println!("xtask dom0 {}: packages already extracted", release.name);
    } else {
        let _ = fs::remove_file(&stamp_path);
        for dir in [&root, &libxen_dev] {
            if dir.exists() {
                fs::remove_dir_all(dir).map_err(io_err("remove", dir))?;
            }
        }
        for deb in [xen_deb, busybox_deb] {
            run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&root))?;
        }
        run(Command::new("dpkg-deb")
            .arg("-x")
            .arg(libxen_deb)
            .arg(&libxen_dev))?;
        // Of the kernel (100 MB, 400 MB unpacked) only the image and the
        // Xen drivers.
        extract_members(
            kernel_deb,
            &root,
            &["./boot/vmlinuz-*", "*/kernel/drivers/xen/*"],
        )?;
        // QEMU's multiboot loader needs the plain ELF, not the .gz.
        let gz = root.join(release.xen_gz());
        if !gz.is_file() {
            return Err(format!(
                "{} holds no {}",
                xen_deb.display(),
                release.xen_gz()
            ));
        }
        decompress("gzip", &gz, &xen)?;
        extract_vmlinux(&root.join(format!("boot/vmlinuz-{kver}")), &work, &vmlinux)?;
    }
    let guest = GuestOs {
        release,
        description: format!(
            "{}, {kernel}",
            deb_name_version(xen_deb).unwrap_or(xen_package.clone())
        ),
        work: work.clone(),
        xen_modules: first_existing(
            &root,
            &[
                format!("lib/modules/{kver}/kernel/drivers/xen"),
                format!("usr/lib/modules/{kver}/kernel/drivers/xen"),
            ],
        ),
        busybox: first_existing(&root, &["bin/busybox".into(), "usr/bin/busybox".into()]),
        libxen_dev,
        xl: xl::fetch(dom0, release, &work)?,
    };
    let xencall = guest.libxen_dev.join(LIBXEN_LIB).join("libxencall.a");
    for needed in [&guest.xen_modules, &guest.busybox, &xencall] {
        if !needed.exists() {
            return Err(format!("{} missing from the packages", needed.display()));
        }
    }
    if !fresh {
        fs::write(&stamp_path, stamp).map_err(io_err("write", &stamp_path))?;
    }
    Ok(guest)
}

/// The kernel package `linux-image-amd64` of `suite` depends on now.
fn kernel_package(dom0: &Path, suite: &str) -> Result<String> {
    debian::depends(dom0, suite, KERNEL_META)?
        .into_iter()
        .find(|p| p.starts_with("linux-image-") && p.ends_with("-amd64"))
        .ok_or_else(|| format!("Debian {suite}'s {KERNEL_META} depends on no kernel image"))
}

/// Removes the `.deb`s in `dir` other than `keep` (an older kernel, when
/// the suite moved on: 100 MB each).
fn prune(dir: &Path, keep: &[PathBuf]) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_some_and(|e| e == "deb") && !keep.contains(&path) {
            println!("xtask dom0: removing the superseded {}", path.display());
            let _ = fs::remove_file(&path);
        }
    }
}

/// `name version` of a `.deb` file name (`name_version_arch.deb`, the
/// epoch's `:` written `%3a`).
fn deb_name_version(deb: &Path) -> Option<String> {
    let file = deb.file_name()?.to_str()?.strip_suffix(".deb")?;
    let mut parts = file.split('_');
    let (name, version) = (parts.next()?, parts.next()?);
    Some(format!("{name} {}", version.replace("%3a", ":")))
}

/// Extracts the members of `deb` matching `patterns` (tar wildcards) into
/// `into`: `dpkg-deb --fsys-tarfile deb | tar -x`.
fn extract_members(deb: &Path, into: &Path, patterns: &[&str]) -> Result<()> {
    fs::create_dir_all(into).map_err(io_err("create", into))?;
    let mut unpack = Command::new("dpkg-deb")
        .arg("--fsys-tarfile")
        .arg(deb)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run dpkg-deb: {e}"))?;
    let tarball = unpack.stdout.take().ok_or("dpkg-deb has no stdout")?;
    let untar = run(Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .arg("--wildcards")
        .args(patterns)
        .stdin(Stdio::from(tarball)));
    let status = unpack.wait().map_err(|e| format!("dpkg-deb: {e}"))?;
    untar?;
    if !status.success() {
        return Err(format!(
            "`dpkg-deb --fsys-tarfile {}` failed ({status})",
            deb.display()
        ));
    }
    Ok(())
}

/// Writes the ELF inside the bzImage `vmlinuz` to `out`: Xen loads an ELF
/// dom0 kernel without decompressing it (5.5 s of TCG saved per boot).
fn extract_vmlinux(vmlinuz: &Path, work: &Path, out: &Path) -> Result<()> {
    let image = fs::read(vmlinuz).map_err(io_err("read", vmlinuz))?;
    let (payload, tool) =
        bzimage_payload(&image).map_err(|e| format!("{}: {e}", vmlinuz.display()))?;
    let path = work.join("vmlinux.payload");
    fs::write(&path, payload).map_err(io_err("write", &path))?;
    let decompressed = decompress(tool, &path, out);
    let _ = fs::remove_file(&path);
    decompressed?;
    let mut head = [0u8; 4];
    fs::File::open(out)
        .and_then(|mut f| f.read_exact(&mut head))
        .map_err(io_err("read", out))?;
    if &head != b"\x7fELF" {
        return Err(format!("{} is not an ELF", out.display()));
    }
    Ok(())
}

/// The compressed kernel inside a bzImage, and the tool that decompresses
/// it. Linux's boot protocol (2.08+) gives its place in the setup header:
/// `payload_offset` (0x248) and `payload_length` (0x24c), from the start
/// of the protected-mode code, `(setup_sects + 1) * 512` (0x1f1; 0 means
/// 4). xz and zstd payloads end with the 4-byte decompressed size, which
/// those tools would take for a damaged next stream: it is cut off.
fn bzimage_payload(image: &[u8]) -> Result<(&[u8], &'static str)> {
    let u32_at = |at: usize| {
        image
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if image.get(0x202..0x206) != Some(b"HdrS") {
        return Err("not a bzImage (no HdrS setup header)".into());
    }
    let protocol = image
        .get(0x206..0x208)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
    if protocol < 0x208 {
        return Err(format!(
            "boot protocol {protocol:#x} has no payload fields (2.08+ has)"
        ));
    }
    let setup_sects = match image.get(0x1f1).copied().unwrap_or(0) {
        0 => 4,
        n => usize::from(n),
    };
    let (offset, length) = match (u32_at(0x248), u32_at(0x24c)) {
        (Some(o), Some(l)) => (o, l),
        _ => return Err("truncated setup header".into()),
    };
    let start = (setup_sects + 1) * 512 + offset;
    let payload = image
        .get(start..start + length)
        .ok_or_else(|| format!("payload {start}+{length} is past the end ({})", image.len()))?;
    let formats: [(&[u8], &str, usize); 3] = [
        (b"\xfd7zXZ\x00", "xz", 4),
        (b"\x28\xb5\x2f\xfd", "zstd", 4),
        (b"\x1f\x8b", "gzip", 0),
    ];
    for (magic, tool, size_suffix) in formats {
        if payload.starts_with(magic) && payload.len() > size_suffix {
            return Ok((&payload[..payload.len() - size_suffix], tool));
        }
    }
    Err(format!(
        "payload compressed with an unknown method (starts {:02x?}; xz, zstd and gzip are known)",
        &payload[..payload.len().min(6)]
    ))
}

/// `tool -dc input > out` (`tool`: gzip, xz or zstd).
pub fn decompress(tool: &str, input: &Path, out: &Path) -> Result<()> {
    let file = fs::File::create(out).map_err(io_err("create", out))?;
    run(Command::new(tool)
        .arg("-dc")
        .arg(input)
        .stdout(Stdio::from(file)))
}

/// The first of `candidates` (relative to `root`) that exists, else the first.
fn first_existing(root: &Path, candidates: &[String]) -> PathBuf {
    candidates
        .iter()
        .map(|c| root.join(c))
        .find(|p| p.exists())
        .unwrap_or_else(|| root.join(&candidates[0]))
}

/// Removes what the one-release harness kept directly in `target/dom0/`
/// (now in `target/dom0/<release>/`): 150 MB nothing reads any more.
pub fn remove_old_layout(dom0: &Path) {
    for dir in ["debs", "root"] {
        let _ = fs::remove_dir_all(dom0.join(dir));
    }
    for file in [
        "xen",
        "vmlinux",
        "initrd.img",
        "serial.log",
        "bench.tsv",
        "libxencall-bench",
        "libxencall_bench.c",
    ] {
        let _ = fs::remove_file(dom0.join(file));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bzImage of protocol 2.15 with `setup_sects` 2 and `payload`.
    fn bzimage(payload: &[u8]) -> Vec<u8> {
        let mut image = vec![0u8; 3 * 512];
        image[0x1f1] = 2;
        image[0x202..0x206].copy_from_slice(b"HdrS");
        image[0x206..0x208].copy_from_slice(&0x20fu16.to_le_bytes());
        image[0x248..0x24c].copy_from_slice(&100u32.to_le_bytes());
        image[0x24c..0x250].copy_from_slice(&(payload.len() as u32).to_le_bytes());
        image.resize(3 * 512 + 100, 0xaa);
        image.extend_from_slice(payload);
        image.extend_from_slice(b"trailing");
        image
    }

    #[test]
    fn bzimage_payloads_by_format() {
        let zstd = b"\x28\xb5\x2f\xfdDATA\x10\x00\x00\x00";
        let image = bzimage(zstd);
        assert_eq!(
            bzimage_payload(&image),
            Ok((&b"\x28\xb5\x2f\xfdDATA"[..], "zstd"))
        );
        let xz = b"\xfd7zXZ\x00DATA\x10\x00\x00\x00";
        assert_eq!(
            bzimage_payload(&bzimage(xz)),
            Ok((&b"\xfd7zXZ\x00DATA"[..], "xz"))
        );
        // gzip carries its own size: nothing is cut.
        let gz = b"\x1f\x8b\x08DATA";
        assert_eq!(bzimage_payload(&bzimage(gz)), Ok((&gz[..], "gzip")));

        let e = bzimage_payload(&bzimage(b"BZh91AY")).unwrap_err();
        assert!(e.contains("unknown method"), "{e}");
        assert!(bzimage_payload(b"\x7fELF").unwrap_err().contains("HdrS"));
        let mut old = bzimage(zstd);
        old[0x206..0x208].copy_from_slice(&0x206u16.to_le_bytes());
        assert!(bzimage_payload(&old).unwrap_err().contains("2.08"));
        let mut short = bzimage(zstd);
        short[0x24c..0x250].copy_from_slice(&1_000_000u32.to_le_bytes());
        assert!(
            bzimage_payload(&short)
                .unwrap_err()
                .contains("past the end")
        );
    }

    #[test]
    fn deb_file_names() {
        assert_eq!(
            deb_name_version(Path::new("/x/busybox-static_1%3a1.37.0-6+b9_amd64.deb")),
            Some("busybox-static 1:1.37.0-6+b9".to_string())
        );
        assert_eq!(deb_name_version(Path::new("x.tar")), None);
    }

    #[test]
    fn releases_come_from_hcbuf_sys() {
        let r = Release::named("4.20").unwrap();
        assert_eq!((r.suite, r.version()), ("trixie", (4, 20)));
        assert_eq!(r.xen_gz(), "boot/xen-4.20-amd64.gz");
        assert_eq!(Release::named("4.17").unwrap().suite, "bookworm");
        assert!(Release::named("4.19").unwrap_err().contains("4.17, 4.20"));
    }
}
