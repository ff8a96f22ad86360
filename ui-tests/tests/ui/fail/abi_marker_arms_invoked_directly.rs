// The marker traits of `hcbuf_sys::abi!` for a type of one's own, without
// writing `unsafe`, through an arm of the macro that only states them: no
// such arm exists (the arms that implement them define the struct they
// vouch for).
pub struct Evil {
    pub r: &'static u64,
}

hcbuf_core::sys::abi!(@markers [] Evil; u64);

fn main() {}
