//! The console, memory reservations and hypfs.

use hcbuf_sys::xen::domid_t;

use super::{Error, Xen, lend_error, not_the_caller, pool_error};
use crate::args::{SubOp, family};
use crate::backend::Backend;
use crate::marker::XenWritable;
use crate::pool::PoolError;
use crate::xen::CmdCall;
use crate::xen::console::ConsoleWrite;
use crate::xen::hypfs::{HypfsDirentry, HypfsRead};
use crate::xen::memory::{
    CurrentReservation, MaximumGpfn, MaximumRamPage, MaximumReservation, MemoryDomain,
    MemoryReservation, PopulatePhysmap,
};
use crate::xen::sysctl::{DebugKeys, ReadConsole};

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

    /// Presses `keys` on Xen's debug console (`XEN_SYSCTL_debug_keys`, as
    /// `xl debug-keys`): each key's handler runs in turn and writes what it
    /// shows to Xen's console (read it with [`console_read`]). Keys without
    /// a handler are ignored, as Xen ignores them; `h` lists the handlers.
    /// An empty `keys` presses nothing and succeeds. Some keys act (`R`
    /// reboots the host): this is a control operation of dom0.
    ///
    /// [`console_read`]: Xen::console_read
    pub fn debug_keys(&self, keys: &str) -> Result<(), Error> {
        const CALL: &str = "sysctl debug_keys";
        let count = u32::try_from(keys.len()).map_err(|_| Error::Pool {
            call: CALL,
            source: PoolError::BadRequest {
                size: keys.len(),
                align: 1,
                why: "Xen counts the keys in 32 bits",
            },
        })?;
        let buf = self
            .pool
            .slice_from(keys.as_bytes())
            .map_err(pool_error(CALL))?;
        let mut ask = DebugKeys::default();
        ask.set_nr_keys(count)
            .and_then(|()| ask.set_keys(buf.lend()))
            .map_err(lend_error(CALL))?;
        self.sysctl(CALL, ask).map(drop)
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

    /// `XENMEM_populate_physmap`: gives domain `domid` one extent of
    /// `2^extent_order` pages at each guest frame of `gpfns` (no
    /// `mem_flags`), and returns, per extent populated, its frame: for a
    /// PV domain the machine frame Xen allocated (what foreign mappings of
    /// it name), for a translated (HVM, PVH) domain the GPFN given.
    ///
    /// Xen answers with the number of extents it populated, not an errno:
    /// fewer than asked (down to none) when it stopped, at the domain's
    /// memory limit ([`set_max_mem`](Self::set_max_mem)), out of memory,
    /// for a domain that does not exist or an order over the caller's
    /// limit. The vector is then shorter than `gpfns`; nothing is undone.
    ///
    /// # Errors
    /// [`Error::Pool`] if the frame list cannot be allocated;
    /// [`Error::Xen`] if the call itself fails; [`Error::Unexpected`] for
    /// a list longer than one call takes (`UINT_MAX >> 6` extents) or a
    /// count beyond the list.
    pub fn populate_physmap(
        &self,
        domid: domid_t,
        extent_order: u32,
        gpfns: &[u64],
    ) -> Result<Vec<u64>, Error> {
        const CALL: &str = "memory_op populate_physmap";
        not_the_caller(
            CALL,
            domid,
            "domain 0 (or DOMID_SELF) is the caller: its kernel owns its physical map",
        )?;
        // Xen encodes a continuation's progress above bit 6 of the
        // command: a longer list could not be resumed, and Xen does none.
        const MAX_EXTENTS: usize = (u32::MAX >> 6) as usize;
        if gpfns.len() > MAX_EXTENTS {
            return Err(Error::Unexpected {
                call: CALL,
                what: format!(
                    "{} extents; one call takes at most {MAX_EXTENTS}",
                    gpfns.len()
                ),
            });
        }
        if gpfns.is_empty() {
            return Ok(Vec::new());
        }
        let mut frames = self.pool.slice_from(gpfns).map_err(pool_error(CALL))?;
        let mut reservation = MemoryReservation::default();
        reservation.extent_order = extent_order;
        reservation.domid = domid;
        reservation
            .set_nr_extents(gpfns.len() as u64)
            .and_then(|()| reservation.set_extent_start(frames.lend_mut()))
            .map_err(lend_error(CALL))?;
        // The count fits the ioctl's `int` (at most `MAX_EXTENTS`).
        let (done, payload) = self.command(CALL, PopulatePhysmap::new(reservation))?;
        drop(payload);
        let done = usize::try_from(done)
            .ok()
            .filter(|&d| d <= gpfns.len())
            .ok_or_else(|| Error::Unexpected {
                call: CALL,
                what: format!("Xen populated {done} of {} extents", gpfns.len()),
            })?;
        Ok(frames[..done].to_vec())
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
