//! `xen-debug-keys`: presses debug keys on Xen's console, as `xl
//! debug-keys KEYS` does; their handlers' output goes to Xen's console
//! (read it with `xen-dmesg`).

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, report};

/// Sends debug keys to Xen (`h` lists them).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The keys, each pressed in turn.
    keys: String,
    #[command(flatten)]
    common: Common,
}

/// What `--json` prints.
#[derive(serde::Serialize)]
struct Sent {
    keys: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(
        &args.common,
        |xen| {
            xen.debug_keys(&args.keys)?;
            Ok(Sent {
                keys: args.keys.clone(),
            })
        },
        // `xl debug-keys` prints nothing.
        |_| String::new(),
    )
}
