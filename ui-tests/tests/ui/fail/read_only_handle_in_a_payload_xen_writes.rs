// A read-only buffer where Xen writes (the console text): Xen would write
// into memory the caller holds a shared borrow of. The setter of an `OUT`
// handle takes only a buffer lent writable.
use hcbuf_core::Pool;
use hcbuf_core::xen::sysctl::ReadConsole;

fn main() {
    let pool = Pool::new().unwrap();
    let text = pool.slice::<u8>(4096).unwrap();
    let mut ask = ReadConsole::default();
    ask.set_count(4096).unwrap();
    ask.set_buffer(text.lend()).unwrap();
    let _shared = &text[0];
}
