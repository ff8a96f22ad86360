//! The dom0 initramfs of one release: a gzip'd newc cpio archive written
//! here, holding busybox, the Xen kernel modules (decompressed: busybox's
//! `insmod` takes a plain `.ko`, and trixie ships `.ko.xz`), our binaries,
//! the benchmark's script and `/init`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::bench;
use super::guest::{BENCH_ROUNDS, Binaries, DOM0_TESTS, XEN_INFO_FIELD, XL_COMPARE};
use super::init;
use super::packages::GuestOs;
use super::xl::Entry;
use crate::{Result, io_err, output};

/// The modules dom0 needs for `/dev/xen/privcmd` and `/proc/xen`; their
/// dependencies are found from each module's `.modinfo`.
/// `xenstored` needs the event channel and grant devices too.
const MODULES: [&str; 5] = [
    "xen-privcmd",
    "xenfs",
    "xen-evtchn",
    "xen-gntdev",
    "xen-gntalloc",
];

/// What `xenstored` and `xl` write to (`var/run` and `var/lib` hold
/// their state and locks).
const XENSTORED_DIRS: [&str; 9] = [
    "var",
    "var/run",
    "var/run/xenstored",
    "var/run/xen",
    "var/lib",
    "var/lib/xenstored",
    "var/lib/xen",
    "var/log",
    "var/log/xen",
];

/// The initramfs written (`initrd.img`).
pub struct Initrd {
    /// How many `DOM0CHECK` lines a complete run prints.
    pub checks: usize,
}

/// Writes `target/dom0/<release>/initrd.img` from the release's guest, the
/// shared binaries and the release's own (`extra`).
pub fn build(os: &GuestOs, bins: &Binaries, extra: &[(String, PathBuf)]) -> Result<Initrd> {
    let work = &os.work;
    let mut cpio = Cpio::default();
    for dir in [
        "bin",
        "dev",
        "proc",
        "sys",
        "tmp",
        "root",
        "lib",
        "lib/modules",
    ] {
        cpio.dir(dir);
    }
    cpio.console();

    cpio.file("bin/busybox", &read(&os.busybox)?, 0o755);
    let list = output(Command::new(&os.busybox).arg("--list"))?;
    for applet in String::from_utf8_lossy(&list).lines() {
        let applet = applet.trim();
        if !applet.is_empty() && applet != "busybox" && !applet.contains('/') {
            cpio.symlink(&format!("bin/{applet}"), "busybox");
        }
    }

    let modules = load_order(&os.xen_modules)?;
    for (name, data) in &modules {
        cpio.file(&format!("lib/modules/{name}.ko"), data, 0o644);
    }
    for (name, path) in bins.files.iter().chain(extra) {
        cpio.file(&format!("bin/{name}"), &read(path)?, 0o755);
    }
    cpio.file(
        &format!("bin/{BENCH_ROUNDS}"),
        bench::script().as_bytes(),
        0o755,
    );
    cpio.file(
        &format!("bin/{XEN_INFO_FIELD}"),
        init::XEN_INFO_FIELD_SH.as_bytes(),
        0o755,
    );
    cpio.file(
        &format!("bin/{XL_COMPARE}"),
        init::XL_COMPARE_SH.as_bytes(),
        0o755,
    );
    cpio.file(
        &format!("bin/{DOM0_TESTS}"),
        init::DOM0_TESTS_SH.as_bytes(),
        0o755,
    );
    let mut dirs: Vec<String> = ["bin", "lib", "lib/modules", "root", "tmp"]
        .map(String::from)
        .into();
    let xl = os.xl.entries()?;
    let xl_files = xl.iter().filter(|e| matches!(e, Entry::File(..))).count();
    let xl_bytes: usize = xl
        .iter()
        .map(|e| match e {
            Entry::File(_, data, _) => data.len(),
            Entry::Symlink(..) => 0,
        })
        .sum();
    for entry in xl {
        let (Entry::File(path, ..) | Entry::Symlink(path, _)) = &entry;
        let mut at = 0;
        while let Some(slash) = path[at..].find('/') {
            let dir = &path[..at + slash];
            if !dirs.iter().any(|d| d == dir) {
                cpio.dir(dir);
                dirs.push(dir.to_owned());
            }
            at += slash + 1;
        }
        match entry {
            Entry::File(path, data, mode) => cpio.file(&path, &data, mode),
            Entry::Symlink(path, target) => cpio.symlink(&path, &target),
        }
    }
    for dir in XENSTORED_DIRS {
        cpio.dir(dir);
    }
    let names: Vec<String> = modules.into_iter().map(|(n, _)| n).collect();
    let (init, checks) = init::script(os.release.name, &names);
    cpio.file("init", init.as_bytes(), 0o755);
    let plain = cpio.finish();

    let path = work.join("initrd.img");
    gzip(&plain, &path)?;
    println!(
        "xtask dom0 {}: initrd.img {:.1} MiB (cpio {:.1} MiB), modules: {}; xl: {xl_files} files \
         ({:.1} MiB) from {} packages",
        os.release.name,
        file_mib(&path),
        plain.len() as f64 / 1048576.0,
        names.join(" "),
        xl_bytes as f64 / 1048576.0,
        os.xl.packages,
    );
    Ok(Initrd { checks })
}

/// `MODULES` and what they depend on, dependencies first: each as its
/// name and its plain (decompressed) `.ko`.
fn load_order(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut all = Vec::new();
    walk(dir, &mut all)?;
    let mut order = Vec::new();
    for name in MODULES {
        add_module(name, &all, &mut order, 0)?;
    }
    Ok(order)
}

/// A module file's name without its `.ko[.xz|.gz|.zst]` suffix, and the
/// tool that decompresses it (`None`: a plain `.ko`).
fn module_stem(file_name: &str) -> Option<(&str, Option<&'static str>)> {
    const SUFFIXES: [(&str, Option<&str>); 4] = [
        (".ko", None),
        (".ko.xz", Some("xz")),
        (".ko.gz", Some("gzip")),
        (".ko.zst", Some("zstd")),
    ];
    SUFFIXES
        .iter()
        .find_map(|&(suffix, tool)| file_name.strip_suffix(suffix).map(|stem| (stem, tool)))
}

fn add_module(
    name: &str,
    all: &[PathBuf],
    order: &mut Vec<(String, Vec<u8>)>,
    depth: usize,
) -> Result<()> {
    // Linux treats `-` and `_` in module names alike.
    let key = |n: &str| n.replace('-', "_");
    if order.iter().any(|(n, _)| key(n) == key(name)) {
        return Ok(());
    }
    if depth > 16 {
        return Err(format!("module dependencies of {name} loop"));
    }
    let (path, stem, tool) = all
        .iter()
        .find_map(|p| {
            let (stem, tool) = module_stem(p.file_name()?.to_str()?)?;
            (key(stem) == key(name)).then(|| (p, stem.to_string(), tool))
        })
        .ok_or_else(|| format!("no {name}.ko[.xz] under the extracted drivers/xen"))?;
    let data = match tool {
        None => read(path)?,
        Some(tool) => output(Command::new(tool).arg("-dc").arg(path))?,
    };
    if !data.starts_with(b"\x7fELF") {
        return Err(format!("{} is not an ELF module", path.display()));
    }
    for dep in depends(&data) {
        add_module(&dep, all, order, depth + 1)?;
    }
    order.push((stem, data));
    Ok(())
}

/// The `depends=` entry of a module's `.modinfo`.
fn depends(ko: &[u8]) -> Vec<String> {
    let tag = b"\0depends=";
    let Some(at) = ko.windows(tag.len()).position(|w| w == tag) else {
        return Vec::new();
    };
    let rest = &ko[at + tag.len()..];
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    String::from_utf8_lossy(&rest[..end])
        .split(',')
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(io_err("read", dir))? {
        let path = entry.map_err(io_err("read", dir))?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(io_err("read", path))
}

fn file_mib(path: &Path) -> f64 {
    fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1048576.0)
}

/// `gzip -6 -n < data > out`.
fn gzip(data: &[u8], out: &Path) -> Result<()> {
    let file = fs::File::create(out).map_err(io_err("create", out))?;
    let mut child = Command::new("gzip")
        .args(["-6", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::from(file))
        .spawn()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    let written = child
        .stdin
        .take()
        .ok_or("gzip has no stdin")?
        .write_all(data);
    let status = child.wait().map_err(|e| format!("gzip: {e}"))?;
    written.map_err(|e| format!("cannot write to gzip: {e}"))?;
    if !status.success() {
        return Err(format!("gzip failed ({status})"));
    }
    Ok(())
}

/// A newc ("070701") cpio archive being built in memory.
#[derive(Default)]
struct Cpio {
    data: Vec<u8>,
    ino: u32,
}

impl Cpio {
    fn dir(&mut self, name: &str) {
        self.entry(name, 0o040755, &[], (0, 0));
    }

    fn file(&mut self, name: &str, data: &[u8], perm: u32) {
        self.entry(name, 0o100000 | perm, data, (0, 0));
    }

    fn symlink(&mut self, name: &str, target: &str) {
        self.entry(name, 0o120777, target.as_bytes(), (0, 0));
    }

    /// `/dev/console` (5:1), so `/init` has a console before devtmpfs.
    fn console(&mut self) {
        self.entry("dev/console", 0o020600, &[], (5, 1));
    }

    fn entry(&mut self, name: &str, mode: u32, data: &[u8], rdev: (u32, u32)) {
        self.ino += 1;
        let nlink = if mode & 0o170000 == 0o040000 { 2 } else { 1 };
        let fields = [
            self.ino,
            mode,
            0, // uid
            0, // gid
            nlink,
            0, // mtime
            data.len() as u32,
            0, // dev major
            0, // dev minor
            rdev.0,
            rdev.1,
            name.len() as u32 + 1,
            0, // check
        ];
        self.data.extend_from_slice(b"070701");
        for field in fields {
            self.data
                .extend_from_slice(format!("{field:08x}").as_bytes());
        }
        self.data.extend_from_slice(name.as_bytes());
        self.data.push(0);
        self.pad();
        self.data.extend_from_slice(data);
        self.pad();
    }

    fn pad(&mut self) {
        while self.data.len() % 4 != 0 {
            self.data.push(0);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.entry("TRAILER!!!", 0, &[], (0, 0));
        self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_with_and_without_compression() {
        assert_eq!(module_stem("xenfs.ko"), Some(("xenfs", None)));
        assert_eq!(
            module_stem("xen-privcmd.ko.xz"),
            Some(("xen-privcmd", Some("xz")))
        );
        assert_eq!(module_stem("a.ko.zst"), Some(("a", Some("zstd"))));
        assert_eq!(module_stem("Makefile"), None);
        assert_eq!(module_stem("xenfs.ko.bz2"), None);
    }

    #[test]
    fn modinfo_depends() {
        let ko = b"\x7fELF...\0name=xenfs\0depends=xen-privcmd\0vermagic=6.12\0";
        assert_eq!(depends(ko), ["xen-privcmd"]);
        assert_eq!(depends(b"\0depends=\0"), Vec::<String>::new());
        assert_eq!(depends(b"\0depends=a,b"), ["a", "b"]);
        assert!(depends(b"no modinfo").is_empty());
    }
}
