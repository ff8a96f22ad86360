use hcbuf_core::*;

#[repr(C)]
struct Mine {
    value: u64,
}

unsafe impl XenWritable for Mine {}

fn main() {}
