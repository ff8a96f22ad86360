use hcbuf_core::backend::privcmd::{DmOpBuf, Privcmd};

fn main() {
    let privcmd = Privcmd::open().unwrap();
    let mut request = [0u8; 64];
    let mut bufs = [DmOpBuf::new(&mut request)];
    // A shared view of the bytes Xen is about to write.
    let view = &request;
    let _ = privcmd.dm_op(1, &mut bufs);
    println!("{}", view[0]);
}
