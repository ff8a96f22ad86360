//! Prints a summary of the Xen ABI that hcbuf mirrors: per module, how many
//! types and constants it has and where they come from; with a module name,
//! every type's size and alignment and every constant's value.
//!
//! ```text
//! cargo run -p hcbuf-examples --bin hcbuf-abi            # the summary
//! cargo run -p hcbuf-examples --bin hcbuf-abi -- sysctl  # one module in full
//! ```

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use hcbuf_core::Release;
use hcbuf_core::sys::MODULES;
use hcbuf_core::sys::abi::Module;

/// Prints the Xen ABI hcbuf speaks: per module, its types, fields and
/// constants and the headers they are proven against; with a module, its
/// items.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// One module to list in full (`sysctl`, `v4_20::domctl`, ...).
    module: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut out = io::stdout().lock();
    let written = match &args.module {
        None => summary(&mut out),
        Some(name) => match MODULES.iter().find(|m| short(m) == *name) {
            Some(m) => detail(&mut out, m),
            None => {
                return hcbuf_examples::fail(&format!(
                    "no module `{name}`; choose one of: {}",
                    names().join(", ")
                ));
            }
        },
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => hcbuf_examples::fail(&format!("cannot write the output: {e}")),
    }
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

fn summary(out: &mut impl Write) -> io::Result<()> {
    let releases: Vec<String> = Release::ALL.iter().map(|r| r.to_string()).collect();
    writeln!(
        out,
        "hcbuf speaks the hypercall ABI of {} for {}, chosen at run time",
        releases.join(" and "),
        std::env::consts::ARCH
    )?;
    for release in Release::ALL {
        writeln!(
            out,
            "  {release}: sysctl interface {:#x}, domctl interface {:#x}",
            release.sysctl_interface(),
            release.domctl_interface()
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<16} {:>6} {:>7} {:>10}  headers",
        "module", "types", "fields", "constants"
    )?;
    let (mut types, mut fields, mut consts) = (0, 0, 0);
    for m in MODULES {
        let f: usize = m.layouts.iter().map(|l| l.fields.len()).sum();
        writeln!(
            out,
            "{:<16} {:>6} {:>7} {:>10}  {}",
            short(m),
            m.layouts.len(),
            f,
            m.consts.len(),
            m.headers.join(", ")
        )?;
        types += m.layouts.len();
        fields += f;
        consts += m.consts.len();
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

fn detail(out: &mut impl Write, m: &Module) -> io::Result<()> {
    writeln!(out, "{} ({})", m.path, m.headers.join(", "))?;
    for l in m.layouts {
        writeln!(
            out,
            "  {:?} {} : size {}, align {}",
            l.kind, l.name, l.size, l.align
        )?;
        for f in l.fields {
            writeln!(out, "      +{:<4} {} ({} bytes)", f.offset, f.name, f.size)?;
        }
    }
    for c in m.consts {
        writeln!(out, "  const {} = {:#x}", c.name, c.value)?;
    }
    Ok(())
}
