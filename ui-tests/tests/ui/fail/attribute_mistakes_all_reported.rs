use hcbuf_core::HypercallArgs;

#[derive(HypercallArgs)]
#[hypercall(opp = 17, sysctl = 3, sysctl = 4)]
#[repr(C)]
struct Payload {
    #[hypercall(padding)]
    x: u32,
}

fn main() {}
