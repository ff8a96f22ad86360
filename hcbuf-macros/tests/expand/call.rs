/// A whole hypercall: `HYPERVISOR_xen_version(cmd, buf)`.
#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: u32,
    buf: GuestHandleMut<'a, [u8; 16]>,
}
