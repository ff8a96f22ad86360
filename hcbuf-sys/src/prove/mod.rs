//! The layout proof, for hcbuf-sys's own items and for the user's
//! (feature `prove`, which needs `std` and a C compiler).
//!
//! [`prove`] generates one C program that prints, for every type of the
//! given modules, its size, alignment and each field's offset and size, and
//! the value of every constant; compiles it against the Xen headers under
//! `include` (the directory that holds `xen/`, `/usr/include` for Debian's
//! `libxen-dev`) with `__XEN_TOOLS__` defined; and compares each number
//! with what Rust says. It then plants a difference in a field, a size and
//! a constant, and checks that the comparison catches each, so a check that
//! could not fail is itself an error.
//!
//! A module of the user's own, declared with [`declare!`](crate::declare),
//! is proven the same way from the user's tests:
//!
//! ```no_run
//! # mod mine { hcbuf_sys::declare! { headers = ["xen/domctl.h"];
//! #     pub const XEN_DOMCTL_pausedomain: u32 = 3; } }
//! let proof = hcbuf_sys::prove::prove(&[&mine::ABI], "/usr/include".as_ref()).unwrap();
//! assert!(proof.constants > 0);
//! ```
//!
//! A version of Xen's ABI as this crate declares it ([`VERSIONS`]) is
//! proven with [`prove_version`], which checks exactly the version's items
//! (the shared ones it keeps, and its own) against that version's headers;
//! [`headers`] finds them (the installed `libxen-dev`, if it is that
//! version) or fetches them (Debian's package, extracted into a cache):
//!
//! ```no_run
//! let v4_20 = &hcbuf_sys::VERSIONS[1];
//! let include = hcbuf_sys::prove::headers(v4_20, "target/xen".as_ref()).unwrap();
//! let proof = hcbuf_sys::prove::prove_version(v4_20, &include).unwrap();
//! assert!(proof.structs > 0);
//! ```
//!
//! [`debian`] downloads Debian packages of any suite without root and
//! without touching the system's apt state (what [`headers`] fetches with,
//! and `cargo xtask dom0` fetches its guests with).
//!
//! `CC` picks the C compiler (`cc` by default).
//!
//! [`VERSIONS`]: crate::VERSIONS

mod cgen;
mod compare;
pub mod debian;
mod headers;

use std::path::Path;

use crate::abi::{Constant, Layout, LeftOut, Module, Version};

pub use headers::headers;

/// What a proof checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    /// Structs checked (size, alignment, every field).
    pub structs: usize,
    /// Unions checked.
    pub unions: usize,
    /// Type aliases checked (size, alignment).
    pub aliases: usize,
    /// Fields checked (offset and size; explicit padding excluded).
    pub fields: usize,
    /// Constants checked (value).
    pub constants: usize,
    /// The planted differences the comparison caught.
    pub planted: String,
    /// For [`prove_version`]: the shared items the version leaves out, each
    /// as `module::item (why)`; empty for [`prove`].
    pub left_out: Vec<String>,
}

/// The items of one module a proof checks: all of them ([`prove`]), or
/// those of a version ([`prove_version`]).
pub(crate) struct View {
    pub path: &'static str,
    pub headers: &'static [&'static str],
    pub layouts: Vec<&'static Layout>,
    pub consts: Vec<&'static Constant>,
}

/// Proves `modules` against the Xen headers under `include`: `Ok` with
/// what was checked, or `Err` naming every difference (or why the C side
/// could not be built: no headers, no compiler).
pub fn prove(modules: &[&Module], include: &Path) -> Result<Proof, String> {
    let views: Vec<View> = modules
        .iter()
        .map(|m| View {
            path: m.path,
            headers: m.headers,
            layouts: m.layouts.iter().collect(),
            consts: m.consts.iter().collect(),
        })
        .collect();
    prove_views(&views, include)
}

/// Proves one version of the ABI ([`VERSIONS`](crate::VERSIONS)) against
/// its headers under `include` (see [`headers`]): every shared item the
/// version keeps and every item of its own modules, and no other (a
/// replaced shared item, or one that holds a replaced item, is not
/// expected to match the version's headers). `Ok` with what was checked
/// and what was left out, or `Err` naming the version and every
/// difference.
pub fn prove_version(version: &Version, include: &Path) -> Result<Proof, String> {
    let shared_path = |m: &Module| m.path.split_once("::").map_or(m.path, |(_, p)| p);
    for removed in version.removed {
        let named = removed.rsplit_once("::").is_some_and(|(path, item)| {
            version.shared.iter().any(|m| {
                shared_path(m) == path
                    && (m.layouts.iter().any(|l| l.name == item)
                        || m.consts.iter().any(|c| c.name == item))
            })
        });
        if !named {
            return Err(format!(
                "Xen {}: `removed` names {removed:?}, which is no shared item (write \
                 `module::item`, e.g. \"sysctl::XEN_SYSCTL_physinfo\")",
                version.name
            ));
        }
    }
    let views: Vec<View> = version
        .modules()
        .map(|m| View {
            path: m.path,
            headers: m.headers,
            layouts: version.layouts(m).collect(),
            consts: version.consts(m).collect(),
        })
        .collect();
    let mut proof =
        prove_views(&views, include).map_err(|e| format!("Xen {}: {e}", version.name))?;
    proof.left_out = version
        .left_out_items()
        .map(|(m, name, why)| {
            let why = match why {
                LeftOut::Replaced(by) => {
                    format!(
                        "replaced by {}",
                        by.strip_prefix("hcbuf_sys::").unwrap_or(by)
                    )
                }
                LeftOut::Removed => "removed".to_owned(),
                LeftOut::Holds(item) => format!("holds {item}"),
            };
            format!("{}::{name} ({why})", shared_path(m))
        })
        .collect();
    Ok(proof)
}

fn prove_views(views: &[View], include: &Path) -> Result<Proof, String> {
    let report = cgen::measure(views, include)?;
    let mismatches = compare::compare(views, &report);
    if !mismatches.is_empty() {
        return Err(format!(
            "{} difference(s) between the Rust declarations and the C headers in {}:\n  {}",
            mismatches.len(),
            include.display(),
            mismatches.join("\n  ")
        ));
    }
    let planted = compare::self_check(views, &report)?;
    let counts = compare::Counts::of(views);
    Ok(Proof {
        structs: counts.structs,
        unions: counts.unions,
        aliases: counts.aliases,
        fields: counts.fields,
        constants: counts.consts,
        planted,
        left_out: Vec::new(),
    })
}

/// What the tests of `debian.rs` and `headers.rs` share: a scratch
/// directory and shell scripts standing in for apt's tools.
#[cfg(test)]
mod test_tools {
    use std::fs;
    use std::path::{Path, PathBuf};

    /// A directory of the test's own (`what`: the module, `name`: the
    /// test), emptied.
    pub(crate) fn scratch(what: &str, name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hcbuf-sys-{what}-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A shell script as a tool (run through `sh`, so that no test execs a
    /// file another thread may still hold open for writing).
    pub(crate) fn script(dir: &Path, name: &str, body: &str) -> Vec<String> {
        let path = dir.join(name);
        fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        vec!["sh".to_owned(), path.display().to_string()]
    }
}
