//! Replays every committed fuzz input (`fuzz/corpus/<target>/`) through
//! the fuzz targets' bodies, on stable Rust, in every `cargo test`: the
//! corpus is what coverage-guided fuzzing found interesting, and any input
//! that once broke an invariant stays here as a regression test. The
//! fuzzing itself runs with `cargo xtask fuzz`.

mod common;

#[path = "../fuzz/harness/mod.rs"]
mod harness;

use std::path::PathBuf;

/// Runs `target` on every input of its corpus; returns how many.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus is committed)", dir.display()));
    let mut inputs: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    inputs.sort();
    for input in &inputs {
        let data = std::fs::read(input).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{}: the input fails", input.display());
    }
    inputs.len()
}

#[test]
fn the_pool_corpus_passes() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    assert!(replay("pool", harness::pool::run) >= 20);
}

#[test]
fn the_lowering_corpus_passes() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    assert!(replay("lowering", harness::lowering::run) >= 20);
}

#[test]
fn the_soft_xen_corpus_passes() {
    assert!(replay("soft_xen", harness::soft_xen::run) >= 20);
}
