// Names of the user's spelled as the derive's own: inside the derive's
// checks `__hcbuf` is hcbuf-core and `__core` is core, so these fields
// would be checked as `Command<XENVER_extraversion>` (16 bytes) and a
// `u32` while the struct holds `Command<XENVER_compile_info>` (144 bytes
// written) and a `NonZeroU32` (a zeroed one is undefined behaviour).
#![allow(non_camel_case_types, unused_imports)]
use hcbuf_core::signature::Command;
use hcbuf_core::sys::sysctl::xen_sysctl_availheap;
use hcbuf_core::sys::version::{xen_extraversion_t, XENVER_compile_info, XENVER_extraversion};
use hcbuf_core::sys::xen::__HYPERVISOR_xen_version;
use hcbuf_core::{GuestHandleMut, HypercallArgs};

mod __hcbuf {
    pub mod signature {
        pub type Command<const C: u32> =
            hcbuf_core::signature::Command<{ super::super::XENVER_compile_info }>;
    }
}

mod __core {
    pub mod primitive {
        pub type u32 = core::num::NonZeroU32;
    }
}

#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: __hcbuf::signature::Command<XENVER_extraversion>,
    buf: GuestHandleMut<'a, xen_extraversion_t>,
}

#[derive(HypercallArgs)]
#[hypercall(data, twin = xen_sysctl_availheap)]
#[repr(C)]
struct AvailHeap {
    min_bitwidth: u32,
    max_bitwidth: u32,
    node: i32,
    #[hypercall(pad)]
    _pad: __core::primitive::u32,
    avail_bytes: u64,
}

fn main() {
    let _ = Command::<XENVER_compile_info>;
}
