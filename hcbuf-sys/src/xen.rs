//! `public/xen.h`: hypercall numbers, domain ids, multicall and console_io.
//!
//! A hypercall is `op` plus up to five register arguments; from a dom0
//! process it is issued through the privcmd ioctl (see [`crate::privcmd`]).

use crate::arch::xen_ulong_t;

abi! {
    headers = ["xen/xen.h"];

    /// The newest interface version these headers describe (4.14 onwards
    /// share it; sysctl and domctl carry their own versions).
    pub const __XEN_LATEST_INTERFACE_VERSION__: u32 = 0x0004_0e00;
    /// Hypercall number of `set_trap_table`.
    pub const __HYPERVISOR_set_trap_table: u32 = 0;
    /// Hypercall number of `mmu_update`.
    pub const __HYPERVISOR_mmu_update: u32 = 1;
    /// Hypercall number of `set_gdt`.
    pub const __HYPERVISOR_set_gdt: u32 = 2;
    /// Hypercall number of `stack_switch`.
    pub const __HYPERVISOR_stack_switch: u32 = 3;
    /// Hypercall number of `set_callbacks`.
    pub const __HYPERVISOR_set_callbacks: u32 = 4;
    /// Hypercall number of `fpu_taskswitch`.
    pub const __HYPERVISOR_fpu_taskswitch: u32 = 5;
    /// Hypercall number of `sched_op_compat`. (compat since 0x00030101)
    pub const __HYPERVISOR_sched_op_compat: u32 = 6;
    /// Hypercall number of `platform_op`.
    pub const __HYPERVISOR_platform_op: u32 = 7;
    /// Hypercall number of `set_debugreg`.
    pub const __HYPERVISOR_set_debugreg: u32 = 8;
    /// Hypercall number of `get_debugreg`.
    pub const __HYPERVISOR_get_debugreg: u32 = 9;
    /// Hypercall number of `update_descriptor`.
    pub const __HYPERVISOR_update_descriptor: u32 = 10;
    /// Hypercall number of `memory_op`.
    pub const __HYPERVISOR_memory_op: u32 = 12;
    /// Hypercall number of `multicall`.
    pub const __HYPERVISOR_multicall: u32 = 13;
    /// Hypercall number of `update_va_mapping`.
    pub const __HYPERVISOR_update_va_mapping: u32 = 14;
    /// Hypercall number of `set_timer_op`.
    pub const __HYPERVISOR_set_timer_op: u32 = 15;
    /// Hypercall number of `event_channel_op_compat`. (compat since 0x00030202)
    pub const __HYPERVISOR_event_channel_op_compat: u32 = 16;
    /// Hypercall number of `xen_version`.
    pub const __HYPERVISOR_xen_version: u32 = 17;
    /// Hypercall number of `console_io`.
    pub const __HYPERVISOR_console_io: u32 = 18;
    /// Hypercall number of `physdev_op_compat`. (compat since 0x00030202)
    pub const __HYPERVISOR_physdev_op_compat: u32 = 19;
    /// Hypercall number of `grant_table_op`.
    pub const __HYPERVISOR_grant_table_op: u32 = 20;
    /// Hypercall number of `vm_assist`.
    pub const __HYPERVISOR_vm_assist: u32 = 21;
    /// Hypercall number of `update_va_mapping_otherdomain`.
    pub const __HYPERVISOR_update_va_mapping_otherdomain: u32 = 22;
    /// Hypercall number of `iret`. (x86 only)
    pub const __HYPERVISOR_iret: u32 = 23;
    /// Hypercall number of `vcpu_op`.
    pub const __HYPERVISOR_vcpu_op: u32 = 24;
    /// Hypercall number of `set_segment_base`. (x86/64 only)
    pub const __HYPERVISOR_set_segment_base: u32 = 25;
    /// Hypercall number of `mmuext_op`.
    pub const __HYPERVISOR_mmuext_op: u32 = 26;
    /// Hypercall number of `xsm_op`.
    pub const __HYPERVISOR_xsm_op: u32 = 27;
    /// Hypercall number of `nmi_op`.
    pub const __HYPERVISOR_nmi_op: u32 = 28;
    /// Hypercall number of `sched_op`.
    pub const __HYPERVISOR_sched_op: u32 = 29;
    /// Hypercall number of `callback_op`.
    pub const __HYPERVISOR_callback_op: u32 = 30;
    /// Hypercall number of `xenoprof_op`.
    pub const __HYPERVISOR_xenoprof_op: u32 = 31;
    /// Hypercall number of `event_channel_op`.
    pub const __HYPERVISOR_event_channel_op: u32 = 32;
    /// Hypercall number of `physdev_op`.
    pub const __HYPERVISOR_physdev_op: u32 = 33;
    /// Hypercall number of `hvm_op`.
    pub const __HYPERVISOR_hvm_op: u32 = 34;
    /// Hypercall number of `sysctl`.
    pub const __HYPERVISOR_sysctl: u32 = 35;
    /// Hypercall number of `domctl`.
    pub const __HYPERVISOR_domctl: u32 = 36;
    /// Hypercall number of `kexec_op`.
    pub const __HYPERVISOR_kexec_op: u32 = 37;
    /// Hypercall number of `tmem_op`.
    pub const __HYPERVISOR_tmem_op: u32 = 38;
    /// Hypercall number of `argo_op`.
    pub const __HYPERVISOR_argo_op: u32 = 39;
    /// Hypercall number of `xenpmu_op`.
    pub const __HYPERVISOR_xenpmu_op: u32 = 40;
    /// Hypercall number of `dm_op`.
    pub const __HYPERVISOR_dm_op: u32 = 41;
    /// Hypercall number of `hypfs_op`. (Architecture-specific hypercall definitions.)
    pub const __HYPERVISOR_hypfs_op: u32 = 42;
    /// Hypercall number of `arch_0`.
    pub const __HYPERVISOR_arch_0: u32 = 48;
    /// Hypercall number of `arch_1`.
    pub const __HYPERVISOR_arch_1: u32 = 49;
    /// Hypercall number of `arch_2`.
    pub const __HYPERVISOR_arch_2: u32 = 50;
    /// Hypercall number of `arch_3`.
    pub const __HYPERVISOR_arch_3: u32 = 51;
    /// Hypercall number of `arch_4`.
    pub const __HYPERVISOR_arch_4: u32 = 52;
    /// Hypercall number of `arch_5`.
    pub const __HYPERVISOR_arch_5: u32 = 53;
    /// Hypercall number of `arch_6`.
    pub const __HYPERVISOR_arch_6: u32 = 54;
    /// Hypercall number of `arch_7`. (` })
    pub const __HYPERVISOR_arch_7: u32 = 55;
    /// Virtual IRQ: timebase update, and/or requested timeout.
    pub const VIRQ_TIMER: u32 = 0;
    /// Virtual IRQ: request guest to dump debug info.
    pub const VIRQ_DEBUG: u32 = 1;
    /// Virtual IRQ for dom0: bytes received on emergency console.
    pub const VIRQ_CONSOLE: u32 = 2;
    /// Virtual IRQ for dom0: exceptional event for some domain.
    pub const VIRQ_DOM_EXC: u32 = 3;
    /// Virtual IRQ for dom0: trace buffer has records available.
    pub const VIRQ_TBUF: u32 = 4;
    /// Virtual IRQ for dom0: a domain has paused for debugging.
    pub const VIRQ_DEBUGGER: u32 = 6;
    /// Virtual IRQ: XenOprofile interrupt: new sample available.
    pub const VIRQ_XENOPROF: u32 = 7;
    /// Virtual IRQ for dom0: bytes received on console.
    pub const VIRQ_CON_RING: u32 = 8;
    /// Virtual IRQ for dom0: pCPU state changed.
    pub const VIRQ_PCPU_STATE: u32 = 9;
    /// Virtual IRQ for dom0: a memory event has occurred.
    pub const VIRQ_MEM_EVENT: u32 = 10;
    /// Virtual IRQ: Argo interdomain message notification.
    pub const VIRQ_ARGO: u32 = 11;
    /// Virtual IRQ for dom0: low on heap memory.
    pub const VIRQ_ENOMEM: u32 = 12;
    /// Virtual IRQ: PMU counter overflow.
    pub const VIRQ_XENPMU: u32 = 13;
    /// Architecture-specific virtual IRQ 0.
    pub const VIRQ_ARCH_0: u32 = 16;
    /// Architecture-specific virtual IRQ 1.
    pub const VIRQ_ARCH_1: u32 = 17;
    /// Architecture-specific virtual IRQ 2.
    pub const VIRQ_ARCH_2: u32 = 18;
    /// Architecture-specific virtual IRQ 3.
    pub const VIRQ_ARCH_3: u32 = 19;
    /// Architecture-specific virtual IRQ 4.
    pub const VIRQ_ARCH_4: u32 = 20;
    /// Architecture-specific virtual IRQ 5.
    pub const VIRQ_ARCH_5: u32 = 21;
    /// Architecture-specific virtual IRQ 6.
    pub const VIRQ_ARCH_6: u32 = 22;
    /// Virtual IRQ: ` }.
    pub const VIRQ_ARCH_7: u32 = 23;

    /// `console_io`: write `count` bytes from a buffer to Xen's console.
    pub const CONSOLEIO_write: u32 = 0;
    /// `console_io`: read up to `count` bytes of console input.
    pub const CONSOLEIO_read: u32 = 1;

    /// A domain id.
    pub type domid_t (size 2) = u16;
    /// A domain's 16-byte handle (its UUID).
    pub type xen_domain_handle_t (size 16) = [u8; 16];

    /// The first domain id that names no real domain.
    pub const DOMID_FIRST_RESERVED: domid_t = 0x7FF0;
    /// The calling domain.
    pub const DOMID_SELF: domid_t = 0x7FF0;
    /// The pseudo-domain owning I/O memory.
    pub const DOMID_IO: domid_t = 0x7FF1;
    /// The pseudo-domain owning Xen's own pages.
    pub const DOMID_XEN: domid_t = 0x7FF2;
    /// The pseudo-domain owning copy-on-write pages.
    pub const DOMID_COW: domid_t = 0x7FF3;
    /// No domain.
    pub const DOMID_INVALID: domid_t = 0x7FF4;
    /// The idle domain.
    pub const DOMID_IDLE: domid_t = 0x7FFF;
    /// Mask of the bits a valid domain id may use.
    pub const DOMID_MASK: domid_t = 0x7FFF;

    /// One call of a `multicall` batch: Xen writes `result`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct multicall_entry (size 64; addresses) {
        /// The hypercall number.
        pub op: xen_ulong_t,
        /// OUT: the call's return value, full width.
        pub result: xen_ulong_t,
        /// The register arguments (the sixth is unused by any hypercall).
        pub args: [xen_ulong_t; 6],
    }

    /// A bitmap passed by guest handle (CPU and node maps).
    pub struct xenctl_bitmap<H> (size 16) {
        /// Guest handle of the bitmap's bytes (Xen reads them, or writes
        /// them for an OUT map). Extent: `ceil(nr_bits / 8)` bytes.
        handle bitmap / set_bitmap: H::InOut<u8> [nr_bits => (nr_bits + 7) / 8],
        /// The number of valid bits.
        count nr_bits / set_nr_bits: u32,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
    }
}
