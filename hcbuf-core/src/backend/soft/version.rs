//! `xen_version` (`common/kernel.c`, `do_xen_version`), as dom0 sees it.

use std::mem::size_of;

use hcbuf_sys::errno::{XEN_EINVAL, XEN_ENOBUFS, XEN_ENODATA, XEN_ENOSYS};
use hcbuf_sys::version::*;

use hcbuf_sys::v4_20::version::{
    XENVER_capabilities2, XENVER_changeset2, XENVER_commandline2, XENVER_extraversion2,
};

use super::Ctx;
use super::state::CURRENT;
use crate::backend::XenErrno;
use crate::release::Release;

/// `text` as a NUL-terminated C string in `N` bytes, cut to `N - 1` bytes
/// as Xen's `safe_strcpy` does.
fn c_string<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [0u8; N];
    let len = text.len().min(N.saturating_sub(1));
    out[..len].copy_from_slice(&text.as_bytes()[..len]);
    out
}

/// As [`c_string`], as C `char`s.
impl Ctx<'_> {
    /// `HYPERVISOR_xen_version(cmd, arg)`.
    pub(super) fn xen_version(&mut self, [cmd, arg, ..]: [u64; 5]) -> Result<u64, XenErrno> {
        let host = &self.st.host;
        // `cmd` is a C `int`: its low 32 bits.
        match cmd as u32 {
            XENVER_version => Ok(u64::from(host.major) << 16 | u64::from(host.minor)),
            XENVER_extraversion => self
                .mem
                .write(arg, &c_string::<XEN_EXTRAVERSION_LEN>(&host.extraversion))
                .map(|()| 0),
            XENVER_compile_info => {
                let info = xen_compile_info {
                    compiler: c_string(&host.compiler),
                    compile_by: c_string(&host.compile_by),
                    compile_domain: c_string(&host.compile_domain),
                    compile_date: c_string(&host.compile_date),
                };
                self.mem.write(arg, &info).map(|()| 0)
            }
            XENVER_capabilities => self
                .mem
                .write(
                    arg,
                    &c_string::<XEN_CAPABILITIES_INFO_LEN>(&host.capabilities),
                )
                .map(|()| 0),
            XENVER_changeset => self
                .mem
                .write(arg, &c_string::<XEN_CHANGESET_INFO_LEN>(&host.changeset))
                .map(|()| 0),
            XENVER_platform_parameters => {
                let params = xen_platform_parameters {
                    virt_start: host.virt_start,
                };
                self.mem.write(arg, &params).map(|()| 0)
            }
            XENVER_get_features => {
                let mut fi: xen_feature_info = self.mem.read(arg)?;
                fi.submap = match fi.submap_idx {
                    0 => host.features,
                    _ => return Err(XenErrno(XEN_EINVAL)),
                };
                self.mem.write(arg, &fi).map(|()| 0)
            }
            XENVER_pagesize if arg != 0 => Err(XenErrno(XEN_EINVAL)),
            XENVER_pagesize => Ok(host.page_size),
            XENVER_guest_handle => {
                let handle = self.st.domains.get(&CURRENT).map_or([0; 16], |d| d.handle);
                self.mem.write(arg, &handle).map(|()| 0)
            }
            // Xen copies its whole saved command line buffer.
            XENVER_commandline => self
                .mem
                .write(arg, &c_string::<1024>(&host.command_line))
                .map(|()| 0),
            XENVER_build_id => self.build_id(arg),
            // New in 4.20 (4.17 answers `ENOSYS`): the strings, whole, in
            // a `xen_varbuf`.
            cmd @ (XENVER_extraversion2 | XENVER_capabilities2 | XENVER_changeset2
            | XENVER_commandline2)
                if host.release != Release::Xen4_17 =>
            {
                let text = match cmd {
                    XENVER_extraversion2 => &host.extraversion,
                    XENVER_capabilities2 => &host.capabilities,
                    XENVER_changeset2 => &host.changeset,
                    _ => &host.command_line,
                };
                let bytes = text.clone().into_bytes();
                self.varbuf(arg, &bytes)
            }
            _ => Err(XenErrno(XEN_ENOSYS)),
        }
    }

    /// 4.20's `xenver_varbuf_op` for a string: a null `arg` asks for the
    /// length; a `len` too small is `ENOBUFS` (nothing written); returns
    /// the length.
    fn varbuf(&mut self, arg: u64, bytes: &[u8]) -> Result<u64, XenErrno> {
        let size = bytes.len() as u64;
        if arg == 0 {
            return Ok(size);
        }
        let len: u32 = self.mem.read(arg)?;
        if size > u64::from(len) {
            return Err(XenErrno(XEN_ENOBUFS));
        }
        let buf = self.mem.offset(arg, size_of::<u32>())?;
        self.mem.write_bytes(buf, bytes).map(|()| size)
    }

    /// `XENVER_build_id`: `arg` is a `xen_build_id` (`len`, then the
    /// buffer). A null `arg` asks for the length; a zero `len` is `EINVAL`;
    /// a `len` too small for the id is `ENOBUFS` (nothing written). Returns
    /// the id's length.
    fn build_id(&mut self, arg: u64) -> Result<u64, XenErrno> {
        let len = if arg == 0 {
            None
        } else {
            let len: u32 = self.mem.read(arg)?;
            if len == 0 {
                return Err(XenErrno(XEN_EINVAL));
            }
            Some(len)
        };
        let id = &self.st.host.build_id;
        if id.is_empty() {
            return Err(XenErrno(XEN_ENODATA));
        }
        let size = id.len() as u64;
        match len {
            None => Ok(size),
            Some(len) if size > u64::from(len) => Err(XenErrno(XEN_ENOBUFS)),
            Some(_) => {
                let buf = self.mem.offset(arg, size_of::<u32>())?;
                self.mem.write_bytes(buf, id).map(|()| size)
            }
        }
    }
}
