// Only hcbuf-sys declares the ABI: invoking its `abi!` from another crate
// (to make a type of one's own a `Declared` twin) does not compile, since
// the seal it implements is private to hcbuf-sys.
hcbuf_core::sys::abi! {
    headers = [];

    /// A look-alike of a Xen struct.
    pub struct my_twin (size 8) {
        /// A field.
        pub a: u64,
    }
}

fn main() {}
