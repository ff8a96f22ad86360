//! The pool under arbitrary sequences of allocations, frees, resizes,
//! writes and bounces. After every step: no two live buffers overlap,
//! every live buffer still holds exactly what was last written to it (so a
//! buffer handed out twice, or zeroing of the wrong memory, shows), every
//! new or grown element reads zero, the counters balance against a model,
//! and the allocation record allows exactly the live buffers.

use arbitrary::{Arbitrary, Unstructured};
use hcbuf_core::pool::{Access, PoolConfig};
use hcbuf_core::{Pool, PoolSlice};

/// The most bytes live at once (keeps each step's full check cheap).
const MAX_LIVE_BYTES: usize = 256 << 10;
/// The most buffers live at once.
const MAX_LIVE: usize = 24;

/// A request size, spread over the pool's regimes: tiny slots, any slot,
/// around the slot/run boundary, and page runs.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Size {
    Tiny(u8),
    Slot(u16),
    Boundary(i8),
    Run(u16),
}

impl Size {
    fn elements(self, width: usize) -> usize {
        let bytes = match self {
            Size::Tiny(n) => usize::from(n % 64),
            Size::Slot(n) => usize::from(n % 4097),
            Size::Boundary(d) => (4096 + isize::from(d)) as usize,
            Size::Run(n) => usize::from(n) * 2,
        };
        bytes / width
    }
}

/// The element type of a buffer, which sets its alignment.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Width {
    U8,
    U32,
    U64,
}

#[derive(Arbitrary, Debug)]
enum Step {
    /// `pool.slice(n)`.
    Alloc { width: Width, size: Size },
    /// `pool.slice_from(..)` of a pattern.
    AllocFrom { size: Size, byte: u8 },
    /// Drop a live buffer.
    Free { which: u8 },
    /// `resize` a live buffer.
    Resize { which: u8, size: Size },
    /// Shrink a live buffer by `by` bytes and grow it back: the bytes
    /// the shrink dropped must come back zero, also when both stay in
    /// place.
    ShrinkGrow { which: u8, by: u16 },
    /// Write every byte of a live buffer (through `DerefMut`).
    Write { which: u8, byte: u8 },
    /// An IN bounce of caller data.
    BounceIn { size: Size, byte: u8 },
    /// An OUT bounce, written as Xen would, finished or dropped.
    BounceOut { size: Size, byte: u8, finish: bool },
    /// An IN/OUT bounce, partly rewritten, finished or dropped.
    BounceInOut { size: Size, byte: u8, finish: bool },
}

/// A live buffer of any width.
enum Buf<'p> {
    U8(PoolSlice<'p, u8>),
    U32(PoolSlice<'p, u32>),
    U64(PoolSlice<'p, u64>),
}

impl Buf<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Buf::U8(s) => s,
            Buf::U32(s) => bytes_of(s),
            Buf::U64(s) => bytes_of(s),
        }
    }

    fn fill(&mut self, byte: u8) {
        match self {
            Buf::U8(s) => s.fill(byte),
            Buf::U32(s) => s.fill(u32::from_ne_bytes([byte; 4])),
            Buf::U64(s) => s.fill(u64::from_ne_bytes([byte; 8])),
        }
    }

    fn resize(&mut self, bytes: usize) -> Result<(), hcbuf_core::PoolError> {
        match self {
            Buf::U8(s) => s.resize(bytes),
            Buf::U32(s) => s.resize(bytes / 4),
            Buf::U64(s) => s.resize(bytes / 8),
        }
    }

    fn width(&self) -> usize {
        match self {
            Buf::U8(_) => 1,
            Buf::U32(_) => 4,
            Buf::U64(_) => 8,
        }
    }
}

/// Whether every byte of `bytes` is `value`: the first is, and each equals
/// the next. One slice comparison (`bcmp`) rather than a loop, which the
/// fuzzer's comparison tracing would slow down byte by byte.
fn all_are(bytes: &[u8], value: u8) -> bool {
    match bytes.split_first() {
        None => true,
        Some((&first, rest)) => first == value && rest == &bytes[..rest.len()],
    }
}

fn bytes_of<T: hcbuf_core::XenWritable>(s: &[T]) -> &[u8] {
    // SAFETY: `XenWritable` types are plain data without padding: every
    // byte of the slice is initialised; the length is its size in bytes.
    unsafe { std::slice::from_raw_parts(s.as_ptr().cast(), std::mem::size_of_val(s)) }
}

/// What the model knows of one live buffer.
struct Live<'p> {
    buf: Buf<'p>,
    /// Every byte up to `written` is `byte`; every byte after is zero.
    byte: u8,
    written: usize,
    /// Lent writable (Xen may write it), as the allocation record says.
    writable: bool,
}

impl Live<'_> {
    fn range(&self) -> (usize, usize) {
        let bytes = self.buf.bytes();
        (bytes.as_ptr() as usize, bytes.len())
    }

    fn check(&self, step: usize) {
        let (head, tail) = self.buf.bytes().split_at(self.written);
        if all_are(head, self.byte) && all_are(tail, 0) {
            return;
        }
        for (i, &b) in self.buf.bytes().iter().enumerate() {
            let want = if i < self.written { self.byte } else { 0 };
            assert_eq!(b, want, "step {step}: byte {i} of a live buffer");
        }
    }
}

/// The pool's configuration, from the first bytes of the input.
#[derive(Arbitrary, Debug)]
struct Config {
    cache: u8,
    shards: u8,
    tracked: bool,
}

impl Config {
    fn pool(&self) -> Pool {
        let mut config = PoolConfig::default().shards(usize::from(self.shards % 3) + 1);
        config = match self.cache % 3 {
            0 => config.cache_limit(0),
            1 => config.cache_limit(64 << 10),
            _ => config,
        };
        if self.tracked {
            super::tracking_pool(config)
        } else {
            Pool::with_config(config.source(hcbuf_core::pool::MemorySource::LockedAnonymous))
                .expect("a locked anonymous pool")
        }
    }
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(config) = Config::arbitrary(&mut u) else {
        return;
    };
    let steps: Vec<Step> = super::steps(&mut u);
    let pool = config.pool();
    let mut live: Vec<Live<'_>> = Vec::new();
    let mut books = Books::default();

    for (n, step) in steps.into_iter().enumerate() {
        match step {
            Step::Alloc { width, size } => {
                let buf = match width {
                    Width::U8 => pool.slice::<u8>(size.elements(1)).map(Buf::U8),
                    Width::U32 => pool.slice::<u32>(size.elements(4)).map(Buf::U32),
                    Width::U64 => pool.slice::<u64>(size.elements(8)).map(Buf::U64),
                }
                .expect("a small allocation succeeds");
                let bytes = buf.bytes().len();
                books.allocations += counted(bytes);
                let fresh = Live {
                    buf,
                    byte: 0,
                    written: 0,
                    writable: false,
                };
                fresh.check(n);
                if room(&live, bytes) {
                    live.push(fresh);
                } else {
                    books.frees += counted(bytes);
                }
            }
            Step::AllocFrom { size, byte } => {
                let data = vec![byte; size.elements(1)];
                let buf = Buf::U8(pool.slice_from(&data).expect("a small allocation succeeds"));
                books.allocations += counted(data.len());
                let copy = Live {
                    buf,
                    byte,
                    written: data.len(),
                    writable: false,
                };
                copy.check(n);
                if room(&live, data.len()) {
                    live.push(copy);
                } else {
                    books.frees += counted(data.len());
                }
            }
            Step::Free { which } => {
                if let Some(i) = pick(&live, which) {
                    let gone = live.swap_remove(i);
                    gone.check(n);
                    books.frees += counted(gone.range().1);
                    books.died(gone.range());
                }
            }
            Step::Resize { which, size } => {
                if let Some(i) = pick(&live, which) {
                    let width = live[i].buf.width();
                    let new_len = size.elements(width) * width;
                    resize(&mut live, i, new_len, &mut books, n);
                }
            }
            Step::ShrinkGrow { which, by } => {
                if let Some(i) = pick(&live, which) {
                    let (width, len) = (live[i].buf.width(), live[i].range().1);
                    let shrunk = len - (usize::from(by) % (len + 1)) / width * width;
                    resize(&mut live, i, shrunk, &mut books, n);
                    resize(&mut live, i, len, &mut books, n);
                }
            }
            Step::Write { which, byte } => {
                if let Some(i) = pick(&live, which) {
                    let l = &mut live[i];
                    l.buf.fill(byte);
                    l.byte = byte;
                    l.written = l.range().1;
                    l.writable = true;
                }
            }
            Step::BounceIn { size, byte } => {
                let data = vec![byte; size.elements(1)];
                let bounce = pool.bounce_in(&data).expect("a small bounce succeeds");
                assert_eq!(bounce.buffer(), &data[..], "step {n}: copied in");
                books.allocations += counted(data.len());
                books.frees += counted(data.len());
            }
            Step::BounceOut { size, byte, finish } => {
                let mut data = vec![!byte; size.elements(1)];
                let mut bounce = pool.bounce_out(&mut data).expect("a small bounce succeeds");
                assert!(all_are(bounce.buffer(), 0), "step {n}: zeroed");
                bounce.buffer_mut().fill(byte);
                if finish {
                    bounce.finish();
                } else {
                    drop(bounce);
                }
                assert!(all_are(&data, byte), "step {n}: copied back");
                books.allocations += counted(data.len());
                books.frees += counted(data.len());
            }
            Step::BounceInOut { size, byte, finish } => {
                let mut data: Vec<u8> = (0..size.elements(1)).map(|i| i as u8).collect();
                let before = data.clone();
                let half = data.len() / 2;
                let mut want = data.clone();
                want[..half].fill(byte);
                let mut bounce = pool
                    .bounce_in_out(&mut data)
                    .expect("a small bounce succeeds");
                assert!(bounce.buffer() == &before[..], "step {n}: copied in");
                bounce.buffer_mut()[..half].fill(byte);
                if finish {
                    bounce.finish();
                } else {
                    drop(bounce);
                }
                assert!(data == want, "step {n}: copied back");
                books.allocations += counted(data.len());
                books.frees += counted(data.len());
            }
        }
        check(&pool, &live, &books, config.tracked, n);
    }
    for l in &live {
        l.check(usize::MAX);
    }
    books.frees += live.iter().map(|l| counted(l.range().1)).sum::<u64>();
    drop(live);
    let stats = pool.stats();
    assert_eq!(
        (stats.allocations, stats.frees),
        (books.allocations, books.frees)
    );
    assert_eq!(stats.live(), 0);
}

/// Whether the model may keep `bytes` more live.
fn room(live: &[Live<'_>], bytes: usize) -> bool {
    let live_bytes: usize = live.iter().map(|l| l.range().1).sum();
    live.len() < MAX_LIVE && live_bytes + bytes <= MAX_LIVE_BYTES
}

/// What the pool's counters and allocation record should say.
#[derive(Default)]
struct Books {
    allocations: u64,
    frees: u64,
    /// The most recently freed (or moved-from) ranges, which the record
    /// must no longer allow unless a live buffer took them again.
    dead: Vec<(usize, usize)>,
}

impl Books {
    fn died(&mut self, (addr, len): (usize, usize)) {
        if len > 0 {
            if self.dead.len() == 16 {
                self.dead.remove(0);
            }
            self.dead.push((addr, len));
        }
    }
}

/// An empty buffer counts for nothing (it holds no memory).
fn counted(bytes: usize) -> u64 {
    u64::from(bytes > 0)
}

/// The live buffer `which` names, if any is live.
fn pick(live: &[Live<'_>], which: u8) -> Option<usize> {
    (!live.is_empty()).then(|| usize::from(which) % live.len())
}

/// Resizes live buffer `i` to `new_len` bytes (a multiple of its width)
/// and brings the model along, if the model has room for it.
fn resize(live: &mut [Live<'_>], i: usize, new_len: usize, books: &mut Books, n: usize) {
    let (old_addr, old_len) = live[i].range();
    if new_len > old_len && !room(live, new_len - old_len) {
        return;
    }
    live[i]
        .buf
        .resize(new_len)
        .expect("a small resize succeeds");
    let l = &mut live[i];
    let (addr, len) = l.range();
    assert_eq!(len, new_len, "step {n}: the resized length");
    l.written = l.written.min(len);
    if addr != old_addr || len == 0 {
        // Moved: a new allocation and a free, not yet lent writable (empty
        // buffers are not counted).
        books.allocations += counted(len);
        books.frees += counted(old_len);
        books.died((old_addr, old_len));
        l.writable = false;
    }
    l.check(n);
}

/// The invariants that hold between any two steps.
fn check(pool: &Pool, live: &[Live<'_>], books: &Books, tracked: bool, n: usize) {
    let mut ranges: Vec<(usize, usize)> = live.iter().map(Live::range).collect();
    ranges.sort_unstable();
    for pair in ranges.windows(2) {
        let ((a, a_len), (b, _)) = (pair[0], pair[1]);
        assert!(
            a_len == 0 || a + a_len <= b,
            "step {n}: live buffers overlap: {a:#x}+{a_len} and {b:#x}"
        );
    }
    for l in live {
        l.check(n);
    }
    let stats = pool.stats();
    assert_eq!(
        (stats.allocations, stats.frees),
        (books.allocations, books.frees),
        "step {n}: {stats:?}"
    );
    assert_eq!(stats.allocations, stats.cache_hits + stats.cache_misses);
    let live_bytes: usize = ranges.iter().map(|r| r.1).sum();
    assert!(stats.locked_bytes >= live_bytes, "step {n}: {stats:?}");
    assert!(stats.locked_bytes <= stats.peak_locked_bytes);
    if !tracked {
        return;
    }
    for l in live {
        let (addr, len) = l.range();
        let addr = addr as u64;
        assert!(pool.allows(addr, len, Access::Read), "step {n}");
        assert_eq!(
            pool.allows(addr, len, Access::Write),
            l.writable || len == 0,
            "step {n}: writable"
        );
        assert!(
            !pool.allows(addr, len + 1, Access::Read),
            "step {n}: one past"
        );
    }
}
