//! Guest handles: the only way an address gets into a hypercall argument.
//!
//! A guest handle is the guest-virtual address of hypercall-safe memory,
//! laid out exactly as the ABI's handle (`hcbuf_sys::arch::xen_guest_handle_t`,
//! a `u64` on x86_64). It is obtained only by borrowing pool memory — a
//! [`PoolBox`], a [`PoolSlice`] (whole or a sub-range) or a
//! [`Bounce`](crate::Bounce) — and the borrow lasts as long as the handle,
//! so the memory stays alive and is not touched by the caller while any
//! argument refers to it.
//!
//! Direction is a type: [`GuestHandle`] is memory Xen may only read (from a
//! shared borrow), [`GuestHandleMut`] memory Xen may write (from an
//! exclusive borrow). A field Xen writes through is declared
//! `GuestHandleMut`, so a read-only handle cannot be put there.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use crate::marker::{__private, HypercallSafe, PlainData, XenWritable};
use crate::owned::{PoolBox, PoolSlice};

pub use hcbuf_sys::handles::Lent;
use hcbuf_sys::handles::{Extent, Lending, Lends};

/// The borrow a [`GuestHandle`] holds, and its element type.
type Shared<'a, T> = PhantomData<(&'a (), fn() -> T)>;
/// The borrow a [`GuestHandleMut`] holds, and its element type.
type Exclusive<'a, T> = PhantomData<(&'a mut (), fn() -> T)>;

/// A handle to pool memory holding `T` (one or several) that Xen may read.
#[repr(transparent)]
pub struct GuestHandle<'a, T> {
    addr: u64,
    // The borrow of the pool memory, and the element type (by `fn`, so
    // that naming the type asks nothing of it: a declaration may name an
    // element spelled with the same lifetime).
    _borrow: Shared<'a, T>,
}

/// A handle to pool memory holding `T` (one or several) that Xen may write
/// (and read).
#[repr(transparent)]
pub struct GuestHandleMut<'a, T> {
    addr: u64,
    // As for `GuestHandle`, exclusive. Covariant in `T`, as a handle to
    // plain data may be: only Xen writes through it, and what it writes is
    // plain data, whose lifetimes (those of a nested union's spelling) are
    // marks, not borrows.
    _borrow: Exclusive<'a, T>,
}

static_assertions::assert_eq_size!(
    GuestHandle<'static, u8>,
    hcbuf_sys::arch::xen_guest_handle_t
);
static_assertions::assert_eq_align!(
    GuestHandle<'static, u8>,
    hcbuf_sys::arch::xen_guest_handle_t
);
static_assertions::assert_eq_size!(
    GuestHandleMut<'static, u8>,
    hcbuf_sys::arch::xen_guest_handle_64_t
);
static_assertions::assert_eq_align!(
    GuestHandleMut<'static, u8>,
    hcbuf_sys::arch::xen_guest_handle_64_t
);

/// What both kinds of handle have: `null`, `from_raw`, `addr`, `is_null`,
/// `Default` and `Debug`, and the marker traits.
macro_rules! handle_common {
    ($name:ident, $writable:literal, $raw_safety:literal) => {
        impl<'a, T> $name<'a, T> {
            /// The null handle: "no buffer".
            pub const fn null() -> Self {
                $name {
                    addr: 0,
                    _borrow: PhantomData,
                }
            }

            /// A handle to arbitrary memory.
            ///
            /// # Safety
            #[doc = $raw_safety]
            pub const unsafe fn from_raw(addr: u64) -> Self {
                $name {
                    addr,
                    _borrow: PhantomData,
                }
            }

            /// The address (0 for null).
            pub const fn addr(&self) -> u64 {
                self.addr
            }

            /// Whether this is the null handle.
            pub const fn is_null(&self) -> bool {
                self.addr == 0
            }
        }

        impl<T> hcbuf_sys::handles::Handle for $name<'_, T> {
            fn address(&self) -> u64 {
                self.addr
            }

            fn lend(&self, elements: Extent, to: &mut dyn FnMut(Lending)) {
                if self.addr != 0 {
                    to(Lending {
                        addr: self.addr,
                        bytes: elements.0.saturating_mul(size_of::<T>() as u64),
                        writable: $writable,
                    });
                }
            }
        }

        impl<T> Default for $name<'_, T> {
            fn default() -> Self {
                Self::null()
            }
        }

        impl<T> fmt::Debug for $name<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "{}<{}>({:#x})",
                    stringify!($name),
                    std::any::type_name::<T>(),
                    self.addr
                )
            }
        }

        // SAFETY: a handle is one u64 (no padding); its address is pool
        // memory by construction (or the caller's proof for `from_raw`).
        // Only a handle to plain data is hypercall data itself: the bytes
        // Xen writes behind a handle in a payload never become an address.
        #[diagnostic::do_not_recommend]
        unsafe impl<T> __private::Derived for $name<'_, T> {}
        // SAFETY: as above.
        #[diagnostic::do_not_recommend]
        unsafe impl<T: PlainData> HypercallSafe for $name<'_, T> {}
        // SAFETY: Rust never dereferences a handle, so any value Xen writes
        // back into one is a valid (if useless) handle; in practice Xen
        // writes back what it read.
        #[diagnostic::do_not_recommend]
        unsafe impl<T: PlainData> XenWritable for $name<'_, T> {}
    };
}

handle_common!(
    GuestHandle,
    false,
    "`addr` must be the address of hypercall-safe memory (locked or from the hypercall \
     device, never migrated) holding as many valid `T` as the hypercall will read, and that \
     memory must stay alive and unmodified for `'a`."
);
handle_common!(
    GuestHandleMut,
    true,
    "`addr` must be the address of hypercall-safe memory holding as many `T` as the hypercall \
     will write, every bit pattern must be valid for `T`, and nothing else may read or write \
     that memory for `'a`."
);

impl<'a, T> GuestHandleMut<'a, T> {
    /// The same memory, for Xen to read only.
    pub fn read_only(self) -> GuestHandle<'a, T> {
        GuestHandle {
            addr: self.addr,
            _borrow: PhantomData,
        }
    }
}

impl<T> Clone for GuestHandle<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GuestHandle<'_, T> {}

fn addr_of<T>(ptr: *const T) -> u64 {
    ptr as usize as u64
}

impl<T: XenWritable> PoolBox<'_, T> {
    /// A handle for Xen to read the value.
    pub fn handle(&self) -> GuestHandle<'_, T> {
        GuestHandle {
            addr: addr_of(self.as_ptr()),
            _borrow: PhantomData,
        }
    }

    /// A handle for Xen to write the value.
    pub fn handle_mut(&mut self) -> GuestHandleMut<'_, T> {
        let ptr: *mut T = &mut **self; // marks the memory written
        GuestHandleMut {
            addr: addr_of(ptr),
            _borrow: PhantomData,
        }
    }
}

impl<T: XenWritable> PoolSlice<'_, T> {
    /// A handle for Xen to read every element; the null handle for an
    /// empty slice (its address would be no buffer's, or the next one's).
    pub fn handle(&self) -> GuestHandle<'_, T> {
        if self.is_empty() {
            return GuestHandle::null();
        }
        GuestHandle {
            addr: addr_of(self.as_ptr()),
            _borrow: PhantomData,
        }
    }

    /// A handle for Xen to write every element; the null handle for an
    /// empty slice.
    pub fn handle_mut(&mut self) -> GuestHandleMut<'_, T> {
        if self.is_empty() {
            return GuestHandleMut::null();
        }
        let ptr = self.as_mut_ptr(); // through DerefMut: marks the memory written
        GuestHandleMut {
            addr: addr_of(ptr),
            _borrow: PhantomData,
        }
    }

    /// A handle for Xen to read elements `range` (an offset into the
    /// slice). `None` if the range is out of bounds or reversed; the null
    /// handle if it is empty (its address would be the next buffer's).
    pub fn handle_range(&self, range: Range<usize>) -> Option<GuestHandle<'_, T>> {
        let part = self.get(range)?;
        if part.is_empty() {
            return Some(GuestHandle::null());
        }
        Some(GuestHandle {
            addr: addr_of(part.as_ptr()),
            _borrow: PhantomData,
        })
    }

    /// A handle for Xen to write elements `range`. `None` if the range is
    /// out of bounds or reversed; the null handle if it is empty.
    pub fn handle_range_mut(&mut self, range: Range<usize>) -> Option<GuestHandleMut<'_, T>> {
        let part = self.get_mut(range)?;
        if part.is_empty() {
            return Some(GuestHandleMut::null());
        }
        Some(GuestHandleMut {
            addr: addr_of(part.as_mut_ptr()),
            _borrow: PhantomData,
        })
    }
}

impl<T: XenWritable> PoolBox<'_, T> {
    /// The value, lent for Xen to read: a handle reaching one element.
    pub fn lend(&self) -> Lent<GuestHandle<'_, T>> {
        // SAFETY: the handle refers to this box's value, one `T`, borrowed
        // shared for the handle's lifetime.
        unsafe { Lent::new(self.handle(), 1) }
    }

    /// The value, lent for Xen to write: a handle reaching one element.
    pub fn lend_mut(&mut self) -> Lent<GuestHandleMut<'_, T>> {
        // SAFETY: as above, borrowed exclusively.
        unsafe { Lent::new(self.handle_mut(), 1) }
    }
}

impl<T: XenWritable> PoolSlice<'_, T> {
    /// Every element, lent for Xen to read: the handle and the slice's
    /// length (the null handle for an empty slice).
    pub fn lend(&self) -> Lent<GuestHandle<'_, T>> {
        self.lend_range(0..self.len())
            .expect("the whole slice is in bounds")
    }

    /// Every element, lent for Xen to write (the null handle for an empty
    /// slice).
    pub fn lend_mut(&mut self) -> Lent<GuestHandleMut<'_, T>> {
        let len = self.len();
        self.lend_range_mut(0..len)
            .expect("the whole slice is in bounds")
    }

    /// Elements `range`, lent for Xen to read. `None` if the range is out
    /// of bounds or reversed; the null handle if it is empty.
    pub fn lend_range(&self, range: Range<usize>) -> Option<Lent<GuestHandle<'_, T>>> {
        let len = range.len();
        let handle = self.handle_range(range)?;
        // SAFETY: `handle_range` checked that `range` lies in the slice, so
        // the handle (unless null, when `len` is 0) reaches `len` elements,
        // borrowed shared for its lifetime.
        Some(unsafe { Lent::new(handle, len) })
    }

    /// Elements `range`, lent for Xen to write. `None` if the range is out
    /// of bounds or reversed; the null handle if it is empty.
    pub fn lend_range_mut(&mut self, range: Range<usize>) -> Option<Lent<GuestHandleMut<'_, T>>> {
        let len = range.len();
        let handle = self.handle_range_mut(range)?;
        // SAFETY: as above, borrowed exclusively.
        Some(unsafe { Lent::new(handle, len) })
    }
}

/// The spelling of a declaration's guest handles that users fill: each a
/// handle borrowed from pool memory for `'a`, with the element type and
/// direction the declaration gives (`IN`: [`GuestHandle`]; `OUT` and
/// `IN/OUT`: [`GuestHandleMut`]), and each nested union a
/// [`Selected`](crate::xen::Selected) whose member is chosen by a
/// constructor. `xen_sysctl_readconsole<Typed<'a>>` is the
/// `XEN_SYSCTL_readconsole` payload (named
/// [`ReadConsole`](crate::xen::sysctl::ReadConsole)).
pub struct Typed<'a>(PhantomData<&'a mut ()>, std::convert::Infallible);

// SAFETY: both handles are `#[repr(transparent)]` over a `u64` (asserted
// above to be the ABI handle's layout, `RawHandle`'s), and `Selected<'a, U>`
// is `#[repr(transparent)]` over `U`.
unsafe impl<'a> hcbuf_sys::handles::Handles for Typed<'a> {
    type In<T> = GuestHandle<'a, T>;
    type Out<T> = GuestHandleMut<'a, T>;
    type InOut<T> = GuestHandleMut<'a, T>;
    type Union<U: Copy + Lends> = crate::xen::Selected<'a, U>;
    type Elements = Typed<'static>;
}
