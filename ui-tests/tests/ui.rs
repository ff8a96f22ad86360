//! Every case under `tests/ui/fail` must fail to compile with exactly its
//! reviewed `.stderr`; every case under `tests/ui/pass` must compile.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
