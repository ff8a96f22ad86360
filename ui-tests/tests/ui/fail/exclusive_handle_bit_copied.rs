// `slice_from` (and the bounces) copy values bit for bit. A
// `GuestHandleMut` is an exclusive borrow: a copy would make two handles
// to one buffer (Xen writes through both in one batch) or, with
// `mem::take` on the copy, an owned handle that outlives its borrow.
use hcbuf_core::{GuestHandleMut, Pool};

fn main() {
    let pool = Pool::new().unwrap();
    let mut buf = pool.slice::<u8>(16).unwrap();
    let handles: [GuestHandleMut<'_, u8>; 1] = [buf.handle_mut()];
    let _copies = pool.slice_from(&handles);
}
