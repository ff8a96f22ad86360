//! Helpers shared by hcbuf-core's integration tests.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use hcbuf_core::backend::soft::SoftXen;
use hcbuf_core::pool::{MemorySource, PoolConfig};

use hcbuf_core::xen::domctl::CreateDomain;
use hcbuf_core::{Backend, HypercallArgs, Pool, PoolBox, PoolSlice, XenErrno, XenWritable};

/// `VmLck` of this process in bytes, from `/proc/self/status`.
pub fn vm_locked_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmLck:"))
        .expect("VmLck line");
    let kb: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmLck value");
    kb * 1024
}

/// Whether any mapping of this process covers `addr`.
pub fn is_mapped(addr: usize) -> bool {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("read /proc/self/maps");
    maps.lines().any(|l| {
        let range = l.split_whitespace().next().unwrap_or_default();
        let (lo, hi) = range.split_once('-').unwrap_or_default();
        let lo = usize::from_str_radix(lo, 16).unwrap_or(usize::MAX);
        let hi = usize::from_str_radix(hi, 16).unwrap_or(0);
        (lo..hi).contains(&addr)
    })
}

/// Overwrites the `u32` at byte `offset` of a pool value, as only a buggy
/// or hostile caller would (the typed `Op` sets its header itself).
pub fn poke_u32<T: XenWritable>(value: &mut PoolBox<'_, T>, offset: usize, word: u32) {
    assert!(offset + size_of::<u32>() <= size_of::<T>());
    let ptr = value.as_mut_ptr();
    // SAFETY: `ptr` comes from exclusive (`&mut`) access to the box, which
    // nothing else borrows; `offset + 4` is within the `T` (asserted); the
    // box's memory is initialised, and every bit pattern is a valid `T`
    // (`XenWritable`), so the value stays valid whatever the four bytes.
    unsafe { ptr.byte_add(offset).cast::<u32>().write_unaligned(word) };
}

// Running out of lockable memory as root: `RLIMIT_MEMLOCK` is
// process-wide, `CAP_IPC_LOCK` (which lifts it) per thread.

const CAP_IPC_LOCK: u32 = 14;
const LINUX_CAPABILITY_VERSION_3: u32 = 0x2008_0522;

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

/// Removes `CAP_IPC_LOCK` from this thread's effective and permitted sets.
pub fn drop_cap_ipc_lock() {
    let mut header = CapHeader {
        version: LINUX_CAPABILITY_VERSION_3,
        pid: 0,
    };
    let mut data = [CapData::default(); 2];
    // SAFETY: header and data are valid for the kernel's capget ABI (v3:
    // two data words).
    let rc = unsafe { libc::syscall(libc::SYS_capget, &mut header, data.as_mut_ptr()) };
    assert_eq!(rc, 0, "capget: {}", std::io::Error::last_os_error());
    data[0].effective &= !(1 << CAP_IPC_LOCK);
    data[0].permitted &= !(1 << CAP_IPC_LOCK);
    // SAFETY: as above.
    let rc = unsafe { libc::syscall(libc::SYS_capset, &mut header, data.as_ptr()) };
    assert_eq!(rc, 0, "capset: {}", std::io::Error::last_os_error());
}

/// The lockable memory a test binary that locks pool memory needs, its
/// tests running at once: every hcbuf-core test passes with an 8 MiB
/// `RLIMIT_MEMLOCK` (measured), and some need more than 1 MiB.
pub const LOCKABLE: u64 = 8 << 20;

/// This process's `RLIMIT_MEMLOCK` (soft, hard).
fn memlock_limit() -> (u64, u64) {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid rlimit to write.
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_MEMLOCK, &mut limit) };
    assert_eq!(rc, 0, "getrlimit: {}", std::io::Error::last_os_error());
    (limit.rlim_cur, limit.rlim_max)
}

/// Whether capability `bit` is in this thread's effective set.
fn has_capability(bit: u32) -> bool {
    let status = std::fs::read_to_string("/proc/thread-self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .is_some_and(|caps| caps & (1 << bit) != 0)
}

/// Whether this test can run here; if not, it says why in one line and
/// the caller returns without running. Outside CI, a test that cannot run
/// is skipped with that line on stderr; with `CI` set (CI runs as root,
/// where every test runs) it fails with it instead, so nothing is skipped
/// there unnoticed.
fn runnable(why_not: Option<String>) -> bool {
    let Some(why) = why_not else {
        return true;
    };
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    let line = format!("{test}: {why}");
    if std::env::var_os("CI").is_some() {
        panic!("{line}");
    }
    // Past the test harness's capture, which shows a passing test's
    // output to no one.
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "skipped {line}");
    false
}

/// Whether this process may lock `bytes` of memory (`RLIMIT_MEMLOCK`, or
/// `CAP_IPC_LOCK`, which lifts it); see [`runnable`].
pub fn can_lock(bytes: u64) -> bool {
    let (soft, _) = memlock_limit();
    let short = !has_capability(CAP_IPC_LOCK) && soft < bytes;
    runnable(short.then(|| {
        format!(
            "needs {} KiB of lockable memory, RLIMIT_MEMLOCK is {} KiB and there is no \
             CAP_IPC_LOCK: run as root or raise the limit (`ulimit -l {}`, or `memlock` in \
             /etc/security/limits.conf)",
            bytes >> 10,
            soft >> 10,
            bytes >> 10
        )
    }))
}

/// Whether this process may set its `RLIMIT_MEMLOCK` to `bytes` and drop
/// `CAP_IPC_LOCK` (what a test of the limit itself does); see
/// [`runnable`].
pub fn can_set_memlock(bytes: u64) -> bool {
    const CAP_SYS_RESOURCE: u32 = 24;
    let (_, hard) = memlock_limit();
    let short = !has_capability(CAP_SYS_RESOURCE) && hard < bytes;
    runnable(short.then(|| {
        format!(
            "sets RLIMIT_MEMLOCK to {} KiB, above the hard limit of {} KiB, which needs \
             CAP_SYS_RESOURCE: run as root",
            bytes >> 10,
            hard >> 10
        )
    }))
}

/// Sets this process's `RLIMIT_MEMLOCK`, soft and hard, to `bytes`.
pub fn set_memlock_limit(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: `limit` is a valid rlimit.
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_MEMLOCK, &limit) };
    assert_eq!(rc, 0, "setrlimit: {}", std::io::Error::last_os_error());
}

/// The software Xen, counting every hypercall that reaches it (a method
/// that makes two hypercalls counts two; a multicall counts one).
pub struct Counting {
    pub soft: SoftXen,
    calls: AtomicU64,
}

impl Counting {
    pub fn new(soft: SoftXen) -> Counting {
        Counting {
            soft,
            calls: AtomicU64::new(0),
        }
    }

    /// The hypercalls so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }

    /// Counts from zero again.
    pub fn reset(&self) {
        self.calls.store(0, Ordering::SeqCst);
    }
}

impl Backend for Counting {
    fn release(&self) -> Option<hcbuf_core::Release> {
        self.soft.release()
    }

    fn hypercall<A: HypercallArgs>(&self, args: &A) -> Result<u64, XenErrno> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.soft.hypercall(args)
    }
}

/// A xorshift generator: seeded, cheap, good enough to mix test steps.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Checks that a tagged buffer still holds only its tag: an overlap with
/// another buffer, or a buffer handed out twice, would have overwritten it.
#[track_caller]
pub fn verify_tagged(buf: &PoolSlice<'_, u64>, tag: u64) {
    assert!(
        buf.iter().all(|&w| w == tag),
        "buffer {tag:#x} was overwritten (overlap, or handed out twice)"
    );
}

/// What `HostConfig::default()` models (the QEMU dom0 of `shared/dom0`).
/// The configuration's fields are private to the model, so the values
/// are repeated here, once for every test that checks them.
pub mod default_host {
    /// Dom0's pages: 1 GiB.
    pub const DOM0_PAGES: u64 = 262_144;
    /// Dom0's vCPUs, all online and running.
    pub const DOM0_VCPUS: u32 = 2;
    /// The host's RAM, in pages.
    pub const HOST_PAGES: u64 = 524_158;
    /// `XENMEM_maximum_ram_page`.
    pub const MAX_RAM_PAGE: u64 = 0x7_ffe0;
    /// `node_distance()` without an ACPI SLIT: within a node, and across.
    pub const LOCAL_DISTANCE: u32 = 10;
    pub const REMOTE_DISTANCE: u32 = 20;
}

/// The UUID [`pv_guest`] gives its domains.
pub const GUEST_HANDLE: [u8; 16] = [0xab; 16];

/// A PV guest with `vcpus` vCPUs, as a toolstack asks for one.
pub fn pv_guest(vcpus: u32) -> CreateDomain {
    CreateDomain {
        max_vcpus: vcpus,
        max_grant_frames: -1,
        max_maptrack_frames: -1,
        handle: GUEST_HANDLE,
        ..Default::default()
    }
}

/// A pool on locked anonymous memory that records its live allocations,
/// as the software Xen needs.
pub fn tracking_pool() -> Pool {
    let config = PoolConfig::default().source(MemorySource::LockedAnonymous);
    Pool::with_config(config.track_allocations(true)).unwrap()
}

mod raw_call;
#[allow(unused_imports)] // Some test binaries issue no raw call.
pub use raw_call::RawCall;

pub mod scenarios;
