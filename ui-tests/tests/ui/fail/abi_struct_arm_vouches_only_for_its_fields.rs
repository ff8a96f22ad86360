// The arm of `hcbuf_sys::abi!` that implements the marker traits, invoked
// on its own: it defines the struct it vouches for, bounded by exactly its
// field types, so a reference stays a reference and is not Xen-writable
// (a zeroed one from the pool would be null).
use hcbuf_core::Pool;

hcbuf_core::sys::abi!(@struct [] [] Defined; [] pub r: &'static u64,);

fn main() {
    let pool = Pool::new().unwrap();
    let _ = pool.boxed::<Defined>();
}
