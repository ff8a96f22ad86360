//! The `grant_table_op` hypercall (`public/grant_table.h`).
//!
//! `HYPERVISOR_grant_table_op(cmd, uop, count)`: each `GNTTABOP_*` command
//! below names the struct `uop` points to, an array of `count` of them
//! (`setup_table`, `query_size`, `get_status_frames` and `get_version`
//! take exactly one: any other `count` is `EINVAL`). Most commands answer
//! in the struct's `status` field (`GNTST_*`), not in the hypercall's
//! result, which is 0 once the struct was read and its status written
//! back.
//!
//! Xen 4.17 and 4.20 declare this header identically. Only what a
//! toolstack uses on another domain's grant table is mirrored here (its
//! size, its frames, its version, a dump): not the grant entries a guest
//! writes, nor the map, unmap, copy and transfer operations a guest's
//! backend driver issues.

use crate::arch::xen_pfn_t;
use crate::xen::domid_t;

abi! {
    headers = ["xen/grant_table.h"];

    /// A grant reference: an index into a domain's grant table.
    pub type grant_ref_t (size 4) = u32;
    /// The handle of a grant mapping.
    pub type grant_handle_t (size 4) = u32;

    /// Maps grant references (`gnttab_map_grant_ref`).
    pub const GNTTABOP_map_grant_ref: u32 = 0;
    /// Unmaps grant mappings (`gnttab_unmap_grant_ref`).
    pub const GNTTABOP_unmap_grant_ref: u32 = 1;
    /// Sizes a domain's grant table and lists its frames
    /// ([`gnttab_setup_table`]).
    pub const GNTTABOP_setup_table: u32 = 2;
    /// Dumps a domain's grant table to Xen's console
    /// ([`gnttab_dump_table`]).
    pub const GNTTABOP_dump_table: u32 = 3;
    /// Transfers pages to other domains (`gnttab_transfer`).
    pub const GNTTABOP_transfer: u32 = 4;
    /// Copies between granted pages (`gnttab_copy`).
    pub const GNTTABOP_copy: u32 = 5;
    /// A domain's current and largest grant table size
    /// ([`gnttab_query_size`]).
    pub const GNTTABOP_query_size: u32 = 6;
    /// Unmaps a grant mapping and replaces it (`gnttab_unmap_and_replace`).
    pub const GNTTABOP_unmap_and_replace: u32 = 7;
    /// Sets the caller's grant table version ([`gnttab_set_version`]).
    pub const GNTTABOP_set_version: u32 = 8;
    /// Lists a domain's status frames ([`gnttab_get_status_frames`]).
    pub const GNTTABOP_get_status_frames: u32 = 9;
    /// A domain's grant table version ([`gnttab_get_version`]).
    pub const GNTTABOP_get_version: u32 = 10;
    /// Swaps two grant entries (`gnttab_swap_grant_ref`).
    pub const GNTTABOP_swap_grant_ref: u32 = 11;
    /// Flushes the cache for granted memory (`gnttab_cache_flush`).
    pub const GNTTABOP_cache_flush: u32 = 12;

    /// `GNTTABOP_setup_table`: grows domain `dom`'s grant table to at
    /// least `nr_frames` frames and lists the first `nr_frames` of them.
    pub struct gnttab_setup_table<H> (size 24) {
        /// IN: the domain (`DOMID_SELF`, or another for a privileged
        /// caller).
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u16,
        /// IN: the number of frames wanted (at most the domain's
        /// `max_grant_frames`).
        count nr_frames / set_nr_frames: u32,
        /// OUT: `GNTST_*`.
        pub status: i16,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: [u8; 6],
        /// OUT: handle of the `xen_pfn_t` frames (MFNs for a PV domain,
        /// GFNs for a translated one). Extent: `nr_frames` elements.
        handle frame_list / set_frame_list: H::Out<xen_pfn_t> [nr_frames => nr_frames],
    }

    /// `GNTTABOP_dump_table`: prints domain `dom`'s grant table on Xen's
    /// console.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct gnttab_dump_table (size 4) {
        /// IN: the domain.
        pub dom: domid_t,
        /// OUT: `GNTST_*`.
        pub status: i16,
    }

    /// `GNTTABOP_query_size`: domain `dom`'s grant table size.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct gnttab_query_size (size 16) {
        /// IN: the domain (`DOMID_SELF`, or another for a privileged
        /// caller).
        pub dom: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u16,
        /// OUT: the frames the table has now.
        pub nr_frames: u32,
        /// OUT: the most frames it may grow to.
        pub max_nr_frames: u32,
        /// OUT: `GNTST_*`.
        pub status: i16,
        /// Padding (C leaves these bytes unnamed).
        pad _pad1: u16,
    }

    /// `GNTTABOP_set_version`: the caller's grant table version.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct gnttab_set_version (size 4) {
        /// IN: the version wanted (1 or 2); OUT: the version in force.
        pub version: u32,
    }

    /// `GNTTABOP_get_status_frames`: lists the status frames of domain
    /// `dom` (grant table version 2).
    pub struct gnttab_get_status_frames<H> (size 16) {
        /// IN: the number of frames wanted.
        count nr_frames / set_nr_frames: u32,
        /// IN: the domain.
        pub dom: domid_t,
        /// OUT: `GNTST_*`.
        pub status: i16,
        /// OUT: handle of the frames (`uint64_t`). Extent: `nr_frames`
        /// elements.
        handle frame_list / set_frame_list: H::Out<u64> [nr_frames => nr_frames],
    }

    /// `GNTTABOP_get_version`: domain `dom`'s grant table version.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct gnttab_get_version (size 8) {
        /// IN: the domain.
        pub dom: domid_t,
        /// Must be 0.
        pub pad: u16,
        /// OUT: the version (1 or 2).
        pub version: u32,
    }

    /// `GNTST_*`: the operation succeeded.
    pub const GNTST_okay: i16 = 0;
    /// `GNTST_*`: an error without a more precise status.
    pub const GNTST_general_error: i16 = -1;
    /// `GNTST_*`: no such domain.
    pub const GNTST_bad_domain: i16 = -2;
    /// `GNTST_*`: an unknown or inappropriate grant reference.
    pub const GNTST_bad_gntref: i16 = -3;
    /// `GNTST_*`: an unknown or inappropriate mapping handle.
    pub const GNTST_bad_handle: i16 = -4;
    /// `GNTST_*`: an inappropriate virtual address (a frame list Xen could
    /// not write).
    pub const GNTST_bad_virt_addr: i16 = -5;
    /// `GNTST_*`: an inappropriate device address.
    pub const GNTST_bad_dev_addr: i16 = -6;
    /// `GNTST_*`: no room in the I/O MMU.
    pub const GNTST_no_device_space: i16 = -7;
    /// `GNTST_*`: the caller may not do this.
    pub const GNTST_permission_denied: i16 = -8;
    /// `GNTST_*`: the page was invalid for the operation.
    pub const GNTST_bad_page: i16 = -9;
    /// `GNTST_*`: copy arguments cross a page boundary.
    pub const GNTST_bad_copy_arg: i16 = -10;
    /// `GNTST_*`: a transfer's page address is too large.
    pub const GNTST_address_too_big: i16 = -11;
    /// `GNTST_*`: not done; try again.
    pub const GNTST_eagain: i16 = -12;
    /// `GNTST_*`: out of space (handles, maptrack entries).
    pub const GNTST_no_space: i16 = -13;

    /// The grant entries reserved for the toolstack at the start of a
    /// table.
    pub const GNTTAB_NR_RESERVED_ENTRIES: u32 = 8;
    /// The reserved grant entry of the console ring.
    pub const GNTTAB_RESERVED_CONSOLE: u32 = 0;
    /// The reserved grant entry of the xenstore ring.
    pub const GNTTAB_RESERVED_XENSTORE: u32 = 1;
}

/// The `GNTST_*` statuses: each value's constant name and the words of
/// Xen's `GNTTABOP_error_msgs` for it.
const GNTST: [(i16, &str, &str); 14] = [
    (GNTST_okay, "GNTST_okay", "okay"),
    (GNTST_general_error, "GNTST_general_error", "undefined error"),
    (GNTST_bad_domain, "GNTST_bad_domain", "unrecognised domain id"),
    (GNTST_bad_gntref, "GNTST_bad_gntref", "invalid grant reference"),
    (GNTST_bad_handle, "GNTST_bad_handle", "invalid mapping handle"),
    (GNTST_bad_virt_addr, "GNTST_bad_virt_addr", "invalid virtual address"),
    (GNTST_bad_dev_addr, "GNTST_bad_dev_addr", "invalid device address"),
    (GNTST_no_device_space, "GNTST_no_device_space", "no spare translation slot in the I/O MMU"),
    (GNTST_permission_denied, "GNTST_permission_denied", "permission denied"),
    (GNTST_bad_page, "GNTST_bad_page", "bad page"),
    (GNTST_bad_copy_arg, "GNTST_bad_copy_arg", "copy arguments cross page boundary"),
    (GNTST_address_too_big, "GNTST_address_too_big", "page address size too large"),
    (GNTST_eagain, "GNTST_eagain", "operation not done; try again"),
    (GNTST_no_space, "GNTST_no_space", "out of space"),
];

/// The name of a `GNTST_*` status (`"GNTST_bad_domain"`); `None` for a
/// value Xen does not define.
///
/// ```
/// use hcbuf_sys::grant_table::{gntst_name, GNTST_bad_domain};
///
/// assert_eq!(gntst_name(GNTST_bad_domain), Some("GNTST_bad_domain"));
/// assert_eq!(gntst_name(-99), None);
/// ```
pub fn gntst_name(status: i16) -> Option<&'static str> {
    GNTST.iter().find(|g| g.0 == status).map(|g| g.1)
}

/// What a `GNTST_*` status means, in the words of Xen's
/// `GNTTABOP_error_msgs` (`"unrecognised domain id"`); `None` for a value
/// Xen does not define.
pub fn gntst_message(status: i16) -> Option<&'static str> {
    GNTST.iter().find(|g| g.0 == status).map(|g| g.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `GNTST_*` constant is named by its own name, and nothing else
    /// is.
    #[test]
    fn every_status_constant_has_its_name_and_a_message() {
        let statuses: Vec<_> = ABI
            .consts
            .iter()
            .filter(|c| c.name.starts_with("GNTST_"))
            .collect();
        assert_eq!(statuses.len(), GNTST.len());
        for c in statuses {
            let value = c.value as i64 as i16;
            assert_eq!(gntst_name(value), Some(c.name));
            assert!(gntst_message(value).is_some_and(|m| !m.is_empty()));
        }
        assert_eq!(gntst_name(1), None);
        assert_eq!(gntst_message(-14), None);
    }
}
