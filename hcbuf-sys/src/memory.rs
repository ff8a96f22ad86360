//! The `memory_op` hypercall (`public/memory.h`, `public/hvm/e820.h`, and
//! the memory-map entry types of `public/arch-x86/hvm/start_info.h`).
//!
//! `HYPERVISOR_memory_op(cmd, arg)`: each `XENMEM_*` command below names the
//! type its `arg` points to. `XENMEM_current_reservation`,
//! `XENMEM_maximum_reservation` and `XENMEM_maximum_gpfn` take a pointer to a
//! `domid_t` (a [`xen_memory_domain`](crate::memory::xen_memory_domain)) and
//! `XENMEM_maximum_ram_page` takes none; all four return their answer as the
//! hypercall result, which can exceed 31 bits (the privcmd ioctl's `int`
//! return truncates it).
//!
//! `XENMEM_memory_map` and `XENMEM_machine_memory_map` fill their buffer with
//! BIOS E820 entries: packed 20-byte
//! [`e820entry`](crate::memory::e820entry) records. Xen's public headers do
//! not define that record (the hypervisor's own is internal); the toolstack
//! header `xenctrl.h` does, with the `E820_*` types, and that is what this
//! mirror is checked against.
//! [`hvm_memmap_table_entry`](crate::memory::hvm_memmap_table_entry) is the
//! padded 24-byte PVH variant, not the format of these buffers.
//!
//! The function-like macros of `memory.h` (`XENMEMF_address_bits(x)`,
//! `XENMEMF_node(n)`, `XENMEM_resource_ioreq_server_frame_ioreq(n)`, …) are
//! not mirrored: they are not constants.

use core::ffi::c_uint;

use crate::arch::{xen_guest_handle_t, xen_pfn_t, xen_ulong_t};
use crate::xen::domid_t;

abi! {
    headers = ["xen/memory.h", "xen/hvm/e820.h", "xen/arch-x86/hvm/start_info.h", "xenctrl.h"];

    /// One entry of the buffer `XENMEM_memory_map` and
    /// `XENMEM_machine_memory_map` fill: packed, 20 bytes, no padding.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    #[repr(packed)]
    pub struct e820entry (size 20) {
        /// The region's base address.
        pub addr: u64,
        /// The region's size in bytes.
        pub size: u64,
        /// The region's type (`E820_*`).
        pub r#type: u32,
    }
    /// E820 type: usable RAM.
    pub const E820_RAM: u32 = 1;
    /// E820 type: reserved.
    pub const E820_RESERVED: u32 = 2;
    /// E820 type: ACPI tables, reclaimable.
    pub const E820_ACPI: u32 = 3;
    /// E820 type: ACPI non-volatile storage.
    pub const E820_NVS: u32 = 4;
    /// E820 type: unusable.
    pub const E820_UNUSABLE: u32 = 5;
    /// The most entries libxc's memory-map calls handle.
    pub const E820MAX: u32 = 128;

    /// Allocates extents for a domain (arg: [`xen_memory_reservation`]);
    /// returns the number of extents allocated.
    pub const XENMEM_increase_reservation: u32 = 0;
    /// Frees a domain's extents (arg: [`xen_memory_reservation`]); returns
    /// the number of extents freed.
    pub const XENMEM_decrease_reservation: u32 = 1;
    /// Returns the highest machine frame number of mapped RAM; no argument.
    /// Never fails.
    pub const XENMEM_maximum_ram_page: u32 = 2;
    /// Returns a domain's current reservation in pages (arg:
    /// [`xen_memory_domain`]).
    pub const XENMEM_current_reservation: u32 = 3;
    /// Returns a domain's maximum reservation in pages (arg:
    /// [`xen_memory_domain`]).
    pub const XENMEM_maximum_reservation: u32 = 4;
    /// Lists the MFNs of the 2 MiB extents of the M2P table (arg:
    /// [`xen_machphys_mfn_list`]).
    pub const XENMEM_machphys_mfn_list: u32 = 5;
    /// Populates GPFNs of a domain with memory (arg:
    /// [`xen_memory_reservation`]); returns the number of extents populated.
    pub const XENMEM_populate_physmap: u32 = 6;
    /// Places a page in a translated guest's physmap (arg:
    /// [`xen_add_to_physmap`]).
    pub const XENMEM_add_to_physmap: u32 = 7;
    /// Returns a domain's pseudo-physical memory map as set at start (arg:
    /// [`xen_memory_map`]).
    pub const XENMEM_memory_map: u32 = 9;
    /// Returns the host's real E820 memory map (arg: [`xen_memory_map`]; a
    /// null buffer returns the number of entries needed).
    pub const XENMEM_machine_memory_map: u32 = 10;
    /// Atomically exchanges memory extents, PV only (arg:
    /// [`xen_memory_exchange`]).
    pub const XENMEM_exchange: u32 = 11;
    /// Returns where the M2P table is mapped (arg: [`xen_machphys_mapping`]).
    pub const XENMEM_machphys_mapping: u32 = 12;
    /// Sets a domain's pseudo-physical memory map (arg:
    /// [`xen_foreign_memory_map`]).
    pub const XENMEM_set_memory_map: u32 = 13;
    /// Returns the highest GFN a domain uses (arg: [`xen_memory_domain`]).
    pub const XENMEM_maximum_gpfn: u32 = 14;
    /// Unmaps the page at a GPFN of a translated guest (arg:
    /// [`xen_remove_from_physmap`]).
    pub const XENMEM_remove_from_physmap: u32 = 15;
    /// Sets a domain's populate-on-demand target (arg: [`xen_pod_target`]).
    pub const XENMEM_set_pod_target: u32 = 16;
    /// Reads a domain's populate-on-demand state (arg: [`xen_pod_target`]).
    pub const XENMEM_get_pod_target: u32 = 17;
    /// Returns the number of MFNs freed by memory sharing; never fails.
    pub const XENMEM_get_sharing_freed_pages: u32 = 18;
    /// Returns the number of shared MFNs; never fails.
    pub const XENMEM_get_sharing_shared_pages: u32 = 19;
    /// Paging operations (arg: [`xen_mem_paging_op`]).
    pub const XENMEM_paging_op: u32 = 20;
    /// Memory access (mem_access) operations (arg: [`xen_mem_access_op`]).
    pub const XENMEM_access_op: u32 = 21;
    /// Memory sharing operations (arg: [`xen_mem_sharing_op`]).
    pub const XENMEM_sharing_op: u32 = 22;
    /// Batched [`XENMEM_add_to_physmap`] (arg: [`xen_add_to_physmap_batch`]).
    pub const XENMEM_add_to_physmap_batch: u32 = 23;
    /// Claims a number of pages for a domain without allocating them (arg:
    /// [`xen_memory_reservation`], with `extent_start` zero). Privileged.
    pub const XENMEM_claim_pages: u32 = 24;
    /// The MFNs of the compat M2P table (arg: [`xen_machphys_mfn_list`]).
    pub const XENMEM_machphys_compat_mfn_list: u32 = 25;
    /// Returns a domain's vNUMA topology (arg: [`xen_vnuma_topology_info`]).
    pub const XENMEM_get_vnumainfo: u32 = 26;
    /// Lists guest-physical regions legacy devices reserve (arg:
    /// [`xen_reserved_device_memory_map`]).
    pub const XENMEM_reserved_device_memory_map: u32 = 27;
    /// Maps the frames of a guest resource (arg:
    /// [`xen_mem_acquire_resource`]).
    pub const XENMEM_acquire_resource: u32 = 28;

    /// `mem_flags`: populate the physmap with populate-on-demand entries.
    pub const XENMEMF_populate_on_demand: u32 = 1 << 16;
    /// `mem_flags`: allocate only from the node given by `XENMEMF_node(n)`.
    pub const XENMEMF_exact_node_request: u32 = 1 << 17;
    /// `mem_flags`: the node given is a virtual node.
    pub const XENMEMF_vnode: u32 = 1 << 18;

    /// Argument of `XENMEM_{increase,decrease}_reservation`,
    /// `XENMEM_populate_physmap` and `XENMEM_claim_pages`.
    pub struct xen_memory_reservation<H> (size 32) {
        /// Handle of an array of `xen_pfn_t`: OUT MFNs (increase), IN GMFNs
        /// (decrease), IN GPFNs / OUT GMFNs (populate), null (claim).
        /// Extent: at most `nr_extents` elements (Xen touches indices below
        /// `nr_extents`, whatever a continuation or an enclosing exchange's
        /// `nr_exchanged` starts it at).
        handle extent_start / set_extent_start: H::InOut<xen_pfn_t> [nr_extents => nr_extents],
        /// The number of extents.
        count nr_extents / set_nr_extents: xen_ulong_t,
        /// Each extent is `2^extent_order` pages, equally aligned.
        pub extent_order: c_uint,
        /// `XENMEMF_*` flags (address bits, NUMA node, …).
        pub mem_flags: c_uint,
        /// The domain whose reservation changes (unprivileged: `DOMID_SELF`).
        pub domid: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 6],
    }

    /// `XENMEM_exchange`: frees `in` and allocates `out` atomically.
    pub struct xen_memory_exchange<H> (size 72) {
        /// IN: the extents to give up (GMFN bases).
        pub r#in: xen_memory_reservation<H>,
        /// IN/OUT: the new extents (GPFNs in, GMFNs out); same domain and
        /// total size as `in`.
        pub out: xen_memory_reservation<H>,
        /// OUT: how many `in` extents were exchanged; must be zero on entry.
        pub nr_exchanged: xen_ulong_t,
    }

    /// Argument of `XENMEM_{current,maximum}_reservation` and
    /// `XENMEM_maximum_gpfn`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_memory_domain (size 2) {
        /// IN: the domain queried (may be `DOMID_SELF`).
        pub domid: domid_t,
    }

    /// `XENMEM_machphys_mfn_list` and `XENMEM_machphys_compat_mfn_list`.
    pub struct xen_machphys_mfn_list<H> (size 24) {
        /// IN: the capacity of `extent_start`.
        count max_extents / set_max_extents: c_uint,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u32,
        /// Handle of an array of `xen_pfn_t` receiving the 2 MiB extents'
        /// MFNs (0 for a gap). Extent: at most `max_extents` elements.
        handle extent_start / set_extent_start: H::Out<xen_pfn_t> [max_extents => max_extents],
        /// OUT: the number of entries written.
        pub nr_extents: c_uint,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
    }

    /// `XENMEM_machphys_mapping`: where the M2P table is mapped.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_machphys_mapping (size 24) {
        /// Start virtual address.
        pub v_start: xen_ulong_t,
        /// End virtual address.
        pub v_end: xen_ulong_t,
        /// The highest MFN that can be looked up.
        pub max_mfn: xen_ulong_t,
    }

    /// Map space: the shared info page.
    pub const XENMAPSPACE_shared_info: c_uint = 0;
    /// Map space: a grant table page.
    pub const XENMAPSPACE_grant_table: c_uint = 1;
    /// Map space: a GMFN.
    pub const XENMAPSPACE_gmfn: c_uint = 2;
    /// Map space: a GMFN range (`XENMEM_add_to_physmap` only).
    pub const XENMAPSPACE_gmfn_range: c_uint = 3;
    /// Map space: a GMFN of another domain (`XENMEM_add_to_physmap_batch`
    /// only).
    pub const XENMAPSPACE_gmfn_foreign: c_uint = 4;
    /// Map space: a device MMIO region (Arm only).
    pub const XENMAPSPACE_dev_mmio: c_uint = 5;

    /// `XENMEM_add_to_physmap`: places a page at a GPFN of a translated
    /// guest.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_add_to_physmap (size 24) {
        /// The domain whose physmap changes.
        pub domid: domid_t,
        /// The number of pages (`XENMAPSPACE_gmfn_range`).
        pub size: u16,
        /// The source space (`XENMAPSPACE_*`).
        pub space: c_uint,
        /// Index into the space (may carry [`XENMAPIDX_grant_table_status`]).
        pub idx: xen_ulong_t,
        /// The GPFN in `domid` where the page appears.
        pub gpfn: xen_pfn_t,
    }

    /// `idx` flag selecting a grant table status frame.
    pub const XENMAPIDX_grant_table_status: xen_ulong_t = 0x8000_0000;

    /// The `u` union of [`xen_add_to_physmap_batch`].
    #[derive(Clone, Copy)]
    pub union xen_add_to_physmap_batch_extra (size 2) {
        /// The domain the pages come from (`XENMAPSPACE_gmfn_foreign`).
        pub foreign_domid: domid_t,
        /// Zero for every other space.
        pub res0: u16,
    }

    /// `XENMEM_add_to_physmap_batch`.
    pub struct xen_add_to_physmap_batch<H> (size 32) {
        /// IN: the domain whose physmap changes.
        pub domid: domid_t,
        /// IN: the source space (`XENMAPSPACE_*`).
        pub space: u16,
        /// IN: the number of pages.
        count size / set_size: u16,
        /// IN: the foreign domain, or zero.
        /// (The C union `u`, [`xen_add_to_physmap_batch_extra`], whose
        /// members are both `u16`: `foreign_domid` or `res0`.)
        pub u: u16,
        /// IN: handle of `xen_ulong_t` indexes into the space. Extent:
        /// `size` elements.
        handle idxs / set_idxs: H::In<xen_ulong_t> [size => size],
        /// IN: handle of `xen_pfn_t` GPFNs where the pages appear. Extent:
        /// `size` elements.
        handle gpfns / set_gpfns: H::In<xen_pfn_t> [size => size],
        /// OUT: handle of `int` per-page error codes. Extent: `size`
        /// elements.
        handle errs / set_errs: H::Out<i32> [size => size],
    }

    /// `XENMEM_remove_from_physmap`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_remove_from_physmap (size 16) {
        /// The domain whose physmap changes.
        pub domid: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 6],
        /// The GPFN to unmap.
        pub gpfn: xen_pfn_t,
    }

    /// `XENMEM_memory_map` and `XENMEM_machine_memory_map`.
    pub struct xen_memory_map<H> (size 16) {
        /// IN: the buffer's capacity in entries; OUT: entries stored.
        count nr_entries / set_nr_entries: c_uint,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// Handle of the buffer of 20-byte E820 entries (see the module
        /// documentation): written by `XENMEM_memory_map` and
        /// `XENMEM_machine_memory_map`, read by `XENMEM_set_memory_map`.
        /// Extent: at most `nr_entries` entries.
        handle buffer / set_buffer: H::InOut<e820entry> [nr_entries => nr_entries],
    }

    /// `XENMEM_set_memory_map`: a domain and its memory map.
    pub struct xen_foreign_memory_map<H> (size 24) {
        /// The domain whose map is set.
        pub domid: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 6],
        /// The map.
        pub map: xen_memory_map<H>,
    }

    /// `XENMEM_{set,get}_pod_target`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_pod_target (size 40) {
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
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 6],
    }

    /// Paging op: nominate a page for eviction.
    pub const XENMEM_paging_op_nominate: u8 = 0;
    /// Paging op: evict a page.
    pub const XENMEM_paging_op_evict: u8 = 1;
    /// Paging op: prepare (page in) a page.
    pub const XENMEM_paging_op_prep: u8 = 2;

    /// `XENMEM_paging_op`.
    pub struct xen_mem_paging_op<H> (size 24) {
        /// `XENMEM_paging_op_*`.
        pub op: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u8,
        /// The domain.
        pub domain: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
        /// IN (`prep`): buffer to fill the page from. Extent: a constant
        /// page, 4096 bytes.
        handle buffer / set_buffer: H::In<u8> [=> Extent(4096)],
        /// IN: the GFN operated on.
        pub gfn: u64,
    }

    /// Access op: set access for a range of pages.
    pub const XENMEM_access_op_set_access: u8 = 0;
    /// Access op: get a page's access.
    pub const XENMEM_access_op_get_access: u8 = 1;
    /// Access op: set access for a list of pages.
    pub const XENMEM_access_op_set_access_multi: u8 = 4;

    /// A page access setting (C `enum`, `XENMEM_access_*`).
    pub type xenmem_access_t (size 4) = c_uint;
    /// No access.
    pub const XENMEM_access_n: xenmem_access_t = 0;
    /// Read.
    pub const XENMEM_access_r: xenmem_access_t = 1;
    /// Write.
    pub const XENMEM_access_w: xenmem_access_t = 2;
    /// Read and write.
    pub const XENMEM_access_rw: xenmem_access_t = 3;
    /// Execute.
    pub const XENMEM_access_x: xenmem_access_t = 4;
    /// Read and execute.
    pub const XENMEM_access_rx: xenmem_access_t = 5;
    /// Write and execute.
    pub const XENMEM_access_wx: xenmem_access_t = 6;
    /// Read, write and execute.
    pub const XENMEM_access_rwx: xenmem_access_t = 7;
    /// Starts as r-x, becomes r-w on a write.
    pub const XENMEM_access_rx2rw: xenmem_access_t = 8;
    /// Starts as none, becomes rwx on access with an event (no pause).
    pub const XENMEM_access_n2rwx: xenmem_access_t = 9;
    /// The domain's default access.
    pub const XENMEM_access_default: xenmem_access_t = 10;

    /// `XENMEM_access_op`.
    pub struct xen_mem_access_op<H> (size 32) {
        /// `XENMEM_access_op_*`.
        pub op: u8,
        /// A `xenmem_access_t`.
        pub access: u8,
        /// The domain.
        pub domid: domid_t,
        /// Pages to set (or the length of `pfn_list` for `set_access_multi`).
        count nr / set_nr: u32,
        /// The first PFN (set) or the PFN (get); `!0` means the default.
        pub pfn: u64,
        /// Handle of `u64` PFNs (`set_access_multi` only). Extent: `nr`
        /// elements.
        handle pfn_list / set_pfn_list: H::In<u64> [nr => nr],
        /// Handle of `u8` access values matching `pfn_list`. Extent: `nr`
        /// elements.
        handle access_list / set_access_list: H::In<u8> [nr => nr],
    }

    /// Sharing op: nominate a GFN.
    pub const XENMEM_sharing_op_nominate_gfn: u8 = 0;
    /// Sharing op: nominate a grant reference.
    pub const XENMEM_sharing_op_nominate_gref: u8 = 1;
    /// Sharing op: share two nominated pages.
    pub const XENMEM_sharing_op_share: u8 = 2;
    /// Sharing op: debug a GFN.
    pub const XENMEM_sharing_op_debug_gfn: u8 = 3;
    /// Sharing op: debug an MFN.
    pub const XENMEM_sharing_op_debug_mfn: u8 = 4;
    /// Sharing op: debug a grant reference.
    pub const XENMEM_sharing_op_debug_gref: u8 = 5;
    /// Sharing op: add a shared page to a client's physmap.
    pub const XENMEM_sharing_op_add_physmap: u8 = 6;
    /// Sharing op: audit.
    pub const XENMEM_sharing_op_audit: u8 = 7;
    /// Sharing op: share a GFN range.
    pub const XENMEM_sharing_op_range_share: u8 = 8;
    /// Sharing op: fork a domain.
    pub const XENMEM_sharing_op_fork: u8 = 9;
    /// Sharing op: reset a fork.
    pub const XENMEM_sharing_op_fork_reset: u8 = 10;

    /// Sharing error: invalid source handle.
    pub const XENMEM_SHARING_OP_S_HANDLE_INVALID: i32 = -10;
    /// Sharing error: invalid client handle.
    pub const XENMEM_SHARING_OP_C_HANDLE_INVALID: i32 = -9;
    /// A GFN field with this bit set holds a grant reference instead.
    pub const XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG: u64 = 1 << 62;

    /// The `u` union of [`mem_sharing_op_nominate`].
    #[derive(Clone, Copy)]
    pub union mem_sharing_op_nominate_u (size 8,
        c "__typeof__(((struct mem_sharing_op_nominate *)0)->u)") {
        /// IN: the GFN to nominate.
        pub gfn: u64,
        /// IN: the grant reference to nominate.
        pub grant_ref: u32,
    }

    /// Sharing `nominate_*` arguments.
    #[derive(Clone, Copy)]
    pub struct mem_sharing_op_nominate (size 16) {
        /// IN: what to nominate.
        pub u: mem_sharing_op_nominate_u,
        /// OUT: the sharing handle.
        pub handle: u64,
    }

    /// Sharing `share` and `add_physmap` arguments.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct mem_sharing_op_share (size 40) {
        /// IN: the source page's GFN.
        pub source_gfn: u64,
        /// IN: the source page's handle.
        pub source_handle: u64,
        /// IN: the client GFN.
        pub client_gfn: u64,
        /// IN: the client page's handle.
        pub client_handle: u64,
        /// IN: the client domain.
        pub client_domain: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: [u8; 6],
    }

    /// Sharing `range_share` arguments.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct mem_sharing_op_range (size 32) {
        /// IN: the first GFN.
        pub first_gfn: u64,
        /// IN: the last GFN.
        pub last_gfn: u64,
        /// Must be 0.
        pub opaque: u64,
        /// IN: the client domain.
        pub client_domain: domid_t,
        /// Must be 0.
        pub _pad: [u16; 3],
    }

    /// The `u` union of [`mem_sharing_op_debug`].
    #[derive(Clone, Copy)]
    pub union mem_sharing_op_debug_u (size 8,
        c "__typeof__(((struct mem_sharing_op_debug *)0)->u)") {
        /// IN: the GFN to debug.
        pub gfn: u64,
        /// IN: the MFN to debug.
        pub mfn: u64,
        /// IN: the grant reference to debug.
        pub gref: u32,
    }

    /// Sharing `debug_*` arguments.
    #[derive(Clone, Copy)]
    pub struct mem_sharing_op_debug (size 8) {
        /// IN: what to debug.
        pub u: mem_sharing_op_debug_u,
    }

    /// Sharing `fork` and `fork_reset` arguments.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct mem_sharing_op_fork (size 8) {
        /// IN: the parent domain.
        pub parent_domain: domid_t,
        /// IN: `XENMEM_FORK_*` flags.
        pub flags: u16,
        /// Must be 0.
        pub pad: u32,
    }

    /// Fork flag: allow the IOMMU (short-lived forks only).
    pub const XENMEM_FORK_WITH_IOMMU_ALLOWED: u16 = 1 << 0;
    /// Fork flag: block interrupts (short-lived forks only).
    pub const XENMEM_FORK_BLOCK_INTERRUPTS: u16 = 1 << 1;
    /// Fork reset flag: reset the vCPU state.
    pub const XENMEM_FORK_RESET_STATE: u16 = 1 << 2;
    /// Fork reset flag: reset the memory.
    pub const XENMEM_FORK_RESET_MEMORY: u16 = 1 << 3;

    /// The `u` union of [`xen_mem_sharing_op`].
    #[derive(Clone, Copy)]
    pub union xen_mem_sharing_op_u (size 40,
        c "__typeof__(((struct xen_mem_sharing_op *)0)->u)") {
        /// `nominate_gfn`, `nominate_gref`.
        pub nominate: mem_sharing_op_nominate,
        /// `share`, `add_physmap`.
        pub share: mem_sharing_op_share,
        /// `range_share`.
        pub range: mem_sharing_op_range,
        /// `debug_*`.
        pub debug: mem_sharing_op_debug,
        /// `fork`, `fork_reset`.
        pub fork: mem_sharing_op_fork,
    }

    /// `XENMEM_sharing_op`.
    #[derive(Clone, Copy)]
    pub struct xen_mem_sharing_op (size 48) {
        /// `XENMEM_sharing_op_*`.
        pub op: u8,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u8,
        /// The domain.
        pub domain: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u32,
        /// The op's arguments.
        pub u: xen_mem_sharing_op_u,
    }

    /// One reserved device memory region.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_reserved_device_memory (size 16) {
        /// The first PFN.
        pub start_pfn: xen_pfn_t,
        /// The number of pages.
        pub nr_pages: xen_ulong_t,
    }

    /// A PCI device address (`public/physdev.h`, which `memory.h`
    /// includes; mirrored here for [`xen_reserved_device_memory_map`]).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct physdev_pci_device (size 4) {
        /// The PCI segment.
        pub seg: u16,
        /// The bus.
        pub bus: u8,
        /// Device and function.
        pub devfn: u8,
    }

    /// The `dev` union of [`xen_reserved_device_memory_map`].
    #[derive(Clone, Copy)]
    pub union xen_reserved_device_memory_map_dev (size 4,
        c "__typeof__(((struct xen_reserved_device_memory_map *)0)->dev)") {
        /// The device whose regions are wanted.
        pub pci: physdev_pci_device,
    }

    /// `flags`: return all regions, ignoring `dev`.
    pub const XENMEM_RDM_ALL: u32 = 1;

    /// `XENMEM_reserved_device_memory_map`.
    pub struct xen_reserved_device_memory_map<H> (size 24) {
        /// IN: [`XENMEM_RDM_ALL`] or 0.
        pub flags: u32,
        /// IN: the capacity of `buffer`; OUT: the entries needed (with
        /// `-ERANGE` when too small).
        count nr_entries / set_nr_entries: c_uint,
        /// OUT: handle of [`xen_reserved_device_memory`] entries. Extent: at
        /// most `nr_entries` entries.
        handle buffer / set_buffer: H::Out<xen_reserved_device_memory>
            [nr_entries => nr_entries],
        /// IN: the device (unless [`XENMEM_RDM_ALL`]): the C union `dev`,
        /// whose only member is this.
        pub dev: physdev_pci_device,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
    }

    /// `XENMEM_acquire_resource`: maps the frames of a guest resource.
    pub struct xen_mem_acquire_resource<H> (size 32) {
        /// IN: the domain owning the resource.
        pub domid: domid_t,
        /// IN: the resource type (`XENMEM_resource_*`).
        pub r#type: u16,
        /// IN: the type-specific resource id (ioreq server id, or
        /// `XENMEM_resource_grant_table_id_*`), else 0.
        pub id: u32,
        /// IN/OUT: the number of frames; 0 with a null `frame_list` asks for
        /// the resource's size.
        count nr_frames / set_nr_frames: u32,
        /// Must be 0.
        pub pad: u32,
        /// IN: the index of the first frame.
        pub frame: u64,
        /// IN/OUT: handle of `xen_pfn_t` frames (MFNs out for a PV caller,
        /// GFNs in for an HVM caller). Extent: `nr_frames` elements.
        handle frame_list / set_frame_list: H::InOut<xen_pfn_t> [nr_frames => nr_frames],
    }

    /// Resource type: an ioreq server's pages.
    pub const XENMEM_resource_ioreq_server: u16 = 0;
    /// Resource type: grant table frames.
    pub const XENMEM_resource_grant_table: u16 = 1;
    /// Resource type: a vmtrace buffer.
    pub const XENMEM_resource_vmtrace_buf: u16 = 2;
    /// Grant table resource id: the shared frames.
    pub const XENMEM_resource_grant_table_id_shared: u32 = 0;
    /// Grant table resource id: the status frames.
    pub const XENMEM_resource_grant_table_id_status: u32 = 1;
    /// Ioreq server frame: the buffered ioreq page.
    pub const XENMEM_resource_ioreq_server_frame_bufioreq: u64 = 0;

    /// A vNUMA node memory range.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_vmemrange (size 24) {
        /// Start address.
        pub start: u64,
        /// End address.
        pub end: u64,
        /// Flags.
        pub flags: c_uint,
        /// The vNUMA node.
        pub nid: c_uint,
    }

    /// The `vdistance` union of [`xen_vnuma_topology_info`].
    #[derive(Clone, Copy)]
    pub union xen_vnuma_topology_info_vdistance (size 8,
        c "__typeof__(((struct xen_vnuma_topology_info *)0)->vdistance)") {
        /// Handle of `nr_vnodes²` `unsigned int` distances.
        pub h: xen_guest_handle_t,
        /// Widens the union to 64 bits.
        pub pad: u64,
    }

    /// The `vcpu_to_vnode` union of [`xen_vnuma_topology_info`].
    #[derive(Clone, Copy)]
    pub union xen_vnuma_topology_info_vcpu_to_vnode (size 8,
        c "__typeof__(((struct xen_vnuma_topology_info *)0)->vcpu_to_vnode)") {
        /// Handle of `nr_vcpus` `unsigned int` node numbers.
        pub h: xen_guest_handle_t,
        /// Widens the union to 64 bits.
        pub pad: u64,
    }

    /// The `vmemrange` union of [`xen_vnuma_topology_info`].
    #[derive(Clone, Copy)]
    pub union xen_vnuma_topology_info_vmemrange (size 8,
        c "__typeof__(((struct xen_vnuma_topology_info *)0)->vmemrange)") {
        /// Handle of `nr_vmemranges` [`xen_vmemrange`] entries.
        pub h: xen_guest_handle_t,
        /// Widens the union to 64 bits.
        pub pad: u64,
    }

    /// `XENMEM_get_vnumainfo`: a domain's vNUMA topology.
    pub struct xen_vnuma_topology_info<H> (size 40) {
        /// IN: the domain.
        pub domid: domid_t,
        /// Padding.
        pub pad: u16,
        /// IN: capacity; OUT: the number of vNUMA nodes.
        count nr_vnodes / set_nr_vnodes: c_uint,
        /// IN: capacity; OUT: the number of vCPUs.
        count nr_vcpus / set_nr_vcpus: c_uint,
        /// IN: capacity; OUT: the number of memory ranges.
        count nr_vmemranges / set_nr_vmemranges: c_uint,
        /// OUT: the distance table. Extent: at most `nr_vnodes * nr_vnodes`
        /// elements.
        handle vdistance / set_vdistance: H::Out<u32> [nr_vnodes => nr_vnodes * nr_vnodes],
        /// OUT: the vCPU-to-node map. Extent: at most `nr_vcpus` elements.
        handle vcpu_to_vnode / set_vcpu_to_vnode: H::Out<u32> [nr_vcpus => nr_vcpus],
        /// OUT: the memory ranges. Extent: at most `nr_vmemranges`
        /// elements.
        handle vmemrange / set_vmemrange: H::Out<xen_vmemrange> [nr_vmemranges => nr_vmemranges],
    }

    /// Where hvmloader puts the E820 table in an HVM guest.
    pub const HVM_E820_PAGE: u32 = 0x0009_0000;
    /// Offset in [`HVM_E820_PAGE`] of the entry count.
    pub const HVM_E820_NR_OFFSET: u32 = 0x0000_01E8;
    /// Offset in [`HVM_E820_PAGE`] of the entries.
    pub const HVM_E820_OFFSET: u32 = 0x0000_02D0;
    /// The end of an HVM guest's RAM below 4 GiB.
    pub const HVM_BELOW_4G_RAM_END: u32 = 0xF000_0000;
    /// The start of an HVM guest's MMIO hole below 4 GiB.
    pub const HVM_BELOW_4G_MMIO_START: u32 = HVM_BELOW_4G_RAM_END;
    /// The length of that MMIO hole.
    pub const HVM_BELOW_4G_MMIO_LENGTH: u64 = (1 << 32) - HVM_BELOW_4G_MMIO_START as u64;

    /// Memory map type: usable RAM (E820 type 1).
    pub const XEN_HVM_MEMMAP_TYPE_RAM: u32 = 1;
    /// Memory map type: reserved.
    pub const XEN_HVM_MEMMAP_TYPE_RESERVED: u32 = 2;
    /// Memory map type: ACPI reclaimable.
    pub const XEN_HVM_MEMMAP_TYPE_ACPI: u32 = 3;
    /// Memory map type: ACPI NVS.
    pub const XEN_HVM_MEMMAP_TYPE_NVS: u32 = 4;
    /// Memory map type: unusable.
    pub const XEN_HVM_MEMMAP_TYPE_UNUSABLE: u32 = 5;
    /// Memory map type: disabled.
    pub const XEN_HVM_MEMMAP_TYPE_DISABLED: u32 = 6;
    /// Memory map type: persistent memory.
    pub const XEN_HVM_MEMMAP_TYPE_PMEM: u32 = 7;

    /// One entry of a PVH start-of-day memory map (24 bytes, unlike the
    /// packed 20-byte entries of `XENMEM_memory_map`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct hvm_memmap_table_entry (size 24) {
        /// The region's base address.
        pub addr: u64,
        /// The region's size in bytes.
        pub size: u64,
        /// The mapping type (`XEN_HVM_MEMMAP_TYPE_*`).
        pub r#type: u32,
        /// Must be zero (version 1).
        pub reserved: u32,
    }
}

impl e820entry {
    /// An entry for `size` bytes at `addr` of type `region_type`
    /// (`E820_*`).
    pub const fn new(addr: u64, size: u64, region_type: u32) -> Self {
        e820entry {
            addr,
            size,
            r#type: region_type,
        }
    }

    /// The region's base address (the struct is packed: fields are read
    /// by value).
    pub const fn addr(&self) -> u64 {
        self.addr
    }

    /// The region's size in bytes.
    pub const fn size(&self) -> u64 {
        self.size
    }

    /// The region's type (`E820_*`).
    pub const fn region_type(&self) -> u32 {
        self.r#type
    }
}
