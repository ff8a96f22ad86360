use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[repr(C)]
struct Payload {
    x: u32,
}

fn main() {}
