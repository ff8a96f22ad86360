//! `xen-list`: the domains, as `xl list` shows them (without names).

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{fail, json, list, open, print};

/// Lists the domains: id, memory, vCPUs, state, CPU time.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Print JSON instead of `xl list`'s layout.
    #[arg(long)]
    json: bool,
    /// Which Xen to ask.
    #[arg(long, value_enum, default_value_t)]
    backend: open::Choice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let xen = match open::open(args.backend) {
        Ok(xen) => xen,
        Err(e) => return fail(&e),
    };
    match list::gather(&xen) {
        Ok(rows) if args.json => print(&json(&rows)),
        Ok(rows) => print(&list::render(&rows)),
        Err(e) => fail(&e.to_string()),
    }
}
