use hcbuf_core::HypercallArgs;
use hcbuf_core::sys::version::*;

#[derive(HypercallArgs)]
#[hypercall(xen_version = XENVER_get_features, twin = xen_feature_info)]
#[repr(C)]
struct FeatureInfo {
    submap: u32,
    submap_idx: u32,
}

fn main() {}
