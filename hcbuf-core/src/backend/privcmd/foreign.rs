//! Foreign memory through privcmd: a domain's frames
//! (`IOCTL_PRIVCMD_MMAPBATCH_V2`) and resources
//! (`IOCTL_PRIVCMD_MMAP_RESOURCE`) mapped into this process, as a
//! [`ForeignMapping`] unmapped on drop.

use std::io;
use std::os::fd::AsRawFd;

use std::ffi::{c_int, c_uint};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU8, Ordering};

use hcbuf_sys::arch::xen_pfn_t;
use hcbuf_sys::privcmd::{
    IOCTL_PRIVCMD_MMAP_RESOURCE, IOCTL_PRIVCMD_MMAPBATCH_V2, privcmd_mmap_resource,
    privcmd_mmapbatch_v2,
};
use hcbuf_sys::xen::{DOMID_FIRST_RESERVED, domid_t};

use super::Privcmd;
use crate::backend::XenErrno;

impl Privcmd {
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
    /// [`ForeignError::Invalid`] for the caller's own domain (0 or
    /// `DOMID_SELF`: its frames are this process's memory) or another
    /// reserved id (`DOMID_IO`, `DOMID_XEN`), an empty list, a list longer than one
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
        not_the_callers_own(CALL, domid)?;
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
    /// [`ForeignError::Invalid`] for the caller's own domain (0 or
    /// `DOMID_SELF`) or another reserved id, a count of 0, over [`MAX_MAP_FRAMES`],
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
        not_the_callers_own(CALL, domid)?;
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

/// Refuses a mapping of the caller's own domain (`DOMID_SELF`, or dom0,
/// where privcmd programs run): its frames are this process's memory and
/// its kernel's, and a second mapping of them would change memory behind
/// Rust's references (or the kernel's own structures) with no `unsafe` in
/// sight; and of every other reserved id (`DOMID_IO`: device memory dom0
/// may map, whose DMA reaches its memory; `DOMID_XEN`: Xen's pages). (A
/// program in a domain other than dom0 must not name its own id: privcmd
/// cannot tell which domain it runs in.)
pub(super) fn not_the_callers_own(call: &'static str, domid: domid_t) -> Result<(), ForeignError> {
    if domid >= DOMID_FIRST_RESERVED {
        return Err(ForeignError::Invalid {
            call,
            what: format!(
                "domain {domid:#x} is a reserved id (DOMID_SELF, DOMID_IO, DOMID_XEN, ...): through \
                 it Xen maps the caller's own frames, device memory dom0 may touch, or its own \
                 pages; map a guest's"
            ),
        });
    }
    if domid == 0 {
        return Err(ForeignError::Invalid {
            call,
            what: format!(
                "domain {domid:#x} is the caller's own (dom0): mapping its frames would alias this \
                 process's and its kernel's memory; map another domain's"
            ),
        });
    }
    Ok(())
}

/// The number of pages of a mapping of `count` frames, or why not.
pub(super) fn map_count(call: &'static str, count: u64) -> Result<usize, ForeignError> {
    // SAFETY: sysconf reads no memory; `_SC_PAGESIZE` always answers.
    let linux = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    page_count(call, count, linux)
}

/// [`map_count`] for a Linux page size of `linux` bytes.
pub(super) fn page_count(
    call: &'static str,
    count: u64,
    linux: libc::c_long,
) -> Result<usize, ForeignError> {
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
pub(super) struct MmapBatch {
    pub(super) frames: Box<[xen_pfn_t]>,
    pub(super) errors: Box<[c_int]>,
}

impl MmapBatch {
    pub(super) fn new(call: &'static str, frames: &[xen_pfn_t]) -> Result<MmapBatch, ForeignError> {
        let n = map_count(call, frames.len() as u64)?;
        Ok(MmapBatch {
            frames: frames.into(),
            errors: vec![0; n].into_boxed_slice(),
        })
    }

    /// The ioctl's argument: these arrays, for domain `dom` at `addr`.
    pub(super) fn ioctl_arg(&mut self, dom: domid_t, addr: u64) -> privcmd_mmapbatch_v2 {
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
pub(super) struct Region {
    pub(super) ptr: NonNull<u8>,
    pub(super) len: usize,
    pub(super) writable: bool,
    /// The process that mapped it: privcmd's mappings are not inherited
    /// by a child of `fork()` (`VM_DONTCOPY`), so a child neither touches
    /// nor unmaps the range (where its own mappings may lie).
    pub(super) pid: u32,
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
    pub(super) region: Region,
    /// Per page: 0 if mapped, else the kernel's `-errno`.
    pub(super) errors: Box<[c_int]>,
    pub(super) domid: domid_t,
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
