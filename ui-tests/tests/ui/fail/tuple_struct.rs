use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(op = 17)]
struct Call(u32, u64);

fn main() {}
