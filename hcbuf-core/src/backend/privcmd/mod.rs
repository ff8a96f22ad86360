//! [`Privcmd`]: hypercalls through Linux's privcmd driver.
//!
//! In a Linux dom0, user space issues a hypercall with the
//! `IOCTL_PRIVCMD_HYPERCALL` ioctl on the privcmd device: the kernel takes
//! the hypercall number and the five registers from a
//! [`privcmd_hypercall`], makes the call, and returns Xen's result.
//!
//! # The device
//! [`Privcmd::open`] opens [`PRIVCMD_DEVICE`] (`/dev/xen/privcmd`, created
//! by the `xen-privcmd` module) and, if that does not exist, the older
//! [`PRIVCMD_PROC`] (`/proc/xen/privcmd`, from a mounted `xenfs`). Only
//! "no such file" moves on to the next path: any other failure (say
//! `EACCES` for an unprivileged user) is returned as it is. On a machine
//! without Xen neither path exists and `open` returns
//! [`OpenError::NotFound`], naming both: the cue for a caller to fall back
//! to a software model of Xen. [`Privcmd::open_path`] opens one given path.
//!
//! # Results and errors
//! A failing hypercall returns `-errno`; the kernel passes it on as the
//! ioctl's error, so the call returns -1 with `errno` set to Xen's errno,
//! which [`hypercall`](Backend::hypercall) returns as [`XenErrno`]. Xen's
//! errno values are x86 Linux's (`public/errno.h`; a unit test checks
//! them against `libc`), so the value needs no translation. The kernel may
//! also refuse the ioctl itself, with an errno of its own that looks the
//! same: `EFAULT` for an unreadable [`privcmd_hypercall`], `EPERM` once the
//! descriptor is [restricted](Privcmd::restrict), `ENOTTY` if the file is
//! not a privcmd device.
//!
//! # Results wider than 31 bits
//! The kernel returns the hypercall's `long` result, but `ioctl(2)` returns
//! an `int`: only its low 32 bits arrive. That is enough for almost every
//! call, but not for the few `memory_op` commands whose answer is a
//! number that can exceed `i32::MAX` (`XENMEM_maximum_ram_page`,
//! `XENMEM_maximum_gpfn`, reservations on large hosts).
//! [`Privcmd::hypercall_wide`] issues such a call as a one-entry
//! `multicall`, as libxc's `do_memory_op` does: Xen writes the carried
//! call's full 64-bit result into the entry, in pool memory, and the
//! multicall's own result is 0.
//!
//! # Foreign memory, device-model calls, restriction
//! Beyond hypercalls, the privcmd device maps other domains' memory into
//! this process and issues `dm_op` with buffers the kernel pins itself:
//! - [`Privcmd::map_foreign`] (`IOCTL_PRIVCMD_MMAPBATCH_V2`) maps a list
//!   of a domain's frames, and [`Privcmd::map_resource`]
//!   (`IOCTL_PRIVCMD_MMAP_RESOURCE`) a run of frames of one of its
//!   resources (grant table, ioreq server pages, vmtrace buffers); each
//!   returns a [`ForeignMapping`], which owns the region and unmaps it on
//!   drop. `map_foreign` allocates the per-frame error array itself, one
//!   `int` per frame: the kernel clears and fills `num` of them, so an
//!   array shorter than the frame list cannot be passed from safe code.
//! - [`Privcmd::dm_op`] (`IOCTL_PRIVCMD_DM_OP`) takes its buffers as
//!   [`DmOpBuf`]s, each made from one `&mut [u8]` whose length it carries.
//! - [`Privcmd::restrict`] (`IOCTL_PRIVCMD_RESTRICT`) limits the
//!   descriptor to one domain.
//!
//! ```no_run
//! use hcbuf_core::api::Xen;
//! use hcbuf_core::backend::privcmd::{MapAccess, Privcmd};
//! use hcbuf_core::Pool;
//!
//! let xen = Xen::new(Privcmd::open()?, Pool::new()?);
//! # let domid = 1;
//! // A PV domain's first page: its machine frame, then a mapping of it.
//! xen.set_max_mem(domid, 4)?;
//! let mfns = xen.populate_physmap(domid, 0, &[0])?;
//! let page = xen.backend().map_foreign(domid, &mfns, MapAccess::Writable)?;
//! page.write(0, b"hello")?;
//! assert_eq!(page.read_vec(0, 5)?, b"hello");
//! // Unmapped when `page` is dropped.
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ```no_run
//! use hcbuf_core::backend::Privcmd;
//! use hcbuf_core::sys::version::XENVER_version;
//! use hcbuf_core::xen::memory::MaximumRamPage;
//! use hcbuf_core::xen::version::VersionNumber;
//! use hcbuf_core::{Backend, Pool};
//!
//! let xen = Privcmd::open()?;
//! let version = xen.hypercall(&VersionNumber::default())?;
//! println!("Xen {}.{}", version >> 16, version & 0xffff);
//!
//! let pool = Pool::new()?;
//! let max_mfn = xen.hypercall_wide(&pool, &MaximumRamPage::new())?;
//! println!("highest RAM frame: {max_mfn:#x}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use hcbuf_sys::privcmd::{IOCTL_PRIVCMD_HYPERCALL, IOCTL_PRIVCMD_RESTRICT, privcmd_hypercall};
use hcbuf_sys::xen::domid_t;

use crate::args::HypercallArgs;
use crate::backend::WideError;
use crate::backend::{Backend, XenErrno};
use crate::pool::Pool;

/// The privcmd device of the `xen-privcmd` module.
pub const PRIVCMD_DEVICE: &str = "/dev/xen/privcmd";

/// The privcmd file of `xenfs` (mounted on `/proc/xen`), for kernels
/// without [`PRIVCMD_DEVICE`].
pub const PRIVCMD_PROC: &str = "/proc/xen/privcmd";

/// Opening the privcmd device failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// None of the paths exists: not a Xen domain, or the `xen-privcmd`
    /// module is not loaded.
    #[error(
        "no Xen privcmd device (tried {}): not a Xen dom0, or xen-privcmd is not loaded",
        Tried(tried)
    )]
    NotFound {
        /// The paths tried, in order.
        tried: Vec<PathBuf>,
    },
    /// A path exists but could not be opened.
    #[error("cannot open {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

/// Paths, for messages: `a, b`.
struct Tried<'a>(&'a [PathBuf]);

impl fmt::Display for Tried<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, path) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", path.display())?;
        }
        Ok(())
    }
}

/// A [`Backend`] on an open privcmd device: each hypercall is one
/// `IOCTL_PRIVCMD_HYPERCALL`.
///
/// One file descriptor, shared: `Privcmd` is `Send + Sync`, and threads
/// may issue calls on it at once (the kernel keeps no per-call state on
/// the descriptor). The descriptor is closed on drop, and on `exec`
/// (`O_CLOEXEC`).
#[derive(Debug)]
pub struct Privcmd {
    file: File,
    path: PathBuf,
}

impl Privcmd {
    /// Opens [`PRIVCMD_DEVICE`], or [`PRIVCMD_PROC`] if the first does not
    /// exist. See the [module documentation](self).
    ///
    /// # Errors
    /// [`OpenError::NotFound`] (listing both paths) if neither exists;
    /// [`OpenError::Io`] if one exists but cannot be opened.
    pub fn open() -> Result<Privcmd, OpenError> {
        let mut tried = Vec::new();
        for path in [PRIVCMD_DEVICE, PRIVCMD_PROC] {
            match Privcmd::open_path(path) {
                Err(OpenError::NotFound { tried: mut t }) => tried.append(&mut t),
                other => return other,
            }
        }
        Err(OpenError::NotFound { tried })
    }

    /// Opens the privcmd device at `path`, read-write.
    ///
    /// Nothing checks that the file is a privcmd device: on any other file
    /// every call fails (with `ENOTTY`, usually).
    ///
    /// # Errors
    /// [`OpenError::NotFound`] if `path` does not exist, [`OpenError::Io`]
    /// for any other failure.
    pub fn open_path(path: impl AsRef<Path>) -> Result<Privcmd, OpenError> {
        let path = path.as_ref();
        // std sets O_CLOEXEC itself; spelled out because the descriptor
        // must not leak into children that `exec`.
        let opened = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_CLOEXEC)
            .open(path);
        match opened {
            Ok(file) => Ok(Privcmd {
                file,
                path: path.to_path_buf(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(OpenError::NotFound {
                tried: vec![path.to_path_buf()],
            }),
            Err(source) => Err(OpenError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// The path this device was opened at.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Restricts this descriptor to domain `domid` (`IOCTL_PRIVCMD_RESTRICT`,
    /// Linux ≥ 4.11), for a device model that should not be able to touch
    /// other domains.
    ///
    /// It cannot be undone. Afterwards the kernel refuses every
    /// [`hypercall`](Backend::hypercall) on this descriptor with `EPERM`
    /// (which arrives as [`XenErrno`] 1), and accepts only the
    /// domain-targeted ioctls (`DM_OP`, foreign mappings) naming `domid`.
    /// Restricting again to the same domain succeeds; to another, fails
    /// with `EINVAL`.
    ///
    /// # Errors
    /// The ioctl's error: `EINVAL` as above, `ENOTTY` on a kernel (or a
    /// file) without the ioctl.
    pub fn restrict(&self, domid: domid_t) -> io::Result<()> {
        let dom = domid;
        // SAFETY: the ioctl reads one `domid_t` through the pointer (the
        // request's encoded size is `size_of::<domid_t>()`); `dom` is a
        // live local for the duration of the call, and the kernel keeps no
        // reference to it.
        let ret = unsafe {
            libc::ioctl(
                self.file.as_raw_fd(),
                IOCTL_PRIVCMD_RESTRICT as libc::Ioctl,
                &raw const dom,
            )
        };
        if ret == -1 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    /// Issues `args` as a one-entry `multicall` and returns its result at
    /// full width: for calls whose result may not fit in the ioctl's `int`
    /// (see the [module documentation](self)). The entry is allocated from
    /// `pool` for the duration of the call.
    ///
    /// The multicall's own result is 0 on success; the carried call's
    /// result (or `-errno`) is read from the entry. See
    /// [`backend::hypercall_wide`](crate::backend::hypercall_wide).
    ///
    /// # Errors
    /// [`WideError::Alloc`] if the pool cannot allocate the 64-byte entry;
    /// [`WideError::Xen`] if the multicall or the carried call fails.
    pub fn hypercall_wide<A: HypercallArgs>(
        &self,
        pool: &Pool,
        args: &A,
    ) -> Result<u64, WideError> {
        crate::backend::hypercall_wide(self, pool, args)
    }
}

impl AsFd for Privcmd {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }
}

impl Backend for Privcmd {
    /// One `IOCTL_PRIVCMD_HYPERCALL`.
    ///
    /// The ioctl returns an `int`, so only the low 32 bits of the result
    /// arrive: a result that is not below 2³¹ arrives negative and is
    /// returned as those 32 bits, zero-extended (exact below 2³², except
    /// 2³² - 1, which is indistinguishable from the ioctl's -1). For such
    /// results use [`Privcmd::hypercall_wide`].
    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        let mut call = privcmd_hypercall {
            op: A::OP,
            arg: args.registers(),
        };
        // SAFETY: the ioctl reads one `privcmd_hypercall` through the
        // pointer (its encoded size is that struct's); `call` is a live
        // local for the duration of the call, and the kernel keeps no
        // reference to it. The addresses among the registers are Xen's to
        // follow: `HypercallArgs` (sealed, derived) guarantees each is a
        // guest handle to hypercall-safe pool memory borrowed by `args`,
        // which outlives this call.
        let ret = unsafe {
            libc::ioctl(
                self.file.as_raw_fd(),
                IOCTL_PRIVCMD_HYPERCALL as libc::Ioctl,
                &raw mut call,
            )
        };
        match ret {
            -1 => {
                let errno = io::Error::last_os_error()
                    .raw_os_error()
                    .unwrap_or(libc::EIO);
                Err(XenErrno(errno))
            }
            // A result of 2³¹ or more, cut to an `int` by `ioctl(2)`.
            _ => Ok(u64::from(ret as u32)),
        }
    }
}

mod dm_op;
mod foreign;

pub use dm_op::DmOpBuf;
pub use foreign::{
    AccessError, ForeignError, ForeignMapping, MAX_MAP_FRAMES, MapAccess, XEN_PAGE_SIZE,
};

#[cfg(test)]
mod tests {
    use super::foreign::{MmapBatch, Region, page_count};
    use super::*;
    use crate::xen::memory::MaximumRamPage;
    use crate::xen::version::VersionNumber;
    use hcbuf_sys::arch::xen_pfn_t;
    use hcbuf_sys::errno::*;
    use hcbuf_sys::privcmd::privcmd_dm_op_buf;
    use hcbuf_sys::xen::DOMID_SELF;
    use std::ffi::{c_int, c_uint};
    use std::ptr::NonNull;

    /// What `ioctl(2)` on a file that does not support it fails with.
    const ENOTTY: i32 = libc::ENOTTY;

    #[cfg(feature = "dom0-tests")]
    /// Hypercall 60, which Xen does not have: one integer.
    struct NoSuchHypercall;

    // SAFETY: Xen has no hypercall 60 (it answers `ENOSYS`), so no
    // register is read as an address.
    #[cfg(feature = "dom0-tests")]
    unsafe impl crate::signature::Signature for NoSuchHypercall {
        const TEXT: &'static str = "hypercall 60(unsigned int)";
        type R0 = crate::signature::kind::Int;
        type R1 = crate::signature::kind::Absent;
        type R2 = crate::signature::kind::Absent;
        type R3 = crate::signature::kind::Absent;
        type R4 = crate::signature::kind::Absent;
    }

    /// An op Xen does not implement.
    #[cfg(feature = "dom0-tests")]
    #[derive(crate::HypercallArgs)]
    #[hypercall(op = 60, signature = NoSuchHypercall)]
    struct Op60 {
        cmd: u32,
    }

    /// A `ForeignMapping` over anonymous memory (`pages` pages, `errors`
    /// per page), to test the accessors without Xen.
    fn anonymous_mapping(errors: &[c_int], writable: bool) -> ForeignMapping {
        let len = errors.len() * XEN_PAGE_SIZE;
        // SAFETY: a new private anonymous mapping at an address the kernel
        // chooses; `Region`'s drop unmaps it.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        assert_ne!(ptr, libc::MAP_FAILED);
        ForeignMapping {
            region: Region {
                ptr: NonNull::new(ptr.cast()).unwrap(),
                len,
                writable,
                pid: std::process::id(),
            },
            errors: errors.into(),
            domid: 7,
        }
    }

    #[test]
    fn page_counts_are_checked_before_anything_is_mapped() {
        const CALL: &str = "privcmd mmapbatch_v2";
        let page = XEN_PAGE_SIZE as libc::c_long;
        assert_eq!(page_count(CALL, 1, page).unwrap(), 1);
        assert_eq!(page_count(CALL, 513, page).unwrap(), 513);
        assert_eq!(
            page_count(CALL, MAX_MAP_FRAMES, page).unwrap() as u64,
            MAX_MAP_FRAMES
        );
        // The bytes of the largest fit an isize, and its count a c_uint.
        assert!(MAX_MAP_FRAMES * XEN_PAGE_SIZE as u64 <= isize::MAX as u64);
        assert!(MAX_MAP_FRAMES <= u64::from(c_uint::MAX));
        let message = |r: Result<usize, ForeignError>| match r {
            Err(e @ ForeignError::Invalid { .. }) => {
                assert_eq!(e.raw_os_error(), None);
                e.to_string()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            message(page_count(CALL, 0, page)),
            "privcmd mmapbatch_v2: no frames to map"
        );
        assert!(
            message(page_count(CALL, MAX_MAP_FRAMES + 1, page)).contains("one call maps at most"),
        );
        assert!(message(page_count(CALL, u64::MAX, page)).contains("one call maps at most"));
        assert_eq!(
            message(page_count(CALL, 1, 65536)),
            "privcmd mmapbatch_v2: Linux's page size is 65536 bytes, not Xen's 4096: not supported"
        );
    }

    #[test]
    fn the_error_array_is_as_long_as_the_frame_list() {
        for n in [1usize, 2, 511, 512, 513, 4096] {
            let frames: Vec<xen_pfn_t> = (0..n as u64).map(|f| f + 0x1000).collect();
            let mut batch = MmapBatch::new("t", &frames).unwrap();
            assert_eq!(batch.frames.len(), n);
            assert_eq!(batch.errors.len(), n);
            assert!(batch.errors.iter().all(|&e| e == 0));
            let (arr, err) = (batch.frames.as_ptr(), batch.errors.as_mut_ptr());
            let arg = batch.ioctl_arg(3, 0x7000_0000);
            assert_eq!(arg.num as usize, n);
            assert_eq!((arg.dom, arg.addr), (3, 0x7000_0000));
            assert_eq!(arg.arr, arr);
            assert_eq!(arg.err, err);
            // The frames were copied, not borrowed.
            assert_eq!(&*batch.frames, &frames[..]);
        }
        assert!(matches!(
            MmapBatch::new("t", &[]),
            Err(ForeignError::Invalid { .. })
        ));
    }

    #[test]
    fn the_callers_own_domain_is_never_mapped() {
        let null = Privcmd::open_path("/dev/null").unwrap();
        for own in [0, DOMID_SELF, 0x7ff0, 0x7ff1, 0x7ff2, 0x7fff] {
            // Refused before any mmap or ioctl (else /dev/null's ENODEV).
            let e = null
                .map_foreign(own, &[0x1000], MapAccess::ReadOnly)
                .unwrap_err();
            assert!(
                matches!(
                    e,
                    ForeignError::Invalid {
                        call: "privcmd mmapbatch_v2",
                        ..
                    }
                ),
                "{e}"
            );
            let why = e.to_string();
            assert!(
                why.contains("the caller's own") || why.contains("reserved id"),
                "{e}"
            );
            let e = null
                .map_resource(own, 1, 0, 0, 1, MapAccess::Writable)
                .unwrap_err();
            assert!(
                matches!(
                    e,
                    ForeignError::Invalid {
                        call: "privcmd mmap_resource",
                        ..
                    }
                ),
                "{e}"
            );
        }
    }

    #[test]
    fn mapping_through_a_file_that_is_not_privcmd_fails_cleanly() {
        let null = Privcmd::open_path("/dev/null").unwrap();
        // /dev/null cannot be mapped: the mmap fails, nothing leaks.
        match null.map_foreign(1, &[0x1000, 0x1001], MapAccess::Writable) {
            Err(e @ ForeignError::Os { call, .. }) => {
                assert_eq!(call, "privcmd mmapbatch_v2");
                assert_eq!(e.raw_os_error(), Some(libc::ENODEV), "{e}");
            }
            other => panic!("{other:?}"),
        }
        match null.map_resource(1, 1, 0, 0, 1, MapAccess::ReadOnly) {
            Err(e @ ForeignError::Os { call, .. }) => {
                assert_eq!(call, "privcmd mmap_resource");
                assert_eq!(e.raw_os_error(), Some(libc::ENODEV), "{e}");
            }
            other => panic!("{other:?}"),
        }
        // Refused before any mmap.
        assert!(matches!(
            null.map_foreign(1, &[], MapAccess::ReadOnly),
            Err(ForeignError::Invalid { .. })
        ));
        assert!(matches!(
            null.map_resource(1, 1, 0, 0, 0, MapAccess::ReadOnly),
            Err(ForeignError::Invalid { .. })
        ));
        match null.map_resource(1, 1, 0, u32::MAX, 2, MapAccess::ReadOnly) {
            Err(e @ ForeignError::Invalid { .. }) => {
                assert!(e.to_string().contains("past 2^32"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        assert!(
            null.map_resource(1, 1, 0, u32::MAX, 1, MapAccess::ReadOnly)
                .is_err()
        );
        // The ioctls without a mapping reach the file and are refused.
        assert_eq!(
            null.resource_size(1, 1, 0).unwrap_err().raw_os_error(),
            Some(ENOTTY)
        );
        let mut a = [0u8; 16];
        let mut bufs = [DmOpBuf::new(&mut a)];
        match null.dm_op(1, &mut bufs) {
            Err(e @ ForeignError::Os { call, .. }) => {
                assert_eq!(call, "privcmd dm_op");
                assert_eq!(e.raw_os_error(), Some(ENOTTY));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            null.dm_op(1, &mut []).unwrap_err().raw_os_error(),
            Some(ENOTTY)
        );
    }

    #[test]
    fn dm_op_buffers_carry_their_slices_length() {
        assert_eq!(size_of::<DmOpBuf<'_>>(), size_of::<privcmd_dm_op_buf>());
        assert_eq!(align_of::<DmOpBuf<'_>>(), align_of::<privcmd_dm_op_buf>());
        let mut bytes = [0u8; 40];
        let ptr = bytes.as_mut_ptr();
        let buf = DmOpBuf::from(&mut bytes[..]);
        assert_eq!((buf.len(), buf.is_empty()), (40, false));
        assert_eq!((buf.raw.uptr.cast::<u8>(), buf.raw.size), (ptr, 40));
        let buf = DmOpBuf::new(&mut bytes[8..12]);
        assert_eq!(buf.raw.uptr.cast::<u8>(), ptr.wrapping_add(8));
        assert_eq!(buf.len(), 4);
        // Empty: null, so the kernel pins no page for it.
        let buf = DmOpBuf::new(&mut []);
        assert!(buf.raw.uptr.is_null() && buf.is_empty());
        // More than a 16-bit count: refused before the ioctl.
        let null = Privcmd::open_path("/dev/null").unwrap();
        let mut many: Vec<DmOpBuf<'_>> = (0..=u16::MAX as usize + 1)
            .map(|_| DmOpBuf::new(&mut []))
            .collect();
        match null.dm_op(1, &mut many) {
            Err(e @ ForeignError::Invalid { .. }) => {
                assert!(e.to_string().contains("65537 buffers"), "{e}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mapping_accessors_stay_inside_mapped_pages() {
        let m = anonymous_mapping(&[0, 0, -libc::ENOENT, 0], true);
        assert_eq!((m.len(), m.pages(), m.domid()), (4 * 4096, 4, 7));
        assert!(!m.is_empty() && m.writable() && !m.all_mapped());
        assert_eq!(m.errors(), &[0, 0, -libc::ENOENT, 0]);
        assert_eq!(m.error(2), Some(XenErrno(libc::ENOENT)));
        assert_eq!((m.error(0), m.error(9)), (None, None));

        // Across the first two pages.
        let pattern: Vec<u8> = (0..6000u32).map(|i| (i * 7) as u8).collect();
        m.write(100, &pattern).unwrap();
        assert_eq!(m.read_vec(100, 6000).unwrap(), pattern);
        let mut one = [0u8; 1];
        m.read(6099, &mut one).unwrap();
        assert_eq!(one[0], pattern[5999]);
        m.write(3 * 4096, b"last page").unwrap();
        assert_eq!(m.read_vec(3 * 4096, 9).unwrap(), b"last page");
        assert_eq!(m.read_vec(m.len(), 0).unwrap(), b"");

        // Into the unmapped page, from either side: refused, untouched.
        let not_mapped = AccessError::NotMapped {
            page: 2,
            errno: XenErrno(libc::ENOENT),
        };
        assert_eq!(m.read_vec(8190, 3).unwrap_err(), not_mapped);
        assert_eq!(m.write(3 * 4096 - 1, b"ab").unwrap_err(), not_mapped);
        assert_eq!(m.read(2 * 4096, &mut one).unwrap_err(), not_mapped);
        assert_eq!(m.read_vec(0, m.len()).unwrap_err(), not_mapped);
        assert_eq!(not_mapped.to_string(), "page 2 is not mapped: ENOENT (2)");
        // SAFETY: nothing else touches this anonymous memory.
        assert!(unsafe { m.as_slice() }.is_err());

        // Outside.
        let size = m.len();
        assert_eq!(
            m.read_vec(size - 1, 2),
            Err(AccessError::OutOfRange {
                offset: size - 1,
                len: 2,
                size
            })
        );
        assert!(matches!(
            m.write(usize::MAX, b"x"),
            Err(AccessError::OutOfRange { .. })
        ));
        assert!(matches!(
            m.read_vec(1, usize::MAX),
            Err(AccessError::OutOfRange { .. })
        ));
    }

    #[test]
    fn read_only_mappings_refuse_writes() {
        let mut m = anonymous_mapping(&[0], false);
        assert!(!m.writable() && m.all_mapped());
        assert_eq!(m.write(0, b"x"), Err(AccessError::ReadOnly));
        assert_eq!(m.read_vec(0, 4).unwrap(), [0; 4]);
        // SAFETY: nothing else touches this anonymous memory.
        unsafe {
            assert_eq!(m.as_slice().unwrap().len(), 4096);
            assert_eq!(m.as_mut_slice().unwrap_err(), AccessError::ReadOnly);
        }
        let mut w = anonymous_mapping(&[0, 0], true);
        // SAFETY: as above.
        unsafe { w.as_mut_slice().unwrap()[4097] = 9 };
        assert_eq!(w.read_vec(4096, 2).unwrap(), [0, 9]);
    }

    #[test]
    fn a_child_of_fork_neither_touches_nor_unmaps_the_mapping() {
        let m = anonymous_mapping(&[0], true);
        m.write(0, b"parent").unwrap();
        // As in a child of fork(): another process id.
        let mut child = anonymous_mapping(&[0], true);
        child.region.pid = std::process::id().wrapping_add(1);
        assert_eq!(child.read_vec(0, 1), Err(AccessError::Forked));
        assert_eq!(child.write(0, b"x"), Err(AccessError::Forked));
        // SAFETY: refused before any slice is made.
        assert_eq!(unsafe { child.as_slice() }, Err(AccessError::Forked));
        let addr = child.as_ptr() as usize;
        drop(child);
        // Still mapped: the "child" did not unmap it.
        let mut residency = [0u8; 1];
        // SAFETY: mincore only inspects the page tables (ENOMEM if the
        // range is unmapped) and writes one byte to `residency`.
        let mapped =
            unsafe { libc::mincore(addr as *mut libc::c_void, 4096, residency.as_mut_ptr()) };
        assert_eq!(mapped, 0, "{}", io::Error::last_os_error());
        // SAFETY: the page the dropped mapping left mapped, unmapped here
        // as its parent would.
        assert_eq!(unsafe { libc::munmap(addr as *mut libc::c_void, 4096) }, 0);
        assert_eq!(m.read_vec(0, 6).unwrap(), b"parent");
    }

    #[test]
    fn foreign_mappings_are_send_and_sync() {
        static_assertions::assert_impl_all!(ForeignMapping: Send, Sync);
        static_assertions::assert_not_impl_any!(DmOpBuf<'static>: Clone, Copy);
        let m = anonymous_mapping(&[0], true);
        std::thread::scope(|s| {
            s.spawn(|| m.write(0, &[1; 64]).unwrap());
            s.spawn(|| m.write(64, &[2; 64]).unwrap());
        });
        assert_eq!(m.read_vec(62, 4).unwrap(), [1, 1, 2, 2]);
        let moved = std::thread::spawn(move || m.read_vec(0, 1).unwrap()).join();
        assert_eq!(moved.unwrap(), [1]);
    }

    #[test]
    fn a_missing_path_is_not_found_with_the_path_tried() {
        let path = "/nonexistent/hcbuf/privcmd";
        match Privcmd::open_path(path) {
            Err(OpenError::NotFound { tried }) => assert_eq!(tried, vec![PathBuf::from(path)]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn open_tries_both_paths_when_there_is_no_xen() {
        let present = [PRIVCMD_DEVICE, PRIVCMD_PROC]
            .iter()
            .any(|p| Path::new(p).exists());
        match Privcmd::open() {
            Err(OpenError::NotFound { tried }) => {
                assert!(!present);
                assert_eq!(
                    tried,
                    vec![PathBuf::from(PRIVCMD_DEVICE), PathBuf::from(PRIVCMD_PROC)]
                );
                let message = OpenError::NotFound { tried }.to_string();
                assert!(message.contains("/dev/xen/privcmd, /proc/xen/privcmd"));
            }
            // In a dom0 (or as a user who may not open it).
            Ok(_) | Err(OpenError::Io { .. }) => assert!(present),
        }
    }

    #[test]
    fn a_directory_is_an_io_error_naming_the_path() {
        let dir = std::env::temp_dir();
        match Privcmd::open_path(&dir) {
            Err(OpenError::Io { path, source }) => {
                assert_eq!(path, dir);
                assert_eq!(source.raw_os_error(), Some(libc::EISDIR));
                let message = OpenError::Io { path, source }.to_string();
                assert!(message.starts_with(&format!("cannot open {}: ", dir.display())));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dev_null_opens_and_refuses_the_ioctls() {
        let null = Privcmd::open_path("/dev/null").unwrap();
        assert_eq!(null.path(), Path::new("/dev/null"));
        assert_eq!(
            null.hypercall(&VersionNumber::default()),
            Err(XenErrno(ENOTTY))
        );
        assert_eq!(
            null.restrict(DOMID_SELF).unwrap_err().raw_os_error(),
            Some(ENOTTY)
        );
        let pool = Pool::locked_anonymous();
        match null.hypercall_wide(&pool, &MaximumRamPage::new()) {
            Err(WideError::Xen(e)) => assert_eq!(e, XenErrno(ENOTTY)),
            other => panic!("{other:?}"),
        }
        assert_eq!(pool.stats().live(), 0);
    }

    #[test]
    fn the_descriptor_is_close_on_exec() {
        let null = Privcmd::open_path("/dev/null").unwrap();
        // SAFETY: F_GETFD on a descriptor we own; no pointers.
        let flags = unsafe { libc::fcntl(null.as_fd().as_raw_fd(), libc::F_GETFD) };
        assert!(flags >= 0);
        assert_ne!(flags & libc::FD_CLOEXEC, 0);
    }

    #[test]
    fn privcmd_is_send_and_sync() {
        static_assertions::assert_impl_all!(Privcmd: Send, Sync);
        fn shared<T: Send + Sync>(_: &T) {}
        let null = Privcmd::open_path("/dev/null").unwrap();
        shared(&null);
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    assert_eq!(
                        null.hypercall(&VersionNumber::default()),
                        Err(XenErrno(ENOTTY))
                    );
                });
            }
        });
    }

    /// Xen's errno values are passed on as Linux's: they must be equal.
    #[test]
    #[cfg(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64"))]
    fn xen_errno_values_equal_linux_errno_values() {
        let mut checked = 0;
        macro_rules! same {
            ($($name:ident),* $(,)?) => {$(
                let xen = hcbuf_sys::errno::ABI
                    .consts
                    .iter()
                    .find(|c| c.name == concat!("XEN_", stringify!($name)))
                    .map(|c| c.value);
                assert_eq!(xen, Some(libc::$name as u64), stringify!($name));
                checked += 1;
            )*};
        }
        same!(
            EPERM,
            ENOENT,
            ESRCH,
            EIO,
            ENXIO,
            E2BIG,
            ENOEXEC,
            EBADF,
            ECHILD,
            EAGAIN,
            EWOULDBLOCK,
            ENOMEM,
            EACCES,
            EFAULT,
            EBUSY,
            EEXIST,
            EXDEV,
            ENODEV,
            ENOTDIR,
            EISDIR,
            EINVAL,
            ENFILE,
            EMFILE,
            ENOSPC,
            EROFS,
            EMLINK,
            EDOM,
            ERANGE,
            EDEADLK,
            EDEADLOCK,
            ENAMETOOLONG,
            ENOLCK,
            ENOSYS,
            ENOTEMPTY,
            ENODATA,
            ETIME,
            EBADMSG,
            EOVERFLOW,
            EILSEQ,
            ENOTSOCK,
            EMSGSIZE,
            EOPNOTSUPP,
            EADDRINUSE,
            EADDRNOTAVAIL,
            ENOBUFS,
            EISCONN,
            ENOTCONN,
            ETIMEDOUT,
            ECONNREFUSED,
        );
        // Every constant Xen defines was compared.
        assert_eq!(checked, hcbuf_sys::errno::ABI.consts.len());
        // The ones this backend's callers and docs lean on, spelled out.
        assert_eq!(XEN_EPERM, libc::EPERM);
        assert_eq!(XEN_ENOENT, libc::ENOENT);
        assert_eq!(XEN_ESRCH, libc::ESRCH);
        assert_eq!(XEN_EACCES, libc::EACCES);
        assert_eq!(XEN_EFAULT, libc::EFAULT);
        assert_eq!(XEN_EINVAL, libc::EINVAL);
        assert_eq!(XEN_ENOSYS, libc::ENOSYS);
        assert_eq!(XEN_EBUSY, libc::EBUSY);
        assert_eq!(XEN_EEXIST, libc::EEXIST);
        assert_eq!(XEN_E2BIG, libc::E2BIG);
        assert_eq!(XEN_ENOMEM, libc::ENOMEM);
    }

    /// Real hypercalls, built only with the `dom0-tests` feature, which
    /// the dom0 harness (`cargo xtask dom0`) enables inside a real dom0;
    /// there it fails unless privcmd opens. Values as seen in the QEMU
    /// dom0: Xen 4.x, ENOSYS for op 60, and `maximum_ram_page` the same
    /// either way on a small host.
    #[cfg(feature = "dom0-tests")]
    #[test]
    fn in_dom0_real_hypercalls() {
        let xen = Privcmd::open().expect("inside dom0, /dev/xen/privcmd opens");
        let version = xen.hypercall(&VersionNumber::default()).unwrap();
        assert!(version >> 16 >= 4, "{version:#x}");
        assert_eq!(xen.hypercall(&Op60 { cmd: 0 }), Err(XenErrno(XEN_ENOSYS)));
        let pool = Pool::new().unwrap();
        let narrow = xen.hypercall(&MaximumRamPage::new()).unwrap();
        let wide = xen.hypercall_wide(&pool, &MaximumRamPage::new()).unwrap();
        assert!(wide > 0);
        if wide < 1 << 31 {
            assert_eq!(narrow, wide);
        }
    }
}
