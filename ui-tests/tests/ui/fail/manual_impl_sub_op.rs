use hcbuf_core::*;

#[repr(C)]
struct Mine {
    value: u64,
}

unsafe impl SubOp for Mine {
    type Family = args::family::Sysctl;
    const CMD: u32 = 3;
}

fn main() {}
