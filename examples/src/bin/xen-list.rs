//! `xen-list`: the domains, as `xl list` shows them.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, list, report};

/// Lists the domains: name, id, memory, vCPUs, state, CPU time.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Only these domains (ids), as `xl list DOMID...`.
    domids: Vec<u16>,
    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(
        &args.common,
        |xen| list::gather(xen, &args.domids),
        |rows| list::render(rows),
    )
}
