// `Selected`, the typed spelling of a union hcbuf-sys declares, over a
// type of one's own with padding: its "all bytes initialised" bytes would
// lose the padding on a move and be read uninitialised.
use hcbuf_core::xen::Selected;

fn main() {
    let padded = Selected::<(u8, u32)>::zeroed();
    let _ = padded.as_bytes();
}
