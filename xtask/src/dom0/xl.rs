//! Xen's own toolstack in dom0, to compare the examples with: `xl`, the C
//! `xenstored`, `xen-init-dom0` and `xenstore`, from the release's Debian
//! packages (`xen-utils-<release>`, `xenstore-utils`) with the shared
//! libraries they load, taken from the same suite.
//!
//! The packages are the dependency closure of those two through the
//! suite's metadata (`Depends:`, as `apt-cache depends` gives it),
//! followed only into shared-library packages (Debian names them after
//! the library: `lib…`, and `zlib1g`); `python3`, `udev` and the other
//! programs `xen-utils` depends on are left out. Of what they hold, the
//! initramfs gets the programs and the libraries their ELF headers name
//! (`DT_NEEDED`, transitively, and the `PT_INTERP` loader), each at the
//! path the package gives it; a library named by no package is an error.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry::Vacant;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use hcbuf_sys::prove::debian;

use super::packages::Release;
use crate::{Result, io_err, output, run};

/// The directories the dynamic loader searches without a cache (Debian's
/// multiarch ones first), relative to the root.
const LIBRARY_DIRS: [&str; 6] = [
    "lib/x86_64-linux-gnu",
    "usr/lib/x86_64-linux-gnu",
    "lib64",
    "usr/lib64",
    "lib",
    "usr/lib",
];

/// The programs' names in `/bin` (the file names of [`programs`]).
pub const BIN_NAMES: [&str; 4] = ["xl", "xenstored", "xen-init-dom0", "xenstore"];

/// `xenstore`'s names (it acts on the name it is run as) linked into
/// `/bin`.
pub const XENSTORE_NAMES: [&str; 5] = [
    "xenstore-read",
    "xenstore-write",
    "xenstore-ls",
    "xenstore-list",
    "xenstore-rm",
];

/// The packages whose closure is fetched.
fn roots(release: Release) -> [String; 2] {
    [
        format!("xen-utils-{}", release.name),
        "xenstore-utils".into(),
    ]
}

/// The programs installed (in the packages' tree) and linked into `/bin`
/// under their file name.
fn programs(release: Release) -> [String; 4] {
    let bin = format!("usr/lib/xen-{}/bin", release.name);
    [
        format!("{bin}/xl"),
        format!("{bin}/xenstored"),
        format!("{bin}/xen-init-dom0"),
        "usr/bin/xenstore".into(),
    ]
}

/// Whether Debian package `name` is a shared library's (policy 8.1: named
/// after the library's soname; zlib's is `zlib1g`).
fn is_library_package(name: &str) -> bool {
    (name.starts_with("lib") || name.starts_with("zlib")) && !name.ends_with("-dev")
}

/// The extracted toolstack of one release.
pub struct Xl {
    /// `target/dom0/<release>/xl-root/`: the packages, extracted.
    pub root: PathBuf,
    /// The release.
    pub release: Release,
    /// How many packages were extracted.
    pub packages: usize,
}

/// One thing the initramfs gets.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    /// A file at this path (no leading `/`), its bytes, its mode.
    File(String, Vec<u8>, u32),
    /// A symbolic link at this path to that target.
    Symlink(String, String),
}

/// Downloads (once) the toolstack's packages of `release` and extracts
/// them into `work/xl-root/`. The closure is resolved once and kept in
/// `work/xl-debs/closure` (a second run asks apt nothing).
pub fn fetch(dom0: &Path, release: Release, work: &Path) -> Result<Xl> {
    let debs_dir = work.join("xl-debs");
    fs::create_dir_all(&debs_dir).map_err(io_err("create", &debs_dir))?;
    let closure_path = debs_dir.join("closure");
    let names: Vec<String> = match fs::read_to_string(&closure_path) {
        Ok(text) if !text.trim().is_empty() => text.lines().map(str::to_owned).collect(),
        _ => {
            let names = closure(release, |p| debian::depends_all(dom0, release.suite, p))?;
            let text: String = names.iter().map(|n| format!("{n}\n")).collect();
            fs::write(&closure_path, text).map_err(io_err("write", &closure_path))?;
            names
        }
    };
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let debs = debian::download(dom0, release.suite, &refs, &debs_dir)?;

    let root = work.join("xl-root");
    let stamp_path = work.join(".xtask-xl-debs");
    let stamp: String = debs.iter().map(|d| format!("{}\n", d.display())).collect();
    if !fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        let _ = fs::remove_file(&stamp_path);
        if root.exists() {
            fs::remove_dir_all(&root).map_err(io_err("remove", &root))?;
        }
        for deb in &debs {
            run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&root))?;
        }
        fs::write(&stamp_path, stamp).map_err(io_err("write", &stamp_path))?;
    }
    Ok(Xl {
        root,
        release,
        packages: debs.len(),
    })
}

/// The roots of `release` and the library packages they depend on,
/// transitively, in the order found: one level at a time, `depends`
/// answering the `Depends:` of a whole level at once (one `apt-cache`
/// run per level, not per package).
fn closure(
    release: Release,
    mut depends: impl FnMut(&[&str]) -> Result<Vec<String>>,
) -> Result<Vec<String>> {
    let mut found: Vec<String> = roots(release).into();
    let mut level = 0;
    while level < found.len() {
        let asked: Vec<&str> = found[level..].iter().map(String::as_str).collect();
        let deps = depends(&asked)?;
        level = found.len();
        for dep in deps {
            if is_library_package(&dep) && !found.contains(&dep) {
                found.push(dep);
            }
        }
        if found.len() > 200 {
            return Err(format!(
                "the library closure of {} passes 200 packages",
                roots(release).join(" ")
            ));
        }
    }
    Ok(found)
}

impl Xl {
    /// What the initramfs gets: the programs (linked from `/bin`), the
    /// libraries they load and the loader, at their packaged paths, and
    /// an `/etc/xen/xl.conf` of xl's defaults.
    pub fn entries(&self) -> Result<Vec<Entry>> {
        let mut files: BTreeMap<String, (Vec<u8>, u32)> = BTreeMap::new();
        let mut links = Vec::new();
        let mut pending: Vec<String> = Vec::new();
        for (program, name) in programs(self.release).into_iter().zip(BIN_NAMES) {
            let file = resolve(&self.root, &program)
                .ok_or_else(|| format!("no {program} in the packages"))?;
            let data = read(&file)?;
            links.push((format!("bin/{name}"), format!("/{program}")));
            pending.push(program.clone());
            files.insert(program, (data, 0o755));
        }
        for name in XENSTORE_NAMES {
            links.push((format!("bin/{name}"), "/usr/bin/xenstore".into()));
        }
        // Each ELF's loader and libraries, until every one is in.
        while let Some(path) = pending.pop() {
            let elf = resolve(&self.root, &path).ok_or_else(|| format!("no {path}"))?;
            let (interp, needed) = elf_needs(&elf)?;
            if let Some(interp) = interp {
                let at = interp.trim_start_matches('/').to_owned();
                if let Vacant(slot) = files.entry(at) {
                    // A merged-/usr suite ships it below `usr/`.
                    let at = slot.key();
                    let file = resolve(&self.root, at)
                        .or_else(|| resolve(&self.root, &format!("usr/{at}")))
                        .ok_or_else(|| {
                            format!("{path}'s loader {interp} is in none of the packages")
                        })?;
                    slot.insert((read(&file)?, 0o755));
                }
            }
            for soname in needed {
                let (at, file) = LIBRARY_DIRS
                    .iter()
                    .map(|dir| format!("{dir}/{soname}"))
                    .find_map(|p| resolve(&self.root, &p).map(|f| (p, f)))
                    .ok_or_else(|| {
                        format!(
                            "{soname}, which {path} loads, is in none of the packages \
                             extracted into {}",
                            self.root.display()
                        )
                    })?;
                if !files.contains_key(&at) {
                    files.insert(at.clone(), (read(&file)?, 0o755));
                    pending.push(at);
                }
            }
        }
        let mut entries: Vec<Entry> = files
            .into_iter()
            .map(|(path, (data, mode))| Entry::File(path, data, mode))
            .collect();
        entries.push(Entry::File(
            "etc/xen/xl.conf".into(),
            b"# xl's defaults (written by cargo xtask dom0)\n".to_vec(),
            0o644,
        ));
        entries.extend(links.into_iter().map(|(p, t)| Entry::Symlink(p, t)));
        Ok(entries)
    }
}

/// The file that `rel` names inside the tree `root`, its symbolic links
/// followed inside the tree (an absolute target is taken from `root`, not
/// from the host); `None` if there is none.
fn resolve(root: &Path, rel: &str) -> Option<PathBuf> {
    let mut rel = normalise(rel)?;
    for _ in 0..40 {
        let path = root.join(&rel);
        let meta = fs::symlink_metadata(&path).ok()?;
        if !meta.file_type().is_symlink() {
            return meta.is_file().then_some(path);
        }
        let target = fs::read_link(&path).ok()?;
        let target = target.to_str()?;
        rel = if target.starts_with('/') {
            normalise(target)?
        } else {
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
            normalise(&format!("{dir}/{target}"))?
        };
    }
    None
}

/// `path` without its leading `/`, `.` and `..` (which never climb above
/// the root), or `None` if nothing is left.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The `PT_INTERP` and `DT_NEEDED` entries of the ELF at `path`, read
/// with `readelf` (binutils).
fn elf_needs(path: &Path) -> Result<(Option<String>, Vec<String>)> {
    let text = output(Command::new("readelf").args(["-W", "-l", "-d"]).arg(path))?;
    Ok(parse_readelf(&String::from_utf8_lossy(&text)))
}

/// The loader (`[Requesting program interpreter: …]`) and the libraries
/// (`(NEEDED) Shared library: […]`) of `readelf -l -d`'s answer.
fn parse_readelf(text: &str) -> (Option<String>, Vec<String>) {
    let bracketed = |line: &str, after: &str| {
        let rest = &line[line.find(after)? + after.len()..];
        Some(rest[..rest.find(']')?].trim().to_owned())
    };
    let interp = text
        .lines()
        .find_map(|l| bracketed(l, "[Requesting program interpreter:"));
    let needed = text
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| bracketed(l, "Shared library: ["))
        .collect();
    (interp, needed)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(io_err("read", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closure_follows_only_library_packages() {
        let release = Release::named("4.17").unwrap();
        let one = |p: &str| -> &[&str] {
            match p {
                "xen-utils-4.17" => &["libc6", "libxenmisc4.17", "python3", "xen-utils-common"],
                "xenstore-utils" => &["libc6", "libxenstore4"],
                "libxenmisc4.17" => &["libc6", "zlib1g", "libxenstore4"],
                "libc6" => &["libgcc-s1"],
                "libgcc-s1" => &["gcc-12-base", "libc6"],
                "xen-utils-common" | "python3" => panic!("{p} is not followed"),
                _ => &[],
            }
        };
        let mut levels = Vec::new();
        let metadata = |ps: &[&str]| -> Result<Vec<String>> {
            levels.push(ps.len());
            Ok(ps
                .iter()
                .flat_map(|p| one(p))
                .map(|d| d.to_string())
                .collect())
        };
        assert_eq!(
            closure(release, metadata).unwrap(),
            [
                "xen-utils-4.17",
                "xenstore-utils",
                "libc6",
                "libxenmisc4.17",
                "libxenstore4",
                "libgcc-s1",
                "zlib1g"
            ]
        );
        assert_eq!(levels, [2, 3, 2], "one question per level");
        let e = closure(release, |_| Err("no network".to_string())).unwrap_err();
        assert_eq!(e, "no network");
    }

    #[test]
    fn readelf_answers() {
        let text = "\
      [Requesting program interpreter: /lib64/ld-linux-x86-64.so.2]
 0x0000000000000001 (NEEDED)             Shared library: [libxenlight.so.4.17]
 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]
 0x000000000000000e (SONAME)             Library soname: [libfoo.so.1]
";
        assert_eq!(
            parse_readelf(text),
            (
                Some("/lib64/ld-linux-x86-64.so.2".to_owned()),
                vec!["libxenlight.so.4.17".to_owned(), "libc.so.6".to_owned()]
            )
        );
        assert_eq!(parse_readelf(""), (None, vec![]));
    }

    #[test]
    fn links_are_followed_inside_the_tree() {
        let root = std::env::temp_dir().join(format!("xtask-xl-resolve-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("usr/lib/x86_64-linux-gnu")).unwrap();
        fs::create_dir_all(root.join("lib64")).unwrap();
        let real = root.join("usr/lib/x86_64-linux-gnu/ld-2.so");
        fs::write(&real, b"loader").unwrap();
        // Absolute, as Debian ships the loader's link: taken from the tree.
        std::os::unix::fs::symlink(
            "/usr/lib/x86_64-linux-gnu/ld-2.so",
            root.join("lib64/ld.so"),
        )
        .unwrap();
        std::os::unix::fs::symlink("../../lib64/ld.so", root.join("usr/lib/rel.so")).unwrap();
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        assert_eq!(resolve(&root, "/lib64/ld.so"), Some(real.clone()));
        assert_eq!(resolve(&root, "usr/lib/rel.so"), Some(real));
        assert_eq!(resolve(&root, "loop"), None);
        assert_eq!(resolve(&root, "lib64"), None, "a directory is no file");
        assert_eq!(resolve(&root, "missing"), None);
        assert_eq!(normalise("/../a/./b/../c"), Some("a/c".to_owned()));
        assert_eq!(normalise("/"), None);
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn the_programs_are_linked_under_their_names() {
        for release in super::super::packages::RELEASES {
            let names: Vec<String> = programs(Release::named(release).unwrap())
                .iter()
                .map(|p| p.rsplit('/').next().unwrap().to_owned())
                .collect();
            assert_eq!(names, BIN_NAMES);
        }
    }

    #[test]
    fn library_packages_by_name() {
        assert!(is_library_package("libxenmisc4.17"));
        assert!(is_library_package("zlib1g"));
        assert!(!is_library_package("libxen-dev"));
        assert!(!is_library_package("python3"));
        assert!(!is_library_package("udev"));
    }
}
