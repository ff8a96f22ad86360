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

use std::ffi::{c_int, c_uint};
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU8, Ordering};

use hcbuf_sys::arch::xen_pfn_t;
use hcbuf_sys::privcmd::{
    IOCTL_PRIVCMD_DM_OP, IOCTL_PRIVCMD_HYPERCALL, IOCTL_PRIVCMD_MMAP_RESOURCE,
    IOCTL_PRIVCMD_MMAPBATCH_V2, IOCTL_PRIVCMD_RESTRICT, privcmd_dm_op, privcmd_dm_op_buf,
    privcmd_hypercall, privcmd_mmap_resource, privcmd_mmapbatch_v2,
};
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

    /// Maps `frames` of domain `domid` into this process, one page each,
    /// in order (`IOCTL_PRIVCMD_MMAPBATCH_V2`), readable and, with
    /// [`MapAccess::Writable`], writable.
    ///
    /// The frames are the domain's GFNs: for a PV domain these are machine
    /// frames (what `populate_physmap` returned), for an HVM or PVH domain
    /// guest-physical frames.
    ///
    /// A frame that fails does not fail the call: the mapping comes back
    /// with that page unmapped and its error
    /// ([`ForeignMapping::error`]; `ENOENT` for a frame paged out, `EINVAL`
    /// or `EPERM` for one the domain does not own), and its accessors
    /// refuse that page (touching it would be `SIGBUS`). The error array
    /// the kernel fills is allocated here, one `int` per frame.
    ///
    /// # Errors
    /// [`ForeignError::Invalid`] for an empty list, a list longer than one
    /// call can map ([`MAX_MAP_FRAMES`]) or a Linux page size other than
    /// Xen's 4 KiB; [`ForeignError::Os`] if the `mmap` of the privcmd
    /// device or the ioctl fails (`EPERM` on a descriptor
    /// [restricted](Privcmd::restrict) to another domain, `EFAULT`,
    /// `ENOMEM`, `ENOTTY` on a file that is not privcmd).
    pub fn map_foreign(
        &self,
        domid: domid_t,
        frames: &[xen_pfn_t],
        access: MapAccess,
    ) -> Result<ForeignMapping, ForeignError> {
        const CALL: &str = "privcmd mmapbatch_v2";
        let mut batch = MmapBatch::new(CALL, frames)?;
        let region = Region::map(CALL, self, batch.frames.len(), access)?;
        let mut arg = batch.ioctl_arg(domid, region.addr());
        // SAFETY: the ioctl reads one `privcmd_mmapbatch_v2` through the
        // pointer (its encoded size is that struct's). Through it the
        // kernel reads `num` frames at `arr` and clears and writes `num`
        // ints at `err`: both boxes hold exactly `num` elements
        // (`MmapBatch` is built so) and outlive the call. It maps into
        // `addr..addr + num pages`, which is exactly `region`, a fresh
        // shared mapping of this privcmd descriptor that nothing else
        // references.
        let ret = unsafe {
            libc::ioctl(
                self.file.as_raw_fd(),
                IOCTL_PRIVCMD_MMAPBATCH_V2 as libc::Ioctl,
                &raw mut arg,
            )
        };
        if ret == -1 {
            let e = io::Error::last_os_error();
            // `ENOENT`: some frame is paged out; the others are mapped and
            // every error was written back.
            if e.raw_os_error() != Some(libc::ENOENT) {
                return Err(ForeignError::Os {
                    call: CALL,
                    source: e,
                });
            }
        }
        Ok(ForeignMapping {
            region,
            errors: batch.errors,
            domid,
        })
    }

    /// The size in frames of resource `kind` (`XENMEM_resource_*`) `id` of
    /// domain `domid` (`IOCTL_PRIVCMD_MMAP_RESOURCE` with no address).
    ///
    /// # Errors
    /// [`ForeignError::Os`] with the ioctl's error: Xen's (`EINVAL` for a
    /// resource the domain does not have, `ESRCH` for no such domain,
    /// `EOPNOTSUPP`), or the kernel's (`EPERM` when restricted to another
    /// domain, `ENOTTY`).
    pub fn resource_size(&self, domid: domid_t, kind: u16, id: u32) -> Result<u64, ForeignError> {
        const CALL: &str = "privcmd mmap_resource (size)";
        let mut arg = privcmd_mmap_resource {
            dom: domid,
            r#type: u32::from(kind),
            id,
            ..Default::default()
        };
        self.mmap_resource_ioctl(CALL, &mut arg)?;
        Ok(arg.num)
    }

    /// Maps `count` frames of resource `kind` (`XENMEM_resource_*`) `id` of
    /// domain `domid`, from frame `first` on (`IOCTL_PRIVCMD_MMAP_RESOURCE`,
    /// Linux ≥ 4.18). All or nothing: on success every page is mapped.
    ///
    /// # Errors
    /// [`ForeignError::Invalid`] for a count of 0, over [`MAX_MAP_FRAMES`],
    /// or reaching past frame 2³² (which Xen cannot address), or a Linux
    /// page size other than Xen's; [`ForeignError::Os`] if the `mmap` or
    /// the ioctl fails (Xen's `EINVAL` for frames past the resource's
    /// size, `EOPNOTSUPP` for a resource it cannot map for this caller).
    pub fn map_resource(
        &self,
        domid: domid_t,
        kind: u16,
        id: u32,
        first: u32,
        count: u64,
        access: MapAccess,
    ) -> Result<ForeignMapping, ForeignError> {
        const CALL: &str = "privcmd mmap_resource";
        let pages = map_count(CALL, count)?;
        if u64::from(first) + count > 1 << 32 {
            return Err(ForeignError::Invalid {
                call: CALL,
                what: format!(
                    "frames {first}..{} reach past 2^32, which Xen cannot address",
                    u64::from(first) + count
                ),
            });
        }
        let region = Region::map(CALL, self, pages, access)?;
        let mut arg = privcmd_mmap_resource {
            dom: domid,
            r#type: u32::from(kind),
            id,
            idx: first,
            num: count,
            addr: region.addr(),
            ..Default::default()
        };
        self.mmap_resource_ioctl(CALL, &mut arg)?;
        Ok(ForeignMapping {
            region,
            errors: vec![0; pages].into_boxed_slice(),
            domid,
        })
    }

    /// One `IOCTL_PRIVCMD_MMAP_RESOURCE` with `arg`.
    fn mmap_resource_ioctl(
        &self,
        call: &'static str,
        arg: &mut privcmd_mmap_resource,
    ) -> Result<(), ForeignError> {
        // SAFETY: the ioctl reads (and, to report a size, writes `num` of)
        // one `privcmd_mmap_resource` through the pointer, a live exclusive
        // borrow for the duration of the call. With `addr` 0 it maps
        // nothing; otherwise it maps `num` pages at `addr`, which the
        // caller (`map_resource`) made exactly a fresh shared mapping of
        // `num` pages of this privcmd descriptor.
        let ret = unsafe {
            libc::ioctl(
                self.file.as_raw_fd(),
                IOCTL_PRIVCMD_MMAP_RESOURCE as libc::Ioctl,
                std::ptr::from_mut(arg),
            )
        };
        if ret == -1 {
            return Err(ForeignError::Os {
                call,
                source: io::Error::last_os_error(),
            });
        }
        Ok(())
    }

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

/// Xen's page size on x86 (`XEN_PAGE_SIZE`): the unit of every frame
/// privcmd maps. The mapping functions refuse a Linux page size other
/// than this (an arm64 kernel with 16 or 64 KiB pages maps several Xen
/// frames per page, which they do not support).
pub const XEN_PAGE_SIZE: usize = 4096;

/// The most frames one [`Privcmd::map_foreign`] or
/// [`Privcmd::map_resource`] maps: `num` is a C `unsigned int`, and the
/// mapping's bytes must fit an `isize`.
pub const MAX_MAP_FRAMES: u64 = {
    let by_bytes = (isize::MAX as u64) / XEN_PAGE_SIZE as u64;
    let by_num = c_uint::MAX as u64;
    if by_bytes < by_num { by_bytes } else { by_num }
};

/// How a [`ForeignMapping`] is mapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapAccess {
    /// `PROT_READ`: Xen maps the frames read-only; writes are refused.
    ReadOnly,
    /// `PROT_READ | PROT_WRITE`.
    Writable,
}

/// A foreign mapping or `dm_op` failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ForeignError {
    /// The request was refused before anything was mapped or issued.
    #[error("{call}: {what}")]
    Invalid {
        /// The ioctl, e.g. `privcmd mmapbatch_v2`.
        call: &'static str,
        /// What was wrong.
        what: String,
    },
    /// The `mmap` of the privcmd device, or the ioctl, failed: the
    /// kernel's errno, or Xen's, which the kernel passes on.
    #[error("{call}: {source}")]
    Os {
        /// The ioctl (or `mmap`).
        call: &'static str,
        /// The error.
        source: io::Error,
    },
}

impl ForeignError {
    /// The OS (or Xen) errno, if the kernel refused.
    pub fn raw_os_error(&self) -> Option<i32> {
        match self {
            ForeignError::Os { source, .. } => source.raw_os_error(),
            ForeignError::Invalid { .. } => None,
        }
    }
}

/// An access to a [`ForeignMapping`] that was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccessError {
    /// The range does not lie inside the mapping.
    #[error("bytes {offset}..{offset}+{len} are outside the {size}-byte mapping")]
    OutOfRange {
        /// The first byte asked for.
        offset: usize,
        /// The length asked for.
        len: usize,
        /// The mapping's size.
        size: usize,
    },
    /// A page of the range failed to map (reading it would be `SIGBUS`).
    #[error("page {page} is not mapped: {errno}")]
    NotMapped {
        /// The page (the index of its frame in the list mapped).
        page: usize,
        /// Why its frame failed to map.
        errno: XenErrno,
    },
    /// A write to a [`MapAccess::ReadOnly`] mapping.
    #[error("the mapping is read-only")]
    ReadOnly,
    /// An access from a child of `fork()`, which does not inherit
    /// privcmd's mappings.
    #[error("the mapping belongs to the parent process (a child of fork() does not have it)")]
    Forked,
}

/// The number of pages of a mapping of `count` frames, or why not.
fn map_count(call: &'static str, count: u64) -> Result<usize, ForeignError> {
    // SAFETY: sysconf reads no memory; `_SC_PAGESIZE` always answers.
    let linux = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    page_count(call, count, linux)
}

/// [`map_count`] for a Linux page size of `linux` bytes.
fn page_count(call: &'static str, count: u64, linux: libc::c_long) -> Result<usize, ForeignError> {
    let invalid = |what: String| ForeignError::Invalid { call, what };
    if linux != XEN_PAGE_SIZE as libc::c_long {
        return Err(invalid(format!(
            "Linux's page size is {linux} bytes, not Xen's {XEN_PAGE_SIZE}: not supported"
        )));
    }
    if count == 0 {
        return Err(invalid("no frames to map".into()));
    }
    if count > MAX_MAP_FRAMES {
        return Err(invalid(format!(
            "{count} frames; one call maps at most {MAX_MAP_FRAMES}"
        )));
    }
    // At most `MAX_MAP_FRAMES`, so it fits a `usize` and its bytes an
    // `isize`.
    Ok(count as usize)
}

/// The arrays of one `IOCTL_PRIVCMD_MMAPBATCH_V2`: the frames, and the
/// error array the kernel clears and fills, one `int` per frame. Built
/// only by [`MmapBatch::new`], which makes both the same length, and
/// [`ioctl_arg`](MmapBatch::ioctl_arg) takes `num` from it: the kernel can
/// never be told of more errors than the array holds.
struct MmapBatch {
    frames: Box<[xen_pfn_t]>,
    errors: Box<[c_int]>,
}

impl MmapBatch {
    fn new(call: &'static str, frames: &[xen_pfn_t]) -> Result<MmapBatch, ForeignError> {
        let n = map_count(call, frames.len() as u64)?;
        Ok(MmapBatch {
            frames: frames.into(),
            errors: vec![0; n].into_boxed_slice(),
        })
    }

    /// The ioctl's argument: these arrays, for domain `dom` at `addr`.
    fn ioctl_arg(&mut self, dom: domid_t, addr: u64) -> privcmd_mmapbatch_v2 {
        debug_assert_eq!(self.frames.len(), self.errors.len());
        privcmd_mmapbatch_v2 {
            // At most `MAX_MAP_FRAMES`, which fits a `c_uint`.
            num: self.frames.len() as c_uint,
            dom,
            _pad: 0,
            addr,
            arr: self.frames.as_ptr(),
            err: self.errors.as_mut_ptr(),
        }
    }
}

/// A shared mapping of the privcmd device, unmapped on drop.
#[derive(Debug)]
struct Region {
    ptr: NonNull<u8>,
    len: usize,
    writable: bool,
    /// The process that mapped it: privcmd's mappings are not inherited
    /// by a child of `fork()` (`VM_DONTCOPY`), so a child neither touches
    /// nor unmaps the range (where its own mappings may lie).
    pid: u32,
}

impl Region {
    /// `mmap(NULL, pages * 4096, prot, MAP_SHARED, privcmd, 0)`: the
    /// address range the ioctls map foreign frames into (privcmd refuses
    /// any other VMA). `pages` is at most [`MAX_MAP_FRAMES`].
    fn map(
        call: &'static str,
        privcmd: &Privcmd,
        pages: usize,
        access: MapAccess,
    ) -> Result<Region, ForeignError> {
        let len = pages * XEN_PAGE_SIZE;
        let (prot, writable) = match access {
            MapAccess::ReadOnly => (libc::PROT_READ, false),
            MapAccess::Writable => (libc::PROT_READ | libc::PROT_WRITE, true),
        };
        // SAFETY: a new mapping at an address the kernel chooses, so no
        // existing memory is replaced; the descriptor is open for the
        // call. privcmd's mmap only marks the VMA (nothing is mapped in
        // it until an ioctl maps frames; a touch before that is SIGBUS,
        // which `ForeignMapping` never does).
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                prot,
                libc::MAP_SHARED,
                privcmd.file.as_raw_fd(),
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(ForeignError::Os {
                call,
                source: io::Error::last_os_error(),
            });
        }
        let ptr = NonNull::new(ptr.cast::<u8>()).ok_or_else(|| ForeignError::Invalid {
            call,
            what: "mmap returned address 0".into(),
        })?;
        Ok(Region {
            ptr,
            len,
            writable,
            pid: std::process::id(),
        })
    }

    /// Whether this process made the mapping (is not a child of `fork()`).
    fn ours(&self) -> bool {
        std::process::id() == self.pid
    }

    fn addr(&self) -> u64 {
        self.ptr.as_ptr() as u64
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        if !self.ours() {
            return;
        }
        // SAFETY: `ptr..ptr+len` is the mapping `map` made in this process,
        // unmapped only here; no reference into it outlives the
        // `ForeignMapping` that owns this region (its accessors borrow it).
        let ret = unsafe { libc::munmap(self.ptr.as_ptr().cast(), self.len) };
        debug_assert_eq!(ret, 0, "munmap of a mapping we made");
    }
}

/// Another domain's frames mapped into this process, by
/// [`Privcmd::map_foreign`] or [`Privcmd::map_resource`]; unmapped on
/// drop, which releases Xen's references to the frames (a destroyed
/// domain whose frames are still mapped lingers, dying, until then).
///
/// Page `i` holds the `i`-th frame asked for. A page whose frame failed
/// to map ([`error`](Self::error)) is never touched: every accessor
/// refuses a range that reaches it.
///
/// # Access
/// The memory is shared: the foreign domain, another mapping of the same
/// frames (in this process or another) and other threads may write it at
/// any time. [`read`](Self::read) and [`write`](Self::write) therefore
/// copy with relaxed atomic byte accesses, which no concurrent writer can
/// make undefined (a multi-byte value read while it is written may be
/// torn, as with any shared memory). [`as_slice`](Self::as_slice) and
/// [`as_mut_slice`](Self::as_mut_slice) give ordinary slices, `unsafe`:
/// the caller promises that nothing writes (or, for the mutable one,
/// reads) the frames meanwhile.
///
/// `ForeignMapping` is `Send` and `Sync`: it owns its region, unmapped
/// once, and every safe access is atomic.
///
/// # Fork
/// A child of `fork()` does not inherit the mapping (privcmd marks it
/// `VM_DONTCOPY`): there every accessor answers [`AccessError::Forked`]
/// and drop leaves the range alone.
#[derive(Debug)]
pub struct ForeignMapping {
    region: Region,
    /// Per page: 0 if mapped, else the kernel's `-errno`.
    errors: Box<[c_int]>,
    domid: domid_t,
}

// SAFETY: the region is owned (unmapped once, in `Drop`), and through a
// shared reference it is accessed only atomically (`read`, `write`) or
// under the caller's promise (`as_slice`): moving it to or sharing it with
// another thread creates no data race the safe accessors could observe.
unsafe impl Send for ForeignMapping {}
// SAFETY: as for `Send`.
unsafe impl Sync for ForeignMapping {}

impl ForeignMapping {
    /// The domain whose frames these are.
    pub fn domid(&self) -> domid_t {
        self.domid
    }

    /// The mapping's size in bytes: pages × [`XEN_PAGE_SIZE`].
    pub fn len(&self) -> usize {
        self.region.len
    }

    /// Never: a mapping has at least one page.
    pub fn is_empty(&self) -> bool {
        self.region.len == 0
    }

    /// The number of pages (frames asked for).
    pub fn pages(&self) -> usize {
        self.errors.len()
    }

    /// Whether the mapping is writable ([`MapAccess::Writable`]).
    pub fn writable(&self) -> bool {
        self.region.writable
    }

    /// Per page, the kernel's error for its frame: 0 if mapped, else
    /// `-errno` (`-ENOENT`: paged out, map it again later). As many
    /// entries as frames asked for.
    pub fn errors(&self) -> &[c_int] {
        &self.errors
    }

    /// Page `page`'s error, `None` if it is mapped (or out of range).
    pub fn error(&self, page: usize) -> Option<XenErrno> {
        match self.errors.get(page) {
            Some(&e) if e != 0 => Some(XenErrno(e.saturating_neg())),
            _ => None,
        }
    }

    /// Whether every page is mapped.
    pub fn all_mapped(&self) -> bool {
        self.errors.iter().all(|&e| e == 0)
    }

    /// The address of the first byte (the mapping stays there until
    /// dropped).
    pub fn as_ptr(&self) -> *const u8 {
        self.region.ptr.as_ptr()
    }

    /// Checks that `offset..offset+len` lies inside the mapping and every
    /// page of it is mapped.
    fn check(&self, offset: usize, len: usize) -> Result<(), AccessError> {
        if !self.region.ours() {
            return Err(AccessError::Forked);
        }
        let size = self.region.len;
        let end = offset
            .checked_add(len)
            .filter(|&end| end <= size)
            .ok_or(AccessError::OutOfRange { offset, len, size })?;
        if len == 0 {
            return Ok(());
        }
        for page in offset / XEN_PAGE_SIZE..=(end - 1) / XEN_PAGE_SIZE {
            if let Some(errno) = self.error(page) {
                return Err(AccessError::NotMapped { page, errno });
            }
        }
        Ok(())
    }

    /// Copies `buf.len()` bytes at `offset` into `buf`.
    ///
    /// # Errors
    /// [`AccessError::OutOfRange`] or [`AccessError::NotMapped`]; nothing
    /// is read then.
    pub fn read(&self, offset: usize, buf: &mut [u8]) -> Result<(), AccessError> {
        self.check(offset, buf.len())?;
        for (i, b) in buf.iter_mut().enumerate() {
            *b = self.byte(offset + i).load(Ordering::Relaxed);
        }
        Ok(())
    }

    /// `len` bytes at `offset`, as a vector.
    ///
    /// # Errors
    /// As [`read`](Self::read).
    pub fn read_vec(&self, offset: usize, len: usize) -> Result<Vec<u8>, AccessError> {
        self.check(offset, len)?;
        let mut out = vec![0; len];
        self.read(offset, &mut out)?;
        Ok(out)
    }

    /// Copies `data` to `offset`.
    ///
    /// # Errors
    /// [`AccessError::ReadOnly`], [`AccessError::OutOfRange`] or
    /// [`AccessError::NotMapped`]; nothing is written then.
    pub fn write(&self, offset: usize, data: &[u8]) -> Result<(), AccessError> {
        if !self.region.writable {
            return Err(AccessError::ReadOnly);
        }
        self.check(offset, data.len())?;
        for (i, &b) in data.iter().enumerate() {
            self.byte(offset + i).store(b, Ordering::Relaxed);
        }
        Ok(())
    }

    /// The byte at `at`, which [`check`](Self::check) found inside a
    /// mapped page.
    fn byte(&self, at: usize) -> &AtomicU8 {
        debug_assert!(at < self.region.len && self.error(at / XEN_PAGE_SIZE).is_none());
        // SAFETY: `at` is inside the region (checked by the caller), whose
        // page holding it is mapped to a foreign frame: valid for reads
        // (and writes, if writable; `write` checks) for as long as `self`
        // is borrowed, which the returned reference is tied to. A `u8` is
        // always aligned. Safe code accesses these bytes only atomically;
        // `as_slice`'s callers promise no atomic access meanwhile.
        unsafe { AtomicU8::from_ptr(self.region.ptr.as_ptr().add(at)) }
    }

    /// The whole mapping as a slice.
    ///
    /// # Errors
    /// [`AccessError::NotMapped`] if a page is not mapped.
    ///
    /// # Safety
    /// For as long as the slice lives, nothing may write the mapped
    /// frames: not the foreign domain (pause it), not another mapping of
    /// them, not [`write`](Self::write) from another thread.
    pub unsafe fn as_slice(&self) -> Result<&[u8], AccessError> {
        self.check(0, self.region.len)?;
        // SAFETY: the region is mapped whole (just checked) and lives as
        // long as `self`; the caller promises no writes meanwhile.
        Ok(unsafe { std::slice::from_raw_parts(self.region.ptr.as_ptr(), self.region.len) })
    }

    /// The whole mapping as a mutable slice.
    ///
    /// # Errors
    /// [`AccessError::ReadOnly`] or [`AccessError::NotMapped`].
    ///
    /// # Safety
    /// For as long as the slice lives, nothing else may read or write the
    /// mapped frames: not the foreign domain (pause it), not another
    /// mapping of them.
    pub unsafe fn as_mut_slice(&mut self) -> Result<&mut [u8], AccessError> {
        if !self.region.writable {
            return Err(AccessError::ReadOnly);
        }
        self.check(0, self.region.len)?;
        // SAFETY: the region is mapped whole and writable (just checked)
        // and lives as long as `self`, borrowed exclusively; the caller
        // promises no other access to the frames meanwhile.
        Ok(unsafe { std::slice::from_raw_parts_mut(self.region.ptr.as_ptr(), self.region.len) })
    }
}

/// One buffer of [`Privcmd::dm_op`]: a `privcmd_dm_op_buf` made from a
/// byte slice it borrows exclusively, its `size` the slice's length (an
/// empty slice is passed as a null buffer of size 0). Xen may read and
/// write the whole slice.
#[repr(transparent)]
#[derive(Debug)]
pub struct DmOpBuf<'a> {
    raw: privcmd_dm_op_buf,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xen::memory::MaximumRamPage;
    use crate::xen::version::VersionNumber;
    use hcbuf_sys::errno::*;
    use hcbuf_sys::xen::DOMID_SELF;

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
