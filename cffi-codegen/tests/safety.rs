//! Which generated methods are safe: only those a user-written `unsafe` vouches for, in both
//! modes. The C compiler proving a declaration right (API mode) does not make calling it safe.

/// The expansion of `input`, with the spaces `TokenStream`'s printing puts between tokens.
fn expand(input: &str) -> String {
    cffi_codegen::cdef(input.parse().unwrap()).to_string()
}

fn c_source(input: &str) -> String {
    cffi_codegen::c_source(input.parse().unwrap()).to_string()
}

/// Whether the library owner's method `method` is safe (it must exist, once).
fn is_safe(expansion: &str, method: &str) -> bool {
    let safe = expansion
        .matches(&format!("pub fn {method} (& self"))
        .count();
    let unsafe_ = expansion
        .matches(&format!("pub unsafe fn {method} (& self"))
        .count();
    assert_eq!(
        safe + unsafe_,
        1,
        "method `{method}` not generated exactly once"
    );
    safe == 1
}

const DECLS: &str = "int close(int fd); double cos(double x); #[cffi(slice(xs, n))] double sum(const double *xs, int n);";

#[test]
fn api_mode_without_unsafe_makes_every_function_unsafe() {
    let e = expand(&format!(
        "#[cffi(api, source = \"x.c\")] pub mod m {{ {DECLS} }}"
    ));
    for f in ["close", "cos", "sum"] {
        assert!(!is_safe(&e, f), "{f}");
    }
}

#[test]
fn an_unsafe_mod_vouches_for_what_it_declares_in_both_modes() {
    for mode in ["api, source = \"x.c\"", "abi, lib = \"m\""] {
        let e = expand(&format!("#[cffi({mode})] pub unsafe mod m {{ {DECLS} }}"));
        for f in ["close", "cos", "sum"] {
            assert!(is_safe(&e, f), "{f} in {mode}");
        }
    }
}

#[test]
fn c_source_is_safe_only_under_unsafe_mod() {
    let c = "r#\"int twice(int x) { return 2 * x; }\"#";
    assert!(!is_safe(
        &c_source(&format!("pub mod m {{ {c} }}")),
        "twice"
    ));
    assert!(is_safe(
        &c_source(&format!("pub unsafe mod m {{ {c} }}")),
        "twice"
    ));
}

#[test]
fn imported_functions_are_safe_only_when_named() {
    for mode in ["abi, lib = \"z\"", "api, link = \"z\""] {
        let e = expand(&format!(
            "#[cffi({mode}, import = \"<zlib.h>\", safe = \"compressBound|zlibCompileFlags\")] pub unsafe mod z {{}}"
        ));
        assert!(is_safe(&e, "compressBound"), "{mode}");
        assert!(is_safe(&e, "zlibCompileFlags"), "{mode}");
        // Scalars, but not named: `unsafe`.
        assert!(!is_safe(&e, "crc32_combine"), "{mode}");
        // Named or not, a function of pointers stays `unsafe`.
        assert!(!is_safe(&e, "compress"), "{mode}");
    }
    let e = expand("#[cffi(abi, lib = \"z\", import = \"<zlib.h>\")] pub unsafe mod z {}");
    assert!(!is_safe(&e, "compressBound"));
}

#[test]
fn a_safe_pattern_that_names_nothing_is_an_error() {
    let e = expand(
        "#[cffi(abi, lib = \"z\", import = \"<zlib.h>\", safe = \"compresBound\")] pub unsafe mod z {}",
    );
    assert!(e.contains("names no function the header declares"), "{e}");
}

#[test]
fn numbers_of_compiler_known_size_are_scalars() {
    // `typedef int... t;` is an integer whatever its size: a function of such values is
    // safe under `unsafe mod`, as one of plain `int`s.
    let e = expand(
        "#[cffi(api, source = \"x.c\")] pub unsafe mod m { typedef int... count_t; typedef float... real_t; real_t scale(count_t n, real_t x); }",
    );
    assert!(is_safe(&e, "scale"));
}

#[test]
fn a_constant_read_by_value_is_safe_only_under_unsafe_mod() {
    // `static char *const NAME;` is read through C, which may define it as any expression.
    let decls = "static double *const NOTHING; static const double PI;";
    for (unsafety, safe) in [("", false), ("unsafe", true)] {
        let e = expand(&format!(
            "#[cffi(api, source = \"x.c\")] pub {unsafety} mod m {{ {decls} }}"
        ));
        assert_eq!(is_safe(&e, "NOTHING"), safe, "{unsafety}");
        assert_eq!(is_safe(&e, "PI"), safe, "{unsafety}");
    }
}

#[test]
fn extern_python_s_record_shim_is_unsafe() {
    // Records cross to Rust through pointers the C definition passes: the exported function
    // reading them must not be callable from safe Rust.
    let e = expand(
        "#[cffi(api, source = \"x.c\")] pub mod m { struct s { int a; }; extern \"Python\" int f(struct s); }",
    );
    assert!(
        e.contains("pub unsafe extern \"C\" fn __cffi_python_f"),
        "{e}"
    );
    assert!(!e.contains("pub extern \"C\" fn __cffi_python_f"), "{e}");
}

const RECORDS: &str = "
    struct point { double x, y; };
    struct grid { int n[4]; struct point corner; enum side { LEFT, RIGHT } s; float w; };
    union num { int i; float f; unsigned char b[4]; };
    struct named { const char *name; int n; };
    struct flag { _Bool on; int n; };
    struct holder { struct named inner; };
    struct point make_point(double x, double y);
    double norm(struct point p);
    struct grid grid_of(int n);
    union num num_of(float f);
    struct named named_of(int n);
    int named_n(struct named n);
    struct flag flag_of(int n);
    struct holder holder_of(int n);
";

#[test]
fn records_of_numbers_by_value_are_as_safe_as_scalars() {
    for mode in ["api, source = \"x.c\"", "abi, lib = \"m\""] {
        let e = expand(&format!("#[cffi({mode})] pub unsafe mod m {{ {RECORDS} }}"));
        // Numbers, arrays of them, nested records of them, enums, unions of numbers.
        for f in ["make_point", "norm", "grid_of", "num_of"] {
            assert!(is_safe(&e, f), "{f} in {mode}");
        }
        // A pointer inside (also nested), or a `_Bool`, keeps them unsafe.
        for f in ["named_of", "named_n", "flag_of", "holder_of"] {
            assert!(!is_safe(&e, f), "{f} in {mode}");
        }
        // Without the module's `unsafe`, nothing is safe.
        let e = expand(&format!("#[cffi({mode})] pub mod m {{ {RECORDS} }}"));
        if mode.starts_with("api") {
            assert!(
                !is_safe(&e, "make_point"),
                "make_point in {mode} without unsafe"
            );
        }
    }
}

#[test]
fn an_unsafe_method_s_first_doc_line_says_what_would_make_it_safe() {
    // The method's documentation: what comes after the previous method's `#[inline]`.
    let first_doc = |e: &str, f: &str| {
        let at = e.find(&format!("fn {f} (& self")).unwrap();
        let before = &e[..at];
        let own = before.rfind("# [inline]").unwrap();
        let start = before[..own].rfind("# [inline]").map_or(0, |i| i + 10);
        let docs = &before[start..own];
        // From the first doc attribute of the method: the line E0133's note sends one to.
        docs[docs.find("# [doc").unwrap()..].to_string()
    };
    let unvouched = expand(
        "#[cffi(api, source = \"x.c\")] pub mod m { double cos(double x); void fill(double *p, int n); }",
    );
    let doc = first_doc(&unvouched, "cos");
    assert!(
        doc.contains("Unsafe only because the module does not vouch for it")
            && doc.contains("unsafe mod")
            && doc.find("Unsafe only") < doc.find("`double cos"),
        "{doc}"
    );
    let doc = first_doc(&unvouched, "fill");
    assert!(
        doc.contains("Unsafe: it passes or returns pointers"),
        "{doc}"
    );
    assert!(doc.contains("slice(p, n)"), "{doc}");
    let imported = expand(
        "#[cffi(abi, lib = \"m\", import = \"<math.h>\", allow = \"cos|sin\", safe = \"sin\")] pub unsafe mod m {}",
    );
    let doc = first_doc(&imported, "cos");
    assert!(
        doc.contains("name the function in the module's `safe"),
        "{doc}"
    );
}
