use hcbuf_core::*;

#[repr(C)]
struct Mine {
    value: u64,
}

unsafe impl HypercallSafe for Mine {}

fn main() {}
