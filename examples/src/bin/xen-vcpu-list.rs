//! `xen-vcpu-list`: every vCPU, as `xl vcpu-list` shows them.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, names, placement, report};

/// Lists the vCPUs of every domain (or of the domains given): name, id,
/// vCPU, CPU, state, CPU time, hard and soft affinity.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    common: Common,
    /// Domain ids (every domain if none).
    domids: Vec<u16>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(
        &args.common,
        |xen| placement::vcpu_list(xen, &mut names::for_backend(xen), &args.domids),
        |rows| placement::render_vcpu_list(rows),
    )
}
