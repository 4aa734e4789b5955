//! Each file in `ui/` is one mistake; its `.stderr` is the reviewed compiler output.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
