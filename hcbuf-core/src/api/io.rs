//! The console, memory reservations and hypfs.

use hcbuf_sys::xen::domid_t;

use super::{Error, Xen, lend_error, pool_error};
use crate::args::{SubOp, family};
use crate::backend::Backend;
use crate::marker::XenWritable;
use crate::pool::PoolError;
use crate::xen::CmdCall;
use crate::xen::console::ConsoleWrite;
use crate::xen::hypfs::{HypfsDirentry, HypfsRead};
use crate::xen::memory::{
    CurrentReservation, MaximumGpfn, MaximumRamPage, MaximumReservation, MemoryDomain,
};
use crate::xen::sysctl::ReadConsole;

/// The most console bytes one read asks for.
const CONSOLE_CHUNK: usize = 16 << 10;
/// The most chunks one `console_read` reads (Xen's ring is far smaller).
const CONSOLE_MAX_CHUNKS: usize = 256;

impl<B: Backend> Xen<B> {
    /// Reads Xen's console ring (`XEN_SYSCTL_readconsole`): from `*index`
    /// on if `incremental` (advancing `*index`), else the whole ring. If
    /// `clear`, the ring is cleared afterwards (by one more call that
    /// reads nothing; text Xen logs between the two calls is lost, as with
    /// `xl dmesg -c`, and so is text beyond the 4 MiB one call reads).
    pub fn console_read(
        &self,
        index: &mut u32,
        incremental: bool,
        clear: bool,
    ) -> Result<Vec<u8>, Error> {
        const CALL: &str = "sysctl readconsole";
        let mut text = Vec::new();
        let mut buf = self
            .pool
            .slice::<u8>(CONSOLE_CHUNK)
            .map_err(pool_error(CALL))?;
        // After the first chunk, go on from where Xen stopped.
        let mut from_index = incremental;
        for _ in 0..CONSOLE_MAX_CHUNKS {
            let mut ask = ReadConsole::default();
            ask.incremental = u8::from(from_index);
            ask.index = *index;
            ask.set_count(CONSOLE_CHUNK as u32)
                .and_then(|()| ask.set_buffer(buf.lend_mut()))
                .map_err(lend_error(CALL))?;
            let (got, next) = self.readconsole(CALL, ask)?;
            text.extend_from_slice(&buf[..got]);
            let advanced = next != *index;
            *index = next;
            from_index = true;
            // A short read is the end; so is an index that did not move
            // (a full chunk again would be the same text).
            if got < CONSOLE_CHUNK || !advanced {
                break;
            }
        }
        if clear {
            let mut ask = ReadConsole::default();
            ask.clear = 1;
            ask.incremental = 1;
            ask.index = *index;
            self.readconsole(CALL, ask)?;
        }
        Ok(text)
    }

    /// One `XEN_SYSCTL_readconsole`: the bytes written and the next index.
    fn readconsole(&self, call: &'static str, ask: ReadConsole<'_>) -> Result<(usize, u32), Error> {
        let op = self.sysctl(call, ask)?;
        let p = op.payload();
        Ok(((p.count() as usize).min(CONSOLE_CHUNK), p.index))
    }

    /// Writes `text` to Xen's console (`CONSOLEIO_write`).
    pub fn console_write(&self, text: &[u8]) -> Result<(), Error> {
        const CALL: &str = "console_io write";
        let buf = self.pool.slice_from(text).map_err(pool_error(CALL))?;
        self.issue(CALL, &ConsoleWrite::new(&buf)).map(drop)
    }

    /// `XENMEM_current_reservation`: the domain's pages.
    pub fn current_reservation(&self, domid: domid_t) -> Result<u64, Error> {
        self.memory_query(
            "memory_op current_reservation",
            CurrentReservation::new(MemoryDomain { domid }),
        )
    }

    /// `XENMEM_maximum_reservation`: the domain's page limit.
    pub fn maximum_reservation(&self, domid: domid_t) -> Result<u64, Error> {
        self.memory_query(
            "memory_op maximum_reservation",
            MaximumReservation::new(MemoryDomain { domid }),
        )
    }

    /// `XENMEM_maximum_gpfn`: the domain's highest guest frame.
    pub fn maximum_gpfn(&self, domid: domid_t) -> Result<u64, Error> {
        self.memory_query(
            "memory_op maximum_gpfn",
            MaximumGpfn::new(MemoryDomain { domid }),
        )
    }

    /// Issues the memory op of `payload`, passed in pool memory, and
    /// returns its result (a page count or frame, possibly over 31 bits).
    fn memory_query<P>(&self, call: &'static str, payload: P) -> Result<u64, Error>
    where
        P: SubOp<Family = family::MemoryOp> + XenWritable,
    {
        let arg = self.pool.boxed_from(payload).map_err(pool_error(call))?;
        self.issue_wide(call, &CmdCall::new(arg))
    }

    /// `XENMEM_maximum_ram_page`: the highest machine frame of RAM.
    pub fn maximum_ram_page(&self) -> Result<u64, Error> {
        self.issue_wide("memory_op maximum_ram_page", &MaximumRamPage::new())
    }

    /// Reads the hypfs node at `path` (`XEN_HYPFS_OP_read`) and returns
    /// its contents (at most `max` bytes; `ENOBUFS` if it is larger).
    pub fn hypfs_read(&self, path: &str, max: usize) -> Result<Vec<u8>, Error> {
        const CALL: &str = "hypfs_op read";
        let header = std::mem::size_of::<HypfsDirentry>();
        let mut c_path = path.as_bytes().to_vec();
        c_path.push(0);
        let path = self.pool.slice_from(&c_path).map_err(pool_error(CALL))?;
        let size = header.checked_add(max).ok_or(Error::Pool {
            call: CALL,
            source: PoolError::BadRequest {
                size: max,
                align: 1,
                why: "the contents' limit plus the entry header overflows",
            },
        })?;
        let mut buf = self.pool.slice::<u8>(size).map_err(pool_error(CALL))?;
        self.issue(CALL, &HypfsRead::new(&path, &mut buf))?;
        // The buffer starts with the node's entry: its content length at
        // `content_len`, then the contents.
        let at = std::mem::offset_of!(HypfsDirentry, content_len);
        let len = u32::from_ne_bytes(buf[at..at + 4].try_into().expect("4 bytes")) as usize;
        if len > max {
            return Err(Error::Unexpected {
                call: CALL,
                what: format!("Xen reports {len} bytes of contents for a {max}-byte buffer"),
            });
        }
        Ok(buf[header..header + len].to_vec())
    }
}
