/// A hypercall hcbuf has no signature for, described by the user's.
#[derive(HypercallArgs)]
#[hypercall(op = 60, signature = MySignature)]
struct Mine<'a> {
    cmd: u32,
    count: Count,
    buf: Lent<GuestHandle<'a, u8>>,
}
