// A batch issued on another thread while this one keeps borrowing the
// call it carries: `call.lend` here would read the sysctl buffer while Xen
// writes it there (a data race). A batch stays on its thread.
use hcbuf_core::api::{Batch, Xen};
use hcbuf_core::backend::Recording;
use hcbuf_core::xen::sysctl::PhysInfo;
use hcbuf_core::xen::Op;
use hcbuf_core::{HypercallArgs, Pool, Release};

fn main() {
    let xen = Xen::with_release(Recording::new(), Pool::locked_anonymous(), Release::Xen4_17);
    let mut op = Op::sysctl(Release::Xen4_17, xen.pool(), PhysInfo::default()).unwrap();
    let call = op.call();
    let mut batch = Batch::new();
    batch.push(&call);
    std::thread::scope(|s| {
        s.spawn(|| xen.multicall(batch));
        call.lend(&mut |_| {});
    });
}
