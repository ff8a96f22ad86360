// The raw spelling of a declaration holds its handles as integers: as the
// element of a buffer Xen fills, Xen's bytes would become handles.
use hcbuf_core::sys::sysctl::xen_sysctl_readconsole;
use hcbuf_core::sys::xen::xenctl_bitmap;
use hcbuf_core::GuestHandleMut;
use hcbuf_core::marker::PlainData;

fn plain<T: PlainData>() {}

fn main() {
    plain::<xen_sysctl_readconsole>();
    plain::<xenctl_bitmap<hcbuf_core::handle::Typed<'static>>>();
    plain::<GuestHandleMut<'static, u8>>();
    plain::<hcbuf_core::sys::xen::multicall_entry>();
}
