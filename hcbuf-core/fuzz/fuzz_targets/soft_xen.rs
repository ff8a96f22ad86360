//! libFuzzer entry point; the target itself is `harness::soft_xen`, shared with
//! the corpus replay test in `hcbuf-core/tests/fuzz_corpus.rs`.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::soft_xen::run(data));
