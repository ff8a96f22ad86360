use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(op = 17)]
enum Call {
    A,
}

fn main() {}
