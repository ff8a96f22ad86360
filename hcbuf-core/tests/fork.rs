//! After `fork()` the child does not have the pool's pages
//! (`MADV_DONTFORK`), and the parent's buffers are intact.

mod common;

use hcbuf_core::Pool;
use hcbuf_core::pool::page_size;

/// Forks; the child exits with a bit set for every address still mapped in
/// it (using only async-signal-safe calls). Returns the child's status.
fn mapped_in_child(addrs: &[usize]) -> i32 {
    let page = page_size();
    // SAFETY: the child only calls mincore and _exit, both async-signal-
    // safe, on its own stack data.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork: {}", std::io::Error::last_os_error());
    if pid == 0 {
        let mut code = 0;
        let mut residency = [0u8; 1];
        for (i, addr) in addrs.iter().enumerate() {
            let start = (addr & !(page - 1)) as *mut libc::c_void;
            // SAFETY: mincore only inspects the page tables; an unmapped
            // range fails with ENOMEM.
            if unsafe { libc::mincore(start, page, residency.as_mut_ptr()) } == 0 {
                code |= 1 << i;
            }
        }
        // SAFETY: leaves the child without running any of the parent's
        // destructors or atexit handlers.
        unsafe { libc::_exit(code) };
    }
    let mut status = 0;
    // SAFETY: waits for the child just made.
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    assert!(libc::WIFEXITED(status), "child died: status {status:#x}");
    libc::WEXITSTATUS(status)
}

fn check(pool: &Pool) {
    let mut small = pool.slice::<u8>(100).unwrap();
    let mut big = pool.slice::<u8>(65536).unwrap();
    small.fill(0x11);
    big.fill(0x22);
    let stack_probe = 0u8;
    let addrs = [
        small.as_ptr() as usize,
        big.as_ptr() as usize,
        &stack_probe as *const u8 as usize,
    ];
    let mapped = mapped_in_child(&addrs);
    assert_eq!(mapped & 0b011, 0, "the child has none of the pool's pages");
    assert_eq!(
        mapped & 0b100,
        0b100,
        "the child does have ordinary memory (the probe works)"
    );
    assert!(small.iter().all(|&b| b == 0x11) && big.iter().all(|&b| b == 0x22));
    small.fill(0x33);
    assert!(
        small.iter().all(|&b| b == 0x33),
        "the parent's buffers are still usable"
    );
}

#[test]
fn fork_children_do_not_get_pool_pages_on_locked_anonymous_memory() {
    if !common::can_lock(common::LOCKABLE) {
        return;
    }
    check(&Pool::locked_anonymous());
}

#[test]
fn fork_children_do_not_get_pool_pages_on_the_device() {
    // SAFETY: every MAP_SHARED mapping of /dev/zero is a shared memory
    // object of its own: no two buffers alias; no real Xen sees them.
    let device = unsafe { hcbuf_core::pool::DevicePath::new("/dev/zero") };
    check(&Pool::device(device).unwrap());
}

#[test]
fn a_child_may_exit_normally_with_the_pool_cached_in_its_thread() {
    // exit() runs this thread's thread-local destructors in the child,
    // including the pool's slot cache, whose pages the child does not
    // have: the cache must know to leave them alone.
    let pool = Pool::locked_anonymous();
    drop(pool.slice::<u8>(100).unwrap()); // a cached slot in this thread
    // SAFETY: the child only calls exit(), which runs thread-local and
    // atexit destructors; none of them takes a lock another thread of the
    // test process could hold.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0);
    if pid == 0 {
        // SAFETY: ends the child.
        unsafe { libc::exit(0) };
    }
    let mut status = 0;
    // SAFETY: waits for the child just made.
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the child crashed on exit: status {status:#x}"
    );
    drop(pool.slice::<u8>(100).unwrap());
}
