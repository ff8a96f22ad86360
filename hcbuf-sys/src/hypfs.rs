//! The `hypfs_op` hypercall (`public/hypfs.h`): Xen's hypervisor filesystem.
//!
//! `HYPERVISOR_hypfs_op(cmd, arg1, arg2, arg3, arg4)`: for
//! `XEN_HYPFS_OP_read` and `XEN_HYPFS_OP_write_contents`, `arg1`/`arg2` are
//! the path (a guest handle) and its length including the trailing NUL, and
//! `arg3`/`arg4` the data buffer and its size. `XEN_HYPFS_OP_get_version`
//! takes no arguments (all 0).


abi! {
    headers = ["xen/hypfs.h"];

    /// The highest version of the hypfs interface these headers define.
    pub const XEN_HYPFS_VERSION: u32 = 1;
    /// The maximum length of a path in the filesystem.
    pub const XEN_HYPFS_MAX_PATHLEN: usize = 1024;

    /// The header of an entry, as `XEN_HYPFS_OP_read` returns it (the
    /// contents follow it directly).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_hypfs_direntry (size 12) {
        /// The entry type (`XEN_HYPFS_TYPE_*`).
        pub r#type: u8,
        /// The contents' encoding (`XEN_HYPFS_ENC_*`).
        pub encoding: u8,
        /// Returned as 0.
        pub pad: u16,
        /// The current length of the contents.
        pub content_len: u32,
        /// The maximum length of a write (0 if read-only).
        pub max_write_len: u32,
    }

    /// Entry type: a directory (contents are [`xen_hypfs_dirlistentry`]s).
    pub const XEN_HYPFS_TYPE_DIR: u8 = 0;
    /// Entry type: a binary blob.
    pub const XEN_HYPFS_TYPE_BLOB: u8 = 1;
    /// Entry type: a NUL-terminated string.
    pub const XEN_HYPFS_TYPE_STRING: u8 = 2;
    /// Entry type: an unsigned integer.
    pub const XEN_HYPFS_TYPE_UINT: u8 = 3;
    /// Entry type: a signed integer.
    pub const XEN_HYPFS_TYPE_INT: u8 = 4;
    /// Entry type: a boolean.
    pub const XEN_HYPFS_TYPE_BOOL: u8 = 5;
    /// Encoding: plain.
    pub const XEN_HYPFS_ENC_PLAIN: u8 = 0;
    /// Encoding: gzip.
    pub const XEN_HYPFS_ENC_GZIP: u8 = 1;

    /// One entry of a directory's contents.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct xen_hypfs_dirlistentry (size 16) {
        /// The entry's header.
        pub e: xen_hypfs_direntry,
        /// The offset in bytes of the next entry (0: this is the last).
        pub off_next: u16,
        /// The NUL-terminated entry name, possibly padded for alignment (a
        /// flexible array member).
        pub name: [u8; 0],
        /// Padding (C leaves these bytes unnamed): the name's first two
        /// bytes, if any.
        pad _pad: [u8; 2],
    }

    /// Returns the highest interface version the hypervisor supports; all
    /// arguments 0.
    pub const XEN_HYPFS_OP_get_version: u32 = 0;
    /// Reads an entry: writes its [`xen_hypfs_direntry`] and contents to
    /// the buffer (`-ENOBUFS`, with only the direntry, if it is too small).
    pub const XEN_HYPFS_OP_read: u32 = 1;
    /// Writes an entry's contents from the buffer (type and encoding are
    /// fixed; only blobs and strings may change size).
    pub const XEN_HYPFS_OP_write_contents: u32 = 2;
}
