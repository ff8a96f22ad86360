use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(op = 17)]
struct Call {
    a: u64,
    b: u64,
    c: u64,
    d: u64,
    e: u64,
    f: u64,
}

fn main() {}
