//! `public/xen.h` (with `public/xen-compat.h`) as Xen 4.20 has it: what
//! differs from the shared [`xen`](crate::xen) module (Xen 4.17's).
//! Hypercall numbers, domain ids and the multicall and console structures
//! are unchanged.

abi! {
    headers = ["xen/xen.h"];

    /// The newest interface version 4.20's headers describe: 0x00041300
    /// (4.17's say 0x00040e00; sysctl and domctl carry their own versions).
    pub const __XEN_LATEST_INTERFACE_VERSION__: u32 = 0x0004_1300;
}
