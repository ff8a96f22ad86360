//! Typed `grant_table_op` payloads: `HYPERVISOR_grant_table_op(cmd, uop,
//! count)`, where `uop` points to `count` structs of the type each
//! `GNTTABOP_*` command fixes. hcbuf issues one ([`CmdCall`] puts 1 in
//! `count`), as the commands typed here require.
//!
//! Both commands answer in the struct's `status` (`GNTST_*`), not in the
//! hypercall's result, which is 0 once Xen could read the struct and write
//! its status back: check `status` after every call
//! ([`Xen::grant_table_setup`](crate::api::Xen::grant_table_setup) and
//! [`Xen::grant_table_query_size`](crate::api::Xen::grant_table_query_size)
//! turn it into an error).
//!
//! [`SetupTable`]'s frame list is bound to its `nr_frames`: set the count,
//! then lend a buffer of at least that many frames (the setter refuses a
//! shorter one).
//!
//! Not typed: the operations a guest's drivers issue on grant entries
//! (map, unmap, copy, transfer, swap, cache flush), which act on the
//! caller's own mappings, and the version and status-frame commands.
//!
//! [`CmdCall`]: crate::xen::CmdCall

use hcbuf_sys::grant_table::*;

use crate::args::family;
use crate::handle::Typed;
use crate::xen::raw::payloads;

payloads!(family::GrantTableOp, pointer = Buffer {
    /// `GNTTABOP_query_size`: domain `dom`'s grant table size; Xen writes
    /// `nr_frames`, `max_nr_frames` and `status`.
    QuerySize: gnttab_query_size = GNTTABOP_query_size;
    /// `GNTTABOP_setup_table`: grows domain `dom`'s grant table to
    /// `nr_frames` and lists them in `frame_list`; Xen writes `status`.
    SetupTable<'a>: gnttab_setup_table<Typed<'a>> = GNTTABOP_setup_table;
});
