//! `xen-sched-credit2`: the credit2 scheduler's parameters, as
//! `xl sched-credit2` shows and sets them: with no option, every credit2
//! cpupool's rate limit and its domains' weight and cap; `-d DOMID` one
//! domain's, `-d DOMID -w W -c C` sets them; `-s [-p POOL] [-r US]` a
//! pool's rate limit.

use std::process::ExitCode;

use clap::Parser;
use hcbuf_core::xen::domctl::SchedCredit2;
use hcbuf_core::xen::sysctl::Credit2Schedule;
use hcbuf_examples::{Common, fail, names, open, placement, print};

/// Shows or sets credit2 parameters.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    common: Common,
    /// The domain (its id).
    #[arg(short = 'd', long = "domain")]
    domain: Option<u16>,
    /// Set the domain's weight (1 to 65535).
    #[arg(short = 'w', long = "weight", value_parser = clap::value_parser!(u16).range(1..))]
    weight: Option<u16>,
    /// Set the domain's cap, in percent of a CPU (0: none).
    #[arg(short = 'c', long = "cap")]
    cap: Option<u16>,
    /// The cpupool's parameters instead of the domains'.
    #[arg(short = 's', long = "schedparam")]
    schedparam: bool,
    /// With `-s`: set the context switch rate limit, in µs (0: none).
    #[arg(short = 'r', long = "ratelimit_us")]
    ratelimit: Option<u32>,
    /// Only this cpupool (its name or id).
    #[arg(short = 'p', long = "cpupool")]
    cpupool: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.cpupool.is_some()
        && (args.domain.is_some() || args.weight.is_some() || args.cap.is_some())
    {
        return fail("Specifying a cpupool is not allowed with other options.");
    }
    if args.domain.is_none() && (args.weight.is_some() || args.cap.is_some()) {
        return fail("Must specify a domain.");
    }
    let xen = match open::open(args.common.backend, args.common.soft_xen) {
        Ok(xen) => xen,
        Err(e) => return fail(&e),
    };
    let mut names = names::for_backend(&xen);
    let json_or = |value: &dyn erased::Json, text: String| {
        if args.common.json {
            print(&value.to_json())
        } else {
            print(&text)
        }
    };
    let outcome = (|| -> Result<ExitCode, String> {
        if args.schedparam {
            let pool = match args.cpupool.as_deref() {
                None => 0,
                Some(which) => placement::cpupool_list(&xen, &mut names, Some(which))
                    .map_err(|e| e.to_string())?
                    .first()
                    .map(|p| p.id)
                    .ok_or(format!("unknown cpupool '{which}'"))?,
            };
            if let Some(r) = args.ratelimit {
                xen.set_credit2_pool_params(pool, Credit2Schedule { ratelimit_us: r })
                    .map_err(|e| e.to_string())?;
                return Ok(ExitCode::SUCCESS);
            }
            let params = xen.credit2_pool_params(pool).ok();
            let name = names.pool(pool);
            let ratelimit_us = params.map(|p| p.ratelimit_us);
            return Ok(json_or(
                &serde_json::json!({ "name": name, "id": pool, "ratelimit_us": ratelimit_us }),
                placement::render_credit2_pool_line(&name, ratelimit_us),
            ));
        }
        let Some(domid) = args.domain else {
            let pools = placement::credit2_list(&xen, &mut names, args.cpupool.as_deref())
                .map_err(|e| e.to_string())?;
            return Ok(json_or(&pools, placement::render_credit2_list(&pools)));
        };
        if args.weight.is_none() && args.cap.is_none() {
            let row = placement::credit2_row(&xen, &mut names, domid).map_err(|e| e.to_string())?;
            let text = placement::credit2_header() + &placement::render_credit2_row(&row);
            return Ok(json_or(&row, text));
        }
        // What is not given stays as it is (a cap of 0 would remove it).
        let now = xen.credit2_params(domid).map_err(|e| e.to_string())?;
        let set = SchedCredit2 {
            weight: args.weight.unwrap_or(now.weight),
            cap: args.cap.unwrap_or(now.cap),
        };
        xen.set_credit2_params(domid, set)
            .map_err(|e| e.to_string())?;
        Ok(ExitCode::SUCCESS)
    })();
    outcome.unwrap_or_else(|e| fail(&e))
}

/// JSON of any serialisable value, behind one object-safe trait.
mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            hcbuf_examples::json(self)
        }
    }
}
