//! The `console_io` hypercall: `HYPERVISOR_console_io(cmd, count, buf)`,
//! writing to Xen's console ([`ConsoleWrite`]) or reading its input
//! ([`ConsoleRead`]).
//!
//! The command is part of the call's type, and the count is filled in from
//! the lent buffer's length when the call is lowered (a
//! [`Count`] register), so neither can disagree
//! with the buffer. A count is at most `u32::MAX`, Xen's `unsigned int`:
//! longer buffers are clamped, which only shortens what Xen reads or
//! writes, never past the buffer.

use hcbuf_sys::xen::{__HYPERVISOR_console_io, CONSOLEIO_read, CONSOLEIO_write};

use crate::HypercallArgs;
use crate::handle::{GuestHandle, GuestHandleMut, Lent};
use crate::owned::PoolSlice;
use crate::signature::{Command, Count};

/// `len`, as the `unsigned int` count Xen is passed (clamped).
fn count_of(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// `HYPERVISOR_console_io(CONSOLEIO_write, count, buf)`: write the bytes
/// to Xen's console.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_console_io)]
pub struct ConsoleWrite<'a> {
    /// Always `CONSOLEIO_write`.
    pub cmd: Command<CONSOLEIO_write>,
    /// The bytes to write: the text's length.
    pub count: Count,
    /// The text, which Xen reads.
    pub buf: Lent<GuestHandle<'a, u8>>,
}

impl<'a> ConsoleWrite<'a> {
    /// Writes all of `text` (its first `u32::MAX` bytes if longer).
    pub fn new(text: &'a PoolSlice<'_, u8>) -> Self {
        ConsoleWrite {
            cmd: Command,
            count: Count,
            buf: text.lend(),
        }
    }

    /// The byte count passed to Xen.
    pub fn count(&self) -> u32 {
        count_of(self.buf.len())
    }
}

/// `HYPERVISOR_console_io(CONSOLEIO_read, count, buf)`: read up to `count`
/// bytes of console input; returns the number read.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_console_io)]
pub struct ConsoleRead<'a> {
    /// Always `CONSOLEIO_read`.
    pub cmd: Command<CONSOLEIO_read>,
    /// The buffer's size: its length.
    pub count: Count,
    /// The buffer Xen fills.
    pub buf: Lent<GuestHandleMut<'a, u8>>,
}

impl<'a> ConsoleRead<'a> {
    /// Reads into `buf` (at most its first `u32::MAX` bytes).
    pub fn new(buf: &'a mut PoolSlice<'_, u8>) -> Self {
        ConsoleRead {
            cmd: Command,
            count: Count,
            buf: buf.lend_mut(),
        }
    }

    /// The buffer size passed to Xen.
    pub fn count(&self) -> u32 {
        count_of(self.buf.len())
    }
}
