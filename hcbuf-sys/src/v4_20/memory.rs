//! `public/memory.h` as Xen 4.20 has it: what differs from the shared
//! [`memory`](crate::memory) module (Xen 4.17's).
//!
//! 4.20 inserts `XENMEM_access_r_pw` into `xenmem_access_t` before
//! `XENMEM_access_default`, so the default's value moves from 10 to 11.
//! Every other item is the shared module's, unchanged.

use crate::memory::xenmem_access_t;

abi! {
    headers = ["xen/memory.h"];

    /// Read, but CPU-initiated page-table walks may still write (A/D
    /// bits) on processors with `TERTIARY_EXEC_EPT_PAGING_WRITE` (new since
    /// 4.17).
    pub const XENMEM_access_r_pw: xenmem_access_t = 10;
    /// The domain's default access: 11 in 4.20 (10 in 4.17, before
    /// `XENMEM_access_r_pw` was inserted).
    pub const XENMEM_access_default: xenmem_access_t = 11;
}
