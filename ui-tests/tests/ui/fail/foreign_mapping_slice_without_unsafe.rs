use hcbuf_core::backend::privcmd::{MapAccess, Privcmd};

fn main() {
    let privcmd = Privcmd::open().unwrap();
    let mut first = privcmd.map_foreign(1, &[0x1000], MapAccess::Writable).unwrap();
    let second = privcmd.map_foreign(1, &[0x1000], MapAccess::ReadOnly).unwrap();
    // The same frame through two mappings: a `&mut [u8]` and a `&[u8]`
    // over the same memory, and the foreign domain may write it too.
    let written = first.as_mut_slice().unwrap();
    let read = second.as_slice().unwrap();
    written[0] = read[0];
}
