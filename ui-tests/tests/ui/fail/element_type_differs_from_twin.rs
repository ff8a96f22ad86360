// Xen writes one `u64` idle time per CPU; a `u32` buffer of the same count
// is half as long, and Xen would write past it. The typed payload's setter
// takes only a buffer of the declaration's element type.
use hcbuf_core::Pool;
use hcbuf_core::xen::sysctl::GetCpuInfo;

fn main() {
    let pool = Pool::new().unwrap();
    let mut times = pool.slice::<u32>(8).unwrap();
    let mut ask = GetCpuInfo::default();
    ask.set_max_cpus(8).unwrap();
    ask.set_info(times.lend_mut()).unwrap();
}
