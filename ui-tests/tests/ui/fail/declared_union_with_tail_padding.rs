// A union declared larger than its largest member: its last bytes would
// be padding in every member, lost by a move and read uninitialised by
// whoever copies the union's bytes. A `pad` member covers them.
mod mine {
    hcbuf_core::sys::declare! {
        headers = [];
        /// 16 bytes, members of 12 at most.
        #[derive(Clone, Copy)]
        pub union padded_u (size 16, c "union padded_u") {
            /// 12 bytes.
            pub three: [u32; 3],
            /// 8 bytes, 8-aligned.
            pub one: u64,
        }
    }
}

fn main() {}
