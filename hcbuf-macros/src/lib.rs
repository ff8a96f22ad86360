//! `#[derive(HypercallArgs)]` for hcbuf (not written yet).
