//! x86_64 (`public/arch-x86/xen.h`, `public/arch-x86/xen-x86_64.h`).
//!
//! On x86_64 a guest handle, `XEN_GUEST_HANDLE(T)` and
//! `XEN_GUEST_HANDLE_64(T)` alike, is a struct holding one pointer: eight
//! bytes, eight-byte aligned. The raw structs of this crate carry it as a
//! `u64`; `hcbuf-core` gives it a type that only pool memory can fill.

abi! {
    headers = ["xen/xen.h", "xen/arch-x86/xen.h", "sys/ioctl.h"];

    /// A guest handle in a hypercall struct (`XEN_GUEST_HANDLE(T)`): the
    /// guest-virtual address of the buffer, 0 for none.
    pub type xen_guest_handle_t (size 8, c "XEN_GUEST_HANDLE(void)") = u64;
    /// A guest handle that is 64 bits wide on every architecture
    /// (`XEN_GUEST_HANDLE_64(T)`, used by sysctl and domctl).
    pub type xen_guest_handle_64_t (size 8, c "XEN_GUEST_HANDLE_64(uint8)") = u64;
    /// A guest page frame number.
    pub type xen_pfn_t (size 8) = u64;
    /// Xen's native unsigned long.
    pub type xen_ulong_t (size 8) = u64;
    /// A vCPU's register state (`struct vcpu_guest_context`, which
    /// `XEN_DOMCTL_{get,set}vcpucontext` copy whole), as its 646 words:
    /// hcbuf reads none of its fields, only its size and alignment matter.
    pub type vcpu_guest_context_t (size 5168) = [u64; 646];
    /// `vcpu_guest_context.flags`: the vCPU is in kernel mode.
    pub const VGCF_in_kernel: u64 = 1 << 2;
    /// `vcpu_guest_context.flags`: the vCPU is online.
    pub const VGCF_online: u64 = 1 << 5;

    /// The x86 part of `struct xen_domctl_createdomain`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_arch_domainconfig (size 8) {
        /// Which devices Xen emulates for the domain (`XEN_X86_EMU_*`).
        pub emulation_flags: u32,
        /// Miscellaneous behaviour (`XEN_X86_MSR_RELAXED`).
        pub misc_flags: u32,
    }

    /// Bit index of [`XEN_X86_EMU_LAPIC`].
    pub const _XEN_X86_EMU_LAPIC: u32 = 0;
    /// Emulate a local APIC.
    pub const XEN_X86_EMU_LAPIC: u32 = 1 << _XEN_X86_EMU_LAPIC;
    /// Bit index of [`XEN_X86_EMU_HPET`].
    pub const _XEN_X86_EMU_HPET: u32 = 1;
    /// Emulate an HPET.
    pub const XEN_X86_EMU_HPET: u32 = 1 << _XEN_X86_EMU_HPET;
    /// Bit index of [`XEN_X86_EMU_PM`].
    pub const _XEN_X86_EMU_PM: u32 = 2;
    /// Emulate ACPI power management timers.
    pub const XEN_X86_EMU_PM: u32 = 1 << _XEN_X86_EMU_PM;
    /// Bit index of [`XEN_X86_EMU_RTC`].
    pub const _XEN_X86_EMU_RTC: u32 = 3;
    /// Emulate an RTC.
    pub const XEN_X86_EMU_RTC: u32 = 1 << _XEN_X86_EMU_RTC;
    /// Bit index of [`XEN_X86_EMU_IOAPIC`].
    pub const _XEN_X86_EMU_IOAPIC: u32 = 4;
    /// Emulate an IO-APIC.
    pub const XEN_X86_EMU_IOAPIC: u32 = 1 << _XEN_X86_EMU_IOAPIC;
    /// Bit index of [`XEN_X86_EMU_PIC`].
    pub const _XEN_X86_EMU_PIC: u32 = 5;
    /// Emulate a PIC.
    pub const XEN_X86_EMU_PIC: u32 = 1 << _XEN_X86_EMU_PIC;
    /// Bit index of [`XEN_X86_EMU_VGA`].
    pub const _XEN_X86_EMU_VGA: u32 = 6;
    /// Emulate VGA.
    pub const XEN_X86_EMU_VGA: u32 = 1 << _XEN_X86_EMU_VGA;
    /// Bit index of [`XEN_X86_EMU_IOMMU`].
    pub const _XEN_X86_EMU_IOMMU: u32 = 7;
    /// Emulate an IOMMU.
    pub const XEN_X86_EMU_IOMMU: u32 = 1 << _XEN_X86_EMU_IOMMU;
    /// Bit index of [`XEN_X86_EMU_PIT`].
    pub const _XEN_X86_EMU_PIT: u32 = 8;
    /// Emulate a PIT.
    pub const XEN_X86_EMU_PIT: u32 = 1 << _XEN_X86_EMU_PIT;
    /// Bit index of [`XEN_X86_EMU_USE_PIRQ`].
    pub const _XEN_X86_EMU_USE_PIRQ: u32 = 9;
    /// Route legacy interrupts through PIRQs.
    pub const XEN_X86_EMU_USE_PIRQ: u32 = 1 << _XEN_X86_EMU_USE_PIRQ;
    /// Bit index of [`XEN_X86_EMU_VPCI`].
    pub const _XEN_X86_EMU_VPCI: u32 = 10;
    /// Emulate PCI config space (vPCI).
    pub const XEN_X86_EMU_VPCI: u32 = 1 << _XEN_X86_EMU_VPCI;
    /// Every emulation flag.
    pub const XEN_X86_EMU_ALL: u32 = XEN_X86_EMU_LAPIC
        | XEN_X86_EMU_HPET
        | XEN_X86_EMU_PM
        | XEN_X86_EMU_RTC
        | XEN_X86_EMU_IOAPIC
        | XEN_X86_EMU_PIC
        | XEN_X86_EMU_VGA
        | XEN_X86_EMU_IOMMU
        | XEN_X86_EMU_PIT
        | XEN_X86_EMU_USE_PIRQ
        | XEN_X86_EMU_VPCI;
    /// Unhandled MSR accesses are ignored instead of raising #GP.
    pub const XEN_X86_MSR_RELAXED: u32 = 1 << 0;
    /// The highest `misc_flags` bit Xen knows.
    pub const XEN_X86_MISC_FLAGS_MAX: u32 = XEN_X86_MSR_RELAXED;
    /// The number of vCPUs that fit in the legacy `shared_info` page.
    pub const XEN_LEGACY_MAX_VCPUS: u32 = 32;
    /// The lowest address of Xen's reserved virtual range in a PV guest.
    pub const __HYPERVISOR_VIRT_START: u64 = 0xFFFF_8000_0000_0000;
    /// The end of Xen's reserved virtual range in a PV guest.
    pub const __HYPERVISOR_VIRT_END: u64 = 0xFFFF_8800_0000_0000;

    /// Bits of the command-number field of an ioctl request.
    pub const _IOC_NRBITS: u32 = 8;
    /// Bits of the type (driver letter) field.
    pub const _IOC_TYPEBITS: u32 = 8;
    /// Bits of the argument-size field.
    pub const _IOC_SIZEBITS: u32 = 14;
    /// Bits of the direction field.
    pub const _IOC_DIRBITS: u32 = 2;
    /// Shift of the command-number field.
    pub const _IOC_NRSHIFT: u32 = 0;
    /// Shift of the type field.
    pub const _IOC_TYPESHIFT: u32 = _IOC_NRSHIFT + _IOC_NRBITS;
    /// Shift of the size field.
    pub const _IOC_SIZESHIFT: u32 = _IOC_TYPESHIFT + _IOC_TYPEBITS;
    /// Shift of the direction field.
    pub const _IOC_DIRSHIFT: u32 = _IOC_SIZESHIFT + _IOC_SIZEBITS;
    /// Direction: no data transfer announced.
    pub const _IOC_NONE: u32 = 0;
    /// Direction: userspace writes to the kernel.
    pub const _IOC_WRITE: u32 = 1;
    /// Direction: userspace reads from the kernel.
    pub const _IOC_READ: u32 = 2;
}

/// Linux's `_IOC(dir, type, nr, size)`: encodes an ioctl request number.
///
/// A `size` that does not fit the 14-bit size field fails the build when
/// evaluated in a constant (as the C macro's users get a silent wrap, we
/// prefer a compile error).
#[allow(non_snake_case)]
pub const fn _IOC(dir: u32, ty: u8, nr: u8, size: usize) -> core::ffi::c_ulong {
    assert!(size < (1 << _IOC_SIZEBITS), "ioctl argument too large for _IOC");
    ((dir << _IOC_DIRSHIFT)
        | ((ty as u32) << _IOC_TYPESHIFT)
        | ((nr as u32) << _IOC_NRSHIFT)
        | ((size as u32) << _IOC_SIZESHIFT)) as core::ffi::c_ulong
}
