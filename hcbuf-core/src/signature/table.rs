//! The table: every hypercall of Xen 4.17 (`xen/include/hypercall-defs.c`
//! and the public headers) that a dom0 toolstack may issue, with its
//! signature, and the ones it may not.
//!
//! | hypercall | registers |
//! |---|---|
//! | `sysctl` (35) | `struct xen_sysctl *` (read and written back): [`Buffer<Sysctl>`] |
//! | `domctl` (36) | `struct xen_domctl *`: [`Buffer<Domctl>`] |
//! | `multicall` (13) | `multicall_entry_t *`, `unsigned int nr_calls`: [`Entries`], [`Len<0, u32>`] |
//! | `xen_version` (17) | `int cmd`, `void *arg`: [`Selector`], then per command (`XENVER_*` in `xen::version`) |
//! | `memory_op` (12) | `unsigned long cmd`, `void *arg`: [`Selector`], then per command (`XENMEM_*` in `xen::memory`): its payload a [`Buffer<MemoryOp>`](Buffer), lowered only by `CmdCall` |
//! | `console_io` (18) | `unsigned int cmd`, `unsigned int count`, `char *buffer`: [`Selector`], [`Len<2, u32>`], [`Slice`] of `u8` (`CONSOLEIO_write` reads it, `CONSOLEIO_read` writes it) |
//! | `hypfs_op` (42) | `unsigned int cmd`, `const char *path`, `unsigned long path_len`, `void *buf`, `unsigned long buf_len`: per command (`xen::hypfs`) |
//! | `sched_op` (29), `event_channel_op` (32), `hvm_op` (34) | `cmd`, `void *arg`: [`Selector`], then per command (`EVTCHNOP_status` in `xen::event_channel`, `HVMOP_*` in `xen::hvm`; the commands that act on the caller, `SCHEDOP_remote_shutdown` and `EVTCHNOP_alloc_unbound`/`bind_interdomain`/`close`, have none: only the `Xen` methods issue them): its payload a [`Buffer`], lowered only by `CmdCall` |
//! | `grant_table_op` (20) | `unsigned int cmd`, `void *uop`, `unsigned int count`: [`Selector`], then per command (`GNTTABOP_*` in `xen::grant_table`): its payload a [`Buffer`] and [`Len<1, u32>`], lowered only by `CmdCall` (with a count of 1) |
//! | `vcpu_op` (24), `physdev_op` (33) | a command first ([`Selector`]); hcbuf declares none of their commands yet, so each is the user's `signature = S` |
//!
//! No signature, so the user's `unsafe` proof (`signature = S`) or none:
//! - hypercalls that act on the calling vCPU or domain, which for a
//!   toolstack issuing through privcmd is the dom0 kernel's own state, not
//!   a guest's: `set_trap_table` (0), `mmu_update` (1), `set_gdt` (2),
//!   `stack_switch` (3), `set_callbacks` (4), `fpu_taskswitch` (5),
//!   `sched_op_compat` (6), `set_debugreg` (8), `get_debugreg` (9),
//!   `update_descriptor` (10), `update_va_mapping` (14), `set_timer_op`
//!   (15), `event_channel_op_compat` (16), `physdev_op_compat` (19),
//!   `vm_assist` (21), `update_va_mapping_otherdomain` (22), `iret` (23),
//!   `set_segment_base` (25), `mmuext_op` (26), `nmi_op` (28),
//!   `callback_op` (30), `xenoprof_op` (31), `mca` (48);
//! - hypercalls whose buffers hcbuf does not mirror yet: `platform_op`
//!   (7), `xsm_op` (27), `kexec_op` (37), `argo_op` (39), `xenpmu_op`
//!   (40), `dm_op` (41);
//! - `tmem_op` (38): removed from Xen (`ENOSYS`); `paging_domctl_cont`
//!   (`arch_1`, 49): Xen's own continuation of a `domctl`.

use hcbuf_sys::hypfs::{XEN_HYPFS_OP_get_version, XEN_HYPFS_OP_read, XEN_HYPFS_OP_write_contents};
use hcbuf_sys::memory::XENMEM_maximum_ram_page;
use hcbuf_sys::version::{XENVER_pagesize, XENVER_version};
use hcbuf_sys::xen::*;

use super::kind::*;
use super::{Hypercall, IsCommand, Known, Lookup, MissingCommand, NotCommand, Registers, Sub};
use crate::args::family;

/// The signature of one command of a command hypercall, registers 2 to 5
/// (the first is the command). Implemented by the hypercall's family for
/// each command hcbuf declares: by the family tables
/// (`payloads!(… pointer = …)`) for the commands that take one buffer,
/// here for the others.
pub trait CommandSignature<const C: u32>: family::Family {
    /// The call as C spells it.
    const TEXT: &'static str;
    /// Register 2.
    type R1: Kind;
    /// Register 3.
    type R2: Kind;
    /// Register 4.
    type R3: Kind;
    /// Register 5.
    type R4: Kind;
}

/// A hypercall's one signature, when its first register is not a command.
#[derive(Debug)]
pub struct Fixed<const OP: u64>;

/// The hypercalls with one signature: `op: "C" => [kinds]`.
macro_rules! fixed {
    ($($op:ident: $text:literal => [$($r:ty),*];)*) => {$(
        impl<F> Lookup<F> for Hypercall<{ $op as u64 }> {
            type Sig = Fixed<{ $op as u64 }>;
        }
        // The registers as `hypercall-defs.c` and the header give them
        // (the table in this module's docs).
        impl Registers for Fixed<{ $op as u64 }> {
            fixed!(@regs [$($r),*] [R0 R1 R2 R3 R4]);
        }
        #[diagnostic::do_not_recommend]
        impl Known for Fixed<{ $op as u64 }> {
            const TEXT: &'static str = $text;
        }
    )*};
    (@regs [$r:ty $(, $more:ty)*] [$name:ident $($names:ident)*]) => {
        type $name = $r;
        fixed!(@regs [$($more),*] [$($names)*]);
    };
    (@regs [] [$($names:ident)*]) => { $(type $names = Absent;)* };
}

fixed! {
    __HYPERVISOR_sysctl: "sysctl(struct xen_sysctl *)" => [Buffer<family::Sysctl>];
    __HYPERVISOR_domctl: "domctl(struct xen_domctl *)" => [Buffer<family::Domctl>];
    __HYPERVISOR_multicall: "multicall(multicall_entry_t *call_list, unsigned int nr_calls)"
        => [Entries, Len<0, u32>];
}

/// The command hypercalls: `op => family`. A call's first field is its
/// [`Command`](super::Command); its signature is the family's for that command.
macro_rules! by_command {
    ($($op:ident => $family:ty;)*) => {$(
        impl<const C: u32> Lookup<IsCommand<C>> for Hypercall<{ $op as u64 }> {
            type Sig = Sub<{ $op as u64 }, C>;
        }
        impl Lookup<NotCommand> for Hypercall<{ $op as u64 }> {
            type Sig = MissingCommand<{ $op as u64 }>;
        }
        // The command register, then the command's registers as the family
        // declares them (each `CommandSignature` impl states them from the
        // header).
        #[diagnostic::do_not_recommend]
        impl<const C: u32> Known for Sub<{ $op as u64 }, C>
        where
            $family: CommandSignature<C>,
        {
            const TEXT: &'static str = <$family as CommandSignature<C>>::TEXT;
        }
        impl<const C: u32> Registers for Sub<{ $op as u64 }, C>
        where
            $family: CommandSignature<C>,
        {
            type R0 = Selector;
            type R1 = <$family as CommandSignature<C>>::R1;
            type R2 = <$family as CommandSignature<C>>::R2;
            type R3 = <$family as CommandSignature<C>>::R3;
            type R4 = <$family as CommandSignature<C>>::R4;
        }
    )*};
}

/// Every command family of `hcbuf_sys::families` is a row of
/// [`by_command!`] (the union families, `sysctl` and `domctl`, are
/// [`fixed!`] rows above).
macro_rules! family_rows {
    ($($(#[$m:meta])* $ty:ident: $key:ident = $op:ident, $name:literal, $shape:ident;)*) => {
        $(family_rows!(@row $shape $op $ty);)*
    };
    (@row union $op:ident $ty:ident) => {};
    (@row $shape:ident $op:ident $ty:ident) => {
        by_command! { $op => family::$ty; }
    };
}
hcbuf_sys::with_families!(family_rows);

/// Command hypercalls none of whose commands hcbuf declares yet: a call is
/// looked up by its command, and finds no signature.
macro_rules! undeclared_commands {
    ($($op:ident),*) => {$(
        impl<const C: u32> Lookup<IsCommand<C>> for Hypercall<{ $op as u64 }> {
            type Sig = Sub<{ $op as u64 }, C>;
        }
        impl Lookup<NotCommand> for Hypercall<{ $op as u64 }> {
            type Sig = MissingCommand<{ $op as u64 }>;
        }
    )*};
}

undeclared_commands!(__HYPERVISOR_vcpu_op, __HYPERVISOR_physdev_op);

/// Commands declared here rather than by a family table: `family, C: "C"
/// => [kinds of registers 2 to 5]`.
macro_rules! commands {
    ($($family:ty, $cmd:ident: $text:literal => [$($r:ty),*];)*) => {$(
        impl CommandSignature<$cmd> for $family {
            const TEXT: &'static str = $text;
            fixed!(@regs [$($r),*] [R1 R2 R3 R4]);
        }
    )*};
}

commands! {
    family::XenVersion, XENVER_version: "xen_version(XENVER_version, NULL)" => [];
    family::XenVersion, XENVER_pagesize: "xen_version(XENVER_pagesize, NULL)" => [];
    family::MemoryOp, XENMEM_maximum_ram_page: "memory_op(XENMEM_maximum_ram_page, NULL)" => [];
    family::ConsoleIo, CONSOLEIO_write:
        "console_io(CONSOLEIO_write, unsigned int count, const char *buffer)"
        => [Len<2, u32>, Slice<Read, u8>];
    family::ConsoleIo, CONSOLEIO_read:
        "console_io(CONSOLEIO_read, unsigned int count, char *buffer)"
        => [Len<2, u32>, Slice<Write, u8>];
    family::Hypfs, XEN_HYPFS_OP_get_version: "hypfs_op(XEN_HYPFS_OP_get_version)" => [];
    family::Hypfs, XEN_HYPFS_OP_read:
        "hypfs_op(XEN_HYPFS_OP_read, const char *path, unsigned long path_len, void *buf, \
         unsigned long buf_len)"
        => [Slice<Read, u8>, Len<1, u64>, Slice<Write, u8>, Len<3, u64>];
    family::Hypfs, XEN_HYPFS_OP_write_contents:
        "hypfs_op(XEN_HYPFS_OP_write_contents, const char *path, unsigned long path_len, \
         const void *buf, unsigned long buf_len)"
        => [Slice<Read, u8>, Len<1, u64>, Slice<Read, u8>, Len<3, u64>];
}

/// Whether hcbuf's table gives hypercall `op` its signatures (one, or one
/// per command it declares), so that no user signature may replace them.
pub const fn has_fixed_signature(op: u64) -> bool {
    // The multicall, and every family (`hcbuf_sys::families`).
    if op == __HYPERVISOR_multicall as u64 {
        return true;
    }
    let families = hcbuf_sys::families::ALL;
    let mut i = 0;
    while i < families.len() {
        if families[i].op as u64 == op {
            return true;
        }
        i += 1;
    }
    false
}

/// Hypercall `OP`, which hcbuf's table gives no signature: it acts on the
/// calling vCPU or domain (the dom0 kernel's), hcbuf mirrors none of its
/// buffers, or it is not a hypercall of Xen 4.17. A call on it is the
/// user's proof to make (`signature = S`).
#[derive(Debug)]
pub struct NoSignature<const OP: u64>;

impl<const OP: u64> super::Registers for NoSignature<OP> {
    type R0 = Any;
    type R1 = Any;
    type R2 = Any;
    type R3 = Any;
    type R4 = Any;
}

/// Every other number below 64 (Xen's hypercall table has 64 slots): no
/// signature, reported once as such.
macro_rules! no_signature {
    ($($op:literal),*) => {$(
        impl<F> Lookup<F> for Hypercall<$op> {
            type Sig = NoSignature<$op>;
        }
    )*};
}

no_signature!(
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 19, 21, 22, 23, 25, 26, 27, 28, 30, 31, 37,
    38, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62,
    63
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number below 64 is in exactly one row of the table: one
    /// signature, one per command, or none (the impls above would conflict
    /// if a number were in two; this checks none is missing).
    #[test]
    fn every_hypercall_number_below_64_has_a_row() {
        fn row<const OP: u64>() -> bool
        where
            Hypercall<OP>: Lookup<NotCommand>,
        {
            true
        }
        macro_rules! all {
            ($($n:literal)*) => { [$(row::<$n>()),*] };
        }
        let rows = all!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26
            27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54
            55 56 57 58 59 60 61 62 63);
        assert_eq!(rows.len(), 64);
        // Exactly the hypercalls whose signatures the table gives (one, or
        // one per command) refuse a user's signature.
        let fixed: Vec<u64> = (0..64).filter(|&op| has_fixed_signature(op)).collect();
        let mut want = [
            __HYPERVISOR_memory_op,
            __HYPERVISOR_multicall,
            __HYPERVISOR_xen_version,
            __HYPERVISOR_console_io,
            __HYPERVISOR_sysctl,
            __HYPERVISOR_domctl,
            __HYPERVISOR_hypfs_op,
            __HYPERVISOR_sched_op,
            __HYPERVISOR_event_channel_op,
            __HYPERVISOR_grant_table_op,
            __HYPERVISOR_hvm_op,
        ]
        .map(u64::from);
        want.sort_unstable();
        assert_eq!(fixed, want);
        assert!(has_fixed_signature(__HYPERVISOR_sysctl as u64));
        assert!(!has_fixed_signature(__HYPERVISOR_vcpu_op as u64));
        assert!(!has_fixed_signature(99));
    }
}
