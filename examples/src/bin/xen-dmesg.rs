//! `xen-dmesg`: Xen's console ring, as `xl dmesg` prints it.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, report};

/// Prints Xen's console ring.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Clear the ring after reading it.
    #[arg(short, long)]
    clear: bool,
    #[command(flatten)]
    common: Common,
}

/// What `--json` prints.
#[derive(serde::Serialize)]
struct Dmesg {
    text: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let gather = |xen: &hcbuf_core::api::Xen<_>| {
        let mut index = 0;
        let bytes = xen.console_read(&mut index, false, args.clear)?;
        Ok(Dmesg {
            text: String::from_utf8_lossy(&bytes).into_owned(),
        })
    };
    report(&args.common, gather, |d| d.text.clone())
}
