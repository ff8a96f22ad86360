use hcbuf_core::{GuestHandleMut, HypercallArgs};
use hcbuf_core::sys::sysctl::*;

#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_getdomaininfolist, twin = xen_sysctl_getdomaininfolist)]
#[repr(C)]
struct GetDomainInfoList<'a> {
    first_domain: u16,
    max_domains: u32,
    buffer: GuestHandleMut<'a, u8>,
    num_domains: u32,
}

fn main() {}
