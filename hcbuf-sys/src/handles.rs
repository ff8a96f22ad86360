//! How a declaration spells its guest handles.
//!
//! A struct of Xen's ABI that holds guest handles is declared once, generic
//! over a [`Handles`] parameter: each handle field names its element type
//! and its direction (from the `IN`/`OUT`/`INOUT` marks of Xen's headers)
//! as `H::In<T>`, `H::Out<T>` or `H::InOut<T>`, and each C union nested in
//! it as `H::Union<U>`. With the default parameter, [`Raw`], the struct is
//! the raw mirror of the C struct: a handle is a [`RawHandle`], an integer
//! address, and the layout test proves it against the headers.
//! `hcbuf-core` supplies the other parameter, `Typed<'a>`, under which the
//! same declaration is the payload users fill: handles borrowed from pool
//! memory, so no integer can take a handle's place, and the element type
//! and direction are the header's.
//!
//! Every guest handle is a private field, set with a [`Lent`] buffer whose
//! length the struct's counts must fit, and every count it is measured by
//! a private field set before any buffer is lent: no count can exceed the
//! buffer it measures. In the raw spelling, a `Lent` is the caller's claim:
//!
//! ```
//! use hcbuf_sys::handles::{Lent, LendError, RawHandle};
//! use hcbuf_sys::sysctl::xen_sysctl_readconsole;
//!
//! let mut rc: xen_sysctl_readconsole = Default::default();
//! rc.set_count(4096).unwrap();
//! // SAFETY: a raw struct is never issued by safe code; this claim (4096
//! // bytes at that address) is what an unsafe caller would have to keep.
//! let buffer = unsafe { Lent::new(RawHandle(0x7f00_0000), 4096) };
//! rc.set_buffer(buffer).unwrap();
//! assert_eq!((rc.count(), rc.buffer().0), (4096, 0x7f00_0000));
//! assert_eq!(rc.set_count(8192), Err(LendError::CountAfterBuffer { count: "count" }));
//! ```

use core::fmt;

/// The spelling of guest handles and nested unions in a declaration.
///
/// The element types are not bounded here (an element may itself be a
/// declaration spelled by the same parameter); a spelling whose handles
/// are hypercall data bounds them there: `hcbuf-core`'s handles are
/// hypercall-safe only when their element is
/// [`PlainData`](crate::marker::PlainData).
///
/// # Safety
/// Every type this names has the layout of the one it stands for in
/// [`Raw`]: `In<T>`, `Out<T>` and `InOut<T>` the size and alignment of
/// [`RawHandle`] (eight bytes on x86_64), `Union<U>` those of `U`; the
/// `Default` of each handle type is the null handle (address 0). `abi!`
/// asserts a declaration's layout once, for [`Raw`], and relies on this for
/// every other parameter.
pub unsafe trait Handles {
    /// A handle to `T`s that Xen only reads (`IN`).
    type In<T>: Handle;
    /// A handle to `T`s that Xen writes (`OUT`).
    type Out<T>: Handle;
    /// A handle to `T`s that Xen reads and writes (`IN/OUT`).
    type InOut<T>: Handle;
    /// A C union nested in a payload (`U` is its raw mirror).
    type Union<U: Copy + Lends>: Lends;
    /// The spelling of a declaration behind a handle
    /// (`H::Out<xen_..._t<H::Elements>>`): plain data, which borrows
    /// nothing, so its spelling needs no lifetime of the handle's.
    type Elements: Handles;
}

/// The raw spelling: handles are integer addresses, unions their raw
/// mirrors. Declarations default to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Raw;

// SAFETY: each type named is the one it stands for.
unsafe impl Handles for Raw {
    type In<T> = RawHandle;
    type Out<T> = RawHandle;
    type InOut<T> = RawHandle;
    type Union<U: Copy + Lends> = U;
    type Elements = Raw;
}

/// What every spelling's handle types have: an address (0 for the null
/// handle, their `Default`), and what lending `elements` of them to Xen
/// means.
pub trait Handle: Default + fmt::Debug {
    /// The guest-virtual address (0 for none).
    fn address(&self) -> u64;

    /// Whether this is the null handle.
    fn is_null(&self) -> bool {
        self.address() == 0
    }

    /// Reports the memory this handle lends Xen if Xen touches `elements`
    /// of its elements: its address, their bytes, and whether Xen may
    /// write them. Nothing for the null handle, nor for a raw one (an
    /// integer lends nothing).
    fn lend(&self, elements: Extent, to: &mut dyn FnMut(Lending)) {
        let _ = (elements, to);
    }
}

/// Memory a call lends Xen: `bytes` bytes at `addr`, which Xen may write if
/// `writable` (else only read). A backend that checks what Xen touches
/// (the software Xen) allows exactly the ranges a call lends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lending {
    /// The guest-virtual address.
    pub addr: u64,
    /// The number of bytes.
    pub bytes: u64,
    /// Whether Xen may write them.
    pub writable: bool,
}

/// A value that may hold guest handles reports the memory they lend Xen:
/// a declaration through each measured handle (as many elements as its
/// counts say) and each nested declaration; integers and byte arrays lend
/// nothing. `abi!` implements it for every declaration.
pub trait Lends {
    /// Whether a value may hold a guest handle (a measured handle, a nested
    /// declaration or union that may): a payload that may not is issued
    /// again as it is, one that may only after its buffers are lent again.
    const MAY_LEND: bool = false;

    /// Reports each range to `to`.
    fn lend(&self, to: &mut dyn FnMut(Lending));

    /// Sets every measured handle to null, nested ones included (the
    /// counts stay as Xen left them): after a call, whose answer may have
    /// raised a count past the buffer it measures (a sizing answer), so
    /// that issuing the same value again lends nothing. Nothing for a value
    /// without handles.
    fn forget(&mut self) {}
}

macro_rules! lends_nothing {
    ($($t:ty),*) => {$(
        impl Lends for $t {
            fn lend(&self, _: &mut dyn FnMut(Lending)) {}
        }
    )*};
}
// Not for handle types: a handle in a declaration is a measured `handle`
// field, which lends as far as its counts go; a bare handle has no extent.
lends_nothing!(u8, u16, u32, u64, i8, i16, i32, i64, usize, isize);

impl<T: Lends, const N: usize> Lends for [T; N] {
    const MAY_LEND: bool = T::MAY_LEND;

    fn lend(&self, to: &mut dyn FnMut(Lending)) {
        for element in self {
            element.lend(to);
        }
    }

    fn forget(&mut self) {
        for element in self {
            element.forget();
        }
    }
}

impl Handle for RawHandle {
    fn address(&self) -> u64 {
        self.0
    }
}

/// A guest handle in a raw struct: the guest-virtual address of a buffer,
/// 0 for none (`XEN_GUEST_HANDLE(T)` and `XEN_GUEST_HANDLE_64(T)` alike on
/// x86_64). A distinct type, not a `u64`, so a raw struct holding one is
/// never mistaken for plain data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct RawHandle(pub u64);

const _: () = {
    use crate::arch::{xen_guest_handle_64_t, xen_guest_handle_t};
    use core::mem::{align_of, size_of};
    assert!(size_of::<RawHandle>() == size_of::<xen_guest_handle_t>());
    assert!(align_of::<RawHandle>() == align_of::<xen_guest_handle_t>());
    assert!(size_of::<RawHandle>() == size_of::<xen_guest_handle_64_t>());
    assert!(align_of::<RawHandle>() == align_of::<xen_guest_handle_64_t>());
};

/// A guest handle together with the number of elements it reaches: what a
/// count is set from, so that a count never exceeds its buffer. The setters
/// of a declaration's measured handles take one, and so do the count
/// registers of a whole call (`console_io`'s `count`, say).
///
/// `hcbuf-core` lends one from pool memory (`PoolSlice::lend_mut` and
/// friends); in the raw spelling, [`Lent::new`] is the caller's claim.
#[derive(Debug)]
pub struct Lent<Hd> {
    handle: Hd,
    len: usize,
    /// Made by [`Lent::none`]: no buffer, on purpose. A buffer of no
    /// elements (an empty slice) is null too, but is checked against what
    /// Xen would touch like any other: an empty buffer where the counts
    /// make Xen touch elements is too short, never "no buffer".
    none: bool,
}

impl<Hd> Lent<Hd> {
    /// `handle`, reaching `len` elements.
    ///
    /// # Safety
    /// Unless `handle` is null, the memory it refers to holds at least
    /// `len` elements of its type, with the access its type claims, for as
    /// long as the handle lives.
    pub const unsafe fn new(handle: Hd, len: usize) -> Self {
        Lent {
            handle,
            len,
            none: false,
        }
    }

    /// Whether this is [`Lent::none`]: no buffer, on purpose (the setters
    /// check every other lent buffer, an empty one included, against the
    /// elements Xen touches).
    pub const fn is_none(&self) -> bool {
        self.none
    }

    /// The number of elements the handle reaches (0 for none).
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the handle reaches no element.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The handle.
    pub const fn handle(&self) -> &Hd {
        &self.handle
    }

    /// The handle, giving up its length.
    pub fn into_handle(self) -> Hd {
        self.handle
    }

    /// The handle and its length.
    pub fn into_parts(self) -> (Hd, usize) {
        (self.handle, self.len)
    }
}

impl<Hd: Default> Lent<Hd> {
    /// No buffer: the null handle (every spelling's `Default`), reaching
    /// nothing.
    pub fn none() -> Self {
        Lent {
            handle: Hd::default(),
            len: 0,
            none: true,
        }
    }
}

impl<Hd: Default> Default for Lent<Hd> {
    fn default() -> Self {
        Self::none()
    }
}

impl<Hd: Clone> Clone for Lent<Hd> {
    fn clone(&self) -> Self {
        Lent {
            handle: self.handle.clone(),
            len: self.len,
            none: self.none,
        }
    }
}

impl<Hd: Copy> Copy for Lent<Hd> {}

// SAFETY: the seal only (no marker trait is implemented for a `Lent`: it
// is never memory Xen reads): a lent handle is what its handle is.
#[diagnostic::do_not_recommend]
unsafe impl<Hd: crate::marker::__private::Derived> crate::marker::__private::Derived for Lent<Hd> {}

/// The number of elements Xen touches through a measured handle, computed
/// from a declaration's counts: `u64` arithmetic that saturates, so no
/// count can overflow into a small extent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Extent(pub u64);

impl Extent {
    /// A count field's value as an extent.
    pub fn of<T: Into<u64>>(count: T) -> Extent {
        Extent(count.into())
    }

    /// `Ok` if a buffer of `len` elements, lent for field `field`, holds
    /// this many.
    pub fn fits(self, field: &'static str, len: usize) -> Result<(), LendError> {
        if self.0 <= len as u64 {
            Ok(())
        } else {
            Err(LendError::TooShort {
                field,
                needs: self.0,
                lent: len,
            })
        }
    }
}

impl core::ops::Mul for Extent {
    type Output = Extent;
    fn mul(self, other: Extent) -> Extent {
        Extent(self.0.saturating_mul(other.0))
    }
}

impl core::ops::Mul<u64> for Extent {
    type Output = Extent;
    fn mul(self, other: u64) -> Extent {
        Extent(self.0.saturating_mul(other))
    }
}

impl core::ops::Add<u64> for Extent {
    type Output = Extent;
    fn add(self, other: u64) -> Extent {
        Extent(self.0.saturating_add(other))
    }
}

impl core::ops::Div<u64> for Extent {
    type Output = Extent;
    fn div(self, other: u64) -> Extent {
        Extent(self.0.checked_div(other).unwrap_or(u64::MAX))
    }
}

/// Why a declaration's setter refused a buffer or a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LendError {
    /// The buffer lent for `field` holds `lent` elements; the counts make
    /// Xen touch `needs`.
    TooShort {
        /// The handle field.
        field: &'static str,
        /// The elements Xen would touch.
        needs: u64,
        /// The elements the buffer holds.
        lent: usize,
    },
    /// Count `count` was set after a buffer it may measure: set the counts
    /// first, then lend the buffers (each checked against them).
    CountAfterBuffer {
        /// The count field.
        count: &'static str,
    },
}

impl fmt::Display for LendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LendError::TooShort { field, needs, lent } => write!(
                f,
                "the buffer lent for `{field}` holds {lent} elements, but the counts make Xen \
                 touch {needs}: lend a larger buffer or lower the counts"
            ),
            LendError::CountAfterBuffer { count } => write!(
                f,
                "`{count}` was set after a buffer it may measure: set the counts first, then \
                 lend the buffers"
            ),
        }
    }
}

impl core::error::Error for LendError {}
