use hcbuf_core::args::family::Sysctl;
use hcbuf_core::sys::sysctl::XEN_SYSCTL_physinfo;
use hcbuf_core::xen::RawPayload;

/// One byte, claimed to be what `XEN_SYSCTL_physinfo` takes: Xen would
/// write the whole physinfo struct past it.
#[repr(C)]
struct Tiny {
    byte: u8,
}

impl RawPayload for Tiny {
    type Family = Sysctl;
    const CMDS: &'static [u32] = &[XEN_SYSCTL_physinfo];
}

fn main() {}
