//! The raw Xen 4.17 hypercall ABI as an x86_64 dom0 sees it.
//!
//! Plain data and constants, 1:1 with Xen's public headers (and Linux's
//! `xen/privcmd.h` for the ioctl interface): hypercall numbers, sub-op
//! command numbers, interface versions, Xen's errno values, and
//! `#[repr(C)]` structs. A struct with guest handles is declared once,
//! generic over how they are spelled ([`handles`]): by default as
//! [`RawHandle`](handles::RawHandle)s, integer addresses of the ABI's width;
//! `hcbuf-core` spells them as typed handles to pool memory. C `char`
//! arrays are mirrored as byte arrays (`[u8; N]`), and C's implicit padding
//! as explicit `pad` fields, so every struct is plain data. Names are the C names, so the headers are the reference
//! documentation. There is no logic here: typed, checked use of these items
//! is `hcbuf-core`'s job.
//!
//! Everything that differs between architectures (the guest-handle
//! representation, `xen_pfn_t`, `xen_ulong_t`, the arch domain
//! configuration) lives in [`arch`]; another architecture is one more module
//! there. Everything that differs between Xen versions (interface versions,
//! payload layouts) lives in the module of its header.
//!
//! Every item is declared through one macro that also registers it in
//! [`MODULES`]; the crate's `abi` test compiles a C program against
//! `/usr/include/xen` and checks the size, alignment and every field offset
//! of every type, and the value of every constant.
#![cfg_attr(not(feature = "prove"), no_std)]
#![recursion_limit = "1024"]
#![allow(non_camel_case_types, non_upper_case_globals)]

#[macro_use]
mod macros;
/// `core`, as `abi!` and `declare!` name it: through `$crate`, so that
/// no name in the invoking crate (`extern crate self as core`) can stand in.
#[doc(hidden)]
pub use core as __core;
pub mod abi;
pub mod handles;
pub mod marker;
#[cfg(feature = "prove")]
pub mod prove;

macro_rules! modules {
    ($( $(#[$m:meta])* $name:ident ),* $(,)?) => {
        $( $(#[$m])* pub mod $name; )*

        /// Every module of this crate, each with the description of its
        /// items. The layout proof walks this list; a module cannot be
        /// declared without appearing in it.
        pub const MODULES: &[&abi::Module] = &[$(&$name::ABI),*];
    };
}

modules! {
    /// Architecture-specific types (x86_64 only for now).
    arch,
    /// `public/xen.h`: hypercall numbers, domain ids, multicall, console_io.
    xen,
    /// `public/errno.h`: Xen's errno values.
    errno,
    /// `public/version.h`: the `xen_version` hypercall.
    version,
    /// `public/sysctl.h`: the `sysctl` hypercall.
    sysctl,
    /// `public/domctl.h`: the `domctl` hypercall.
    domctl,
    /// `public/memory.h` and `public/hvm/e820.h`: the `memory_op` hypercall.
    memory,
    /// `public/hypfs.h`: the `hypfs_op` hypercall.
    hypfs,
    /// Linux `xen/privcmd.h`: the `/dev/xen/privcmd` ioctl interface.
    privcmd,
}
