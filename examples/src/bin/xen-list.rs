//! `xen-list`: the domains, as `xl list` shows them (without names).

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, list, report};

/// Lists the domains: id, memory, vCPUs, state, CPU time.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(&args.common, list::gather, |rows| list::render(rows))
}
