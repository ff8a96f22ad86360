//! Where the pool's pages come from: the kernel's hypercall buffer device,
//! or anonymous memory that we lock ourselves.

use super::error::PoolError;
use super::sync::{AtomicU64, Ordering};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::ptr::NonNull;

/// Linux's hypercall buffer device (privcmd-buf, Linux ≥ 4.18).
pub const HYPERCALL_DEVICE: &str = "/dev/xen/hypercall";

/// The source of a pool's pages.
#[derive(Debug)]
pub(crate) enum Mapping {
    /// `mmap(MAP_SHARED)` of a device that hands out fresh, pinned pages on
    /// every mapping (`/dev/xen/hypercall`), opened again for each mapping:
    /// `rdev` is the device number it had when the pool was made, which
    /// every later file must have too.
    Device { path: PathBuf, rdev: u64 },
    /// Private anonymous memory, `mlock`ed, `MADV_DONTFORK`, touched.
    LockedAnonymous,
}

/// Opens the device read-write (close-on-exec, as std always does).
fn open_rw(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open(path)
}

/// The device number of `file` if it is a character device.
fn device_number(file: &File) -> io::Result<Option<u64>> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let meta = file.metadata()?;
    Ok(meta.file_type().is_char_device().then(|| meta.rdev()))
}

/// The error for a file at `path` that is not (or no longer) the pool's
/// device.
fn not_the_device(path: &Path, why: &str) -> PoolError {
    PoolError::DeviceOpen {
        path: path.to_owned(),
        source: io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{why} (a pool maps a hypercall buffer device such as /dev/xen/hypercall)"),
        ),
    }
}

impl Mapping {
    /// Checks that `path` opens as the buffer device. `Ok(None)` if it
    /// does not exist.
    pub(crate) fn open_device(path: &Path) -> Result<Option<Mapping>, PoolError> {
        match open_rw(path).and_then(|file| device_number(&file)) {
            Ok(Some(rdev)) => Ok(Some(Mapping::Device {
                path: path.to_owned(),
                rdev,
            })),
            // A regular file maps the same bytes every time: buffers would
            // alias (and an empty one faults with SIGBUS).
            Ok(None) => Err(not_the_device(path, "not a character device")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(PoolError::DeviceOpen {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Whether pages from this mapping can never take even a minor fault.
    pub(crate) fn never_faults(&self) -> bool {
        matches!(self, Mapping::Device { .. })
    }

    /// Maps `len` bytes (a multiple of the page size) of hypercall-safe
    /// memory, zero-filled. `locked` is what the pool holds already (for
    /// the error message); every system call made, failed or not, is added
    /// to `syscalls`. Nothing stays mapped if this fails.
    pub(crate) fn map(
        &self,
        len: usize,
        locked: usize,
        syscalls: &AtomicU64,
    ) -> Result<NonNull<u8>, PoolError> {
        let count = || syscalls.fetch_add(1, Ordering::Relaxed);
        let (flags, fd) = match self {
            // A file of the device may hold only so many pages (64 in some
            // Linux versions: privcmd-buf's `limit`), but a mapping
            // outlives its file: each mapping gets a file of its own.
            Mapping::Device { path, rdev } => {
                count();
                let file = open_rw(path).map_err(|source| PoolError::DeviceOpen {
                    path: path.clone(),
                    source,
                })?;
                // The path names the device the pool was made on, still.
                count();
                let now = device_number(&file).map_err(|source| PoolError::DeviceOpen {
                    path: path.clone(),
                    source,
                })?;
                if now != Some(*rdev) {
                    count(); // the close, as `file` drops
                    return Err(not_the_device(
                        path,
                        "no longer the device the pool was made on",
                    ));
                }
                (libc::MAP_SHARED, Some(file))
            }
            Mapping::LockedAnonymous => (libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, None),
        };
        count();
        // SAFETY: a fresh mapping at an address of the kernel's choosing
        // cannot overlap memory Rust knows about.
        let addr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                flags,
                fd.as_ref().map_or(-1, |f| f.as_raw_fd()),
                0,
            )
        };
        let mmap_error = (addr == libc::MAP_FAILED).then(io::Error::last_os_error);
        if fd.is_some() {
            count(); // the close, when `fd` drops
        }
        drop(fd);
        if let Some(source) = mmap_error {
            return Err(match source.raw_os_error() {
                Some(libc::ENOMEM | libc::EAGAIN | libc::ENOSPC) => PoolError::OutOfMemory {
                    requested: len,
                    source,
                },
                _ => PoolError::Syscall {
                    call: "mmap",
                    requested: len,
                    source,
                },
            });
        }
        let ptr = NonNull::new(addr.cast::<u8>()).expect("mmap returned a null mapping");
        if let Err(e) = self.prepare(ptr, len, locked, &count) {
            count();
            // SAFETY: `ptr..ptr+len` is the mapping made above, used by
            // nothing yet.
            unsafe { unmap(ptr, len) };
            return Err(e);
        }
        Ok(ptr)
    }

    /// Makes a fresh mapping hypercall-safe: excluded from `fork()` children
    /// and, for anonymous memory, locked and populated.
    fn prepare(
        &self,
        ptr: NonNull<u8>,
        len: usize,
        locked: usize,
        count: &dyn Fn() -> u64,
    ) -> Result<(), PoolError> {
        let addr = ptr.as_ptr().cast::<libc::c_void>();
        count();
        // SAFETY: `addr..addr+len` is a mapping this pool owns.
        if unsafe { libc::madvise(addr, len, libc::MADV_DONTFORK) } != 0 {
            let source = io::Error::last_os_error();
            return Err(PoolError::Syscall {
                call: "madvise(MADV_DONTFORK)",
                requested: len,
                source,
            });
        }
        if let Mapping::Device { .. } = self {
            return Ok(());
        }
        count();
        // SAFETY: as above; locking has no effect on Rust-visible memory.
        if unsafe { libc::mlock(addr, len) } != 0 {
            return Err(mlock_error(len, locked, io::Error::last_os_error()));
        }
        // mlock has populated the pages; touch each once more so the
        // mapping is written (not the shared zero page) before Xen sees it.
        for offset in (0..len).step_by(page_size()) {
            // SAFETY: `offset < len`, inside the writable mapping above.
            unsafe { ptr.as_ptr().add(offset).write_volatile(0) };
        }
        Ok(())
    }

    /// Returns a mapping to the OS.
    ///
    /// # Safety
    /// `ptr..ptr+len` must be a mapping made by [`Mapping::map`] of this
    /// mapping, and nothing may use it afterwards.
    pub(crate) unsafe fn unmap(&self, ptr: NonNull<u8>, len: usize) {
        // SAFETY: forwarded from the caller.
        unsafe { unmap(ptr, len) }
    }

    /// A description for logs and `Debug`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Mapping::Device { path, .. } => format!("device {}", path.display()),
            Mapping::LockedAnonymous => "locked anonymous memory".to_owned(),
        }
    }
}

/// # Safety
/// `ptr..ptr+len` must be a whole mapping nothing will use again.
unsafe fn unmap(ptr: NonNull<u8>, len: usize) {
    // SAFETY: forwarded from the caller. munmap of a valid mapping cannot
    // fail; if it did, the memory would merely stay mapped.
    unsafe { libc::munmap(ptr.as_ptr().cast(), len) };
}

fn mlock_error(requested: usize, locked: usize, source: io::Error) -> PoolError {
    match source.raw_os_error() {
        // ENOMEM: over RLIMIT_MEMLOCK; EPERM: the limit is 0 and we lack
        // CAP_IPC_LOCK.
        Some(libc::ENOMEM | libc::EPERM) => PoolError::MemlockLimit {
            requested,
            locked,
            limit: memlock_limit(),
        },
        Some(libc::EAGAIN) => PoolError::OutOfMemory { requested, source },
        _ => PoolError::Syscall {
            call: "mlock",
            requested,
            source,
        },
    }
}

/// The soft `RLIMIT_MEMLOCK` in bytes (`u64::MAX` when unlimited).
pub(crate) fn memlock_limit() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid, writable rlimit.
    if unsafe { libc::getrlimit(libc::RLIMIT_MEMLOCK, &mut limit) } != 0 {
        return 0;
    }
    if limit.rlim_cur == libc::RLIM_INFINITY {
        u64::MAX
    } else {
        limit.rlim_cur
    }
}

/// The system page size.
pub fn page_size() -> usize {
    use std::sync::OnceLock;
    static PAGE: OnceLock<usize> = OnceLock::new();
    *PAGE.get_or_init(|| {
        // SAFETY: sysconf has no preconditions.
        let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        usize::try_from(size)
            .ok()
            .filter(|s| s.is_power_of_two())
            .unwrap_or(4096)
    })
}
