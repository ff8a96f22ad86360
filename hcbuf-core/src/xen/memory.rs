//! The `memory_op` hypercall: `HYPERVISOR_memory_op(cmd, arg)`, where `arg`
//! points to a struct whose type each `XENMEM_*` command fixes.
//!
//! [`MemoryOp`] issues any payload of this module (its command comes from
//! the payload's type); [`MaximumRamPage`] is the one command that takes
//! no argument. `XENMEM_current_reservation`, `XENMEM_maximum_reservation`,
//! `XENMEM_maximum_gpfn` and `XENMEM_maximum_ram_page` return their answer
//! as the hypercall result.
//!
//! A payload type names one command. Where several commands take the same
//! struct, each has its own type: flat ones for small structs
//! ([`CurrentReservation`], [`MaximumReservation`], [`MaximumGpfn`]), and
//! for a struct that is also nested in another (`xen_memory_reservation`,
//! `xen_memory_map`) a wrapper around one `data` type
//! ([`MemoryReservation`], [`MemoryMap`]) that is checked against the twin
//! field by field.
//!
//! Not typed: `XENMEM_sharing_op` (`xen_mem_sharing_op`, whose `u` is a
//! union of five differently shaped structs, two holding unions of their
//! own), and `hvm_memmap_table_entry` (a PVH start-of-day record, not a
//! `memory_op` buffer).

use hcbuf_sys::arch::{xen_pfn_t, xen_ulong_t};
use hcbuf_sys::memory::*;
use hcbuf_sys::xen::{__HYPERVISOR_memory_op, domid_t};

use crate::HypercallArgs;
use crate::args::{SubOp, family};
use crate::handle::{GuestHandle, GuestHandleMut};
use crate::marker::__private::Derived;
use crate::xen::raw::raw_payloads;

// ---------------------------------------------------------------------------
// Data: buffer elements and structs nested in payloads.
// ---------------------------------------------------------------------------

/// One BIOS E820 entry of the buffer `XENMEM_memory_map`,
/// `XENMEM_machine_memory_map` and `XENMEM_set_memory_map` use.
///
/// The raw record is packed (20 bytes, `u64` fields at offsets 0 and 8, a
/// `u32` at 16, no alignment), which a `#[repr(C)]` struct of integers
/// cannot express; its fields are therefore byte arrays in native byte
/// order. Read them with [`addr`](Self::addr), [`size`](Self::size) and
/// [`region_type`](Self::region_type); build one with [`new`](Self::new).
#[derive(HypercallArgs, Clone, Copy, Default, PartialEq, Eq)]
#[hypercall(data, twin = hcbuf_sys::memory::e820entry)]
#[repr(C)]
pub struct E820Entry {
    /// The region's base address (a native-endian `u64`).
    pub addr: [u8; 8],
    /// The region's size in bytes (a native-endian `u64`).
    pub size: [u8; 8],
    /// The region's type, `E820_*` (a native-endian `u32`).
    pub r#type: [u8; 4],
}

impl E820Entry {
    /// An entry for `size` bytes at `addr` of type `region_type`
    /// (`E820_*`).
    pub const fn new(addr: u64, size: u64, region_type: u32) -> Self {
        E820Entry {
            addr: addr.to_ne_bytes(),
            size: size.to_ne_bytes(),
            r#type: region_type.to_ne_bytes(),
        }
    }

    /// The region's base address.
    pub const fn addr(&self) -> u64 {
        u64::from_ne_bytes(self.addr)
    }

    /// The region's size in bytes.
    pub const fn size(&self) -> u64 {
        u64::from_ne_bytes(self.size)
    }

    /// The region's type (`E820_*`).
    pub const fn region_type(&self) -> u32 {
        u32::from_ne_bytes(self.r#type)
    }
}

impl std::fmt::Debug for E820Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("E820Entry")
            .field("addr", &format_args!("{:#x}", self.addr()))
            .field("size", &format_args!("{:#x}", self.size()))
            .field("type", &self.region_type())
            .finish()
    }
}

/// `struct xen_memory_reservation`: the argument of
/// `XENMEM_{increase,decrease}_reservation`, `XENMEM_populate_physmap` and
/// `XENMEM_claim_pages` (each wraps it: [`IncreaseReservation`],
/// [`DecreaseReservation`], [`PopulatePhysmap`], [`ClaimPages`]), and the
/// two halves of [`Exchange`].
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xen_memory_reservation)]
#[repr(C)]
pub struct MemoryReservation<'a> {
    /// The extents' frame numbers: OUT MFNs (increase), IN GMFNs
    /// (decrease), IN GPFNs / OUT GMFNs (populate), null (claim).
    pub extent_start: GuestHandleMut<'a, xen_pfn_t>,
    /// The number of extents; at most the length of `extent_start`'s
    /// buffer.
    pub nr_extents: xen_ulong_t,
    /// Each extent is `2^extent_order` pages, equally aligned.
    pub extent_order: u32,
    /// `XENMEMF_*` flags (address bits, NUMA node, populate-on-demand).
    pub mem_flags: u32,
    /// The domain whose reservation changes (unprivileged: `DOMID_SELF`).
    pub domid: domid_t,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 6],
}

/// `struct xen_memory_map`: the argument of `XENMEM_memory_map` and
/// `XENMEM_machine_memory_map` (wrapped: [`GetMemoryMap`],
/// [`MachineMemoryMap`]) and part of [`SetMemoryMap`].
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(data, twin = xen_memory_map)]
#[repr(C)]
pub struct MemoryMap<'a> {
    /// IN: the buffer's capacity in entries; OUT: the entries stored.
    pub nr_entries: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
    /// The entries (written by Xen for the two reads, read for
    /// `XENMEM_set_memory_map`); null with `XENMEM_machine_memory_map`
    /// asks for the number of entries.
    pub buffer: GuestHandleMut<'a, E820Entry>,
}

/// One reserved device memory region (`xen_reserved_device_memory`), an
/// element of [`ReservedDeviceMemoryMap`]'s buffer.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_reserved_device_memory)]
#[repr(C)]
pub struct ReservedDeviceMemory {
    /// The first PFN.
    pub start_pfn: xen_pfn_t,
    /// The number of pages.
    pub nr_pages: xen_ulong_t,
}

/// A PCI device address (`physdev_pci_device`), the device of
/// [`ReservedDeviceMemoryMap`].
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = physdev_pci_device)]
#[repr(C)]
pub struct PciDevice {
    /// The PCI segment.
    pub seg: u16,
    /// The bus.
    pub bus: u8,
    /// Device and function.
    pub devfn: u8,
}

/// One vNUMA memory range (`xen_vmemrange`), an element of
/// [`VnumaTopologyInfo`]'s `vmemrange` buffer.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(data, twin = xen_vmemrange)]
#[repr(C)]
pub struct VMemRange {
    /// Start address.
    pub start: u64,
    /// End address.
    pub end: u64,
    /// Flags.
    pub flags: u32,
    /// The vNUMA node.
    pub nid: u32,
}

// ---------------------------------------------------------------------------
// Payloads: one type per command.
// ---------------------------------------------------------------------------

/// `XENMEM_increase_reservation`: allocate extents; returns the number
/// allocated.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_increase_reservation, twin = xen_memory_reservation)]
#[repr(C)]
pub struct IncreaseReservation<'a> {
    /// The reservation (the whole struct).
    #[hypercall(whole)]
    pub reservation: MemoryReservation<'a>,
}

/// `XENMEM_decrease_reservation`: free extents; returns the number freed.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_decrease_reservation, twin = xen_memory_reservation)]
#[repr(C)]
pub struct DecreaseReservation<'a> {
    /// The reservation (the whole struct).
    #[hypercall(whole)]
    pub reservation: MemoryReservation<'a>,
}

/// `XENMEM_populate_physmap`: back GPFNs with memory; returns the number
/// of extents populated.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_populate_physmap, twin = xen_memory_reservation)]
#[repr(C)]
pub struct PopulatePhysmap<'a> {
    /// The reservation (the whole struct).
    #[hypercall(whole)]
    pub reservation: MemoryReservation<'a>,
}

/// `XENMEM_claim_pages`: claim `nr_extents` pages without allocating them
/// (`extent_start` null, `extent_order` 0). Privileged.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_claim_pages, twin = xen_memory_reservation)]
#[repr(C)]
pub struct ClaimPages<'a> {
    /// The reservation (the whole struct).
    #[hypercall(whole)]
    pub reservation: MemoryReservation<'a>,
}

/// `XENMEM_exchange`: free `in` and allocate `out` atomically (PV only).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_exchange, twin = xen_memory_exchange)]
#[repr(C)]
pub struct Exchange<'a> {
    /// IN: the extents to give up (GMFN bases).
    pub r#in: MemoryReservation<'a>,
    /// IN/OUT: the new extents (GPFNs in, GMFNs out); same domain and
    /// total size as `in`.
    pub out: MemoryReservation<'a>,
    /// OUT: how many `in` extents were exchanged; 0 on entry.
    pub nr_exchanged: xen_ulong_t,
}

/// `XENMEM_current_reservation`: returns a domain's current reservation in
/// pages.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_current_reservation, twin = xen_memory_domain)]
#[repr(C)]
pub struct CurrentReservation {
    /// The domain (may be `DOMID_SELF`).
    pub domid: domid_t,
}

/// `XENMEM_maximum_reservation`: returns a domain's maximum reservation in
/// pages.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_maximum_reservation, twin = xen_memory_domain)]
#[repr(C)]
pub struct MaximumReservation {
    /// The domain (may be `DOMID_SELF`).
    pub domid: domid_t,
}

/// `XENMEM_maximum_gpfn`: returns the highest GFN a domain uses.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_maximum_gpfn, twin = xen_memory_domain)]
#[repr(C)]
pub struct MaximumGpfn {
    /// The domain (may be `DOMID_SELF`).
    pub domid: domid_t,
}

/// `XENMEM_machphys_mfn_list`: the MFNs of the 2 MiB extents of the M2P
/// table.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_machphys_mfn_list, twin = xen_machphys_mfn_list)]
#[repr(C)]
pub struct MachphysMfnList<'a> {
    /// IN: the capacity of `extent_start`.
    pub max_extents: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u32,
    /// The buffer Xen fills with MFNs (0 for a gap).
    pub extent_start: GuestHandleMut<'a, xen_pfn_t>,
    /// OUT: the entries written.
    pub nr_extents: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
}

/// `XENMEM_machphys_compat_mfn_list`: the MFNs of the compat M2P table.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_machphys_compat_mfn_list, twin = xen_machphys_mfn_list)]
#[repr(C)]
pub struct MachphysCompatMfnList<'a> {
    /// IN: the capacity of `extent_start`.
    pub max_extents: u32,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u32,
    /// The buffer Xen fills with MFNs (0 for a gap).
    pub extent_start: GuestHandleMut<'a, xen_pfn_t>,
    /// OUT: the entries written.
    pub nr_extents: u32,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
}

/// `XENMEM_machphys_mapping`: where the M2P table is mapped.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_machphys_mapping, twin = xen_machphys_mapping)]
#[repr(C)]
pub struct MachphysMapping {
    /// OUT: start virtual address.
    pub v_start: xen_ulong_t,
    /// OUT: end virtual address.
    pub v_end: xen_ulong_t,
    /// OUT: the highest MFN that can be looked up.
    pub max_mfn: xen_ulong_t,
}

/// `XENMEM_add_to_physmap`: place a page at a GPFN of a translated guest.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_add_to_physmap, twin = xen_add_to_physmap)]
#[repr(C)]
pub struct AddToPhysmap {
    /// The domain whose physmap changes.
    pub domid: domid_t,
    /// The number of pages (`XENMAPSPACE_gmfn_range`).
    pub size: u16,
    /// The source space (`XENMAPSPACE_*`).
    pub space: u32,
    /// Index into the space (may carry `XENMAPIDX_grant_table_status`).
    pub idx: xen_ulong_t,
    /// The GPFN in `domid` where the page appears.
    pub gpfn: xen_pfn_t,
}

/// `XENMEM_add_to_physmap_batch`: [`AddToPhysmap`] for `size` pages.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_add_to_physmap_batch, twin = xen_add_to_physmap_batch)]
#[repr(C)]
pub struct AddToPhysmapBatch<'a> {
    /// IN: the domain whose physmap changes.
    pub domid: domid_t,
    /// IN: the source space (`XENMAPSPACE_*`).
    pub space: u16,
    /// IN: the number of pages; at most each buffer's length.
    pub size: u16,
    /// IN: the C union `u`, whose two members are both `u16`: the foreign
    /// domain (`foreign_domid`, for `XENMAPSPACE_gmfn_foreign`) or 0
    /// (`res0`).
    pub u: u16,
    /// IN: `size` indexes into the space.
    pub idxs: GuestHandle<'a, xen_ulong_t>,
    /// IN: `size` GPFNs where the pages appear.
    pub gpfns: GuestHandle<'a, xen_pfn_t>,
    /// OUT: `size` per-page error codes (C `int`).
    pub errs: GuestHandleMut<'a, i32>,
}

/// `XENMEM_remove_from_physmap`: unmap the page at a GPFN of a translated
/// guest.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_remove_from_physmap, twin = xen_remove_from_physmap)]
#[repr(C)]
pub struct RemoveFromPhysmap {
    /// The domain whose physmap changes.
    pub domid: domid_t,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 6],
    /// The GPFN to unmap.
    pub gpfn: xen_pfn_t,
}

/// `XENMEM_memory_map`: the caller's pseudo-physical memory map as set at
/// start.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_memory_map, twin = xen_memory_map)]
#[repr(C)]
pub struct GetMemoryMap<'a> {
    /// The map (the whole struct).
    #[hypercall(whole)]
    pub map: MemoryMap<'a>,
}

/// `XENMEM_machine_memory_map`: the host's E820 memory map (a null buffer
/// asks for the number of entries).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_machine_memory_map, twin = xen_memory_map)]
#[repr(C)]
pub struct MachineMemoryMap<'a> {
    /// The map (the whole struct).
    #[hypercall(whole)]
    pub map: MemoryMap<'a>,
}

/// `XENMEM_set_memory_map`: set a domain's pseudo-physical memory map
/// (`xen_foreign_memory_map`).
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_set_memory_map, twin = xen_foreign_memory_map)]
#[repr(C)]
pub struct SetMemoryMap<'a> {
    /// The domain whose map is set.
    pub domid: domid_t,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 6],
    /// The map Xen reads.
    pub map: MemoryMap<'a>,
}

/// `XENMEM_set_pod_target`: set a domain's populate-on-demand target.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_set_pod_target, twin = xen_pod_target)]
#[repr(C)]
pub struct SetPodTarget {
    /// IN: the target in pages.
    pub target_pages: u64,
    /// OUT: the domain's total pages.
    pub tot_pages: u64,
    /// OUT: pages in the PoD cache.
    pub pod_cache_pages: u64,
    /// OUT: outstanding PoD entries.
    pub pod_entries: u64,
    /// IN: the domain.
    pub domid: domid_t,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 6],
}

/// `XENMEM_get_pod_target`: read a domain's populate-on-demand state.
#[derive(HypercallArgs, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[hypercall(memory_op = XENMEM_get_pod_target, twin = xen_pod_target)]
#[repr(C)]
pub struct GetPodTarget {
    /// Unused by this command.
    pub target_pages: u64,
    /// OUT: the domain's total pages.
    pub tot_pages: u64,
    /// OUT: pages in the PoD cache.
    pub pod_cache_pages: u64,
    /// OUT: outstanding PoD entries.
    pub pod_entries: u64,
    /// IN: the domain.
    pub domid: domid_t,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: [u8; 6],
}

/// `XENMEM_paging_op`: nominate, evict or page in a guest page.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_paging_op, twin = xen_mem_paging_op)]
#[repr(C)]
pub struct PagingOp<'a> {
    /// `XENMEM_paging_op_*`.
    pub op: u8,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad0: u8,
    /// The domain.
    pub domain: domid_t,
    /// Padding of the C struct.
    #[hypercall(pad)]
    pub _pad1: u32,
    /// IN (`prep`): a page of contents to page in from, or null.
    pub buffer: GuestHandle<'a, u8>,
    /// IN: the GFN operated on.
    pub gfn: u64,
}

/// `XENMEM_access_op`: set or get the mem_access permissions of pages.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_access_op, twin = xen_mem_access_op)]
#[repr(C)]
pub struct AccessOp<'a> {
    /// `XENMEM_access_op_*`.
    pub op: u8,
    /// IN/OUT: an `XENMEM_access_*` value.
    pub access: u8,
    /// The domain.
    pub domid: domid_t,
    /// Pages to set (the length of `pfn_list` for `set_access_multi`).
    pub nr: u32,
    /// The first PFN (set) or the PFN (get); `!0` means the default.
    pub pfn: u64,
    /// IN (`set_access_multi`): the PFNs.
    pub pfn_list: GuestHandle<'a, u64>,
    /// IN (`set_access_multi`): one `XENMEM_access_*` per PFN.
    pub access_list: GuestHandle<'a, u8>,
}

/// `XENMEM_reserved_device_memory_map`: the guest-physical regions
/// reserved for legacy devices.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(
    memory_op = XENMEM_reserved_device_memory_map,
    twin = xen_reserved_device_memory_map
)]
#[repr(C)]
pub struct ReservedDeviceMemoryMap<'a> {
    /// IN: `XENMEM_RDM_ALL` or 0.
    pub flags: u32,
    /// IN: the capacity of `buffer`; OUT: the entries needed (with
    /// `-ERANGE` when too small).
    pub nr_entries: u32,
    /// OUT: the regions.
    pub buffer: GuestHandleMut<'a, ReservedDeviceMemory>,
    /// IN: the device (unless `XENMEM_RDM_ALL`); the C union `dev`, whose
    /// only member is this.
    pub dev: PciDevice,
    /// Trailing padding of the C struct.
    #[hypercall(pad)]
    pub _pad: u32,
}

/// `XENMEM_acquire_resource`: the frames of a guest resource.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_acquire_resource, twin = xen_mem_acquire_resource)]
#[repr(C)]
pub struct AcquireResource<'a> {
    /// IN: the domain owning the resource.
    pub domid: domid_t,
    /// IN: the resource type (`XENMEM_resource_*`).
    pub r#type: u16,
    /// IN: the type-specific resource id, else 0.
    pub id: u32,
    /// IN/OUT: the number of frames; 0 with a null `frame_list` asks for
    /// the resource's size.
    pub nr_frames: u32,
    /// Must be 0.
    pub pad: u32,
    /// IN: the index of the first frame.
    pub frame: u64,
    /// IN/OUT: the frames (MFNs out for a PV caller, GFNs in for HVM).
    pub frame_list: GuestHandleMut<'a, xen_pfn_t>,
}

/// `XENMEM_get_vnumainfo`: a domain's vNUMA topology.
///
/// The three C unions (`vdistance`, `vcpu_to_vnode`, `vmemrange`) each
/// hold a guest handle or a `u64` that only widens it to 64 bits; on
/// x86_64 a handle is 64 bits, so each is the handle.
#[derive(HypercallArgs, Debug, Default)]
#[hypercall(memory_op = XENMEM_get_vnumainfo, twin = xen_vnuma_topology_info)]
#[repr(C)]
pub struct VnumaTopologyInfo<'a> {
    /// IN: the domain.
    pub domid: domid_t,
    /// Padding (a field of the C struct).
    pub pad: u16,
    /// IN: capacity; OUT: the number of vNUMA nodes.
    pub nr_vnodes: u32,
    /// IN: capacity; OUT: the number of vCPUs.
    pub nr_vcpus: u32,
    /// IN: capacity; OUT: the number of memory ranges.
    pub nr_vmemranges: u32,
    /// OUT: `nr_vnodes`² distances.
    pub vdistance: GuestHandleMut<'a, u32>,
    /// OUT: `nr_vcpus` node numbers.
    pub vcpu_to_vnode: GuestHandleMut<'a, u32>,
    /// OUT: `nr_vmemranges` memory ranges.
    pub vmemrange: GuestHandleMut<'a, VMemRange>,
}

// ---------------------------------------------------------------------------
// Calls.
// ---------------------------------------------------------------------------

/// `HYPERVISOR_memory_op(P::CMD, arg)`: the command of payload `P`.
pub struct MemoryOp<'a, P: SubOp<Family = family::MemoryOp>> {
    /// The payload, in pool memory (Xen may write it back).
    pub arg: GuestHandleMut<'a, P>,
}

// SAFETY: two registers: the command, and a handle to pool memory.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp<Family = family::MemoryOp>> Derived for MemoryOp<'_, P> {}
// SAFETY: as above.
#[diagnostic::do_not_recommend]
unsafe impl<P: SubOp<Family = family::MemoryOp>> HypercallArgs for MemoryOp<'_, P> {
    const OP: u64 = __HYPERVISOR_memory_op as u64;
    fn registers(&self) -> [u64; 5] {
        [u64::from(P::CMD), self.arg.addr(), 0, 0, 0]
    }
}

/// `HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL)`: returns the
/// highest machine frame number of mapped RAM. Never fails.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_memory_op)]
pub struct MaximumRamPage {
    /// Always `XENMEM_maximum_ram_page`.
    cmd: u32,
}

impl MaximumRamPage {
    /// The call.
    pub const fn new() -> Self {
        MaximumRamPage {
            cmd: XENMEM_maximum_ram_page,
        }
    }
}

impl Default for MaximumRamPage {
    fn default() -> Self {
        Self::new()
    }
}

// The data types above (buffer elements, nested structs) are bound to no
// command and so are not listed.
raw_payloads!(family::MemoryOp {
    xen_memory_reservation => [
        XENMEM_increase_reservation,
        XENMEM_decrease_reservation,
        XENMEM_populate_physmap,
        XENMEM_claim_pages,
    ];
    xen_memory_exchange => [XENMEM_exchange];
    xen_memory_domain => [
        XENMEM_current_reservation,
        XENMEM_maximum_reservation,
        XENMEM_maximum_gpfn,
    ];
    xen_machphys_mfn_list => [XENMEM_machphys_mfn_list, XENMEM_machphys_compat_mfn_list];
    xen_machphys_mapping => [XENMEM_machphys_mapping];
    xen_add_to_physmap => [XENMEM_add_to_physmap];
    xen_add_to_physmap_batch => [XENMEM_add_to_physmap_batch];
    xen_remove_from_physmap => [XENMEM_remove_from_physmap];
    xen_memory_map => [XENMEM_memory_map, XENMEM_machine_memory_map];
    xen_foreign_memory_map => [XENMEM_set_memory_map];
    xen_pod_target => [XENMEM_set_pod_target, XENMEM_get_pod_target];
    xen_mem_paging_op => [XENMEM_paging_op];
    xen_mem_access_op => [XENMEM_access_op];
    xen_reserved_device_memory_map => [XENMEM_reserved_device_memory_map];
    xen_mem_acquire_resource => [XENMEM_acquire_resource];
    xen_vnuma_topology_info => [XENMEM_get_vnumainfo];
});
