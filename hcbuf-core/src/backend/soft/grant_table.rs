//! `grant_table_op` (`common/grant_table.c`, `do_grant_table_op`,
//! Xen 4.17): each domain's grant table size and frames, and the two
//! commands a toolstack uses on another domain's table.
//!
//! A domain's table has `max_grant_frames` at most (Xen's default, 64,
//! when the domain was created with a negative value) and starts with one
//! frame (`INITIAL_NR_GRANT_FRAMES`); `setup_table` grows it. Its frames
//! are pages of the host's RAM, taken from the top of RAM down (as if from
//! Xen's heap) and given back when the domain is destroyed; they are the
//! MFNs `setup_table` lists (the model's domains are PV, or HVM without a
//! physmap, so no GFN stands in for them).
//!
//! `HYPERVISOR_grant_table_op(cmd, uop, count)`: a negative `count` (as
//! an `int`) is `EINVAL`, as is a `cmd` with bits above the command's 12
//! (the continuation argument, only `cache_flush` takes one). Then:
//! - `query_size`: `count` must be 1 (`EINVAL`); the struct is read
//!   (`EFAULT`); no such domain is `GNTST_bad_domain` in its `status`, else
//!   `nr_frames`, `max_nr_frames` and `GNTST_okay`; the whole struct is
//!   copied back (`EFAULT`); the result is 0.
//! - `setup_table`: `count` must be 1; the struct is read; a frame list
//!   whose bytes would wrap the address space is `EFAULT`
//!   (`guest_handle_okay`); no such domain is `GNTST_bad_domain`; more
//!   frames than the domain's maximum is `GNTST_general_error`; the table
//!   grows to `nr_frames` (no host page left: `GNTST_general_error`); each
//!   frame's number is written to `frame_list`, a write refused there
//!   making the status `GNTST_bad_virt_addr`; only `status` is copied back
//!   (`EFAULT`); the result is 0.
//! - every other command is `ENOSYS`, or the user's handler
//!   (`CallId::Command`).
//!
//! Not as in Xen: `XEN_DOMCTL_createdomain` does not refuse a grant
//! table Xen's `grant_table_init` would (a zero grant version, no frames,
//! more than 64 frames or 1024 maptrack frames in 4.17), since callers of
//! the model create domains with a default configuration; such a domain's
//! table has at most its `max_grant_frames` frames (0 if not positive).

use hcbuf_sys::errno::{XEN_EFAULT, XEN_EINVAL};
use hcbuf_sys::grant_table::*;
use hcbuf_sys::xen::__HYPERVISOR_grant_table_op;
use hcbuf_sys::xen::domid_t;

use super::{CallId, Ctx};
use crate::backend::XenErrno;
use crate::pool::Access;

/// `opt_max_grant_frames`: a domain's maximum when it asks for Xen's
/// default.
pub(super) const DEFAULT_MAX_GRANT_FRAMES: u32 = 64;
/// `INITIAL_NR_GRANT_FRAMES` on x86.
const INITIAL_NR_GRANT_FRAMES: u32 = 1;
/// `GNTTABOP_CONTINUATION_ARG_SHIFT`: the command is the low 12 bits.
const GNTTABOP_CMD_MASK: u64 = (1 << 12) - 1;

fn err(errno: i32) -> XenErrno {
    XenErrno(errno)
}

/// The host pages the model hands out as grant frames: from the top of
/// RAM down, freed ones first.
#[derive(Clone, Debug)]
pub(super) struct FramePool {
    /// The next page never handed out (0: none left).
    next: u64,
    /// Pages handed back.
    free: Vec<u64>,
}

impl FramePool {
    /// Pages from `max_ram_page` down.
    pub(super) fn new(max_ram_page: u64) -> Self {
        FramePool {
            next: max_ram_page,
            free: Vec::new(),
        }
    }

    fn take(&mut self) -> Option<u64> {
        if let Some(frame) = self.free.pop() {
            return Some(frame);
        }
        let frame = self.next;
        self.next = self.next.checked_sub(1)?;
        (frame > 0).then_some(frame)
    }

    /// Gives `frames` back (a destroyed domain's table).
    pub(super) fn give_back(&mut self, frames: Vec<u64>) {
        self.free.extend(frames);
    }
}

/// A domain's grant table.
#[derive(Clone, Debug)]
pub(super) struct GrantTable {
    /// Its frames (`nr_grant_frames` of them).
    pub(super) frames: Vec<u64>,
    /// `max_grant_frames`.
    pub(super) max_frames: u32,
}

impl GrantTable {
    /// A table of at most `max_grant_frames` frames (Xen's default if
    /// negative), with its first frame if it may have one and a page is
    /// left.
    pub(super) fn new(max_grant_frames: i32, pool: &mut FramePool) -> Self {
        let max_frames = u32::try_from(max_grant_frames).unwrap_or(DEFAULT_MAX_GRANT_FRAMES);
        let mut table = GrantTable {
            frames: Vec::new(),
            max_frames,
        };
        table.grow(INITIAL_NR_GRANT_FRAMES.min(max_frames), pool);
        table
    }

    /// `gnttab_grow_table`: to `nr` frames; `false` (nothing kept) if the
    /// host has no page left.
    fn grow(&mut self, nr: u32, pool: &mut FramePool) -> bool {
        let had = self.frames.len();
        while self.frames.len() < nr as usize {
            match pool.take() {
                Some(frame) => self.frames.push(frame),
                None => {
                    pool.give_back(self.frames.split_off(had));
                    return false;
                }
            }
        }
        true
    }
}

impl Ctx<'_> {
    /// `HYPERVISOR_grant_table_op(unsigned int cmd, void *uop, unsigned int
    /// count)`.
    pub(super) fn grant_table_op(&mut self, registers: [u64; 5]) -> Result<u64, XenErrno> {
        let [cmd, uop, count, ..] = registers;
        // Both are C `unsigned int`s: the registers' low 32 bits.
        let (cmd, count) = (u64::from(cmd as u32), count as u32);
        if (count as i32) < 0 {
            return Err(err(XEN_EINVAL));
        }
        let opaque = cmd & !GNTTABOP_CMD_MASK;
        let cmd = (cmd & GNTTABOP_CMD_MASK) as u32;
        if cmd != GNTTABOP_cache_flush && opaque != 0 {
            return Err(err(XEN_EINVAL));
        }
        match cmd {
            GNTTABOP_setup_table => self.setup_table(uop, count),
            GNTTABOP_query_size => self.query_size(uop, count),
            cmd => self.unmodelled(
                CallId::Command {
                    op: __HYPERVISOR_grant_table_op,
                    cmd,
                },
                registers,
            ),
        }
    }

    /// `gnttab_query_size`.
    fn query_size(&mut self, uop: u64, count: u32) -> Result<u64, XenErrno> {
        if count != 1 {
            return Err(err(XEN_EINVAL));
        }
        let op: gnttab_query_size = self.mem.read(uop)?;
        let answer = self
            .st
            .domain_by_any_id(op.dom)
            .map(|d| (d.grants.frames.len() as u32, d.grants.max_frames));
        self.mem
            .check(uop, size_of::<gnttab_query_size>(), Access::Write)?;
        let status = match answer {
            None => GNTST_bad_domain,
            Some((nr, max)) => {
                self.mem
                    .write(uop + field!(gnttab_query_size, nr_frames), &nr)?;
                self.mem
                    .write(uop + field!(gnttab_query_size, max_nr_frames), &max)?;
                GNTST_okay
            }
        };
        self.mem
            .write(uop + field!(gnttab_query_size, status), &status)
            .map(|()| 0)
    }

    /// `gnttab_setup_table`.
    fn setup_table(&mut self, uop: u64, count: u32) -> Result<u64, XenErrno> {
        if count != 1 {
            return Err(err(XEN_EINVAL));
        }
        let op: gnttab_setup_table = self.mem.read(uop)?;
        let nr = op.nr_frames();
        let list = op.frame_list().0;
        // `guest_handle_okay`: the list's bytes must not wrap.
        let bytes = u64::from(nr) * size_of::<u64>() as u64;
        if list.checked_add(bytes).is_none() {
            return Err(err(XEN_EFAULT));
        }
        let status = self.setup_table_status(op.dom, nr, list);
        self.mem
            .write(uop + field!(gnttab_setup_table, status), &status)
            .map(|()| 0)
    }

    /// What `setup_table` does to domain `dom`'s table and its frame list,
    /// as its status.
    fn setup_table_status(&mut self, dom: domid_t, nr: u32, list: u64) -> i16 {
        let id = if dom == hcbuf_sys::xen::DOMID_SELF {
            super::state::CURRENT
        } else {
            dom
        };
        let st = &mut *self.st;
        let Some(d) = st.domains.get_mut(&id) else {
            return GNTST_bad_domain;
        };
        if nr > d.grants.max_frames {
            return GNTST_general_error;
        }
        if !d.grants.grow(nr, &mut st.grant_frames) {
            return GNTST_general_error;
        }
        let frames = d.grants.frames[..nr as usize].to_vec();
        let mut status = GNTST_okay;
        for (i, frame) in frames.iter().enumerate() {
            if self.mem.write_at(list, i as u64, frame).is_err() {
                status = GNTST_bad_virt_addr;
            }
        }
        status
    }
}
