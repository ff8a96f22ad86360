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

use hcbuf_core::sys::abi::Module;
use hcbuf_core::sys::{MODULES, domctl, sysctl, xen};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = io::stdout().lock();
    let written = match args.as_slice() {
        [] => summary(&mut out),
        [flag] if flag == "-h" || flag == "--help" => {
            writeln!(
                out,
                "usage: hcbuf-abi [MODULE]\nmodules: {}",
                names().join(", ")
            )
        }
        [name] => match MODULES.iter().find(|m| short(m) == name) {
            Some(m) => detail(&mut out, m),
            None => {
                eprintln!(
                    "hcbuf-abi: no module `{name}`; choose one of: {}",
                    names().join(", ")
                );
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("hcbuf-abi: too many arguments\nusage: hcbuf-abi [MODULE]");
            return ExitCode::from(2);
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hcbuf-abi: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn short(m: &Module) -> &'static str {
    let path = m.path.strip_prefix("hcbuf_sys::").unwrap_or(m.path);
    // The architecture module is reached as `arch` whatever its file is.
    path.split("::").next().unwrap_or(path)
}

fn names() -> Vec<&'static str> {
    MODULES.iter().map(|m| short(m)).collect()
}

fn summary(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "hcbuf mirrors the Xen 4.17 hypercall ABI for {}",
        std::env::consts::ARCH
    )?;
    writeln!(
        out,
        "interface versions: sysctl {:#x}, domctl {:#x}, latest {:#x}",
        sysctl::XEN_SYSCTL_INTERFACE_VERSION,
        domctl::XEN_DOMCTL_INTERFACE_VERSION,
        xen::__XEN_LATEST_INTERFACE_VERSION__
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<10} {:>6} {:>7} {:>10}  headers",
        "module", "types", "fields", "constants"
    )?;
    let (mut types, mut fields, mut consts) = (0, 0, 0);
    for m in MODULES {
        let f: usize = m.layouts.iter().map(|l| l.fields.len()).sum();
        writeln!(
            out,
            "{:<10} {:>6} {:>7} {:>10}  {}",
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
    writeln!(out, "{:<10} {types:>6} {fields:>7} {consts:>10}", "total")?;
    writeln!(out)?;
    writeln!(
        out,
        "Every number above is checked against /usr/include/xen by `cargo test -p hcbuf-sys`."
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
