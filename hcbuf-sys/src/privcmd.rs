//! Linux `xen/privcmd.h`: the ioctl interface of `/dev/xen/privcmd`.
//!
//! These are kernel ioctl arguments, not hypercall arguments: the kernel
//! copies them in, so they hold ordinary user pointers. The memory those
//! pointers reach on Xen's behalf (a hypercall's arguments) is what must
//! be hypercall-safe. Request numbers are computed with
//! [`_IOC`](crate::arch::_IOC), as the C header does.

use core::ffi::{c_int, c_uint, c_ulong, c_void};
use core::mem::size_of;

use crate::arch::{_IOC, _IOC_NONE, xen_pfn_t};
use crate::xen::domid_t;

abi! {
    headers = ["xen/privcmd.h"];

    /// `IOCTL_PRIVCMD_HYPERCALL`: a hypercall number and its five register
    /// arguments. The ioctl returns the hypercall's result (as an `int`).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct privcmd_hypercall (size 48) {
        /// The hypercall number (`__HYPERVISOR_*`).
        pub op: u64,
        /// The register arguments.
        pub arg: [u64; 5],
    }

    /// One run of foreign frames for `IOCTL_PRIVCMD_MMAP`.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct privcmd_mmap_entry (size 24) {
        /// The virtual address to map at.
        pub va: u64,
        /// The first frame (a GFN, despite the name).
        pub mfn: u64,
        /// The number of pages.
        pub npages: u64,
    }

    /// `IOCTL_PRIVCMD_MMAP`: map runs of a foreign domain's frames.
    #[derive(Clone, Copy, Debug)]
    pub struct privcmd_mmap (size 16) {
        /// The number of entries.
        pub num: c_int,
        /// The target domain.
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// The entries.
        pub entry: *mut privcmd_mmap_entry,
    }

    /// `IOCTL_PRIVCMD_MMAPBATCH` (v1): map frames, errors or'd into `arr`.
    #[derive(Clone, Copy, Debug)]
    pub struct privcmd_mmapbatch (size 24) {
        /// The number of pages to map.
        pub num: c_int,
        /// The target domain.
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// The virtual address to map at.
        pub addr: u64,
        /// The frames; on error an entry is or'd with
        /// `PRIVCMD_MMAPBATCH_*_ERROR`.
        pub arr: *mut xen_pfn_t,
    }

    /// Or'd into a v1 `arr` entry whose frame failed to map.
    pub const PRIVCMD_MMAPBATCH_MFN_ERROR: c_uint = 0xf000_0000;
    /// Or'd into a v1 `arr` entry whose frame is paged out.
    pub const PRIVCMD_MMAPBATCH_PAGED_ERROR: c_uint = 0x8000_0000;

    /// `IOCTL_PRIVCMD_MMAPBATCH_V2`: map frames, one error code per frame.
    #[derive(Clone, Copy, Debug)]
    pub struct privcmd_mmapbatch_v2 (size 32) {
        /// The number of pages to map.
        pub num: c_uint,
        /// The target domain.
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// The virtual address to map at.
        pub addr: u64,
        /// The frames.
        pub arr: *const xen_pfn_t,
        /// OUT: one error code per frame.
        pub err: *mut c_int,
    }

    /// One buffer of a device-model operation.
    #[derive(Clone, Copy, Debug)]
    pub struct privcmd_dm_op_buf (size 16) {
        /// The buffer.
        pub uptr: *mut c_void,
        /// Its size in bytes.
        pub size: usize,
    }

    /// `IOCTL_PRIVCMD_DM_OP`: a `dm_op` hypercall whose buffers the kernel
    /// bounces for us.
    #[derive(Clone, Copy, Debug)]
    pub struct privcmd_dm_op (size 16) {
        /// The target domain.
        pub dom: domid_t,
        /// The number of buffers.
        pub num: u16,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u32,
        /// The buffers.
        pub ubufs: *const privcmd_dm_op_buf,
    }

    /// `IOCTL_PRIVCMD_MMAP_RESOURCE`: map (or size) a resource of a domain.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct privcmd_mmap_resource (size 32) {
        /// The target domain.
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad: u16,
        /// The resource type (`XENMEM_resource_*`).
        pub r#type: u32,
        /// The resource id.
        pub id: u32,
        /// The first frame index.
        pub idx: u32,
        /// The number of frames (OUT: the resource's size when `addr` is 0).
        pub num: u64,
        /// The virtual address to map at, or 0 to query the size.
        pub addr: u64,
    }

    /// Issue one hypercall ([`privcmd_hypercall`]).
    pub const IOCTL_PRIVCMD_HYPERCALL: c_ulong =
        _IOC(_IOC_NONE, b'P', 0, size_of::<privcmd_hypercall>());
    /// Map foreign frames ([`privcmd_mmap`]).
    pub const IOCTL_PRIVCMD_MMAP: c_ulong = _IOC(_IOC_NONE, b'P', 2, size_of::<privcmd_mmap>());
    /// Map foreign frames, v1 ([`privcmd_mmapbatch`]).
    pub const IOCTL_PRIVCMD_MMAPBATCH: c_ulong =
        _IOC(_IOC_NONE, b'P', 3, size_of::<privcmd_mmapbatch>());
    /// Map foreign frames, v2 ([`privcmd_mmapbatch_v2`]).
    pub const IOCTL_PRIVCMD_MMAPBATCH_V2: c_ulong =
        _IOC(_IOC_NONE, b'P', 4, size_of::<privcmd_mmapbatch_v2>());
    /// A device-model operation ([`privcmd_dm_op`]).
    pub const IOCTL_PRIVCMD_DM_OP: c_ulong = _IOC(_IOC_NONE, b'P', 5, size_of::<privcmd_dm_op>());
    /// Restrict this file descriptor to one target domain (argument: a
    /// `domid_t`); afterwards only domain-targeted calls for it succeed.
    pub const IOCTL_PRIVCMD_RESTRICT: c_ulong = _IOC(_IOC_NONE, b'P', 6, size_of::<domid_t>());
    /// Map a resource ([`privcmd_mmap_resource`]).
    pub const IOCTL_PRIVCMD_MMAP_RESOURCE: c_ulong =
        _IOC(_IOC_NONE, b'P', 7, size_of::<privcmd_mmap_resource>());
}
