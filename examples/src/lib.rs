//! Toolstack programs built on hcbuf's public API; see the binaries in
//! `src/bin/`. This library holds what they share: which Xen to talk to
//! ([`open`]), and what each program gathers and how it prints it.

pub mod info;
pub mod list;
pub mod names;
pub mod open;
pub mod placement;

use std::io::{self, Write};
use std::process::ExitCode;

/// Prints `text` to stdout; a reader that went away (`| head`) is not an
/// error.
pub fn print(text: &str) -> ExitCode {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write the output: {e}")),
    }
}

/// Reports `message` on stderr as the program's failure.
pub fn fail(message: &str) -> ExitCode {
    eprintln!("{}: {message}", program());
    ExitCode::FAILURE
}

/// The program's name, for messages.
fn program() -> String {
    let name = std::env::args().next().unwrap_or_default();
    let name = std::path::Path::new(&name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_else(|| "hcbuf".into())
}

/// `value` as pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("plain data serialises");
    s.push('\n');
    s
}

/// `pages` of `page_size` bytes in MiB, as `xl` rounds them (down), in
/// 128-bit arithmetic: no page count or size Xen reports overflows it.
pub fn mib(pages: u64, page_size: u64) -> u64 {
    let bytes = u128::from(pages) * u128::from(page_size);
    u64::try_from(bytes >> 20).unwrap_or(u64::MAX)
}

/// The options every program takes.
#[derive(clap::Args, Debug)]
pub struct Common {
    /// Print JSON instead of `xl`'s layout.
    #[arg(long)]
    pub json: bool,
    /// Which Xen to ask.
    #[arg(long, value_enum, default_value_t)]
    pub backend: open::Choice,
    /// The release the software Xen models, when it is the one asked.
    #[arg(long, value_enum, default_value_t)]
    pub soft_xen: open::SoftRelease,
    /// Say on stderr which Xen release hcbuf speaks to (detected from the
    /// hypervisor).
    #[arg(short, long)]
    pub verbose: bool,
}

/// Opens Xen as `common` says, gathers `T` and prints it, as text or JSON.
pub fn report<T: serde::Serialize>(
    common: &Common,
    gather: impl FnOnce(
        &hcbuf_core::api::Xen<hcbuf_core::backend::AnyBackend>,
    ) -> Result<T, hcbuf_core::api::Error>,
    render: impl FnOnce(&T) -> String,
) -> ExitCode {
    let xen = match open::open(common.backend, common.soft_xen) {
        Ok(xen) => xen,
        Err(e) => return fail(&e),
    };
    if common.verbose {
        match xen.release() {
            Ok(release) => eprintln!("{}: speaking {release}", program()),
            Err(e) => return fail(&e.to_string()),
        }
    }
    match gather(&xen) {
        Ok(value) if common.json => print(&json(&value)),
        Ok(value) => print(&render(&value)),
        Err(e) => fail(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mib_rounds_down_and_never_overflows() {
        assert_eq!(super::mib(262_144, 4096), 1024);
        assert_eq!(super::mib(255, 4096), 0);
        assert_eq!(
            super::mib(u64::MAX, 4096),
            u64::MAX >> 8,
            "past 64 bits before the shift"
        );
        assert_eq!(
            super::mib(u64::MAX, 1 << 30),
            u64::MAX,
            "too many MiB for 64 bits"
        );
    }
}
