//! `xen-cpupool-list [-c] [POOL]`: the cpupools, as `xl cpupool-list`
//! shows them.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, names, placement, report};

/// Lists the cpupools: name, CPU count, scheduler, domain count (or, with
/// `-c`, their CPUs).
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    common: Common,
    /// Print each pool's CPUs instead.
    #[arg(short = 'c', long = "cpus")]
    cpus: bool,
    /// Only this pool (its name or id).
    pool: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(
        &args.common,
        |xen| placement::cpupool_list(xen, &mut names::for_backend(xen), args.pool.as_deref()),
        |rows| placement::render_cpupool_list(rows, args.cpus),
    )
}
