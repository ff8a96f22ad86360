use hcbuf_core::*;

#[repr(C)]
struct Mine {
    value: u64,
}

unsafe impl HypercallArgs for Mine {
    const OP: u64 = 17;
    fn registers(&self) -> [u64; 5] {
        [0; 5]
    }
}

fn main() {}
