//! A version's headers: the installed ones if they are that version, else
//! Debian's package, fetched once into a cache.

use std::fs;
use std::path::{Path, PathBuf};

use super::debian::{self, Lock, command, run};
use crate::abi::Version;

/// An include directory holding `version`'s `xen/` headers (the directory
/// to give [`prove_version`](super::prove_version)):
///
/// - `/usr/include`, if `dpkg-query` says the installed package
///   ([`Version::package`], `libxen-dev`) is that version (its Debian
///   version starts with `4.17` for Xen 4.17);
/// - else `cache_dir/xen-headers/<version>/usr/include`: the package of the
///   version's Debian suite, extracted there once, and reused on later
///   calls. It is downloaded with [`debian::download`] (`apt-get
///   download` through an apt configuration of its own under
///   `cache_dir/apt/<suite>/`: its own sources list, lists, cache and an
///   empty dpkg status; the system's are not touched), and extracted with
///   `dpkg-deb -x`; the tree's `PACKAGE` file names the package version.
///   The package lists are removed afterwards. No root is needed.
///
/// `Err` explains, naming the package and the suite and how to install the
/// headers, when they are neither installed nor fetchable (no `apt-get`, no
/// network, a suite that no longer has that version). Never panics.
pub fn headers(version: &Version, cache_dir: &Path) -> Result<PathBuf, String> {
    find(version, cache_dir, &Tools::system())
}

/// The programs [`headers`] runs (each a command line to which it appends
/// its arguments) and the system's include directory: the real ones, or a
/// test's.
struct Tools {
    dpkg_query: Vec<String>,
    apt_get: Vec<String>,
    apt_cache: Vec<String>,
    dpkg_deb: Vec<String>,
    system: PathBuf,
}

impl Tools {
    fn system() -> Tools {
        Tools {
            dpkg_query: vec!["dpkg-query".to_owned()],
            apt_get: vec!["apt-get".to_owned()],
            apt_cache: vec!["apt-cache".to_owned()],
            dpkg_deb: vec!["dpkg-deb".to_owned()],
            system: PathBuf::from("/usr/include"),
        }
    }
}

fn find(version: &Version, cache_dir: &Path, tools: &Tools) -> Result<PathBuf, String> {
    let package = version.package.name;
    let installed = match installed(package, tools) {
        Ok(v) if is_release(&v, version.name) && has_headers(&tools.system) => {
            return Ok(tools.system.clone());
        }
        Ok(v) if is_release(&v, version.name) => format!(
            "{v} is installed, but {} has no xen/domctl.h",
            tools.system.display()
        ),
        Ok(v) => format!("{v} is installed, not {}", version.name),
        Err(why) => why,
    };
    let tree = cache_dir.join("xen-headers").join(version.name);
    let include = tree.join("usr/include");
    if has_headers(&include) {
        return Ok(include);
    }
    fetch(version, cache_dir, &tree, tools).map(|()| include).map_err(|why| {
        let suite = version.package.suite;
        format!(
            "Xen {name}'s headers (Debian {suite}'s {package}) are neither installed nor \
             fetchable.\n  installed {package}: {installed}\n  fetching {package} from Debian \
             {suite}: {why}\nInstall them: on Debian {suite}, `apt-get install {package}`; \
             elsewhere, download {package} of Debian {suite} (`apt-get download {package}` \
             with {suite} in the apt sources, or from https://packages.debian.org/{suite}/{package}) \
             and extract it where the proof looks: `dpkg-deb -x {package}_*.deb {tree}`",
            name = version.name,
            tree = tree.display(),
        )
    })
}

/// The installed version of `package`, or why there is none.
fn installed(package: &str, tools: &Tools) -> Result<String, String> {
    let mut c = command(&tools.dpkg_query);
    c.args(["-W", "-f=${Status}\t${Version}", package]);
    match c.output() {
        Err(e) => Err(format!("cannot ask dpkg-query ({e})")),
        Ok(out) if !out.status.success() => Err("not installed".to_owned()),
        Ok(out) => parse_status(&String::from_utf8_lossy(&out.stdout)),
    }
}

/// `dpkg-query -f '${Status}\t${Version}'`'s answer: the version if the
/// package is installed.
fn parse_status(answer: &str) -> Result<String, String> {
    let (status, version) = answer
        .trim()
        .split_once('\t')
        .ok_or_else(|| format!("unexpected answer from dpkg-query: {answer:?}"))?;
    if status.ends_with(" installed") && !version.is_empty() {
        Ok(version.to_owned())
    } else {
        Err(format!("not installed ({status})"))
    }
}

/// Whether the Debian version `package_version` (`1:4.17.5+72-g01…-1`)
/// is of the release `release` (`4.17`): its upstream part starts with it,
/// followed by no further digit.
fn is_release(package_version: &str, release: &str) -> bool {
    let upstream = match package_version.split_once(':') {
        Some((epoch, rest)) if epoch.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => package_version,
    };
    upstream
        .strip_prefix(release)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

fn has_headers(include: &Path) -> bool {
    include.join("xen/domctl.h").is_file() && include.join("xen/sysctl.h").is_file()
}

/// Downloads the version's package of its suite ([`debian::download`]) and
/// extracts it into `tree`.
fn fetch(version: &Version, cache_dir: &Path, tree: &Path, tools: &Tools) -> Result<(), String> {
    let (suite, package) = (version.package.suite, version.package.name);
    let parent = tree.parent().unwrap_or(cache_dir);
    fs::create_dir_all(parent).map_err(|e| format!("create {}: {e}", parent.display()))?;
    // One extraction at a time per version (the download has its own lock).
    let _lock = Lock::take(parent.join(format!(".{}.lock", version.name)))?;
    if has_headers(&tree.join("usr/include")) {
        // Another run fetched them while this one waited for the lock.
        return Ok(());
    }
    // Always the suite's current package: a `.deb` left by an earlier,
    // failed fetch (another release) must not be taken as downloaded.
    let download = cache_dir.join("apt").join(suite).join("download");
    remove_debs(&download);
    let apt = debian::Tools {
        apt_get: tools.apt_get.clone(),
        apt_cache: tools.apt_cache.clone(),
    };
    let deb = debian::download_with(cache_dir, suite, &[package], &download, &apt)?
        .pop()
        .ok_or_else(|| format!("no {package}_*.deb was downloaded"))?;

    let mut field = command(&tools.dpkg_deb);
    field.arg("-f").arg(&deb).arg("Version");
    let got = run(field, "dpkg-deb -f")?;
    let got = String::from_utf8_lossy(&got.stdout).trim().to_owned();
    if !is_release(&got, version.name) {
        remove_debs(&download);
        return Err(format!(
            "Debian {suite}'s {package} is now {got}, not Xen {}: take the package from \
             snapshot.debian.org, or point the registry at another suite",
            version.name
        ));
    }

    let staging = parent.join(format!(".{}.{}.partial", version.name, std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let mut extract = command(&tools.dpkg_deb);
    extract.arg("-x").arg(&deb).arg(&staging);
    let extracted = run(extract, "dpkg-deb -x").and_then(|_| {
        if has_headers(&staging.join("usr/include")) {
            Ok(())
        } else {
            Err(format!(
                "{} holds no usr/include/xen/domctl.h",
                deb.display()
            ))
        }
    });
    if let Err(e) = extracted {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let _ = fs::write(
        staging.join("PACKAGE"),
        format!("{package} {got} (Debian {suite})\n"),
    );
    // A tree without the headers (an interrupted hand-made one) gives way.
    let _ = fs::remove_dir_all(tree);
    if let Err(e) = fs::rename(&staging, tree) {
        let _ = fs::remove_dir_all(&staging);
        return Err(format!(
            "move {} to {}: {e}",
            staging.display(),
            tree.display()
        ));
    }
    // The tree is what later runs reuse; the package lists (tens of MB)
    // and the package are not needed again.
    remove_debs(&download);
    debian::forget_lists(cache_dir, suite);
    Ok(())
}

fn remove_debs(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.filter_map(Result::ok) {
            if entry.path().extension().is_some_and(|e| e == "deb") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::Package;

    const V: Version = Version {
        name: "4.20",
        package: Package {
            suite: "trixie",
            name: "libxen-dev",
        },
        shared: &[],
        own: &[],
        removed: &[],
    };

    /// A directory of the test's own, emptied.
    fn scratch(name: &str) -> PathBuf {
        super::super::test_tools::scratch("headers", name)
    }

    use super::super::test_tools::script;

    fn fake_headers(include: &Path) {
        fs::create_dir_all(include.join("xen")).unwrap();
        fs::write(include.join("xen/domctl.h"), "").unwrap();
        fs::write(include.join("xen/sysctl.h"), "").unwrap();
    }

    fn missing(dir: &Path) -> Vec<String> {
        vec![dir.join("no-such-tool").display().to_string()]
    }

    #[test]
    fn release_matching() {
        assert!(is_release("4.17.5+72-g01140da4e8-1", "4.17"));
        assert!(is_release("1:4.17.0-1", "4.17"));
        assert!(is_release("4.20.4+63-g7abfd2bce2-0+deb13u1", "4.20"));
        assert!(!is_release("4.20.4+63-g7abfd2bce2-0+deb13u1", "4.17"));
        assert!(!is_release("4.170-1", "4.17"));
        assert!(!is_release("4.1.2-1", "4.17"));
        assert!(!is_release("", "4.17"));
    }

    #[test]
    fn dpkg_status() {
        assert_eq!(
            parse_status("install ok installed\t4.17.5-1"),
            Ok("4.17.5-1".to_owned())
        );
        assert!(parse_status("hold ok installed\t4.17.5-1").is_ok());
        assert!(parse_status("deinstall ok config-files\t4.17.5-1").is_err());
        assert!(parse_status("unknown ok not-installed\t").is_err());
        assert!(parse_status("garbage").is_err());
    }

    #[test]
    fn installed_version_is_used() {
        let dir = scratch("installed");
        let system = dir.join("system");
        fake_headers(&system);
        let tools = Tools {
            dpkg_query: script(
                &dir,
                "dpkg-query",
                "printf 'install ok installed\\t4.20.4-1'",
            ),
            apt_get: missing(&dir),
            apt_cache: missing(&dir),
            dpkg_deb: missing(&dir),
            system: system.clone(),
        };
        assert_eq!(find(&V, &dir.join("cache"), &tools), Ok(system));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn other_installed_version_falls_back_to_the_cache() {
        let dir = scratch("cached");
        let system = dir.join("system");
        fake_headers(&system);
        let cache = dir.join("cache");
        let cached = cache.join("xen-headers/4.20/usr/include");
        fake_headers(&cached);
        let tools = Tools {
            dpkg_query: script(
                &dir,
                "dpkg-query",
                "printf 'install ok installed\\t4.17.5-1'",
            ),
            apt_get: missing(&dir),
            apt_cache: missing(&dir),
            dpkg_deb: missing(&dir),
            system,
        };
        assert_eq!(find(&V, &cache, &tools), Ok(cached));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn unfetchable_headers_are_a_clear_error() {
        let dir = scratch("unfetchable");
        let tools = Tools {
            dpkg_query: missing(&dir),
            apt_get: missing(&dir),
            apt_cache: missing(&dir),
            dpkg_deb: missing(&dir),
            system: dir.join("system"),
        };
        let e = find(&V, &dir.join("cache"), &tools).unwrap_err();
        for needle in [
            "Xen 4.20",
            "libxen-dev",
            "trixie",
            "apt-get install libxen-dev",
            "dpkg-deb -x",
        ] {
            assert!(e.contains(needle), "{needle:?} missing from: {e}");
        }
        let _ = fs::remove_dir_all(&dir);
    }

    /// The fetch path with stand-ins for apt-get and dpkg-deb: the private
    /// configuration is passed, the package extracted once and reused, a
    /// package of the wrong release refused.
    #[test]
    fn fetch_extracts_once_and_reuses() {
        let dir = scratch("fetch");
        let log = dir.join("log");
        let apt_get = script(
            &dir,
            "apt-get",
            &format!(
                "echo \"apt-get $*\" >> {log}\n\
                 case \"$*\" in *\" download \"*) : > libxen-dev_4.20.4-1_amd64.deb;; esac",
                log = log.display()
            ),
        );
        let dpkg_deb = script(
            &dir,
            "dpkg-deb",
            &format!(
                "echo \"dpkg-deb $*\" >> {log}\n\
                 case \"$1\" in\n\
                 -f) echo \"${{VERSION:-4.20.4-1}}\";;\n\
                 -x) mkdir -p \"$3/usr/include/xen\" && : > \"$3/usr/include/xen/domctl.h\" \
                     && : > \"$3/usr/include/xen/sysctl.h\";;\n\
                 esac",
                log = log.display()
            ),
        );
        let tools = Tools {
            dpkg_query: missing(&dir),
            apt_get,
            apt_cache: missing(&dir),
            dpkg_deb,
            system: dir.join("system"),
        };
        let cache = dir.join("cache");
        let include = find(&V, &cache, &tools).unwrap();
        assert_eq!(include, cache.join("xen-headers/4.20/usr/include"));
        assert!(has_headers(&include));
        let calls = fs::read_to_string(&log).unwrap();
        let sources = cache.join("apt/trixie/etc/sources.list");
        assert!(calls.contains(&format!("Dir::Etc::SourceList={}", sources.display())));
        let status = cache.join("apt/trixie/status");
        assert!(calls.contains(&format!("Dir::State::Status={}", status.display())));
        assert_eq!(
            fs::read_to_string(include.join("../../PACKAGE")).unwrap(),
            "libxen-dev 4.20.4-1 (Debian trixie)\n"
        );
        assert!(calls.contains(" update") && calls.contains(" download libxen-dev"));
        assert!(
            fs::read_to_string(&sources)
                .unwrap()
                .contains(" trixie main")
        );
        assert!(!cache.join("apt/trixie/lock").exists());

        // Reused: no second download.
        fs::remove_file(&log).unwrap();
        assert_eq!(find(&V, &cache, &tools), Ok(include));
        assert!(!log.exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_package_of_another_release_is_refused() {
        let dir = scratch("wrong-release");
        let tools = Tools {
            dpkg_query: missing(&dir),
            apt_get: script(
                &dir,
                "apt-get",
                "case \"$*\" in *\" download \"*) : > libxen-dev_4.21.0-1_amd64.deb;; esac",
            ),
            apt_cache: missing(&dir),
            dpkg_deb: script(&dir, "dpkg-deb", "[ \"$1\" = -f ] && echo 4.21.0-1"),
            system: dir.join("system"),
        };
        let e = find(&V, &dir.join("cache"), &tools).unwrap_err();
        assert!(e.contains("4.21.0-1") && e.contains("not Xen 4.20"), "{e}");
        assert!(!dir.join("cache/xen-headers/4.20").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
