/// A whole hypercall: `HYPERVISOR_xen_version(XENVER_extraversion, buf)`.
#[derive(HypercallArgs)]
#[hypercall(op = __HYPERVISOR_xen_version)]
struct ExtraVersion<'a> {
    cmd: Command<XENVER_extraversion>,
    buf: GuestHandleMut<'a, [u8; 16]>,
}
