/// A sysctl payload with a nested handle and explicit padding.
#[derive(HypercallArgs)]
#[hypercall(sysctl = XEN_SYSCTL_getcpuinfo, twin = xen_sysctl_getcpuinfo)]
#[repr(C)]
struct GetCpuInfo<'a> {
    max_cpus: u32,
    #[hypercall(pad)]
    _pad0: u32,
    info: GuestHandleMut<'a, CpuInfo>,
    nr_cpus: u32,
    #[hypercall(pad)]
    _pad1: u32,
}
