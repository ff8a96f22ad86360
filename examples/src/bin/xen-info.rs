//! `xen-info`: the fields of `xl info` that come from hypercalls.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{fail, info, json, open, print};

/// Prints what Xen says about itself and the host, as `xl info` does.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Print JSON instead of `xl info`'s layout.
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
    match info::gather(&xen) {
        Ok(i) if args.json => print(&json(&i)),
        Ok(i) => print(&info::render(&i)),
        Err(e) => fail(&e.to_string()),
    }
}
