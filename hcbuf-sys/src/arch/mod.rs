//! Everything in the ABI that depends on the CPU architecture.
//!
//! The rest of the crate names these items through `crate::arch`, never
//! through a concrete architecture module, so supporting another
//! architecture means adding one sibling module here. Only x86_64 exists
//! and is verified for now.

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
pub use x86_64::*;

#[cfg(not(target_arch = "x86_64"))]
compile_error!(
    "hcbuf-sys mirrors the Xen ABI of x86_64 only; add a module for this architecture in hcbuf-sys/src/arch/"
);
