//! Typed owners of pool memory: one value ([`PoolBox`]) or `n` values
//! ([`PoolSlice`]). Both deref to the data; both give the memory back to
//! the pool when dropped.

use std::marker::PhantomData;
use std::mem::{align_of, size_of, size_of_val};
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

use crate::marker::XenWritable;
use crate::pool::{Block, Pool, PoolError};

/// One `T` in hypercall-safe memory, zeroed when allocated.
pub struct PoolBox<'p, T: XenWritable> {
    block: Block,
    pool: &'p Pool,
    _t: PhantomData<T>,
}

/// `n` values of `T` in hypercall-safe memory.
pub struct PoolSlice<'p, T: XenWritable> {
    block: Block,
    len: usize,
    pool: &'p Pool,
    _t: PhantomData<T>,
}

impl Pool {
    /// A zeroed `T` in pool memory.
    #[inline(always)]
    pub fn boxed<T: XenWritable>(&self) -> Result<PoolBox<'_, T>, PoolError> {
        let block = self.alloc_zeroed(size_of::<T>(), align_of::<T>())?;
        Ok(PoolBox {
            block,
            pool: self,
            _t: PhantomData,
        })
    }

    /// `value`, copied into pool memory.
    #[inline(always)]
    pub fn boxed_from<T: XenWritable>(&self, value: T) -> Result<PoolBox<'_, T>, PoolError> {
        let block = self.alloc_copy(as_bytes(std::slice::from_ref(&value)), align_of::<T>())?;
        Ok(PoolBox {
            block,
            pool: self,
            _t: PhantomData,
        })
    }

    /// `len` zeroed values of `T` in pool memory.
    #[inline(always)]
    pub fn slice<T: XenWritable>(&self, len: usize) -> Result<PoolSlice<'_, T>, PoolError> {
        let block = self.alloc_zeroed(byte_len::<T>(len)?, align_of::<T>())?;
        Ok(PoolSlice {
            block,
            len,
            pool: self,
            _t: PhantomData,
        })
    }

    /// A copy of `values` in pool memory.
    ///
    /// `T: Copy`: a bit copy of a non-`Copy` value (a `GuestHandleMut`, an
    /// exclusive handle) would leave two owners of one exclusive borrow.
    #[inline(always)]
    pub fn slice_from<T: XenWritable + Copy>(
        &self,
        values: &[T],
    ) -> Result<PoolSlice<'_, T>, PoolError> {
        let block = self.alloc_copy(as_bytes(values), align_of::<T>())?;
        Ok(PoolSlice {
            block,
            len: values.len(),
            pool: self,
            _t: PhantomData,
        })
    }
}

/// The size in bytes of `len` values of `T`, or why there is none.
#[inline]
fn byte_len<T>(len: usize) -> Result<usize, PoolError> {
    size_of::<T>()
        .checked_mul(len)
        .ok_or(PoolError::BadRequest {
            size: usize::MAX,
            align: align_of::<T>(),
            why: "the element count overflows the address space",
        })
}

/// The bytes of plain data.
#[inline]
fn as_bytes<T: XenWritable>(values: &[T]) -> &[u8] {
    // SAFETY: `XenWritable` types have no padding, so every byte of `values`
    // is initialised; the length is the slice's size in bytes.
    unsafe { std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), size_of_val(values)) }
}

/// The block's memory as a `T` pointer.
#[inline]
fn data<T>(block: &Block) -> NonNull<T> {
    block.ptr.cast()
}

impl<T: XenWritable> PoolBox<'_, T> {
    /// The address of the value, for reading. Memory Xen writes must be
    /// handed to it through `handle_mut` (or [`as_mut_ptr`](Self::as_mut_ptr)),
    /// which tells the pool to zero it before its next use.
    pub fn as_ptr(&self) -> *const T {
        data::<T>(&self.block).as_ptr()
    }

    /// The address of the value, for writing (the pool zeroes it before
    /// its next use).
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.pool.lend_writable(&mut self.block);
        data::<T>(&self.block).as_ptr()
    }
}

impl<T: XenWritable> PoolSlice<'_, T> {
    /// The address of the first element, for reading; writable access
    /// (`as_mut_ptr` through `DerefMut`, or `handle_mut`) tells the pool
    /// to zero the memory before its next use.
    pub fn as_ptr(&self) -> *const T {
        data::<T>(&self.block).as_ptr()
    }

    /// Makes the slice `len` elements long, keeping the first
    /// `min(old, len)`; new elements are zero. Useful when Xen answers
    /// that a buffer was too small and says how many entries it has.
    ///
    /// The memory stays where it is while the new length keeps its slot's
    /// size class, or its run's number of pages; otherwise the elements
    /// move to a new block (handles taken before would be stale, but the
    /// borrow checker forbids holding one across this call). A move
    /// allocates, so it can fail, shrinking included (a 64 KiB run
    /// shrunk to 100 bytes moves to a slot); on error, nothing changes.
    ///
    /// ```
    /// use hcbuf_core::Pool;
    ///
    /// let pool = Pool::new()?;
    /// let mut ids = pool.slice_from(&[1u32, 2, 3])?;
    /// ids.resize(5)?;
    /// assert_eq!(&ids[..], &[1, 2, 3, 0, 0]);
    /// ids.resize(2)?;
    /// assert_eq!(&ids[..], &[1, 2]);
    /// # Ok::<(), hcbuf_core::PoolError>(())
    /// ```
    pub fn resize(&mut self, len: usize) -> Result<(), PoolError> {
        let bytes = byte_len::<T>(len)?;
        self.pool.resize(&mut self.block, bytes, align_of::<T>())?;
        self.len = len;
        Ok(())
    }
}

impl<T: XenWritable> Deref for PoolBox<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the block holds an initialised `T` (zeroed or copied in;
        // valid, as `XenWritable` types are for any bytes), aligned, owned
        // by this box and borrowed through `&self`.
        unsafe { data::<T>(&self.block).as_ref() }
    }
}

impl<T: XenWritable> DerefMut for PoolBox<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // Handed out writable: the pool zeroes it before its next use.
        self.pool.lend_writable(&mut self.block);
        // SAFETY: as for `deref`, with exclusive access through `&mut self`.
        unsafe { data::<T>(&self.block).as_mut() }
    }
}

impl<T: XenWritable> Deref for PoolSlice<'_, T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // SAFETY: the block holds `len` initialised (zeroed or copied; valid) `T`s,
        // aligned, owned by this slice (a zero-length block has an aligned
        // dangling pointer, valid for an empty slice).
        unsafe { std::slice::from_raw_parts(data::<T>(&self.block).as_ptr(), self.len) }
    }
}

impl<T: XenWritable> DerefMut for PoolSlice<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        // Handed out writable: the pool zeroes it before its next use.
        self.pool.lend_writable(&mut self.block);
        // SAFETY: as for `deref`, with exclusive access through `&mut self`.
        unsafe { std::slice::from_raw_parts_mut(data::<T>(&self.block).as_ptr(), self.len) }
    }
}

impl<T: XenWritable> Drop for PoolBox<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        self.pool.free(&self.block);
    }
}

impl<T: XenWritable> Drop for PoolSlice<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        self.pool.free(&self.block);
    }
}

impl<T: XenWritable + std::fmt::Debug> std::fmt::Debug for PoolBox<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PoolBox").field(&**self).finish()
    }
}

impl<T: XenWritable + std::fmt::Debug> std::fmt::Debug for PoolSlice<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

// A pool and its owners cross threads (a buffer allocated on one thread
// may be freed on another): asserted where the types are defined.
static_assertions::assert_impl_all!(crate::Pool: Send, Sync);
static_assertions::assert_impl_all!(PoolBox<'static, u64>: Send, Sync);
static_assertions::assert_impl_all!(PoolSlice<'static, u64>: Send, Sync);
