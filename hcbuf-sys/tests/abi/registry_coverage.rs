//! Proof that the registry is total: every public type and constant in the
//! crate's sources was declared through `abi!` and so is in the registry.

use std::path::Path;

use hcbuf_sys::abi::Module;

/// Files that define the registry itself rather than ABI items.
const NOT_ABI: &[&str] = &["lib.rs", "abi.rs", "macros.rs", "handles.rs", "marker.rs"];
/// The directory of the proof itself (`src/prove/`), which declares none.
const NOT_ABI_DIR: &str = "prove";

pub fn check(modules: &[&Module]) -> Result<(), String> {
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
