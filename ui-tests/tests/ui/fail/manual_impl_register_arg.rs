use hcbuf_core::*;

#[repr(C)]
struct Mine {
    value: u64,
}

unsafe impl RegisterArg for Mine {
    fn register(&self) -> u64 {
        self.value
    }
}

fn main() {}
