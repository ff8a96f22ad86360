//! `xen-info`: the fields of `xl info` that come from hypercalls.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, info, report};

/// Prints what Xen says about itself and the host, as `xl info` does.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(&args.common, info::gather, info::render)
}
