use hcbuf_core::Release;
use hcbuf_core::api::{Batch, Xen};
use hcbuf_core::backend::Recording;
use hcbuf_core::xen::Op;
use hcbuf_core::xen::sysctl::PhysInfo;
use hcbuf_core::Pool;

fn main() {
    let xen = Xen::new(Recording::new(), Pool::new().unwrap());
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), PhysInfo::default()).unwrap();
    let call = op.call();
    let mut batch = Batch::new();
    batch.push(&call);
    drop(op);
    let _ = xen.multicall(batch);
}
