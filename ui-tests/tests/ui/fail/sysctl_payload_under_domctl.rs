use hcbuf_core::Pool;
use hcbuf_core::xen::{Op, sysctl::PhysInfo};

fn main() {
    let pool = Pool::new().unwrap();
    let _op = Op::domctl(&pool, 1, PhysInfo::default());
}
