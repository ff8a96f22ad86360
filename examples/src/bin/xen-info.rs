//! `xen-info`: the fields of `xl info` that come from hypercalls.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, info, report};

/// Prints what Xen says about itself and the host, as `xl info` does.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Also the CPU topology and the NUMA nodes, as `xl info -n`.
    #[arg(short, long)]
    numa: bool,
    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(
        &args.common,
        |xen| info::gather_with(xen, args.numa),
        info::render,
    )
}
