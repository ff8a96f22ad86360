use hcbuf_core::xen::multicall::MulticallEntry;

fn main() {
    let on_stack = [0u8; 16];
    let _entry = MulticallEntry {
        op: 17,
        result: 0,
        args: [1, on_stack.as_ptr() as u64, 0, 0, 0, 0],
    };
}
