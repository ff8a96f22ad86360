//! Bounce buffers: caller memory copied into pool memory for the duration
//! of a hypercall, with the direction in the type.
//!
//! | direction | on creation | Xen may | on finish or drop |
//! |---|---|---|---|
//! | [`In`] | copies the caller's data in | only read it | nothing |
//! | [`Out`] | zeroes | write it | copies back into the caller's slice |
//! | [`InOut`] | copies in | read and write it | copies back |
//!
//! The copy-back cannot be forgotten: it happens in [`Bounce::finish`] or,
//! if the bounce is simply dropped, in its `Drop` — either way while the
//! bounce still borrows the caller's slice mutably, so the caller cannot
//! look at the slice before the copy. (Only `mem::forget` skips it, and
//! then the caller's slice keeps its old contents.)
//!
//! ```
//! use hcbuf_core::Pool;
//!
//! let pool = Pool::new()?;
//! let mut console = [0u8; 64];
//! let mut out = pool.bounce_out(&mut console)?; // zeroed pool copy
//! out.buffer_mut()[..3].copy_from_slice(b"Xen"); // what Xen would write
//! out.finish(); // copied back here (or when dropped)
//! assert_eq!(&console[..3], b"Xen");
//! # Ok::<(), hcbuf_core::PoolError>(())
//! ```

use std::marker::PhantomData;

use crate::handle::{GuestHandle, GuestHandleMut};
use crate::marker::XenWritable;
use crate::owned::PoolSlice;
use crate::pool::{Pool, PoolError};

mod sealed {
    pub trait Sealed {}
}

/// A bounce direction: [`In`], [`Out`] or [`InOut`].
pub trait Direction: sealed::Sealed {
    /// Whether the buffer is filled from the caller's data.
    const COPY_IN: bool;
    /// Whether the buffer is copied back into the caller's slice.
    const COPY_OUT: bool;
}

/// Data for Xen to read: copied in, never copied back.
#[derive(Debug)]
pub enum In {}
/// Data for Xen to write: zeroed, copied back.
#[derive(Debug)]
pub enum Out {}
/// Data Xen reads and updates: copied in and back.
#[derive(Debug)]
pub enum InOut {}

impl sealed::Sealed for In {}
impl sealed::Sealed for Out {}
impl sealed::Sealed for InOut {}
impl Direction for In {
    const COPY_IN: bool = true;
    const COPY_OUT: bool = false;
}
impl Direction for Out {
    const COPY_IN: bool = false;
    const COPY_OUT: bool = true;
}
impl Direction for InOut {
    const COPY_IN: bool = true;
    const COPY_OUT: bool = true;
}

/// A bounce buffer over a caller's slice of `T`, in direction `D`.
pub struct Bounce<'p, 'c, T: XenWritable, D: Direction> {
    buffer: PoolSlice<'p, T>,
    /// Where to copy back (`Out`, `InOut`); `In` needs no borrow after
    /// the copy in.
    copy_back: Option<&'c mut [T]>,
    _direction: PhantomData<(D, &'c [T])>,
}

/// Every bounce copies `T` bit for bit (in, back, or both), so `T` is
/// `Copy`: a bounced `GuestHandleMut` would be duplicated, two exclusive
/// handles to one buffer.
impl Pool {
    /// Bounces `data` in for Xen to read.
    pub fn bounce_in<'c, T: XenWritable + Copy>(
        &self,
        data: &'c [T],
    ) -> Result<Bounce<'_, 'c, T, In>, PoolError> {
        Ok(Bounce {
            buffer: self.slice_from(data)?,
            copy_back: None,
            _direction: PhantomData,
        })
    }

    /// A zeroed buffer the size of `data` for Xen to write; copied into
    /// `data` when finished or dropped.
    pub fn bounce_out<'c, T: XenWritable + Copy>(
        &self,
        data: &'c mut [T],
    ) -> Result<Bounce<'_, 'c, T, Out>, PoolError> {
        Ok(Bounce {
            buffer: self.slice(data.len())?,
            copy_back: Some(data),
            _direction: PhantomData,
        })
    }

    /// `data` bounced in for Xen to read and update; copied back when
    /// finished or dropped.
    pub fn bounce_in_out<'c, T: XenWritable + Copy>(
        &self,
        data: &'c mut [T],
    ) -> Result<Bounce<'_, 'c, T, InOut>, PoolError> {
        Ok(Bounce {
            buffer: self.slice_from(data)?,
            copy_back: Some(data),
            _direction: PhantomData,
        })
    }
}

impl<T: XenWritable, D: Direction> Bounce<'_, '_, T, D> {
    /// The pool copy, as Xen sees it.
    pub fn buffer(&self) -> &[T] {
        &self.buffer
    }

    /// A handle for Xen to read the pool copy (every direction may be
    /// read).
    pub fn handle(&self) -> GuestHandle<'_, T> {
        self.buffer.handle()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.buffer.len()
    }

    /// Whether the buffer has no elements.
    pub fn is_empty(&self) -> bool {
        self.buffer.is_empty()
    }

    /// Ends the bounce: copies back if the direction says so, and frees the
    /// pool memory.
    pub fn finish(self) {
        drop(self);
    }
}

impl<T: XenWritable> Bounce<'_, '_, T, Out> {
    /// The pool copy, writable (as Xen writes it).
    pub fn buffer_mut(&mut self) -> &mut [T] {
        &mut self.buffer
    }

    /// A handle for Xen to write the pool copy.
    pub fn handle_mut(&mut self) -> GuestHandleMut<'_, T> {
        self.buffer.handle_mut()
    }
}

impl<T: XenWritable> Bounce<'_, '_, T, InOut> {
    /// The pool copy, writable (as Xen writes it).
    pub fn buffer_mut(&mut self) -> &mut [T] {
        &mut self.buffer
    }

    /// A handle for Xen to read and write the pool copy.
    pub fn handle_mut(&mut self) -> GuestHandleMut<'_, T> {
        self.buffer.handle_mut()
    }
}

impl<T: XenWritable, D: Direction> Drop for Bounce<'_, '_, T, D> {
    fn drop(&mut self) {
        if let Some(data) = self.copy_back.take() {
            debug_assert!(D::COPY_OUT);
            debug_assert_eq!(data.len(), self.buffer.len());
            // SAFETY: both slices hold `data.len()` elements and do not
            // overlap (the caller's slice, which this bounce borrows
            // mutably, cannot be the pool copy, a live allocation the
            // bounce owns, even if the caller's is pool memory too); a bitwise
            // copy of `XenWritable` data is a valid value (every bit
            // pattern is), and pool memory never runs destructors, so no
            // value is dropped twice.
            unsafe {
                std::ptr::copy_nonoverlapping(self.buffer.as_ptr(), data.as_mut_ptr(), data.len())
            };
        }
    }
}

impl<T: XenWritable + std::fmt::Debug, D: Direction> std::fmt::Debug for Bounce<'_, '_, T, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bounce")
            .field("direction", &std::any::type_name::<D>())
            .field("buffer", &self.buffer)
            .finish()
    }
}
