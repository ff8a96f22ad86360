//! The layout proof, for hcbuf-sys's own items and for the user's
//! (feature `prove`, which needs `std` and a C compiler).
//!
//! [`prove`] generates one C program that prints, for every type of the
//! given modules, its size, alignment and each field's offset and size, and
//! the value of every constant; compiles it against the Xen headers under
//! `include` (the directory that holds `xen/`, `/usr/include` for Debian's
//! `libxen-dev`) with `__XEN_TOOLS__` defined; and compares each number
//! with what Rust says. It then plants a difference in a field, a size and
//! a constant, and checks that the comparison catches each, so a check that
//! could not fail is itself an error.
//!
//! A module of the user's own, declared with [`declare!`](crate::declare),
//! is proven the same way from the user's tests:
//!
//! ```no_run
//! # mod mine { hcbuf_sys::declare! { headers = ["xen/domctl.h"];
//! #     pub const XEN_DOMCTL_pausedomain: u32 = 3; } }
//! let proof = hcbuf_sys::prove::prove(&[&mine::ABI], "/usr/include".as_ref()).unwrap();
//! assert!(proof.constants > 0);
//! ```
//!
//! `CC` picks the C compiler (`cc` by default).

mod cgen;
mod compare;

use std::path::Path;

use crate::abi::Module;

/// What a proof checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    /// Structs checked (size, alignment, every field).
    pub structs: usize,
    /// Unions checked.
    pub unions: usize,
    /// Type aliases checked (size, alignment).
    pub aliases: usize,
    /// Fields checked (offset and size; explicit padding excluded).
    pub fields: usize,
    /// Constants checked (value).
    pub constants: usize,
    /// The planted differences the comparison caught.
    pub planted: String,
}

/// Proves `modules` against the Xen headers under `include`: `Ok` with
/// what was checked, or `Err` naming every difference (or why the C side
/// could not be built: no headers, no compiler).
pub fn prove(modules: &[&Module], include: &Path) -> Result<Proof, String> {
    let report = cgen::measure(modules, include)?;
    let mismatches = compare::compare(modules, &report);
    if !mismatches.is_empty() {
        return Err(format!(
            "{} difference(s) between the Rust declarations and the C headers in {}:\n  {}",
            mismatches.len(),
            include.display(),
            mismatches.join("\n  ")
        ));
    }
    let planted = compare::self_check(modules, &report)?;
    let counts = compare::Counts::of(modules);
    Ok(Proof {
        structs: counts.structs,
        unions: counts.unions,
        aliases: counts.aliases,
        fields: counts.fields,
        constants: counts.consts,
        planted,
    })
}
