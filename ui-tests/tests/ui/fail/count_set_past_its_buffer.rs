// A count larger than the buffer it measures, set by hand: the count is a
// private field of the declaration, so neither a struct literal nor an
// assignment reaches it (nor `mem::swap` of two payloads' buffers): only
// its setters, which keep it within the buffer.
use hcbuf_core::Pool;
use hcbuf_core::xen::sysctl::ReadConsole;

fn main() {
    let pool = Pool::new().unwrap();
    let mut small = pool.slice::<u8>(16).unwrap();
    let mut big = pool.slice::<u8>(4096).unwrap();
    let _literal = ReadConsole { count: 4096, ..Default::default() };
    let mut a = ReadConsole::default();
    a.set_count(16).unwrap();
    a.set_buffer(small.lend_mut()).unwrap();
    a.count = 4096;
    let mut b = ReadConsole::default();
    b.set_count(4096).unwrap();
    b.set_buffer(big.lend_mut()).unwrap();
    std::mem::swap(&mut a.buffer, &mut b.buffer);
}
