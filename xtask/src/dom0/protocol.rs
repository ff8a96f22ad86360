//! The words dom0 and the host say to each other on the serial console,
//! defined once. `init.sh` and `checks.sh` name them by placeholder
//! (`@CHECK@`, …), filled in from here when `/init` is written; the guest
//! programs print the ones they own (`hcbuf-core/tests/dom0.rs`: the
//! console marker; `hcbuf-dom0-bench` and `peer_bench.c`: the benchmark's
//! samples), and a test below checks their sources say the same.

/// `DOM0INFO <text>`: something about the boot, shown to the user.
pub const INFO: &str = "DOM0INFO";
/// `DOM0RUN <check>: <command>`: a check starts.
pub const RUN: &str = "DOM0RUN";
/// `DOM0CHECK <check> PASS` or `DOM0CHECK <check> FAIL (exit N)`: a
/// check's verdict.
pub const CHECK: &str = "DOM0CHECK";
/// `dom0: N passed, M failed`: the last line of `/init`, the run's verdict.
pub const SUMMARY: &str = "dom0:";
/// `DOM0MARKER <marker>`: a marker the dom0 suite also wrote to Xen's
/// console with `console_io`, which the host must then see in Xen's own
/// serial output.
pub const MARKER: &str = "DOM0MARKER";
/// How every console marker starts.
pub const MARKER_PREFIX: &str = "hcbuf-dom0-marker-";
/// `BENCHROUND <n>`: the benchmark samples that follow are round `n`'s.
pub const ROUND: &str = "BENCHROUND";
/// `BENCHTSC <kHz> kHz`: the TSC rate every side of the benchmark uses.
pub const TSC: &str = "BENCHTSC";
/// `FLOOR <row> <ns>`: the bare ioctl's median for a row.
pub const FLOOR: &str = "FLOOR";
/// `HCBUF <row> <ns>`: hcbuf's median for a row.
pub const HCBUF: &str = "HCBUF";
/// `PEER <row> <ns>`: libxencall's median for a row.
pub const PEER: &str = "PEER";

/// The placeholders of `init.sh` and `checks.sh` and the words they stand
/// for.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("@INFO@", INFO),
    ("@RUN@", RUN),
    ("@CHECK@", CHECK),
    ("@SUMMARY@", SUMMARY),
];

/// Parses `dom0: N passed, M failed` (from the start of `line`).
pub fn summary(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix(SUMMARY)?.strip_prefix(' ')?;
    let (passed, rest) = rest.split_once(" passed, ")?;
    let failed = rest.strip_suffix(" failed")?;
    Some((passed.trim().parse().ok()?, failed.trim().parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_summary() {
        assert_eq!(summary("dom0: 27 passed, 0 failed"), Some((27, 0)));
        assert_eq!(summary("dom0: 3 passed, 2 failed"), Some((3, 2)));
        assert_eq!(summary("dom0: x passed, 0 failed"), None);
        assert_eq!(summary("dom0: 3 passed"), None);
        assert_eq!(summary("dom03 passed, 0 failed"), None);
    }

    /// The guest programs print the words this module defines.
    #[test]
    fn the_guest_programs_say_the_same_words() {
        let dom0_tests = include_str!("../../../hcbuf-core/tests/dom0.rs");
        assert!(dom0_tests.contains(&format!("\"{MARKER} {{marker}}\"")));
        assert!(dom0_tests.contains(MARKER_PREFIX));
        let hcbuf_bench = include_str!("../../../examples/src/bin/hcbuf-dom0-bench.rs");
        assert!(hcbuf_bench.contains(&format!("\"{HCBUF} {{row}} {{}}\"")));
        let peer_bench = include_str!("peer_bench.c");
        for tag in [FLOOR, PEER] {
            assert!(peer_bench.contains(&format!("\"{tag}\"")), "{tag}");
        }
    }
}
