// A nested union's member that holds a guest handle is read back only
// with `unsafe`: the union's bytes may have been written as another
// member's integers, and reading them as the handle member would turn
// any integer into a handle to any address.
use hcbuf_core::xen::sysctl::*;

fn main() {
    let u = GetPmStatU::default();
    let _px = u.as_getpx();
}
