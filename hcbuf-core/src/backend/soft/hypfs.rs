//! `hypfs_op` (`common/hypfs.c`): the hypervisor filesystem, read-only,
//! with Xen's `/buildinfo` subtree only:
//!
//! ```text
//! /buildinfo/changeset
//! /buildinfo/compileinfo/{compile_by,compile_date,compile_domain,compiler}
//! /buildinfo/version/{extra,major,minor}
//! ```

use std::mem::offset_of;

use hcbuf_sys::errno::{XEN_EACCES, XEN_EINVAL, XEN_ENOBUFS, XEN_ENOENT, XEN_EOPNOTSUPP};
use hcbuf_sys::hypfs::*;

use super::Ctx;
use super::host::HostConfig;
use crate::backend::XenErrno;

/// A node of the tree.
enum Node {
    /// Children in name order (`strcmp`), as Xen keeps them.
    Dir(Vec<(&'static str, Node)>),
    /// A NUL-terminated string.
    Str(String),
    /// An `unsigned int`.
    Uint(u32),
}

/// Where a directory entry's name starts
/// (`offsetof(struct xen_hypfs_dirlistentry, name)`).
const NAME_OFF: usize = offset_of!(xen_hypfs_dirlistentry, name);
/// The bytes Xen copies for one directory entry's header
/// (`sizeof(struct xen_hypfs_dirlistentry)`, its padding included).
const DIRLISTENTRY_SIZE: usize = size_of::<xen_hypfs_dirlistentry>();

/// `DIRENTRY_SIZE(name_len)`: an entry, its name and NUL, padded to 4.
fn direntry_size(name: &str) -> u32 {
    (NAME_OFF + (name.len() + 1).next_multiple_of(4)) as u32
}

fn str_leaf(text: &str) -> Node {
    Node::Str(text.to_owned())
}

impl Node {
    /// The tree of `host`.
    fn tree(host: &HostConfig) -> Node {
        let compileinfo = Node::Dir(vec![
            ("compile_by", str_leaf(&host.compile_by)),
            ("compile_date", str_leaf(&host.compile_date)),
            ("compile_domain", str_leaf(&host.compile_domain)),
            ("compiler", str_leaf(&host.compiler)),
        ]);
        let version = Node::Dir(vec![
            ("extra", str_leaf(&host.extraversion)),
            ("major", Node::Uint(u32::from(host.major))),
            ("minor", Node::Uint(u32::from(host.minor))),
        ]);
        let buildinfo = Node::Dir(vec![
            ("changeset", str_leaf(&host.changeset)),
            ("compileinfo", compileinfo),
            ("version", version),
        ]);
        Node::Dir(vec![("buildinfo", buildinfo)])
    }

    fn kind(&self) -> u8 {
        match self {
            Node::Dir(_) => XEN_HYPFS_TYPE_DIR,
            Node::Str(_) => XEN_HYPFS_TYPE_STRING,
            Node::Uint(_) => XEN_HYPFS_TYPE_UINT,
        }
    }

    /// The contents' length.
    fn size(&self) -> u32 {
        match self {
            Node::Dir(children) => children.iter().map(|(name, _)| direntry_size(name)).sum(),
            Node::Str(s) => s.len() as u32 + 1,
            Node::Uint(_) => size_of::<u32>() as u32,
        }
    }

    fn header(&self) -> xen_hypfs_direntry {
        xen_hypfs_direntry {
            r#type: self.kind(),
            encoding: XEN_HYPFS_ENC_PLAIN,
            pad: 0,
            content_len: self.size(),
            max_write_len: 0,
        }
    }

    /// `hypfs_get_entry`: `path` must start with `/`; each component must
    /// name a child of a directory.
    fn find(&self, path: &[u8]) -> Result<&Node, XenErrno> {
        let rest = path.strip_prefix(b"/").ok_or(XenErrno(XEN_EINVAL))?;
        let mut node = self;
        let mut rest = rest;
        loop {
            let Node::Dir(children) = node else {
                return Err(XenErrno(XEN_ENOENT));
            };
            if rest.is_empty() {
                return Ok(node);
            }
            let end = rest.iter().position(|&b| b == b'/');
            let name = &rest[..end.unwrap_or(rest.len())];
            node = children
                .iter()
                .find(|(n, _)| n.as_bytes() == name)
                .map(|(_, child)| child)
                .ok_or(XenErrno(XEN_ENOENT))?;
            match end {
                Some(at) => rest = &rest[at + 1..],
                None => return Ok(node),
            }
        }
    }
}

impl Ctx<'_> {
    /// `HYPERVISOR_hypfs_op(cmd, arg1, arg2, arg3, arg4)`.
    pub(super) fn hypfs_op(
        &mut self,
        [cmd, path, path_len, buf, buf_len]: [u64; 5],
    ) -> Result<u64, XenErrno> {
        let cmd = cmd as u32;
        if cmd == XEN_HYPFS_OP_get_version {
            return if path != 0 || path_len != 0 || buf != 0 || buf_len != 0 {
                Err(XenErrno(XEN_EINVAL))
            } else {
                Ok(u64::from(XEN_HYPFS_VERSION))
            };
        }
        // `hypfs_get_path_user`: at most XEN_HYPFS_MAX_PATHLEN bytes, the
        // only NUL the last.
        if path_len > XEN_HYPFS_MAX_PATHLEN as u64 {
            return Err(XenErrno(XEN_EINVAL));
        }
        let bytes = self.mem.read_bytes(path, path_len as usize)?;
        if bytes.iter().position(|&b| b == 0) != Some(bytes.len().wrapping_sub(1)) {
            return Err(XenErrno(XEN_EINVAL));
        }
        let tree = Node::tree(&self.st.host);
        let node = tree.find(&bytes[..bytes.len() - 1])?;
        match cmd {
            XEN_HYPFS_OP_read => self.hypfs_read(node, buf, buf_len),
            // Every node of the model is read-only (`hypfs_write_deny`).
            XEN_HYPFS_OP_write_contents => Err(XenErrno(XEN_EACCES)),
            _ => Err(XenErrno(XEN_EOPNOTSUPP)),
        }
    }

    /// `hypfs_read`: the entry's header, then (room permitting, else
    /// `ENOBUFS`) its contents.
    fn hypfs_read(&self, node: &Node, buf: u64, len: u64) -> Result<u64, XenErrno> {
        let header = node.header();
        if len < size_of::<xen_hypfs_direntry>() as u64 {
            return Err(XenErrno(XEN_EINVAL));
        }
        self.mem.write(buf, &header)?;
        let contents_len = u64::from(header.content_len);
        if len < contents_len + size_of::<xen_hypfs_direntry>() as u64 {
            return Err(XenErrno(XEN_ENOBUFS));
        }
        let at = self.mem.offset(buf, size_of::<xen_hypfs_direntry>())?;
        match node {
            Node::Str(s) => {
                let mut text = s.as_bytes().to_vec();
                text.push(0);
                self.mem.write_bytes(at, &text)?;
            }
            Node::Uint(v) => self.mem.write(at, v)?,
            Node::Dir(children) => {
                let mut entry_at = at;
                for (i, (name, child)) in children.iter().enumerate() {
                    let size = direntry_size(name);
                    let last = i + 1 == children.len();
                    // The 16-byte `xen_hypfs_dirlistentry` (its last two
                    // bytes are padding the name then covers), then the
                    // name and its NUL at offset 14.
                    let mut record = [0u8; DIRLISTENTRY_SIZE];
                    let h = child.header();
                    record[0] = h.r#type;
                    record[1] = h.encoding;
                    record[4..8].copy_from_slice(&h.content_len.to_ne_bytes());
                    record[8..12].copy_from_slice(&h.max_write_len.to_ne_bytes());
                    let next = if last { 0 } else { size as u16 };
                    let off_next = offset_of!(xen_hypfs_dirlistentry, off_next);
                    record[off_next..off_next + 2].copy_from_slice(&next.to_ne_bytes());
                    self.mem.write_bytes(entry_at, &record)?;
                    let mut text = name.as_bytes().to_vec();
                    text.push(0);
                    self.mem
                        .write_bytes(self.mem.offset(entry_at, NAME_OFF)?, &text)?;
                    entry_at = self.mem.offset(entry_at, size as usize)?;
                }
            }
        }
        Ok(0)
    }
}
