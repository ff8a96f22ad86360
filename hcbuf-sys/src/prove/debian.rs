//! Debian packages of any suite, downloaded without root and without
//! touching the system's apt state.
//!
//! Everything lives under `cache_dir/apt/<suite>/`: a sources list of one
//! line (`deb.debian.org`, the suite's `main`), the package lists, apt's
//! cache and an empty dpkg status, passed to `apt-get`/`apt-cache` as `-o`
//! options. The system's sources, lists and status are neither read nor
//! written, so a bookworm host can fetch trixie's packages, and the
//! installed packages never make one version the candidate over another.
//!
//! [`download`] reuses a package already in its directory (no network at
//! all), fetches the lists only when there are none, and refreshes them
//! once when the mirror no longer has what they name. [`depends`] answers
//! from the same lists, so a kernel meta package can be resolved and its
//! kernel downloaded with one `apt-get update` on a cold cache and none on
//! a warm one.
//!
//! ```no_run
//! use hcbuf_sys::prove::debian;
//! let cache = std::path::Path::new("target/debian");
//! let kernel = debian::depends(cache, "trixie", "linux-image-amd64").unwrap();
//! let debs = debian::download(cache, "trixie", &[kernel[0].as_str()], &cache.join("debs")).unwrap();
//! assert_eq!(debs.len(), 1);
//! ```

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Downloads the newest `packages` of Debian `suite` (`bookworm`, `trixie`,
/// ...) into `into`, and returns each one's `.deb`, in the order asked.
///
/// A package that already has a `<package>_*.deb` in `into` is not fetched
/// again (with no package missing, nothing is run at all). The others are
/// fetched with `apt-get download` through the private configuration under
/// `cache_dir/apt/<suite>/` (see the [module](self) docs), into a staging
/// directory first, so that an interrupted run never leaves a truncated
/// `.deb` that a later run would take as downloaded. No root is needed.
///
/// `Err` names the packages, the suite and apt's complaint (no network, a
/// package the suite does not have); never panics.
pub fn download(
    cache_dir: &Path,
    suite: &str,
    packages: &[&str],
    into: &Path,
) -> Result<Vec<PathBuf>, String> {
    download_with(cache_dir, suite, packages, into, &Tools::system())
}

/// The packages `package` of Debian `suite` depends on (its `Depends:`,
/// alternatives included, virtual packages left out), from the lists of
/// the private configuration under `cache_dir/apt/<suite>/`: fetched if
/// there are none, refreshed once if they do not know `package`. For
/// `linux-image-amd64` this is the suite's current kernel package.
pub fn depends(cache_dir: &Path, suite: &str, package: &str) -> Result<Vec<String>, String> {
    depends_with(cache_dir, suite, package, &Tools::system())
}

/// The packages any of `packages` of Debian `suite` depends on, together
/// (each one's `Depends:` as [`depends`] gives it, in order, repeats
/// kept), asked of `apt-cache` once: for a dependency closure, one run per
/// level instead of one per package. An empty `packages` asks nothing.
pub fn depends_all(
    cache_dir: &Path,
    suite: &str,
    packages: &[&str],
) -> Result<Vec<String>, String> {
    if packages.is_empty() {
        return Ok(Vec::new());
    }
    depends_many_with(cache_dir, suite, packages, &Tools::system())
}

/// The programs this module runs, each a command line to which it appends
/// its arguments: the real ones, or a test's stand-ins.
pub(crate) struct Tools {
    pub apt_get: Vec<String>,
    pub apt_cache: Vec<String>,
}

impl Tools {
    pub(crate) fn system() -> Tools {
        Tools {
            apt_get: vec!["apt-get".to_owned()],
            apt_cache: vec!["apt-cache".to_owned()],
        }
    }
}

pub(crate) fn download_with(
    cache_dir: &Path,
    suite: &str,
    packages: &[&str],
    into: &Path,
    tools: &Tools,
) -> Result<Vec<PathBuf>, String> {
    check_suite(suite)?;
    for package in packages {
        check_package(package)?;
    }
    let all_cached = |into: &Path| -> Result<Option<Vec<PathBuf>>, String> {
        let mut found = Vec::new();
        for package in packages {
            match cached(into, package)? {
                Some(deb) => found.push(deb),
                None => return Ok(None),
            }
        }
        Ok(Some(found))
    };
    create(into)?;
    if let Some(debs) = all_cached(into)? {
        return Ok(debs);
    }
    let apt = Apt::open(cache_dir, suite, tools)?;
    // Another run may have fetched them while this one waited for the lock.
    if let Some(debs) = all_cached(into)? {
        return Ok(debs);
    }
    let mut missing = Vec::new();
    for &package in packages {
        if cached(into, package)?.is_none() {
            missing.push(package);
        }
    }
    let staging = into.join(format!(".download.{}.partial", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    create(&staging)?;
    let fetched = apt.with_fresh_lists(|| {
        let mut get = command(&tools.apt_get);
        get.args(&apt.options)
            .arg("download")
            .args(&missing)
            .current_dir(&staging);
        run(get, &format!("apt-get download {}", missing.join(" "))).map(drop)
    });
    let moved = fetched.and_then(|()| {
        for &package in &missing {
            let deb = cached(&staging, package)?.ok_or_else(|| {
                format!(
                    "apt-get download left no {package}_*.deb in {}",
                    staging.display()
                )
            })?;
            let name = deb.file_name().unwrap_or_default();
            let to = into.join(name);
            fs::rename(&deb, &to)
                .map_err(|e| format!("move {} to {}: {e}", deb.display(), to.display()))?;
        }
        Ok(())
    });
    let _ = fs::remove_dir_all(&staging);
    moved.map_err(|e| format!("Debian {suite}: {e}"))?;
    all_cached(into)?.ok_or_else(|| {
        format!(
            "Debian {suite}: the packages {} are not all in {} after downloading them",
            packages.join(" "),
            into.display()
        )
    })
}

pub(crate) fn depends_with(
    cache_dir: &Path,
    suite: &str,
    package: &str,
    tools: &Tools,
) -> Result<Vec<String>, String> {
    depends_many_with(cache_dir, suite, &[package], tools)
}

pub(crate) fn depends_many_with(
    cache_dir: &Path,
    suite: &str,
    packages: &[&str],
    tools: &Tools,
) -> Result<Vec<String>, String> {
    check_suite(suite)?;
    for package in packages {
        check_package(package)?;
    }
    let package = packages.join(" ");
    let apt = Apt::open(cache_dir, suite, tools)?;
    let answer = apt.with_fresh_lists(|| {
        let mut ask = command(&tools.apt_cache);
        ask.args(&apt.options).arg("depends").args(packages);
        let out = run(ask, &format!("apt-cache depends {package}"))?;
        let found = parse_depends(&String::from_utf8_lossy(&out.stdout));
        if found.is_empty() {
            // apt-cache names an unknown package on stderr but may still
            // succeed; either way there is nothing to use.
            Err(format!(
                "`apt-cache depends {package}` names no dependency: {}",
                complaint(&out)
            ))
        } else {
            Ok(found)
        }
    });
    answer.map_err(|e| format!("Debian {suite}: {e}"))
}

/// The `Depends:` of `apt-cache depends`'s answer, in order: each
/// alternative (`|Depends:`), but no virtual package (`<name>`).
pub(crate) fn parse_depends(answer: &str) -> Vec<String> {
    answer
        .lines()
        .map(|l| l.trim().trim_start_matches('|'))
        .filter_map(|l| l.strip_prefix("Depends:"))
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('<'))
        .map(str::to_owned)
        .collect()
}

/// The private apt configuration of one suite, locked while it is used.
struct Apt<'a> {
    dir: PathBuf,
    options: Vec<String>,
    tools: &'a Tools,
    _lock: Lock,
}

impl<'a> Apt<'a> {
    /// Writes (idempotently) and locks the configuration of `suite` under
    /// `cache_dir/apt/<suite>/`.
    fn open(cache_dir: &Path, suite: &str, tools: &'a Tools) -> Result<Apt<'a>, String> {
        let dir = cache_dir.join("apt").join(suite);
        create(&dir)?;
        let lock = Lock::take(dir.join("lock"))?;
        for sub in ["etc", "lists/partial", "cache/archives/partial"] {
            create(&dir.join(sub))?;
        }
        let write = |file: &str, text: &str| {
            let path = dir.join(file);
            fs::write(&path, text).map_err(|e| format!("write {}: {e}", path.display()))
        };
        write("etc/sources.list", &sources_line(suite))?;
        // No installed package: the system's dpkg status would make an
        // installed package of another release the candidate.
        write("status", "")?;
        let options = apt_options(&dir);
        Ok(Apt {
            dir,
            options,
            tools,
            _lock: lock,
        })
    }

    /// Whether the lists hold a suite's package index.
    fn has_lists(&self) -> bool {
        fs::read_dir(self.dir.join("lists")).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.contains("_Packages"))
            })
        })
    }

    /// `apt-get update` of the private lists; its warnings (it succeeds
    /// with warnings when it cannot reach the mirror) as the `Ok` value.
    fn update(&self) -> Result<String, String> {
        let mut update = command(&self.tools.apt_get);
        update.args(&self.options).arg("update");
        run(update, "apt-get update").map(|out| complaint(&out))
    }

    /// Runs `f` with lists: fetched first if there are none; if `f` fails
    /// on lists that were already there, they are refreshed (the mirror
    /// moves on: a point release removes the kernel the old lists name)
    /// and `f` is run once more.
    fn with_fresh_lists<T>(&self, f: impl Fn() -> Result<T, String>) -> Result<T, String> {
        let said = |e: String, warnings: &str| match warnings {
            "" => e,
            w => format!("{e} (apt-get update said: {w})"),
        };
        if !self.has_lists() {
            let warnings = self.update()?;
            return f().map_err(|e| said(e, &warnings));
        }
        f().or_else(|_| {
            let warnings = self.update()?;
            f().map_err(|e| said(e, &warnings))
        })
    }
}

/// The `.deb` of `package` in `dir`, if there is one (the last by name if
/// several versions are).
fn cached(dir: &Path, package: &str) -> Result<Option<PathBuf>, String> {
    // Package names hold no `_`: `<package>_` names only this package.
    let prefix = format!("{package}_");
    let entries = fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
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
}

/// A suite is one path component and one word of the sources line.
fn check_suite(suite: &str) -> Result<(), String> {
    let ok = !suite.is_empty()
        && suite
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{suite:?} is not a Debian suite name (e.g. bookworm, trixie)"
        ))
    }
}

/// A Debian package name (policy 5.6.1): lower-case letters, digits, `+`,
/// `-`, `.`, starting with a letter or digit, so that it can never be
/// taken for an option.
fn check_package(package: &str) -> Result<(), String> {
    let ok = package
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && package.len() >= 2
        && package
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(format!("{package:?} is not a Debian package name"))
    }
}

/// The one line of the private sources list.
fn sources_line(suite: &str) -> String {
    format!(
        "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] \
         http://deb.debian.org/debian {suite} main\n"
    )
}

/// apt's options for the private configuration under `apt`: its own
/// sources, lists, cache and (empty) dpkg status, no locks (it needs no
/// root); only the package index is fetched (no translations, no AppStream
/// metadata: a third of the download), and kept compressed.
fn apt_options(apt: &Path) -> Vec<String> {
    let dir = |p: &str| apt.join(p).display().to_string();
    let settings = [
        ("Dir::Etc::SourceList", dir("etc/sources.list")),
        ("Dir::Etc::SourceParts", "/dev/null".to_owned()),
        ("Dir::State::Lists", dir("lists")),
        ("Dir::Cache", dir("cache")),
        ("Dir::State::Status", dir("status")),
        ("Debug::NoLocking", "1".to_owned()),
        ("APT::Sandbox::User", "root".to_owned()),
        ("Acquire::Retries", "1".to_owned()),
        ("Acquire::Languages", "none".to_owned()),
        (
            "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled",
            "false".to_owned(),
        ),
        ("Acquire::GzipIndexes", "true".to_owned()),
    ];
    let mut options = vec!["-q".to_owned()];
    for (key, value) in settings {
        options.push("-o".to_owned());
        options.push(format!("{key}={value}"));
    }
    options
}

pub(crate) fn command(argv: &[String]) -> Command {
    let mut c = Command::new(&argv[0]);
    c.args(&argv[1..]);
    c
}

fn create(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))
}

/// Runs `c`; `Err` with `what` and the program's complaint unless it
/// succeeds.
pub(crate) fn run(mut c: Command, what: &str) -> Result<Output, String> {
    let out = c
        .output()
        .map_err(|e| format!("cannot run `{what}`: {e}"))?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(format!(
            "`{what}` failed ({}): {}",
            out.status,
            complaint(&out)
        ))
    }
}

/// The last lines a program wrote to stderr (or stdout), on one line.
pub(crate) fn complaint(out: &Output) -> String {
    let text = if out.stderr.iter().any(|b| !b.is_ascii_whitespace()) {
        String::from_utf8_lossy(&out.stderr)
    } else {
        String::from_utf8_lossy(&out.stdout)
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines[lines.len().saturating_sub(4)..].join(" / ")
}

/// Removes the suite's package lists and apt cache (tens of MB), for a
/// caller that will not need them again.
pub(crate) fn forget_lists(cache_dir: &Path, suite: &str) {
    let dir = cache_dir.join("apt").join(suite);
    let _ = fs::remove_dir_all(dir.join("lists"));
    let _ = fs::remove_dir_all(dir.join("cache"));
}

/// A lock file, so that two runs sharing a cache do not fetch into it at
/// once; removed on drop. One left by a killed run is taken over after 15
/// minutes.
pub(crate) struct Lock(PathBuf);

impl Lock {
    pub(crate) fn take(path: PathBuf) -> Result<Lock, String> {
        const STALE: Duration = Duration::from_secs(15 * 60);
        let deadline = Instant::now() + Duration::from_secs(10 * 60);
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(Lock(path)),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    let age = fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .map(|t| t.elapsed().unwrap_or_default());
                    if age.is_ok_and(|age| age > STALE) {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    if Instant::now() > deadline {
                        return Err(format!(
                            "{} is held by another fetch (remove it if none runs)",
                            path.display()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
                Err(e) => return Err(format!("create {}: {e}", path.display())),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of the test's own, emptied.
    fn scratch(name: &str) -> PathBuf {
        super::super::test_tools::scratch("debian", name)
    }

    use super::super::test_tools::script;

    /// A stand-in apt-get that logs its arguments, makes a package index on
    /// `update`, and on `download` writes a `.deb` per package into its
    /// working directory, unless the package is `missing-*`.
    fn fake_apt_get(dir: &Path, log: &Path) -> Vec<String> {
        script(
            dir,
            "apt-get",
            &format!(
                "echo \"apt-get $*\" >> {log}\n\
                 lists=$(echo \"$*\" | sed -n 's/.*Dir::State::Lists=\\([^ ]*\\).*/\\1/p')\n\
                 case \"$*\" in\n\
                 *\" update\") : > \"$lists/deb.debian.org_debian_dists_x_main_binary-amd64_Packages.lz4\";;\n\
                 *\" download \"*) for p in $(echo \"$*\" | sed 's/.* download //'); do\n\
                   case $p in missing-*) echo \"E: Unable to locate package $p\" >&2; exit 100;; esac\n\
                   echo data > \"${{p}}_1.0-1_amd64.deb\"; done;;\n\
                 esac",
                log = log.display()
            ),
        )
    }

    #[test]
    fn downloads_once_then_reuses_without_apt() {
        let dir = scratch("download");
        let log = dir.join("log");
        let tools = Tools {
            apt_get: fake_apt_get(&dir, &log),
            apt_cache: vec![dir.join("no-such-tool").display().to_string()],
        };
        let (cache, into) = (dir.join("cache"), dir.join("debs"));
        let debs =
            download_with(&cache, "trixie", &["busybox-static", "xen"], &into, &tools).unwrap();
        assert_eq!(
            debs,
            [
                into.join("busybox-static_1.0-1_amd64.deb"),
                into.join("xen_1.0-1_amd64.deb")
            ]
        );
        let calls = fs::read_to_string(&log).unwrap();
        let lists = cache.join("apt/trixie/lists");
        assert!(calls.contains(&format!("Dir::State::Lists={}", lists.display())));
        assert!(calls.contains(" update\n"), "{calls}");
        assert!(calls.contains(" download busybox-static xen\n"), "{calls}");
        let sources = fs::read_to_string(cache.join("apt/trixie/etc/sources.list")).unwrap();
        assert!(sources.contains("debian trixie main"), "{sources}");
        assert!(!cache.join("apt/trixie/lock").exists());
        // No staging directory is left behind.
        assert_eq!(fs::read_dir(&into).unwrap().count(), 2);

        // Cached: apt is not run at all.
        fs::remove_file(&log).unwrap();
        let again =
            download_with(&cache, "trixie", &["busybox-static", "xen"], &into, &tools).unwrap();
        assert_eq!(again, debs);
        assert!(!log.exists());

        // One more package: the lists are there, so only a download.
        download_with(&cache, "trixie", &["xen", "other"], &into, &tools).unwrap();
        let calls = fs::read_to_string(&log).unwrap();
        assert!(!calls.contains(" update"), "{calls}");
        assert!(calls.contains(" download other\n"), "{calls}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_package_refreshes_the_lists_once_then_says_why() {
        let dir = scratch("missing");
        let log = dir.join("log");
        let tools = Tools {
            apt_get: fake_apt_get(&dir, &log),
            apt_cache: vec![dir.join("no-such-tool").display().to_string()],
        };
        let (cache, into) = (dir.join("cache"), dir.join("debs"));
        download_with(&cache, "bookworm", &["xen"], &into, &tools).unwrap();
        fs::remove_file(&log).unwrap();
        let e = download_with(&cache, "bookworm", &["missing-kernel"], &into, &tools).unwrap_err();
        assert!(
            e.contains("bookworm") && e.contains("Unable to locate package missing-kernel"),
            "{e}"
        );
        let calls = fs::read_to_string(&log).unwrap();
        assert_eq!(calls.matches(" download ").count(), 2, "{calls}");
        assert_eq!(calls.matches(" update").count(), 1, "{calls}");
        // Nothing half-downloaded stays.
        assert_eq!(fs::read_dir(&into).unwrap().count(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn depends_resolves_from_the_private_lists() {
        let dir = scratch("depends");
        let log = dir.join("log");
        let tools = Tools {
            apt_get: fake_apt_get(&dir, &log),
            apt_cache: script(
                &dir,
                "apt-cache",
                &format!(
                    "echo \"apt-cache $*\" >> {log}\n\
                     printf 'linux-image-amd64\\n  Depends: linux-image-6.12.1+deb13-amd64\\n'",
                    log = log.display()
                ),
            ),
        };
        let cache = dir.join("cache");
        assert_eq!(
            depends_with(&cache, "trixie", "linux-image-amd64", &tools),
            Ok(vec!["linux-image-6.12.1+deb13-amd64".to_owned()])
        );
        let calls = fs::read_to_string(&log).unwrap();
        assert!(calls.contains(" update\n") && calls.contains(" depends linux-image-amd64\n"));
        let status = cache.join("apt/trixie/status");
        assert!(calls.contains(&format!("Dir::State::Status={}", status.display())));
        // Several packages: one question.
        assert_eq!(
            depends_many_with(&cache, "trixie", &["libc6", "zlib1g"], &tools),
            Ok(vec!["linux-image-6.12.1+deb13-amd64".to_owned()])
        );
        let calls = fs::read_to_string(&log).unwrap();
        assert!(calls.contains(" depends libc6 zlib1g\n"), "{calls}");
        let e = depends_many_with(&cache, "trixie", &["ok", "-x"], &tools).unwrap_err();
        assert!(e.contains("not a Debian package name"), "{e}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn names_that_could_be_options_are_refused() {
        let dir = scratch("names");
        let tools = Tools::system();
        let e = download_with(&dir, "trixie", &["-oAPT::x=1"], &dir, &tools).unwrap_err();
        assert!(e.contains("not a Debian package name"), "{e}");
        let e = depends_with(&dir, "../etc", "xen", &tools).unwrap_err();
        assert!(e.contains("not a Debian suite name"), "{e}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn depends_lines() {
        let answer = "linux-image-amd64\n  Depends: linux-image-6.1.0-48-amd64\n \
                      |Depends: a\n  Depends: b\n  Depends: <virtual>\n  Recommends: c\n";
        assert_eq!(
            parse_depends(answer),
            ["linux-image-6.1.0-48-amd64", "a", "b"]
        );
        assert!(parse_depends("").is_empty());
    }
}
