use hcbuf_core::backend::privcmd::{DmOpBuf, Privcmd};

fn main() {
    let privcmd = Privcmd::open().unwrap();
    let mut bufs = Vec::new();
    {
        let mut request = [0u8; 64];
        bufs.push(DmOpBuf::new(&mut request));
    }
    // The kernel would pin, and Xen write, a dead stack frame.
    let _ = privcmd.dm_op(1, &mut bufs);
}
