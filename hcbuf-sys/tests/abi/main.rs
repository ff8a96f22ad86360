//! The layout proof: every version of `hcbuf-sys`'s ABI against that
//! version's own Xen headers.
//!
//! For each version of the registry ([`hcbuf_sys::VERSIONS`]: Xen 4.17,
//! 4.20), generates one C program from the version's items (the shared
//! modules' items it keeps, and its own) that prints, for every mirrored
//! type, its size, alignment and each field's offset and size, and the
//! value of every constant; compiles it against that version's headers with
//! `__XEN_TOOLS__` defined; and compares each number with what Rust says.
//! The headers are `/usr/include` when the installed `libxen-dev` is that
//! version, else Debian's package of the version's suite, fetched once into
//! the target directory (`hcbuf_sys::prove::headers`).
//!
//! Why a generator of our own rather than `ctest2`: the registry already
//! holds every name, type expression and Rust-side number, so the C side is
//! a few `printf`s; `ctest2` would re-parse our sources with its own Rust
//! parser (which lags the language) and cannot express the anonymous
//! `u` unions of sysctl/domctl or the kernel-header shim privcmd needs.
//!
//! Run with `cargo test -p hcbuf-sys --test abi`. `HCBUF_XEN_INCLUDE`
//! names the include directory of the first version (4.17) instead, and
//! `HCBUF_XEN_INCLUDE_4_20` (the version with `_` for `.`) that of any;
//! `CC` picks the C compiler.

mod registry_coverage;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hcbuf_sys::abi::Version;

fn main() -> ExitCode {
    if let Err(message) = registry_coverage::check(hcbuf_sys::MODULES, hcbuf_sys::VERSIONS) {
        eprintln!("abi: FAILED\n{message}");
        return ExitCode::FAILURE;
    }
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let mut failed = Vec::new();
    for (i, version) in hcbuf_sys::VERSIONS.iter().enumerate() {
        match prove(i, version, cache) {
            Ok(summary) => println!("{summary}"),
            Err(message) => {
                eprintln!("abi (Xen {}): FAILED\n{message}", version.name);
                failed.push(version.name);
            }
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("abi: FAILED for Xen {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

/// The include directory of `version`: an environment override, else the
/// installed or fetched headers.
fn include(i: usize, version: &Version, cache: &Path) -> Result<PathBuf, String> {
    let own = format!("HCBUF_XEN_INCLUDE_{}", version.name.replace('.', "_"));
    if let Ok(dir) = std::env::var(&own) {
        return Ok(PathBuf::from(dir));
    }
    if i == 0 {
        if let Ok(dir) = std::env::var("HCBUF_XEN_INCLUDE") {
            return Ok(PathBuf::from(dir));
        }
    }
    hcbuf_sys::prove::headers(version, cache)
}

fn prove(i: usize, version: &Version, cache: &Path) -> Result<String, String> {
    let include = include(i, version, cache)?;
    let proof = hcbuf_sys::prove::prove_version(version, &include)?;
    println!("Xen {} against {}:", version.name, include.display());
    for m in version.modules() {
        let layouts: Vec<_> = version.layouts(m).collect();
        println!(
            "  {:<28} {:>3} types, {:>4} fields, {:>4} constants  ({})",
            m.path,
            layouts.len(),
            layouts
                .iter()
                .map(|l| l.fields.iter().filter(|f| !f.pad).count())
                .sum::<usize>(),
            version.consts(m).count(),
            m.headers.join(", ")
        );
    }
    if !proof.left_out.is_empty() {
        println!(
            "  left out of the shared modules ({}): {}",
            proof.left_out.len(),
            proof.left_out.join(", ")
        );
    }
    println!("  self-check: {}", proof.planted);
    println!(
        "  (the struct count includes {} unions; {} type aliases were checked too)",
        proof.unions, proof.aliases
    );
    Ok(format!(
        "abi verified (Xen {}): {} structs, {} fields, {} constants",
        version.name,
        proof.structs + proof.unions,
        proof.fields,
        proof.constants
    ))
}
