//! `xen-vcpu-pin DOMID VCPU HARD [SOFT]`: sets a vCPU's affinity, as
//! `xl vcpu-pin` does (`VCPU` may be `all`; `HARD` and `SOFT` are CPU lists
//! such as `1`, `0-1`, `all`, `0-3,^2`, `nodes:0`, or `-` to leave one
//! alone). Prints nothing, as `xl`; `--json` prints the affinities Xen
//! reports it uses.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_examples::{Common, fail, json, open, placement, print};

/// Sets the hard (and soft) affinity of a domain's vCPU, or of all of them.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    common: Common,
    /// The domain id.
    domid: u16,
    /// The vCPU id, or `all`.
    vcpu: String,
    /// The CPUs it may run on (`-`: unchanged).
    hard: String,
    /// The CPUs it prefers (`-` or absent: unchanged).
    soft: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let vcpu = match args.vcpu.as_str() {
        "all" => None,
        v => match v.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => return fail(&format!("Invalid argument {v} as VCPU.")),
        },
    };
    let xen = match open::open(args.common.backend, args.common.soft_xen) {
        Ok(xen) => xen,
        Err(e) => return fail(&e),
    };
    let bits = match xen.max_cpus() {
        Ok(bits) => bits,
        Err(e) => return fail(&e.to_string()),
    };
    let topology = xen.cpu_topology().unwrap_or_default();
    let node_of = |cpu: u32| topology.get(cpu as usize).and_then(|t| t.node);
    let parse = |text: &str| -> Result<Option<_>, String> {
        if text == "-" {
            Ok(None)
        } else {
            placement::parse_cpus(text, bits, &node_of).map(Some)
        }
    };
    let hard = match parse(&args.hard) {
        Ok(map) => map,
        Err(e) => return fail(&e),
    };
    let soft = match args.soft.as_deref().map(parse).transpose() {
        Ok(map) => map.flatten(),
        Err(e) => return fail(&e),
    };
    match placement::vcpu_pin(&xen, args.domid, vcpu, hard.as_ref(), soft.as_ref()) {
        Ok(pinned) if args.common.json => print(&json(&pinned)),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}
