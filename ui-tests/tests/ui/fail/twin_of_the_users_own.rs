// A `data` twin must be a type hcbuf-sys declares (proven against Xen's
// headers); a struct of the user's own would make the layout comparison
// compare the user's type with itself.
use hcbuf_core::HypercallArgs;

#[repr(C)]
struct MyTwin {
    a: u64,
}

#[derive(HypercallArgs)]
#[hypercall(data, twin = MyTwin)]
#[repr(C)]
struct Entry {
    a: u64,
}

fn main() {}
