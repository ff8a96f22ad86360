//! libFuzzer entry point; the target itself is `harness::pool`, shared with
//! the corpus replay test in `hcbuf-core/tests/fuzz_corpus.rs`.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::pool::run(data));
