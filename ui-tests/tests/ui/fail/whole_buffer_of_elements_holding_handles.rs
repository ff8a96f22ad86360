// A buffer type's bytes (`XENVER_changeset`: 64 bytes of text Xen writes)
// declared as an array of a packed struct holding a guest handle: moved
// out after the call, Xen's bytes would be a handle safe code could
// issue. The elements of a `whole` array hold no address.
use hcbuf_core::sys::version::{xen_changeset_info_t, XENVER_changeset};
use hcbuf_core::HypercallArgs;

mod mine {
    use hcbuf_core::sys::version::xen_changeset_info_t;
    use hcbuf_core::GuestHandleMut;
    hcbuf_core::sys::declare! {
        headers = [];
        /// 64 bytes, alignment 1: a handle, then filler.
        #[repr(packed)]
        pub struct handle_in_bytes (size 64) {
            pub h: GuestHandleMut<'static, xen_changeset_info_t>,
            pub fill: [u8; 56],
        }
    }
}

#[derive(HypercallArgs)]
#[hypercall(xen_version = XENVER_changeset, twin = xen_changeset_info_t)]
#[repr(C)]
struct Changeset {
    #[hypercall(whole)]
    text: [mine::handle_in_bytes; 1],
}

fn main() {}
