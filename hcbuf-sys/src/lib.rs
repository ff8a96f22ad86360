//! The raw Xen hypercall ABI as an x86_64 dom0 sees it, for Xen 4.17 and
//! Xen 4.20.
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
//! there.
//!
//! Everything that differs between Xen versions lives in a sibling module
//! per version: the modules at the crate's root ([`SHARED`]) are Xen 4.17's
//! declarations, which later versions share, and [`v4_20`] holds exactly
//! what Xen 4.20 declares differently or adds (`v4_20::domctl`'s interface
//! version 0x17 and 68-byte `xen_domctl_createdomain`, the new domctls and
//! `XENVER_*2` commands, ...), one module per header. A 4.20 program takes
//! an item from `v4_20` when it is there, else from the shared module.
//! [`VERSIONS`] records, for each version, its Debian package and the
//! modules that make it up; another version is one more sibling module and
//! one more entry there.
//!
//! Every item is declared through one macro that also registers it in its
//! module's description ([`MODULES`] lists them all); the crate's `abi`
//! test proves every version of [`VERSIONS`] against that version's own
//! headers (`prove::prove_version`): a C program compiled against them
//! checks the size, alignment and every field offset of every type, and
//! the value of every constant.
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
pub mod families;
pub mod handles;
pub mod marker;
#[cfg(feature = "prove")]
pub mod prove;

macro_rules! modules {
    (
        shared { $( $(#[$m:meta])* $name:ident ),* $(,)? }
        $( $(#[$vm:meta])* $version:ident { $( $(#[$om:meta])* $own:ident ),* $(,)? } )*
    ) => {
        $( $(#[$m])* pub mod $name; )*
        $(
            $(#[$vm])*
            pub mod $version {
                $( $(#[$om])* pub mod $own; )*

                /// This version's own modules, each with the description of
                /// its items: what its [`Version`](crate::abi::Version)
                /// entry in [`VERSIONS`](crate::VERSIONS) adds to the
                /// shared modules.
                pub const MODULES: &[&crate::abi::Module] = &[$(&$own::ABI),*];
            }
        )*

        /// The shared modules, each with the description of its items:
        /// Xen 4.17's declarations, which later versions share except for
        /// what their own modules replace (see [`VERSIONS`]).
        pub const SHARED: &[&abi::Module] = &[$(&$name::ABI),*];

        /// Every module of this crate, each with the description of its
        /// items: the shared modules, then every version's own. A module
        /// cannot be declared without appearing here. The modules of
        /// different versions contradict each other (4.17's and 4.20's
        /// `XEN_DOMCTL_INTERFACE_VERSION`): prove a version with
        /// `prove::prove_version`, which takes its items from [`VERSIONS`].
        pub const MODULES: &[&abi::Module] = &[$(&$name::ABI,)* $($(&$version::$own::ABI,)*)*];
    };
}

modules! {
    shared {
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
        /// `public/event_channel.h`: the `event_channel_op` hypercall.
        event_channel,
        /// `public/grant_table.h`: the `grant_table_op` hypercall.
        grant_table,
        /// `public/sched.h`: the `sched_op` hypercall.
        sched,
        /// `public/hvm/hvm_op.h` and `params.h`: `hvm_op`'s parameters.
        hvm,
        /// Linux `xen/privcmd.h`: the `/dev/xen/privcmd` ioctl interface.
        privcmd,
    }

    /// What Xen 4.20 (Debian trixie's `libxen-dev`) declares differently
    /// from the shared modules (Xen 4.17's), and what it adds: one module
    /// per header, named as the shared one. A 4.20 program takes an item
    /// from here when it exists, else from the shared module.
    v4_20 {
        /// `public/xen.h` (and `xen-compat.h`) as 4.20 has it.
        xen,
        /// `public/version.h` and `public/features.h` as 4.20 has them.
        version,
        /// `public/sysctl.h` as 4.20 has it.
        sysctl,
        /// `public/domctl.h` as 4.20 has it (interface version 0x17).
        domctl,
        /// `public/memory.h` as 4.20 has it.
        memory,
    }
}

/// Every Xen version this crate declares, oldest first: its name, the
/// Debian package its headers are proven against, and its modules (the
/// shared ones, then its own, which replace shared items of the same name;
/// see [`abi::Version`]). Another version is one more sibling module in
/// `modules!` above and one more entry here.
pub const VERSIONS: &[abi::Version] = &[
    abi::Version {
        name: "4.17",
        package: abi::Package {
            suite: "bookworm",
            name: "libxen-dev",
        },
        shared: SHARED,
        own: &[],
        removed: &[],
    },
    abi::Version {
        name: "4.20",
        package: abi::Package {
            suite: "trixie",
            name: "libxen-dev",
        },
        shared: SHARED,
        own: v4_20::MODULES,
        removed: &[],
    },
];
