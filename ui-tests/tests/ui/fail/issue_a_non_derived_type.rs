use hcbuf_core::Backend;
use hcbuf_core::backend::Recording;

struct Raw {
    op: u64,
    args: [u64; 5],
}

fn main() {
    let xen = Recording::new();
    let _ = xen.hypercall(&Raw { op: 17, args: [1, 0x7fff_0000, 0, 0, 0] });
}
