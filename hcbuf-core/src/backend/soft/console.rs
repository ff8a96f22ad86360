//! Xen's console: the ring `XEN_SYSCTL_readconsole` reads, and the
//! `console_io` hypercall (`drivers/char/console.c`).

use hcbuf_sys::errno::{XEN_E2BIG, XEN_ENOSYS};
use hcbuf_sys::xen::{CONSOLEIO_read, CONSOLEIO_write};

use super::Ctx;
use crate::backend::XenErrno;

/// The console ring: `size` bytes (a power of two) and two free-running
/// indices, the oldest byte kept (`conringc`) and the next byte written
/// (`conringp`).
#[derive(Debug)]
pub(super) struct ConsoleRing {
    buf: Vec<u8>,
    c: u32,
    p: u32,
}

/// What `XEN_SYSCTL_readconsole` asks.
pub(super) struct RingRead {
    pub(super) incremental: bool,
    pub(super) index: u32,
    pub(super) max: u32,
    pub(super) clear: bool,
}

impl ConsoleRing {
    pub(super) fn new(size: u32) -> Self {
        ConsoleRing {
            buf: vec![0; size as usize],
            c: 0,
            p: 0,
        }
    }

    fn size(&self) -> u32 {
        self.buf.len() as u32
    }

    fn mask(&self, i: u32) -> usize {
        (i & (self.size() - 1)) as usize
    }

    /// `conring_puts`: appends, dropping the oldest bytes once full.
    pub(super) fn puts(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let at = self.mask(self.p);
            self.buf[at] = b;
            self.p = self.p.wrapping_add(1);
        }
        if self.p.wrapping_sub(self.c) > self.size() {
            self.c = self.p.wrapping_sub(self.size());
        }
    }

    /// `read_console_ring`: hands `copy` each run of bytes with its offset
    /// in the caller's buffer; returns the bytes read and the index after
    /// them. A failed copy ends the read (nothing cleared).
    pub(super) fn read(
        &mut self,
        ask: &RingRead,
        mut copy: impl FnMut(u32, &[u8]) -> Result<(), XenErrno>,
    ) -> Result<(u32, u32), XenErrno> {
        let (mut c, p) = (self.c, self.p);
        let index = ask.index;
        if ask.incremental
            && if c <= p {
                c < index && index <= p
            } else {
                c < index || index <= p
            }
        {
            c = index;
        }
        let mut sofar = 0u32;
        while c != p && sofar < ask.max {
            let idx = self.mask(c) as u32;
            let mut len = p.wrapping_sub(c);
            if idx + len > self.size() {
                len = self.size() - idx;
            }
            if len > ask.max - sofar {
                len = ask.max - sofar;
            }
            copy(sofar, &self.buf[idx as usize..(idx + len) as usize])?;
            sofar += len;
            c = c.wrapping_add(len);
        }
        if ask.clear {
            self.c = if p.wrapping_sub(c) > self.size() {
                p.wrapping_sub(self.size())
            } else {
                c
            };
        }
        Ok((sofar, c))
    }
}

/// Xen copies console output from the guest in chunks of this many bytes
/// (`sizeof(kbuf) - 1`).
const WRITE_CHUNK: usize = 127;

impl Ctx<'_> {
    /// `HYPERVISOR_console_io(cmd, count, buffer)`.
    pub(super) fn console_io(
        &mut self,
        [cmd, count, buffer, ..]: [u64; 5],
    ) -> Result<u64, XenErrno> {
        // C `unsigned int` parameters: the low 32 bits.
        let (cmd, count) = (cmd as u32, count as u32);
        match cmd {
            CONSOLEIO_write => {
                // dom0 is the hardware domain: its text goes out whole (to
                // the ring if `console_to_ring`), chunk by chunk, so a
                // fault leaves the earlier chunks written.
                let mut done = 0usize;
                let count = count as usize;
                while done < count {
                    let len = (count - done).min(WRITE_CHUNK);
                    let chunk = self.mem.read_bytes(self.mem.offset(buffer, done)?, len)?;
                    if self.st.host.console_to_ring {
                        self.st.ring.puts(&chunk);
                    }
                    done += len;
                }
                Ok(0)
            }
            // The model has no serial input: nothing is read, nothing
            // touched.
            CONSOLEIO_read if count > i32::MAX as u32 => Err(XenErrno(XEN_E2BIG)),
            CONSOLEIO_read => Ok(0),
            _ => Err(XenErrno(XEN_ENOSYS)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(ring: &mut ConsoleRing, ask: RingRead) -> (Vec<u8>, u32) {
        let mut out = vec![0u8; ask.max as usize];
        let (n, index) = ring
            .read(&ask, |off, bytes| {
                out[off as usize..off as usize + bytes.len()].copy_from_slice(bytes);
                Ok(())
            })
            .unwrap();
        out.truncate(n as usize);
        (out, index)
    }

    fn ask(incremental: bool, index: u32, max: u32, clear: bool) -> RingRead {
        RingRead {
            incremental,
            index,
            max,
            clear,
        }
    }

    #[test]
    fn a_full_ring_keeps_the_newest_bytes_and_wraps() {
        let mut ring = ConsoleRing::new(16);
        ring.puts(b"0123456789");
        ring.puts(b"abcdefghij");
        let (text, index) = read_all(&mut ring, ask(false, 0, 64, false));
        assert_eq!(text, b"456789abcdefghij");
        assert_eq!(index, 20);
        let (text, _) = read_all(&mut ring, ask(true, 18, 64, false));
        assert_eq!(text, b"ij");
        // An index outside (c, p] reads from the oldest byte.
        let (text, _) = read_all(&mut ring, ask(true, 2, 3, false));
        assert_eq!(text, b"456");
    }

    #[test]
    fn clear_drops_what_was_read() {
        let mut ring = ConsoleRing::new(32);
        ring.puts(b"hello world");
        let (text, index) = read_all(&mut ring, ask(false, 0, 5, true));
        assert_eq!((text.as_slice(), index), (&b"hello"[..], 5));
        let (text, _) = read_all(&mut ring, ask(false, 0, 64, false));
        assert_eq!(text, b" world");
    }
}
