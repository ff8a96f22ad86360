//! libFuzzer entry point; the target itself is `harness::lowering`, shared with
//! the corpus replay test in `hcbuf-core/tests/fuzz_corpus.rs`.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::lowering::run(data));
