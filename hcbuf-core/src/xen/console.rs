//! The `console_io` hypercall: `HYPERVISOR_console_io(cmd, count, buf)`,
//! writing to Xen's console ([`ConsoleWrite`]) or reading its input
//! ([`ConsoleRead`]).
//!
//! The constructors set the command, and the count from the pool slice's
//! length, so neither can disagree with the buffer. A count is at most
//! [`MAX_COUNT`] (`i32::MAX`): longer slices are clamped, not rejected,
//! because older Xen takes `count` as a C `int`. Clamping only shortens
//! what Xen reads or writes, never past the slice.

use hcbuf_sys::xen::{__HYPERVISOR_console_io, CONSOLEIO_read, CONSOLEIO_write};

use crate::HypercallArgs;
use crate::handle::{GuestHandle, GuestHandleMut};
use crate::owned::PoolSlice;

/// The largest `count` the constructors pass: `i32::MAX` bytes.
pub const MAX_COUNT: u32 = i32::MAX as u32;

/// `len`, clamped to [`MAX_COUNT`].
fn count_of(len: usize) -> u32 {
    u32::try_from(len).map_or(MAX_COUNT, |n| n.min(MAX_COUNT))
}

/// `HYPERVISOR_console_io(CONSOLEIO_write, count, buf)`: write the bytes
/// to Xen's console.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_console_io)]
pub struct ConsoleWrite<'a> {
    /// Always `CONSOLEIO_write`.
    cmd: u32,
    /// The bytes to write: the slice's length, clamped to [`MAX_COUNT`].
    count: u32,
    /// The text, which Xen reads.
    buf: GuestHandle<'a, u8>,
}

impl<'a> ConsoleWrite<'a> {
    /// Writes all of `text` (its first [`MAX_COUNT`] bytes if longer).
    pub fn new(text: &'a PoolSlice<'_, u8>) -> Self {
        ConsoleWrite {
            cmd: CONSOLEIO_write,
            count: count_of(text.len()),
            buf: text.handle(),
        }
    }

    /// The byte count passed to Xen.
    pub fn count(&self) -> u32 {
        self.count
    }
}

/// `HYPERVISOR_console_io(CONSOLEIO_read, count, buf)`: read up to `count`
/// bytes of console input; returns the number read.
#[derive(HypercallArgs, Debug)]
#[hypercall(op = __HYPERVISOR_console_io)]
pub struct ConsoleRead<'a> {
    /// Always `CONSOLEIO_read`.
    cmd: u32,
    /// The buffer's size: the slice's length, clamped to [`MAX_COUNT`].
    count: u32,
    /// The buffer Xen fills.
    buf: GuestHandleMut<'a, u8>,
}

impl<'a> ConsoleRead<'a> {
    /// Reads into `buf` (at most its first [`MAX_COUNT`] bytes).
    pub fn new(buf: &'a mut PoolSlice<'_, u8>) -> Self {
        ConsoleRead {
            cmd: CONSOLEIO_read,
            count: count_of(buf.len()),
            buf: buf.handle_mut(),
        }
    }

    /// The buffer size passed to Xen.
    pub fn count(&self) -> u32 {
        self.count
    }
}
