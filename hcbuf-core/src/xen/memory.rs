//! The `memory_op` hypercall: `HYPERVISOR_memory_op(cmd, arg)`, where `arg`
//! points to a struct whose type each `XENMEM_*` command fixes.
//!
//! [`CmdCall`](crate::xen::CmdCall) issues any payload of this module (its command comes from
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

use hcbuf_sys::memory::*;
use hcbuf_sys::xen::__HYPERVISOR_memory_op;

use crate::HypercallArgs;
use crate::args::family;
use crate::handle::Typed;

use crate::signature::Command;
use crate::xen::raw::payloads;

// ---------------------------------------------------------------------------
// Data: buffer elements and structs nested in payloads.
// ---------------------------------------------------------------------------

/// One BIOS E820 entry of the buffer `XENMEM_memory_map`,
/// `XENMEM_machine_memory_map` and `XENMEM_set_memory_map` use (packed,
/// 20 bytes: read the fields by value, `{ entry.addr }`).
pub type E820Entry = e820entry;

/// One reserved device memory region (`xen_reserved_device_memory`), an
/// element of [`ReservedDeviceMemoryMap`]'s buffer.
pub type ReservedDeviceMemory = xen_reserved_device_memory;

/// A PCI device address (`physdev_pci_device`), the device of
/// [`ReservedDeviceMemoryMap`].
pub type PciDevice = physdev_pci_device;

/// One vNUMA memory range (`xen_vmemrange`), an element of
/// [`VnumaTopologyInfo`]'s `vmemrange` buffer.
pub type VMemRange = xen_vmemrange;

// ---------------------------------------------------------------------------
// Payloads: one type per command.
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Calls.
// ---------------------------------------------------------------------------

/// `HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL)`: returns the
/// highest machine frame number of mapped RAM. Never fails.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_memory_op)]
pub struct MaximumRamPage {
    /// Always `XENMEM_maximum_ram_page`.
    cmd: Command<XENMEM_maximum_ram_page>,
}

impl MaximumRamPage {
    /// The call.
    pub const fn new() -> Self {
        MaximumRamPage { cmd: Command }
    }
}

impl Default for MaximumRamPage {
    fn default() -> Self {
        Self::new()
    }
}

// The data types above (buffer elements, nested structs) are bound to no
// command and so are not listed.
payloads!(family::MemoryOp, pointer = Buffer {
    /// [`xen_memory_reservation`], taken by several commands.
    MemoryReservation<'a>: xen_memory_reservation<Typed<'a>> =
        XENMEM_increase_reservation as IncreaseReservation, XENMEM_decrease_reservation as DecreaseReservation, XENMEM_populate_physmap as PopulatePhysmap, XENMEM_claim_pages as ClaimPages;
    /// `XENMEM_exchange`: free `in` and allocate `out` atomically (PV only).
    Exchange<'a>: xen_memory_exchange<Typed<'a>> = XENMEM_exchange;
    /// [`xen_memory_domain`], taken by several commands.
    MemoryDomain: xen_memory_domain =
        XENMEM_current_reservation as CurrentReservation, XENMEM_maximum_reservation as MaximumReservation, XENMEM_maximum_gpfn as MaximumGpfn;
    /// [`xen_machphys_mfn_list`], taken by several commands.
    MachphysMfnListPayload<'a>: xen_machphys_mfn_list<Typed<'a>> =
        XENMEM_machphys_mfn_list as MachphysMfnList, XENMEM_machphys_compat_mfn_list as MachphysCompatMfnList;
    /// `XENMEM_machphys_mapping`: where the M2P table is mapped.
    MachphysMapping: xen_machphys_mapping = XENMEM_machphys_mapping;
    /// `XENMEM_add_to_physmap`: place a page at a GPFN of a translated guest.
    AddToPhysmap: xen_add_to_physmap = XENMEM_add_to_physmap;
    /// `XENMEM_add_to_physmap_batch`: [`AddToPhysmap`] for `size` pages.
    AddToPhysmapBatch<'a>: xen_add_to_physmap_batch<Typed<'a>> = XENMEM_add_to_physmap_batch;
    /// `XENMEM_remove_from_physmap`: unmap the page at a GPFN of a translated
    /// guest.
    RemoveFromPhysmap: xen_remove_from_physmap = XENMEM_remove_from_physmap;
    /// [`xen_memory_map`], taken by several commands.
    MemoryMap<'a>: xen_memory_map<Typed<'a>> =
        XENMEM_memory_map as GetMemoryMap, XENMEM_machine_memory_map as MachineMemoryMap;
    /// `XENMEM_set_memory_map`: set a domain's pseudo-physical memory map
    /// (`xen_foreign_memory_map`).
    SetMemoryMap<'a>: xen_foreign_memory_map<Typed<'a>> = XENMEM_set_memory_map;
    /// [`xen_pod_target`], taken by several commands.
    PodTarget: xen_pod_target =
        XENMEM_set_pod_target as SetPodTarget, XENMEM_get_pod_target as GetPodTarget;
    /// `XENMEM_paging_op`: nominate, evict or page in a guest page.
    PagingOp<'a>: xen_mem_paging_op<Typed<'a>> = XENMEM_paging_op;
    /// `XENMEM_access_op`: set or get the mem_access permissions of pages.
    AccessOp<'a>: xen_mem_access_op<Typed<'a>> = XENMEM_access_op;
    /// `XENMEM_reserved_device_memory_map`.
    ReservedDeviceMemoryMap<'a>: xen_reserved_device_memory_map<Typed<'a>> = XENMEM_reserved_device_memory_map;
    /// `XENMEM_acquire_resource`: the frames of a guest resource.
    AcquireResource<'a>: xen_mem_acquire_resource<Typed<'a>> = XENMEM_acquire_resource;
    /// `XENMEM_get_vnumainfo`: a domain's vNUMA topology.
    ///
    /// The three C unions (`vdistance`, `vcpu_to_vnode`, `vmemrange`) each
    /// hold a guest handle or a `u64` that only widens it to 64 bits; on
    /// x86_64 a handle is 64 bits, so each is the handle.
    VnumaTopologyInfo<'a>: xen_vnuma_topology_info<Typed<'a>> = XENMEM_get_vnumainfo;
});
