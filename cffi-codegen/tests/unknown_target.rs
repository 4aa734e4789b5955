//! A crate built for a target whose C data model the layout engine does not know gets an
//! error on its module, never a panic and never another platform's layouts (the expansion
//! used to lay such a target out as the host). Its own test binary: it sets the environment
//! the build script gives the macro.

#[test]
fn an_unknown_target_is_an_error_on_the_module() {
    // SAFETY: this binary's only test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var(cffi_codegen::BUILD_TARGET, "wasm32-unknown-unknown") };
    let cdef = cffi_codegen::cdef(
        "#[cffi(abi, lib = \"m\")] pub unsafe mod m { double cos(double x); }"
            .parse()
            .unwrap(),
    )
    .to_string();
    assert!(cdef.contains("compile_error"), "{cdef}");
    assert!(
        cdef.contains("unknown target `wasm32-unknown-unknown`"),
        "{cdef}"
    );
    let c_source = cffi_codegen::c_source(
        "pub unsafe mod one { \"int one(void) { return 1; }\" }"
            .parse()
            .unwrap(),
    )
    .to_string();
    assert!(
        c_source.contains("unknown target `wasm32-unknown-unknown`"),
        "{c_source}"
    );
}
