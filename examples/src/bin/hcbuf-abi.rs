//! Prints a summary of the Xen ABI that hcbuf mirrors: per module, how many
//! types and constants it has and where they come from; with a module name,
//! every type's size and alignment and every constant's value. It takes
//! the options every example takes (`--json`, `--backend`, `--soft-xen`,
//! `-v`) and names the release the Xen it asks speaks.
//!
//! ```text
//! cargo run -p hcbuf-examples --bin hcbuf-abi            # the summary
//! cargo run -p hcbuf-examples --bin hcbuf-abi -- sysctl  # one module in full
//! ```

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Parser;
use serde::Serialize;

use hcbuf_core::Release;
use hcbuf_core::sys::MODULES;
use hcbuf_core::sys::abi::Module;
use hcbuf_examples::{Common, report};

/// Prints the Xen ABI hcbuf speaks: per module, its types, fields and
/// constants and the headers they are proven against; with a module, its
/// items.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// One module to list in full (`sysctl`, `v4_20::domctl`, ...).
    module: Option<String>,
    #[command(flatten)]
    common: Common,
}

/// What `hcbuf-abi` prints.
#[derive(Serialize)]
struct Abi {
    /// The release the Xen asked speaks (`Xen 4.17`).
    speaking: String,
    /// Each release hcbuf speaks, with its interface versions.
    releases: Vec<ReleaseRow>,
    /// The summary, one row per module (without a module argument).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    modules: Vec<ModuleRow>,
    /// One module in full (with a module argument).
    #[serde(skip_serializing_if = "Option::is_none")]
    module: Option<Detail>,
}

#[derive(Serialize)]
struct ReleaseRow {
    release: String,
    sysctl_interface: u32,
    domctl_interface: u32,
}

#[derive(Serialize)]
struct ModuleRow {
    module: String,
    types: usize,
    fields: usize,
    constants: usize,
    headers: Vec<&'static str>,
}

#[derive(Serialize)]
struct Detail {
    path: &'static str,
    headers: Vec<&'static str>,
    types: Vec<TypeRow>,
    constants: Vec<ConstRow>,
}

#[derive(Serialize)]
struct ConstRow {
    name: &'static str,
    value: u64,
}

#[derive(Serialize)]
struct FieldRow {
    name: &'static str,
    offset: usize,
    size: usize,
}

#[derive(Serialize)]
struct TypeRow {
    kind: String,
    name: &'static str,
    size: usize,
    align: usize,
    fields: Vec<FieldRow>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    // A module that does not exist is refused before Xen is asked.
    let module = match &args.module {
        None => None,
        Some(name) => match MODULES.iter().find(|m| short(m) == *name) {
            Some(m) => Some(*m),
            None => {
                return hcbuf_examples::fail(&format!(
                    "no module `{name}`; choose one of: {}",
                    names().join(", ")
                ));
            }
        },
    };
    report(
        &args.common,
        |xen| {
            Ok(Abi {
                speaking: xen.release()?.to_string(),
                releases: Release::ALL
                    .iter()
                    .map(|r| ReleaseRow {
                        release: r.to_string(),
                        sysctl_interface: r.sysctl_interface(),
                        domctl_interface: r.domctl_interface(),
                    })
                    .collect(),
                modules: if module.is_none() {
                    MODULES.iter().map(|m| module_row(m)).collect()
                } else {
                    Vec::new()
                },
                module: module.map(detail),
            })
        },
        render,
    )
}

/// The module's path without `hcbuf_sys::`: `sysctl`, `v4_20::sysctl`
/// (the architecture module is `arch` whatever its file is).
fn short(m: &Module) -> String {
    let path = m.path.strip_prefix("hcbuf_sys::").unwrap_or(m.path);
    let mut parts = path.split("::");
    match (parts.next(), parts.next()) {
        (Some(release), Some(module)) if release.starts_with('v') => {
            format!("{release}::{module}")
        }
        (Some(first), _) => first.to_owned(),
        (None, _) => path.to_owned(),
    }
}

fn names() -> Vec<String> {
    MODULES.iter().map(|m| short(m)).collect()
}

fn module_row(m: &Module) -> ModuleRow {
    ModuleRow {
        module: short(m),
        types: m.layouts.len(),
        fields: m.layouts.iter().map(|l| l.fields.len()).sum(),
        constants: m.consts.len(),
        headers: m.headers.to_vec(),
    }
}

fn detail(m: &Module) -> Detail {
    Detail {
        path: m.path,
        headers: m.headers.to_vec(),
        types: m
            .layouts
            .iter()
            .map(|l| TypeRow {
                kind: format!("{:?}", l.kind),
                name: l.name,
                size: l.size,
                align: l.align,
                fields: l
                    .fields
                    .iter()
                    .map(|f| FieldRow {
                        name: f.name,
                        offset: f.offset,
                        size: f.size,
                    })
                    .collect(),
            })
            .collect(),
        constants: m
            .consts
            .iter()
            .map(|c| ConstRow {
                name: c.name,
                value: c.value,
            })
            .collect(),
    }
}

fn render(abi: &Abi) -> String {
    let mut out = String::new();
    match &abi.module {
        None => summary(&mut out, abi),
        Some(d) => details(&mut out, d),
    }
    .expect("writing to a String cannot fail");
    out
}

fn summary(out: &mut String, abi: &Abi) -> std::fmt::Result {
    let releases: Vec<&str> = abi.releases.iter().map(|r| r.release.as_str()).collect();
    writeln!(
        out,
        "hcbuf speaks the hypercall ABI of {} for {}, chosen at run time (the Xen asked speaks {})",
        releases.join(" and "),
        std::env::consts::ARCH,
        abi.speaking
    )?;
    for r in &abi.releases {
        writeln!(
            out,
            "  {}: sysctl interface {:#x}, domctl interface {:#x}",
            r.release, r.sysctl_interface, r.domctl_interface
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<16} {:>6} {:>7} {:>10}  headers",
        "module", "types", "fields", "constants"
    )?;
    let (mut types, mut fields, mut consts) = (0, 0, 0);
    for m in &abi.modules {
        writeln!(
            out,
            "{:<16} {:>6} {:>7} {:>10}  {}",
            m.module,
            m.types,
            m.fields,
            m.constants,
            m.headers.join(", ")
        )?;
        types += m.types;
        fields += m.fields;
        consts += m.constants;
    }
    writeln!(out, "{:<16} {types:>6} {fields:>7} {consts:>10}", "total")?;
    writeln!(out)?;
    writeln!(
        out,
        "The shared modules and each release's own (`v4_20::…`: what 4.20 changed) are checked \
         against that release's libxen-dev headers by `cargo test -p hcbuf-sys`."
    )?;
    writeln!(out, "`hcbuf-abi MODULE` lists one module's items.")
}

fn details(out: &mut String, d: &Detail) -> std::fmt::Result {
    writeln!(out, "{} ({})", d.path, d.headers.join(", "))?;
    for t in &d.types {
        writeln!(
            out,
            "  {} {} : size {}, align {}",
            t.kind, t.name, t.size, t.align
        )?;
        for f in &t.fields {
            writeln!(out, "      +{:<4} {} ({} bytes)", f.offset, f.name, f.size)?;
        }
    }
    for c in &d.constants {
        writeln!(out, "  const {} = {:#x}", c.name, c.value)?;
    }
    Ok(())
}
