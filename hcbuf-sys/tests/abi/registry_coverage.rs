//! Proof that the registry is total: every public type and constant in the
//! crate's sources was declared through `abi!` and so is in the registry,
//! and every module of the registry is part of a version (and every
//! version's module part of the registry).

use std::path::Path;

use hcbuf_sys::abi::{Module, Version};

/// Files that are not ABI mirrors: the registry itself, handles, markers,
/// and hcbuf's list of sub-op families.
const NOT_ABI: &[&str] = &[
    "lib.rs",
    "abi.rs",
    "macros.rs",
    "handles.rs",
    "marker.rs",
    "families.rs",
];
/// The directory of the proof itself (`src/prove/`), which declares none.
const NOT_ABI_DIR: &str = "prove";

pub fn check(modules: &[&Module], versions: &[Version]) -> Result<(), String> {
    versions_cover(modules, versions)?;
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut declared = 0;
    let mut files = vec![src];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == NOT_ABI_DIR) {
                continue;
            }
            let entries =
                std::fs::read_dir(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            for entry in entries {
                files.push(entry.map_err(|e| e.to_string())?.path());
            }
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".rs") || NOT_ABI.contains(&name) {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        declared += text
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.starts_with("pub const fn "))
            .filter(|l| {
                ["pub struct ", "pub union ", "pub type ", "pub const "]
                    .iter()
                    .any(|k| l.starts_with(k))
            })
            .count();
    }
    let registered: usize = modules
        .iter()
        .map(|m| m.layouts.len() + m.consts.len())
        .sum();
    if declared != registered {
        return Err(format!(
            "hcbuf-sys/src declares {declared} public types and constants but the registry \
             holds {registered}: every item must be declared inside the module's abi! block \
             (and every module listed in modules! in lib.rs)"
        ));
    }
    Ok(())
}

/// Every module is some version's (shared or own), every version's module
/// is in the registry, and every own module is the sibling of a shared one.
fn versions_cover(modules: &[&Module], versions: &[Version]) -> Result<(), String> {
    for m in modules {
        if !versions
            .iter()
            .any(|v| v.modules().any(|vm| vm.path == m.path))
        {
            return Err(format!(
                "{} is in MODULES but in no version of VERSIONS: list it as a version's \
                 own module (or among the shared ones)",
                m.path
            ));
        }
    }
    for v in versions {
        for vm in v.modules() {
            if !modules.iter().any(|m| m.path == vm.path) {
                return Err(format!(
                    "Xen {}'s module {} is not in MODULES: declare it in modules! in lib.rs",
                    v.name, vm.path
                ));
            }
        }
        for own in v.own {
            if !v
                .shared
                .iter()
                .any(|m| v.sibling(m).is_some_and(|s| s.path == own.path))
            {
                return Err(format!(
                    "Xen {}'s module {} has no shared sibling (a shared module of the same \
                     path below the version module), so none of its items replaces one",
                    v.name, own.path
                ));
            }
        }
    }
    Ok(())
}
