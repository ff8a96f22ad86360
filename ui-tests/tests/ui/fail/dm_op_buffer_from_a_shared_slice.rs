use hcbuf_core::backend::privcmd::{DmOpBuf, Privcmd};

fn main() {
    let privcmd = Privcmd::open().unwrap();
    let request = [0u8; 64];
    // Xen may write every dm_op buffer: a shared slice cannot be one.
    let mut bufs = [DmOpBuf::new(&request[..])];
    let _ = privcmd.dm_op(1, &mut bufs);
}
