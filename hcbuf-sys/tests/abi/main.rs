//! The layout proof: every item of `hcbuf-sys` against Xen's own headers.
//!
//! Generates one C program from the registry ([`hcbuf_sys::MODULES`]) that
//! prints, for every mirrored type, its size, alignment and each field's
//! offset and size, and the value of every constant; compiles it against
//! `/usr/include/xen` (Debian's `libxen-dev`, Xen 4.17) with
//! `__XEN_TOOLS__` defined; and compares each number with what Rust says.
//!
//! Why a generator of our own rather than `ctest2`: the registry already
//! holds every name, type expression and Rust-side number, so the C side is
//! a few `printf`s; `ctest2` would re-parse our sources with its own Rust
//! parser (which lags the language) and cannot express the anonymous
//! `u` unions of sysctl/domctl or the kernel-header shim privcmd needs.
//!
//! Run with `cargo test -p hcbuf-sys --test abi`. Set `HCBUF_XEN_INCLUDE`
//! to use headers installed elsewhere than `/usr/include`, and `CC` to pick
//! the C compiler.

mod registry_coverage;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("abi: FAILED\n{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let modules = hcbuf_sys::MODULES;

    registry_coverage::check(modules)?;

    let include = PathBuf::from(
        std::env::var("HCBUF_XEN_INCLUDE").unwrap_or_else(|_| "/usr/include".to_owned()),
    );
    let proof = hcbuf_sys::prove::prove(modules, &include)?;
    for m in modules {
        println!(
            "  {:<24} {:>3} types, {:>4} fields, {:>4} constants  ({})",
            m.path,
            m.layouts.len(),
            m.layouts
                .iter()
                .map(|l| l.fields.iter().filter(|f| !f.pad).count())
                .sum::<usize>(),
            m.consts.len(),
            m.headers.join(", ")
        );
    }
    println!("self-check: {}", proof.planted);
    println!(
        "(the struct count includes {} unions; {} type aliases were checked too)",
        proof.unions, proof.aliases
    );
    Ok(format!(
        "abi verified: {} structs, {} fields, {} constants",
        proof.structs + proof.unions,
        proof.fields,
        proof.constants
    ))
}
