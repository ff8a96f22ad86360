//! The fuzz targets' bodies: each `run(data)` decodes `data` into a
//! sequence of operations, performs them, and panics (a finding) if an
//! invariant breaks. libFuzzer calls them from `fuzz_targets/`; the replay
//! test `tests/fuzz_corpus.rs` calls them on every committed input, so the
//! corpus doubles as regression tests on stable Rust.
//!
//! - [`pool`]: allocations, frees, resizes, writes and bounces in any
//!   order, on any pool configuration;
//! - [`lowering`]: typed calls and typed API methods with arbitrary
//!   arguments, lowered to registers and buffers for the software Xen;
//! - [`soft_xen`]: the software Xen fed arbitrary registers and arbitrary
//!   memory contents.

// Each fuzz target uses one of the modules; the replay test uses all.
#![allow(dead_code)]

pub mod lowering;
pub mod pool;
pub mod soft_xen;

/// The integration tests' raw call, one file for both: included here by
/// path for the fuzz targets, and the tests' own in the replay test
/// (which has their `common` module).
#[cfg(not(test))]
#[path = "../../tests/common/raw_call.rs"]
mod raw_call;
#[cfg(test)]
pub use crate::common::RawCall;
#[cfg(not(test))]
pub use raw_call::RawCall;

use arbitrary::Unstructured;
use hcbuf_core::Pool;
use hcbuf_core::api::Xen;
use hcbuf_core::backend::soft::{DomainConfig, HostConfig, SoftXen};
use hcbuf_core::pool::{MemorySource, PoolConfig};

/// The most operations one input runs: long enough to reach deep states,
/// short enough that every input finishes in milliseconds.
pub const MAX_STEPS: usize = 256;

/// Decodes up to [`MAX_STEPS`] values of `T` from `data`, stopping at the
/// first that cannot be decoded (the input ran out).
pub fn steps<'a, T: arbitrary::Arbitrary<'a>>(u: &mut Unstructured<'a>) -> Vec<T> {
    let mut out = Vec::new();
    while out.len() < MAX_STEPS && !u.is_empty() {
        match T::arbitrary(u) {
            Ok(step) => out.push(step),
            Err(_) => break,
        }
    }
    out
}

/// A pool on locked anonymous memory that records its live allocations
/// (what the software Xen checks addresses against).
pub fn tracking_pool(config: PoolConfig) -> Pool {
    Pool::with_config(
        config
            .source(MemorySource::LockedAnonymous)
            .track_allocations(true),
    )
    .expect("a locked anonymous pool")
}

/// The typed API on a software Xen with dom0 and a running domain 1.
pub fn soft_xen() -> Xen<SoftXen> {
    let pool = tracking_pool(PoolConfig::default());
    let host = HostConfig::default().domain(DomainConfig::new(1).vcpus(2, 2).pages(100, 200));
    let soft = SoftXen::new(pool.clone(), host).expect("the default host is valid");
    Xen::new(soft, pool)
}

/// Xen's answer to `XENVER_version` on the default host: 4.17.
pub const VERSION_4_17: u64 = (4 << 16) | 17;
