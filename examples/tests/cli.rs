//! The examples run as processes on the software Xen: their text matches
//! `xl`'s layout and their JSON parses with the expected fields.

use std::process::{Command, Output};

fn run(bin: &str, args: &[&str]) -> Output {
    let out = Command::new(bin)
        .args(args)
        .args(["--backend", "soft"])
        .output()
        .expect("run the example");
    assert!(
        out.status.success(),
        "{bin} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn text(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn xen_info_prints_xl_info_fields() {
    let out = text(&run(env!("CARGO_BIN_EXE_xen-info"), &[]));
    for line in [
        "xen_major              : 4\n",
        "xen_minor              : 17\n",
        "xen_version            : 4.17",
        "xen_scheduler          : credit2\n",
        "xen_pagesize           : 4096\n",
        "platform_params        : virt_start=0x",
        "virt_caps              : ",
        "build_id               : ",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    assert!(
        out.lines().all(|l| l.len() >= 25 && &l[23..25] == ": "),
        "xl's 23-column layout:\n{out}"
    );
    // The node's fields first, as xl prints them.
    let first: Vec<&str> = out.lines().take(5).map(|l| l[..23].trim_end()).collect();
    assert_eq!(first, ["host", "release", "version", "machine", "nr_cpus"]);
}

#[test]
fn xen_info_json_has_the_same_fields() {
    let out = text(&run(env!("CARGO_BIN_EXE_xen-info"), &["--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["xen_major"], 4);
    assert_eq!(v["xen_minor"], 17);
    assert!(v["nr_cpus"].as_u64().is_some_and(|n| n >= 1));
    assert!(
        v["total_memory"]
            .as_u64()
            .is_some_and(|m| m >= v["free_memory"].as_u64().unwrap())
    );
    assert_eq!(
        v["build_id"].as_str().map(str::len),
        Some(40),
        "a 20-byte build id in hex"
    );
}

#[test]
fn xen_list_shows_dom0_running() {
    let out = text(&run(env!("CARGO_BIN_EXE_xen-list"), &[]));
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("Name                                        ID   Mem VCPUs\tState\tTime(s)")
    );
    let row = lines.next().expect("a row for dom0");
    // The software Xen: no xenstore, so the name xen-init-dom0 gives
    // dom0 (`examples::names`).
    assert_eq!(
        row,
        "Domain-0                                     0  1024     2     r-----      12.4"
    );
    let dom0: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(dom0[1], "0");
    assert!(dom0[4].starts_with('r'), "dom0 is running: {dom0:?}");
    // One domain, by id; one that does not exist is an error.
    assert_eq!(text(&run(env!("CARGO_BIN_EXE_xen-list"), &["0"])), out);
    let missing = Command::new(env!("CARGO_BIN_EXE_xen-list"))
        .args(["--backend", "soft", "0", "9"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ESRCH"));

    let json: serde_json::Value =
        serde_json::from_str(&text(&run(env!("CARGO_BIN_EXE_xen-list"), &["--json"]))).unwrap();
    assert_eq!(json[0]["domid"], 0);
    assert_eq!(json[0]["name"], "Domain-0");
    assert!(json[0]["vcpus"].as_u64().is_some_and(|n| n >= 1));
}

#[test]
fn xen_dmesg_prints_the_ring_and_clear_is_accepted() {
    let out = text(&run(env!("CARGO_BIN_EXE_xen-dmesg"), &[]));
    assert!(out.contains("(XEN)"), "the console ring:\n{out}");
    run(env!("CARGO_BIN_EXE_xen-dmesg"), &["-c"]);
    let json: serde_json::Value =
        serde_json::from_str(&text(&run(env!("CARGO_BIN_EXE_xen-dmesg"), &["--json"]))).unwrap();
    assert!(json["text"].as_str().is_some_and(|t| t.contains("Xen")));
}

#[test]
fn the_software_xen_says_so_on_stderr_when_chosen_automatically() {
    let out = Command::new(env!("CARGO_BIN_EXE_xen-info"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    if std::path::Path::new("/dev/xen/privcmd").exists() {
        assert!(
            err.is_empty(),
            "in a dom0 the real Xen answers, silently: {err}"
        );
    } else {
        assert_eq!(err.lines().count(), 1, "one line of notice: {err}");
        assert!(err.contains("software Xen"));
    }
}

#[test]
fn bad_arguments_are_reported_not_panicked() {
    let out = Command::new(env!("CARGO_BIN_EXE_xen-list"))
        .args(["--backend", "bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'bogus'"));
}

#[test]
fn the_examples_speak_the_release_the_software_xen_models() {
    for (release, minor) in [("4.17", 17), ("4.20", 20)] {
        let out = run(
            env!("CARGO_BIN_EXE_xen-info"),
            &["--json", "--verbose", "--soft-xen", release],
        );
        let v: serde_json::Value = serde_json::from_str(&text(&out)).expect("valid JSON");
        assert_eq!(
            (v["xen_major"].clone(), v["xen_minor"].clone()),
            (4.into(), minor.into())
        );
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!("xen-info: speaking Xen {release}")),
            "{said}"
        );
        for bin in [
            env!("CARGO_BIN_EXE_xen-list"),
            env!("CARGO_BIN_EXE_xen-dmesg"),
        ] {
            let out = run(bin, &["--soft-xen", release]);
            assert!(!out.stdout.is_empty(), "{bin} on {release}");
        }
    }
}

#[test]
fn xen_info_n_adds_xl_info_n_sections_and_cpu_mhz_is_a_number() {
    let out = text(&run(env!("CARGO_BIN_EXE_xen-info"), &["-n"]));
    let plain = text(&run(env!("CARGO_BIN_EXE_xen-info"), &[]));
    assert!(out.contains("cpu_mhz                : 1996.249\n"), "{out}");
    // xl's order: the sections after outstanding_claims, before xen_major.
    let section = "outstanding_claims     : 0\n\
                   cpu_topology           :\n\
                   cpu:    core    socket     node\n  \
                   0:       0        0        0\n  \
                   1:       1        0        0\n\
                   numa_info              :\n\
                   node:    memsize    memfree    distances\n   \
                   0:      2047       1000      10\n\
                   xen_major              : 4\n";
    assert!(out.contains(section), "{out}");
    assert!(!plain.contains("cpu_topology"), "only with -n:\n{plain}");
    assert_eq!(out.lines().count(), plain.lines().count() + 7);

    let json: serde_json::Value = serde_json::from_str(&text(&run(
        env!("CARGO_BIN_EXE_xen-info"),
        &["-n", "--json"],
    )))
    .unwrap();
    assert_eq!(json["cpu_mhz"].as_f64(), Some(1996.249));
    assert_eq!(json["cpu_topology"][1]["core"], 1);
    assert_eq!(json["numa_info"][0]["distances"][0], 10);
    let json: serde_json::Value =
        serde_json::from_str(&text(&run(env!("CARGO_BIN_EXE_xen-info"), &["--json"]))).unwrap();
    assert!(json["cpu_mhz"].is_number() && json.get("cpu_topology").is_none());
}

#[test]
fn xen_debug_keys_takes_keys_and_prints_nothing() {
    let out = run(env!("CARGO_BIN_EXE_xen-debug-keys"), &["h"]);
    assert!(out.stdout.is_empty());
    let json: serde_json::Value = serde_json::from_str(&text(&run(
        env!("CARGO_BIN_EXE_xen-debug-keys"),
        &["--json", "hq"],
    )))
    .unwrap();
    assert_eq!(json["keys"], "hq");
    let missing = Command::new(env!("CARGO_BIN_EXE_xen-debug-keys"))
        .args(["--backend", "soft"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2), "KEYS is required");
}

#[test]
fn hcbuf_abi_takes_the_common_options() {
    let out = text(&run(
        env!("CARGO_BIN_EXE_hcbuf-abi"),
        &["--soft-xen", "4.20"],
    ));
    assert!(out.contains("(the Xen asked speaks Xen 4.20)"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("total ")), "{out}");
    let json: serde_json::Value = serde_json::from_str(&text(&run(
        env!("CARGO_BIN_EXE_hcbuf-abi"),
        &["--json", "sysctl"],
    )))
    .unwrap();
    assert_eq!(json["speaking"], "Xen 4.17");
    assert_eq!(json["module"]["path"], "hcbuf_sys::sysctl");
    assert!(
        json["module"]["types"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
    let out = Command::new(env!("CARGO_BIN_EXE_hcbuf-abi"))
        .args(["--backend", "soft", "nosuch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no module `nosuch`"));
}
