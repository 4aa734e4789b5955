//! Generated signatures read as a user would write them: rustdoc shows the names a signature
//! spells, so they are the standard ones (`c_int`, `Option`, `IntoCPtr`), not the prefixed
//! names the generated code could also use, unless a C name of the module is one of them.

fn expand(input: &str) -> String {
    cffi_codegen::cdef(input.parse().unwrap()).to_string()
}

#[test]
fn signatures_spell_the_standard_names() {
    let e = expand(
        "#[cffi(abi, lib = \"m\")] pub unsafe mod m {
            struct point { int x; unsigned long y; };
            int scale(struct point *p, int k);
            #[cffi(optional)] long maybe(int k);
            void on(void (*f)(int));
        }",
    );
    assert!(e.contains("pub x : c_int"), "{e}");
    assert!(e.contains("pub y : c_ulong"), "{e}");
    assert!(e.contains("p : impl IntoCPtr < * mut point >"), "{e}");
    assert!(e.contains("-> Option < c_long >"), "{e}");
    assert!(
        e.contains("f : Option < unsafe extern \"C\" fn (c_int) >"),
        "{e}"
    );
    for internal in ["__cffi_IntoCPtr <", "__cffi_Option <", ": __cffi_c_int"] {
        assert!(!e.contains(internal), "{internal} in {e}");
    }
}

#[test]
fn a_c_name_that_is_a_standard_one_keeps_the_prefixed_names() {
    let e = expand(
        "#[cffi(abi, lib = \"m\")] pub unsafe mod m {
            typedef long c_int;
            int twice(int x);
        }",
    );
    // `int` must not become the module's `c_int`, which is C's `long` here.
    assert!(e.contains("x : __cffi_c_int"), "{e}");
    assert!(e.contains("pub type c_int = __cffi_c_long"), "{e}");
    assert!(!e.contains("c_void , Option , IntoCPtr"), "{e}");
}
