/// Hypercall data bound to no command: an element of a buffer.
#[derive(HypercallArgs)]
#[hypercall(data, twin = xen_sysctl_meminfo)]
#[repr(C)]
struct MemInfo {
    memsize: u64,
    memfree: u64,
}
