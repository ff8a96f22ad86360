//! The `hypfs_op` hypercall, Xen's hypervisor filesystem:
//! `HYPERVISOR_hypfs_op(cmd, arg1, arg2, arg3, arg4)`.
//!
//! [`HypfsGetVersion`] takes no arguments; [`HypfsRead`] and
//! [`HypfsWriteContents`] take the path (a handle and its length, which
//! includes the trailing NUL) and a data buffer (a handle and its size).
//! Each length is a [`Count`], filled in from its buffer's lent length
//! when the call is lowered, so a length never exceeds its buffer.
//!
//! `XEN_HYPFS_OP_read` fills the buffer with a [`HypfsDirentry`] followed
//! by the entry's contents; a directory's contents are
//! [`HypfsDirlistentry`] records, each followed by its name.

use hcbuf_sys::hypfs::*;
use hcbuf_sys::xen::__HYPERVISOR_hypfs_op;

use crate::HypercallArgs;
use crate::handle::{GuestHandle, GuestHandleMut, Lent};
use crate::owned::PoolSlice;
use crate::signature::{Command, Count};

/// The header of an entry (`struct xen_hypfs_direntry`), at the start of
/// the buffer `XEN_HYPFS_OP_read` fills.
pub type HypfsDirentry = xen_hypfs_direntry;

/// One entry of a directory's contents (`struct xen_hypfs_dirlistentry`).
///
/// The C struct ends in a flexible array member, the NUL-terminated name,
/// which starts at offset 14 and runs on past the struct's 16 bytes; so
/// `_pad` overlaps the name's first two bytes, and the name is read from
/// the contents buffer at the entry's offset + 14.
pub type HypfsDirlistentry = xen_hypfs_dirlistentry;

/// `HYPERVISOR_hypfs_op(XEN_HYPFS_OP_get_version, 0, 0, 0, 0)`: returns
/// the highest interface version Xen supports.
#[derive(HypercallArgs, Clone, Copy, Debug, Default)]
#[hypercall(op = __HYPERVISOR_hypfs_op)]
pub struct HypfsGetVersion {
    /// Always `XEN_HYPFS_OP_get_version`.
    pub cmd: Command<XEN_HYPFS_OP_get_version>,
}

impl HypfsGetVersion {
    /// The call.
    pub const fn new() -> Self {
        HypfsGetVersion { cmd: Command }
    }
}

/// `HYPERVISOR_hypfs_op(XEN_HYPFS_OP_read, path, path_len, buf,
/// buf_len)`: read an entry's [`HypfsDirentry`] and contents into `buf`
/// (`-ENOBUFS`, with only the header, if `buf` is too small).
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_hypfs_op)]
pub struct HypfsRead<'a> {
    /// Always `XEN_HYPFS_OP_read`.
    pub cmd: Command<XEN_HYPFS_OP_read>,
    /// The path, NUL-terminated.
    pub path: Lent<GuestHandle<'a, u8>>,
    /// The path's length, including the NUL: `path`'s.
    pub path_len: Count,
    /// The buffer Xen fills.
    pub buf: Lent<GuestHandleMut<'a, u8>>,
    /// The buffer's size: `buf`'s.
    pub buf_len: Count,
}

impl<'a> HypfsRead<'a> {
    /// Reads the entry at `path` into `buf`. `path` is the whole path with
    /// its trailing NUL (Xen rejects one without it, or longer than
    /// `XEN_HYPFS_MAX_PATHLEN`, with `-EINVAL`); both lengths are the
    /// slices'.
    pub fn new(path: &'a PoolSlice<'_, u8>, buf: &'a mut PoolSlice<'_, u8>) -> Self {
        HypfsRead {
            cmd: Command,
            path: path.lend(),
            path_len: Count,
            buf: buf.lend_mut(),
            buf_len: Count,
        }
    }

    /// The path's length passed to Xen, including the NUL.
    pub fn path_len(&self) -> u64 {
        self.path.len() as u64
    }

    /// The buffer size passed to Xen.
    pub fn buf_len(&self) -> u64 {
        self.buf.len() as u64
    }
}

/// `HYPERVISOR_hypfs_op(XEN_HYPFS_OP_write_contents, path, path_len,
/// contents, contents_len)`: replace an entry's contents (type and
/// encoding are fixed; only blobs and strings may change size).
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_hypfs_op)]
pub struct HypfsWriteContents<'a> {
    /// Always `XEN_HYPFS_OP_write_contents`.
    pub cmd: Command<XEN_HYPFS_OP_write_contents>,
    /// The path, NUL-terminated.
    pub path: Lent<GuestHandle<'a, u8>>,
    /// The path's length, including the NUL: `path`'s.
    pub path_len: Count,
    /// The new contents, which Xen reads.
    pub contents: Lent<GuestHandle<'a, u8>>,
    /// The contents' size: `contents`'s.
    pub contents_len: Count,
}

impl<'a> HypfsWriteContents<'a> {
    /// Writes `contents` to the entry at `path` (NUL-terminated, as for
    /// [`HypfsRead::new`]); both lengths are the slices'.
    pub fn new(path: &'a PoolSlice<'_, u8>, contents: &'a PoolSlice<'_, u8>) -> Self {
        HypfsWriteContents {
            cmd: Command,
            path: path.lend(),
            path_len: Count,
            contents: contents.lend(),
            contents_len: Count,
        }
    }

    /// The path's length passed to Xen, including the NUL.
    pub fn path_len(&self) -> u64 {
        self.path.len() as u64
    }

    /// The contents' size passed to Xen.
    pub fn contents_len(&self) -> u64 {
        self.contents.len() as u64
    }
}
