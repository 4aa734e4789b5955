//! Crates built twice, as a user fixes a mistake between the builds, and the messages each
//! mistake gives: in the user's terms, one per mistake, and gone once it is fixed.

mod common;

use common::*;

#[test]
fn a_fix_outside_the_crate_takes_effect_at_the_next_build() {
    // The header lives outside the package, where installing a package would put it; the
    // first build does not find it.
    let include = tmp().join("crates").join("installed_later_include");
    let _ = std::fs::remove_dir_all(&include);
    std::fs::create_dir_all(&include).unwrap();
    let lib = format!(
        "cffi_core::cdef! {{\n\
         \x20   #[cffi(api, import = \"<installed_later.h>\", cflags = \"-I{dir}\", safe = \"later_value\")]\n\
         \x20   pub unsafe mod later {{}}\n\
         }}\n\
         fn main() {{ println!(\"{{}}\", later::Lib::load().unwrap().later_value()); }}\n",
        dir = include.display()
    );
    let dir = write_crate(
        "installed_later",
        &[("build.rs", BUILD_RS), ("src/main.rs", &lib)],
    );
    let out = cargo(&dir, &["run", "-q"], &[]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("installed_later.h"), "{}", text(&out));
    // "Installing" it: nothing in the package changes.
    std::fs::write(
        include.join("installed_later.h"),
        "static inline int later_value(void) { return 42; }\n",
    )
    .unwrap();
    let out = cargo(&dir, &["run", "-q"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
}

#[test]
fn each_mistake_is_one_error_in_the_user_s_terms() {
    let header = "#ifndef GEOM_H\n#define GEOM_H\nstruct box { long *id; double w; };\nint area(int w, double h);\n#endif\n";
    let source = "#include \"geom.h\"\nint area(int w, double h) { return w * (int)h; }\n";
    let lib = "cffi_core::cdef! {\n\
               \x20   #[cffi(api, include = \"c/geom.h\", source = \"c/geom.c\")]\n\
               \x20   pub unsafe mod geom {\n\
               \x20       struct box { int *id; double w; };\n\
               \x20       int area(int w, int h);\n\
               \x20       int missing_fn(int x);\n\
               \x20   }\n\
               }\n";
    let dir = write_crate(
        "user_terms",
        &[
            ("build.rs", BUILD_RS),
            ("src/lib.rs", lib),
            ("c/geom.h", header),
            ("c/geom.c", source),
        ],
    );
    let out = cargo(&dir, &["check", "--message-format=json"], &[]);
    assert!(!out.status.success());
    let mut errors = all_errors(&out);
    errors.sort();
    let at: Vec<(u64, u64)> = errors.iter().map(|e| (e.1, e.2)).collect();
    // The field, the parameter, the missing function: three mistakes, three errors.
    assert_eq!(at, [(4, 22), (5, 25), (6, 9)], "{errors:#?}");
    assert!(
        errors[0]
            .3
            .ends_with("field `id` of `struct box` is `long int *` in the C, but `int *` here"),
        "{errors:#?}"
    );
    assert!(
        errors[1]
            .3
            .contains("parameter 2 of `area` is `double` in the C, but `int` here"),
        "{errors:#?}"
    );
    assert!(
        errors[2]
            .3
            .contains("`missing_fn` is declared here but not in the C"),
        "{errors:#?}"
    );
    for (_, _, _, message) in &errors {
        assert!(!message.contains("cffi_rs"), "{message}");
        assert!(!message.contains("static assertion"), "{message}");
    }
    // A header `include` names that does not exist: said without the generated C's place.
    let lib = "cffi_core::cdef! {\n\
               \x20   #[cffi(api, include = \"c/nothere.h\")]\n\
               \x20   pub unsafe mod geom { int area(int w, double h); }\n\
               }\n";
    let dir = write_crate(
        "missing_include",
        &[("build.rs", BUILD_RS), ("src/lib.rs", lib)],
    );
    let out = cargo(&dir, &["check", "--message-format=json"], &[]);
    let errors = all_errors(&out);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]
            .3
            .ends_with("c/nothere.h: No such file or directory"),
        "{errors:#?}"
    );
    assert!(!errors[0].3.contains("/out/"), "{errors:#?}");
}
