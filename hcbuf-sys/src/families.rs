//! The sub-op families: the hypercalls whose first argument selects what
//! the others are (a command) or that carry one buffer holding a command
//! (`sysctl`, `domctl`). Declared once, here, as [`with_families!`](crate::with_families)'s
//! list: `hcbuf-core` makes its family types from it, `hcbuf-macros` reads
//! the attribute keys from [`ALL`], and hcbuf's signature table its rows.

/// Calls `$callback!` with the family list, one row per family:
///
/// ```text
/// /// docs
/// TypeName: attribute_key = __HYPERVISOR_number, "hypercall name", shape;
/// ```
///
/// `shape` is `union` for a family whose one argument is a buffer holding
/// the command and a union of payloads (`struct xen_sysctl`), `pointer`
/// for `HYPERVISOR_x(cmd, arg)` (one payload, pointed to), `pointer_count`
/// for `HYPERVISOR_x(cmd, arg, count)` (an array of `count` payloads, of
/// which hcbuf issues one), `own` for a family whose commands each take
/// their own registers (`console_io`, `hypfs_op`).
#[macro_export]
macro_rules! with_families {
    ($callback:path) => {
        $callback! {
            /// `sysctl`: host-wide control (`XEN_SYSCTL_*`).
            Sysctl: sysctl = __HYPERVISOR_sysctl, "sysctl", union;
            /// `domctl`: per-domain control (`XEN_DOMCTL_*`).
            Domctl: domctl = __HYPERVISOR_domctl, "domctl", union;
            /// `xen_version` (`XENVER_*`).
            XenVersion: xen_version = __HYPERVISOR_xen_version, "xen_version", own;
            /// `memory_op` (`XENMEM_*`).
            MemoryOp: memory_op = __HYPERVISOR_memory_op, "memory_op", pointer;
            /// `console_io` (`CONSOLEIO_*`).
            ConsoleIo: console_io = __HYPERVISOR_console_io, "console_io", own;
            /// `hypfs_op` (`XEN_HYPFS_OP_*`).
            Hypfs: hypfs = __HYPERVISOR_hypfs_op, "hypfs_op", own;
            /// `sched_op` (`SCHEDOP_*`).
            SchedOp: sched_op = __HYPERVISOR_sched_op, "sched_op", pointer;
            /// `event_channel_op` (`EVTCHNOP_*`).
            EventChannelOp: event_channel_op = __HYPERVISOR_event_channel_op, "event_channel_op", pointer;
            /// `grant_table_op` (`GNTTABOP_*`).
            GrantTableOp: grant_table_op = __HYPERVISOR_grant_table_op, "grant_table_op", pointer_count;
            /// `hvm_op` (`HVMOP_*`).
            HvmOp: hvm_op = __HYPERVISOR_hvm_op, "hvm_op", pointer;
        }
    };
}

/// One family, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Family {
    /// Its type's name in `hcbuf_core::args::family` (`Sysctl`).
    pub type_name: &'static str,
    /// Its key in `#[hypercall(<key> = <command>, ...)]` (`sysctl`).
    pub key: &'static str,
    /// Its hypercall number.
    pub op: u32,
    /// Its hypercall's name, for messages (`hypfs_op`).
    pub name: &'static str,
}

macro_rules! table {
    ($($(#[$m:meta])* $ty:ident: $key:ident = $op:ident, $name:literal, $shape:ident;)*) => {
        /// Every family, in [`with_families!`](crate::with_families)'s order.
        pub const ALL: &[Family] = &[$(Family {
            type_name: stringify!($ty),
            key: stringify!($key),
            op: crate::xen::$op,
            name: $name,
        }),*];
    };
}
with_families!(table);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_names_and_numbers_are_each_one_family_s() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.key, b.key);
                assert_ne!(a.type_name, b.type_name);
                assert_ne!(a.op, b.op);
            }
        }
        assert_eq!(ALL.len(), 10);
        assert_eq!(ALL[0].op, crate::xen::__HYPERVISOR_sysctl);
    }
}
