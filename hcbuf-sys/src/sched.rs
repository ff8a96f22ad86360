//! The `sched_op` hypercall (`public/sched.h`).
//!
//! `HYPERVISOR_sched_op(cmd, arg)`: each `SCHEDOP_*` command names the
//! struct its `arg` points to. Most act on the calling vCPU or domain
//! (dom0's own, for a toolstack); `SCHEDOP_remote_shutdown` is how a
//! toolstack shuts another domain down.

use core::ffi::c_uint;

use crate::xen::domid_t;

abi! {
    headers = ["xen/sched.h"];

    /// Shut another domain down: takes a [`sched_remote_shutdown`].
    pub const SCHEDOP_remote_shutdown: u32 = 4;

    /// `SCHEDOP_remote_shutdown`'s argument.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct sched_remote_shutdown (size 8) {
        /// The domain to shut down.
        pub domain_id: domid_t,
        /// Padding (C leaves these bytes unnamed).
        pad _pad0: u16,
        /// `SHUTDOWN_*`.
        pub reason: c_uint,
    }

    /// Exited normally: clean up and kill.
    pub const SHUTDOWN_poweroff: u32 = 0;
    /// Clean up, kill, and restart.
    pub const SHUTDOWN_reboot: u32 = 1;
    /// Clean up, save the suspend information, kill.
    pub const SHUTDOWN_suspend: u32 = 2;
    /// Crashed.
    pub const SHUTDOWN_crash: u32 = 3;
    /// Restart because the watchdog expired.
    pub const SHUTDOWN_watchdog: u32 = 4;
    /// Soft reset: tear down and start again keeping the memory.
    pub const SHUTDOWN_soft_reset: u32 = 5;
    /// The largest valid reason.
    pub const SHUTDOWN_MAX: u32 = 5;
}
