//! Expansion snapshots: the derive's output for representative inputs,
//! pretty-printed and compared with the reviewed files next to them in
//! `tests/expand/` (`NAME.rs` is the input, `NAME.expanded.rs` the
//! output). After a deliberate change to the output, run with
//! `HCBUF_BLESS=1` to rewrite the snapshots, and review the diff.

use std::path::Path;

fn expand_file(input: &str) -> String {
    let item: syn::DeriveInput = syn::parse_str(input).expect("the input parses as an item");
    let tokens = crate::expand(&item);
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as items");
    prettyplease::unparse(&file)
}

#[test]
fn expansions_match_their_reviewed_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let bless = std::env::var_os("HCBUF_BLESS").is_some();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rs")
                && !p.to_string_lossy().ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 3,
        "the snapshot inputs are missing from {}",
        dir.display()
    );
    let mut stale = Vec::new();
    for input in &inputs {
        let expanded = expand_file(&std::fs::read_to_string(input).expect("read input"));
        let snapshot = input.with_extension("expanded.rs");
        if bless {
            std::fs::write(&snapshot, &expanded).expect("write snapshot");
            continue;
        }
        match std::fs::read_to_string(&snapshot) {
            Ok(expected) if expected == expanded => {}
            Ok(_) => stale.push(format!("{} differs from the expansion", snapshot.display())),
            Err(_) => stale.push(format!("{} is missing", snapshot.display())),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n(rerun with HCBUF_BLESS=1 and review the diff)",
        stale.join("\n")
    );
}
