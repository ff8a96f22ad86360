use hcbuf_core::backend::privcmd::{MapAccess, Privcmd};

fn main() {
    let privcmd = Privcmd::open().unwrap();
    let mapping = privcmd.map_foreign(1, &[0x1000], MapAccess::ReadOnly).unwrap();
    // SAFETY (claimed): the domain is paused and nothing else maps the frame.
    let bytes = unsafe { mapping.as_slice() }.unwrap();
    // Dropping the mapping unmaps it: the slice would point at nothing.
    drop(mapping);
    println!("{}", bytes[0]);
}
