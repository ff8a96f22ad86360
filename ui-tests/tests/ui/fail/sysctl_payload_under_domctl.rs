use hcbuf_core::Release;
use hcbuf_core::Pool;
use hcbuf_core::xen::{Op, sysctl::PhysInfo};

fn main() {
    let pool = Pool::new().unwrap();
    let _op = Op::domctl(Release::Xen4_17, &pool, 1, PhysInfo::default());
}
