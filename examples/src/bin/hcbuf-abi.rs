//! Prints a summary of the Xen ABI that hcbuf mirrors: per module, how many
//! types and constants it has and where they come from; with a module name,
//! every type's size and alignment and every constant's value.
//!
//! ```text
//! cargo run -p hcbuf-examples --bin hcbuf-abi            # the summary
//! cargo run -p hcbuf-examples --bin hcbuf-abi -- sysctl  # one module in full
//! ```

use std::process::ExitCode;

use hcbuf_core::sys::abi::Module;
use hcbuf_core::sys::{MODULES, domctl, sysctl, xen};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            summary();
            ExitCode::SUCCESS
        }
        [flag] if flag == "-h" || flag == "--help" => {
            println!("usage: hcbuf-abi [MODULE]\nmodules: {}", names().join(", "));
            ExitCode::SUCCESS
        }
        [name] => match MODULES.iter().find(|m| short(m) == name) {
            Some(m) => {
                detail(m);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "hcbuf-abi: no module `{name}`; choose one of: {}",
                    names().join(", ")
                );
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("hcbuf-abi: too many arguments\nusage: hcbuf-abi [MODULE]");
            ExitCode::from(2)
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

fn summary() {
    println!(
        "hcbuf mirrors the Xen 4.17 hypercall ABI for {}",
        std::env::consts::ARCH
    );
    println!(
        "interface versions: sysctl {:#x}, domctl {:#x}, latest {:#x}",
        sysctl::XEN_SYSCTL_INTERFACE_VERSION,
        domctl::XEN_DOMCTL_INTERFACE_VERSION,
        xen::__XEN_LATEST_INTERFACE_VERSION__
    );
    println!();
    println!(
        "{:<10} {:>6} {:>7} {:>10}  headers",
        "module", "types", "fields", "constants"
    );
    let (mut types, mut fields, mut consts) = (0, 0, 0);
    for m in MODULES {
        let f: usize = m.layouts.iter().map(|l| l.fields.len()).sum();
        println!(
            "{:<10} {:>6} {:>7} {:>10}  {}",
            short(m),
            m.layouts.len(),
            f,
            m.consts.len(),
            m.headers.join(", ")
        );
        types += m.layouts.len();
        fields += f;
        consts += m.consts.len();
    }
    println!("{:<10} {types:>6} {fields:>7} {consts:>10}", "total");
    println!();
    println!(
        "Every number above is checked against /usr/include/xen by `cargo test -p hcbuf-sys`."
    );
    println!("`hcbuf-abi MODULE` lists one module's items.");
}

fn detail(m: &Module) {
    println!("{} ({})", m.path, m.headers.join(", "));
    for l in m.layouts {
        println!(
            "  {:?} {} : size {}, align {}",
            l.kind, l.name, l.size, l.align
        );
        for f in l.fields {
            println!("      +{:<4} {} ({} bytes)", f.offset, f.name, f.size);
        }
    }
    for c in m.consts {
        println!("  const {} = {:#x}", c.name, c.value);
    }
}
