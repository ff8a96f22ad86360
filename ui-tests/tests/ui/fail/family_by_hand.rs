use hcbuf_core::args::family::Family;

/// A made-up family: its hypercall number would steer payloads to a
/// hypercall that reads another layout.
enum Made {}

impl Family for Made {
    const OP: u32 = 35;
    const NAME: &'static str = "made";
}

fn main() {}
