use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(op = 17)]
#[repr(C)]
union Call {
    a: u32,
}

fn main() {}
