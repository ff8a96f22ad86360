//! dom0's `/init`: `init.sh` around the checks, which are `checks.sh`
//! after one `insmod` check per Xen module, with the placeholders filled:
//! the serial protocol's words (`protocol.rs`), the release booted, the
//! checks.

use super::protocol;

/// The script around the checks.
const INIT_SH: &str = include_str!("init.sh");
/// The checks, one `check NAME COMMAND...` line each.
const CHECKS_SH: &str = include_str!("checks.sh");
/// `/bin/xen-info-field`, which the field checks run.
pub const XEN_INFO_FIELD_SH: &str = include_str!("xen-info-field.sh");
/// `/bin/xl-compare`, which the comparisons with `xl` run.
pub const XL_COMPARE_SH: &str = include_str!("xl-compare.sh");
/// `/bin/dom0-tests`, which runs dom0 tests by exact name and counts them.
pub const DOM0_TESTS_SH: &str = include_str!("dom0-tests.sh");

/// `/init` for `release` (`4.17`), loading `modules` in order, and how
/// many checks a complete run reports.
pub fn script(release: &str, modules: &[String]) -> (String, usize) {
    let mut checks: String = modules
        .iter()
        .map(|m| format!("check insmod-{m} insmod /lib/modules/{m}.ko\n"))
        .collect();
    checks.push_str(CHECKS_SH);
    let count = checks
        .lines()
        .filter(|l| l.trim_start().starts_with("check "))
        .count();
    let mut init = INIT_SH.replace("@CHECKS@", checks.trim_end());
    for (placeholder, word) in protocol::PLACEHOLDERS {
        init = init.replace(placeholder, word);
    }
    (init.replace("@RELEASE@", release), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modules() -> Vec<String> {
        vec!["xen-privcmd".into(), "xenfs".into()]
    }

    #[test]
    fn every_placeholder_is_filled_and_every_check_counted() {
        let (init, count) = script("4.20", &modules());
        let placeholder = init.split('@').skip(1).step_by(2).find(|word| {
            !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        });
        assert_eq!(placeholder, None, "a placeholder left:\n{init}");
        assert!(init.contains("export HCBUF_DOM0_XEN=4.20\n"));
        assert!(init.contains("test \"$got\" = 4.20"));
        let checks: Vec<&str> = init.lines().filter(|l| l.starts_with("check ")).collect();
        assert_eq!(checks.len(), count);
        assert_eq!(
            checks[0],
            "check insmod-xen-privcmd insmod /lib/modules/xen-privcmd.ko"
        );
        assert!(checks.last().is_some_and(|c| c.starts_with("check bench ")));
        // The checks run after `check` is defined, and before the summary.
        let defined = init.find("check() {").unwrap();
        let summary = init
            .find(&format!("echo \"{} ", protocol::SUMMARY))
            .unwrap();
        assert!(
            init.find(checks[0])
                .is_some_and(|at| defined < at && at < summary)
        );
    }

    /// Every program a check runs from `/bin` is one the initramfs holds
    /// (busybox's applets aside).
    #[test]
    fn the_checks_run_programs_the_initramfs_holds() {
        use super::super::guest::*;
        let installed: Vec<&str> = EXAMPLES
            .iter()
            .copied()
            .chain([
                CORE_TESTS,
                DOM0_API_TESTS,
                XEN_INFO_FIELD,
                BENCH_ROUNDS,
                XL_COMPARE,
                DOM0_TESTS,
            ])
            .chain(super::super::xl::BIN_NAMES)
            .chain(super::super::xl::XENSTORE_NAMES)
            .collect();
        let (init, _) = script("4.17", &modules());
        for program in init.split("/bin/").skip(1) {
            let name: String = program
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if ["qemu-exit", "sh"].contains(&name.as_str()) {
                continue;
            }
            assert!(installed.contains(&name.as_str()), "/bin/{name}");
        }
    }

    #[test]
    fn check_names_are_unique_words() {
        let (init, _) = script("4.17", &modules());
        let mut names: Vec<&str> = init
            .lines()
            .filter_map(|l| l.strip_prefix("check "))
            .filter_map(|rest| rest.split_whitespace().next())
            .collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), total, "a check name repeats");
        assert!(names.iter().all(|n| {
            n.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
        }));
    }
}
