//! `xen-dmesg`: Xen's console ring, as `xl dmesg` prints it.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{fail, json, open, print};

/// Prints Xen's console ring.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Clear the ring after reading it.
    #[arg(short, long)]
    clear: bool,
    /// Print JSON (`{"text": ...}`) instead of the text.
    #[arg(long)]
    json: bool,
    /// Which Xen to ask.
    #[arg(long, value_enum, default_value_t)]
    backend: open::Choice,
}

#[derive(serde::Serialize)]
struct Dmesg {
    text: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let xen = match open::open(args.backend) {
        Ok(xen) => xen,
        Err(e) => return fail(&e),
    };
    let mut index = 0;
    match xen.console_read(&mut index, false, args.clear) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if args.json {
                print(&json(&Dmesg { text }))
            } else {
                print(&text)
            }
        }
        Err(e) => fail(&e.to_string()),
    }
}
