//! Device-model operations through privcmd (`IOCTL_PRIVCMD_DM_OP`),
//! whose buffers the kernel pins itself.

use std::io;
use std::os::fd::AsRawFd;

use std::marker::PhantomData;

use hcbuf_sys::privcmd::{IOCTL_PRIVCMD_DM_OP, privcmd_dm_op, privcmd_dm_op_buf};
use hcbuf_sys::xen::domid_t;

use super::Privcmd;
use super::foreign::ForeignError;

/// One buffer of [`Privcmd::dm_op`]: a `privcmd_dm_op_buf` made from a
/// byte slice it borrows exclusively, its `size` the slice's length (an
/// empty slice is passed as a null buffer of size 0). Xen may read and
/// write the whole slice.
#[repr(transparent)]
#[derive(Debug)]
pub struct DmOpBuf<'a> {
    pub(super) raw: privcmd_dm_op_buf,
    _slice: PhantomData<&'a mut [u8]>,
}

impl<'a> DmOpBuf<'a> {
    /// The buffer over `bytes`.
    pub fn new(bytes: &'a mut [u8]) -> DmOpBuf<'a> {
        let uptr = if bytes.is_empty() {
            std::ptr::null_mut()
        } else {
            bytes.as_mut_ptr().cast()
        };
        DmOpBuf {
            raw: privcmd_dm_op_buf {
                uptr,
                size: bytes.len(),
            },
            _slice: PhantomData,
        }
    }

    /// Its length in bytes (what the kernel and Xen are told).
    pub fn len(&self) -> usize {
        self.raw.size
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.size == 0
    }
}

impl<'a> From<&'a mut [u8]> for DmOpBuf<'a> {
    fn from(bytes: &'a mut [u8]) -> Self {
        DmOpBuf::new(bytes)
    }
}

impl Privcmd {
    /// Issues a device-model operation on domain `domid`
    /// (`IOCTL_PRIVCMD_DM_OP`): `HYPERVISOR_dm_op(domid, bufs)`, whose
    /// buffers the kernel pins (they are ordinary memory, not pool
    /// memory) and Xen may read and write within their lengths. The first
    /// buffer holds the `xen_dm_op`. Returns the call's result (0).
    ///
    /// No buffers: the kernel returns 0 without calling Xen.
    ///
    /// # Errors
    /// [`ForeignError::Invalid`] for more than 65535 buffers (the count is
    /// 16 bits); [`ForeignError::Os`] with the kernel's error (`E2BIG` for
    /// more buffers than the `dm_op_max_nr_bufs` module parameter, 16 by
    /// default, or a buffer over `dm_op_buf_max_size`, 4096 bytes by
    /// default; `EPERM` when restricted to another domain) or Xen's
    /// (`ESRCH`, `EINVAL` for a domain that is not HVM, `EOPNOTSUPP` for
    /// an unknown op).
    pub fn dm_op(&self, domid: domid_t, bufs: &mut [DmOpBuf<'_>]) -> Result<u64, ForeignError> {
        const CALL: &str = "privcmd dm_op";
        let num = u16::try_from(bufs.len()).map_err(|_| ForeignError::Invalid {
            call: CALL,
            what: format!("{} buffers; the count is 16 bits", bufs.len()),
        })?;
        let mut arg = privcmd_dm_op {
            dom: domid,
            num,
            _pad: 0,
            ubufs: bufs.as_ptr().cast::<privcmd_dm_op_buf>(),
        };
        // SAFETY: the ioctl reads one `privcmd_dm_op` through the pointer,
        // and through it `num` `privcmd_dm_op_buf`s at `ubufs`: `bufs` has
        // exactly `num` elements, each a `DmOpBuf` (`repr(transparent)`
        // over `privcmd_dm_op_buf`). Each names a byte slice, or is null
        // with size 0, that it borrows exclusively for its lifetime, which
        // outlives this call (`bufs` is borrowed mutably here): the kernel
        // pins those pages and Xen reads and writes only within each
        // buffer's `size`, which is its slice's length.
        let ret = unsafe {
            libc::ioctl(
                self.file.as_raw_fd(),
                IOCTL_PRIVCMD_DM_OP as libc::Ioctl,
                &raw mut arg,
            )
        };
        if ret == -1 {
            return Err(ForeignError::Os {
                call: CALL,
                source: io::Error::last_os_error(),
            });
        }
        Ok(u64::from(ret as u32))
    }
}
