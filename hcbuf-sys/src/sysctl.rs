//! Placeholder.

abi! {
    headers = [];
}
