//! Whole crates built by cargo, as a user builds them: module settings (`cflags`,
//! `pkg_config`, `sources`, `link`), `cffi_build::Config` in build.rs, C compiler errors
//! reported as Rust errors on the declaration, and `CFLAGS` changes rebuilding the C.
//!
//! Each crate is written under the target directory and built with cargo in one target
//! directory shared by all of them, so that the dependencies are compiled once.

mod common;

use common::*;

const ADD_C: &str =
    "void add(double *a, const double *b, int n) { for (int i = 0; i < n; i++) a[i] += b[i]; }\n";

#[test]
fn a_declaration_the_c_disagrees_with_is_a_rust_error_on_it() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/add.c\")]\n\
               \x20   pub mod add {\n\
               \x20       void add(double *a, double *b, int n);\n\
               \x20   }\n\
               }\n";
    let out = failed_check("wrong_declaration", lib, ("c/add.c", ADD_C));
    let (file, line, column, message) = first_error(&out);
    // On the parameter that disagrees, naming both types and where the C declares it.
    assert_eq!(
        (file.as_str(), line, column),
        ("src/lib.rs", 5, 29),
        "{message}"
    );
    assert!(
        message.contains("parameter 2 of `add` is `const double *` in the C, but `double *` here"),
        "{message}"
    );
    assert!(message.contains("c/add.c:1)"), "{message}");
    // The build script does not fail with the `cc` command dump.
    let all = text(&out);
    assert!(!all.contains("failed to run custom build command"), "{all}");
    assert!(!all.contains("running: "), "{all}");
}

#[test]
fn a_constant_given_another_value_than_the_c_s_is_an_error_on_its_name() {
    // cffi's spelling of a constant with its value; the C defines it as an object, which
    // no `_Static_assert` can read: the build script's probe gives the value.
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/limits.c\")]\n\
               \x20   pub mod limits {\n\
               \x20       static const int LIMIT = 0x124;\n\
               \x20   }\n\
               }\n";
    let out = failed_check(
        "wrong_constant",
        lib,
        ("c/limits.c", "static const int LIMIT = 0x123;\n"),
    );
    let (file, line, column, message) = first_error(&out);
    assert_eq!(
        (file.as_str(), line, column),
        ("src/lib.rs", 5, 26),
        "{message}"
    );
    assert!(
        message.contains("`LIMIT` is 291 in C, not 292 as declared here"),
        "{message}"
    );
}

#[test]
fn a_compiler_given_constant_must_fit_its_declared_type() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/limits.c\")]\n\
               \x20   pub mod limits {\n\
               \x20       static const unsigned char LIMIT;\n\
               \x20   }\n\
               }\n";
    let out = failed_check(
        "narrow_constant",
        lib,
        ("c/limits.c", "#define LIMIT 300\n"),
    );
    let (file, line, _, message) = first_error(&out);
    assert_eq!((file.as_str(), line), ("src/lib.rs", 5), "{message}");
    assert!(
        message.contains("`LIMIT` is 300 in C, which does not fit the declared `unsigned char`"),
        "{message}"
    );
}

#[test]
fn editing_a_header_the_source_includes_rebuilds_the_c() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/value.c\")]\n\
               \x20   pub unsafe mod value { int value(void); }\n\
               }\n\
               fn main() { println!(\"{}\", value::Lib::load().unwrap().value()); }\n";
    let dir = write_crate(
        "header_rebuild",
        &[
            ("build.rs", BUILD_RS),
            ("src/main.rs", lib),
            (
                "c/value.c",
                "#include \"value.h\"\nint value(void) { return VALUE; }\n",
            ),
            ("c/value.h", "#define VALUE 1\n"),
        ],
    );
    // Only the header changes: neither the source nor the declarations name it.
    for (header, expected) in [("1", "1"), ("2", "2")] {
        std::fs::write(dir.join("c/value.h"), format!("#define VALUE {header}\n")).unwrap();
        let out = cargo(&dir, &["run", "-q"], &[]);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected);
    }
}

#[test]
fn a_new_file_with_an_api_module_reruns_the_build_script() {
    // A field name of this run only: the shared target dir may hold the numbers of an
    // earlier run's module, which would hide a build script that did not rerun.
    let field = format!("b{}", std::process::id());
    let c = format!("struct later_s {{ int a, {field}; }};\n");
    let dir = write_crate(
        "new_file",
        &[
            ("build.rs", BUILD_RS),
            ("src/lib.rs", "\n"),
            ("tests/first.rs", "\n"),
            ("c/later.c", &c),
        ],
    );
    let out = cargo(&dir, &["check", "--tests"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    // A new test file, which no file the build script read mentions, with a module whose
    // `...` only the build script can measure.
    let later = format!(
        "cffi_core::cdef! {{\n\
         \x20   #[cffi(api, source = \"c/later.c\")]\n\
         \x20   pub mod later {{ struct later_s {{ int {field}; ...; }}; }}\n\
         }}\n"
    );
    std::fs::write(dir.join("tests/later.rs"), later).unwrap();
    let out = cargo(&dir, &["check", "--tests"], &[]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_c_syntax_error_is_reported_on_the_source_argument() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/broken.c\")]\n\
               \x20   pub mod broken {\n\
               \x20       int f(int x);\n\
               \x20   }\n\
               }\n";
    let out = failed_check(
        "broken_source",
        lib,
        ("c/broken.c", "int f(int x) {\n  return x +;\n}\n"),
    );
    let (file, line, column, message) = first_error(&out);
    assert_eq!(
        (file.as_str(), line, column),
        ("src/lib.rs", 3, 26),
        "{message}"
    );
    assert!(message.contains("c/broken.c:2"), "{message}");
    assert!(message.contains("expected expression"), "{message}");
}

#[test]
fn an_unknown_type_in_an_api_struct_is_the_front_end_s_error() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/point.c\")]\n\
               \x20   pub mod point {\n\
               \x20       struct point { int x; dobule y; };\n\
               \x20       int norm(struct point *p);\n\
               \x20   }\n\
               }\n";
    let c = "struct point { int x; double y; };\nint norm(struct point *p) { return p->x; }\n";
    let out = failed_check("unknown_type", lib, ("c/point.c", c));
    let (file, line, column, message) = first_error(&out);
    assert_eq!(
        (file.as_str(), line, column),
        ("src/lib.rs", 5, 31),
        "{message}"
    );
    assert!(
        message.contains("unknown type name `dobule`; did you mean `double`?"),
        "{message}"
    );
    // Reported once, by the front end: not again as the C compiler's error or a size check.
    assert!(!text(&out).contains("C compiler"), "{}", text(&out));
}

#[test]
fn settings_reach_the_compile_the_preprocessor_and_the_link() {
    // `cflags` gives an include directory and a define, seen by `import` and the compile;
    // `sources` compiles a second file; `pkg_config` links zlib without `link`; build.rs
    // adds a define for every module.
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, import = \"<scaled.h>\", cflags = \"-Iinclude -DSCALE=3\", sources = \"c/scaled.c c/offset.c\")]\n\
               \x20   pub mod scaled {}\n\
               \x20   #[cffi(api, import = \"<zlib.h>\", pkg_config = \"zlib\", allow = \"zlibVersion|ZLIB_VERSION\")]\n\
               \x20   pub mod zlib {}\n\
               }\n\
               pub fn run() -> (i64, String, String) {\n\
               \x20   let s = scaled::Lib::load().unwrap();\n\
               \x20   let z = zlib::Lib::load().unwrap();\n\
               \x20   let v = unsafe { std::ffi::CStr::from_ptr(z.zlibVersion()) };\n\
               \x20   (unsafe { s.scaled(7) } + scaled::SCALE_SEEN as i64, v.to_str().unwrap().to_string(), zlib::ZLIB_VERSION.to_str().unwrap().to_string())\n\
               }\n";
    let main = "fn main() { let (n, v, h) = settings::run(); println!(\"{n} {}\", v == h); }\n";
    let build =
        "fn main() { cffi_build::Config::new().define(\"OFFSET\", Some(\"100\")).compile(); }\n";
    let header = "#define SCALE_SEEN SCALE\nlong scaled(long x);\nlong offset(void);\n";
    let dir = write_crate(
        "settings",
        &[
            ("build.rs", build),
            ("src/lib.rs", lib),
            ("src/main.rs", main),
            ("include/scaled.h", header),
            (
                "c/scaled.c",
                "#include <scaled.h>\nlong scaled(long x) { return x * SCALE + offset(); }\n",
            ),
            (
                "c/offset.c",
                "#include <scaled.h>\nlong offset(void) { return OFFSET; }\n",
            ),
        ],
    );
    let out = cargo(&dir, &["run", "-q"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    // 7 * 3 + 100, plus the constant 3 read from the header as the compile sees it.
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "124 true");
}

#[test]
fn changing_cflags_rebuilds_the_c() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, source = \"c/value.c\")]\n\
               \x20   pub unsafe mod value { int value(void); }\n\
               }\n\
               fn main() { println!(\"{}\", value::Lib::load().unwrap().value()); }\n";
    let c = "#ifndef VALUE\n#define VALUE 1\n#endif\nint value(void) { return VALUE; }\n";
    let dir = write_crate(
        "cflags_rebuild",
        &[
            ("build.rs", BUILD_RS),
            ("src/main.rs", lib),
            ("c/value.c", c),
        ],
    );
    for (cflags, expected) in [("", "1"), ("-DVALUE=2", "2"), ("", "1")] {
        let out = cargo(&dir, &["run", "-q"], &[("CFLAGS", cflags)]);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            expected,
            "CFLAGS={cflags}"
        );
    }
}

/// A crate built for aarch64 with the cross compiler and run under qemu: the macro reads the
/// headers as the target's compiler does (`__aarch64__` defined, `char` unsigned), the probe
/// measures a partial struct from the target's assembly, and API mode, ABI mode and an
/// import all run. In API mode the C compiler checks every constant, so a header read for the
/// host would fail the build.
#[test]
fn a_cross_build_binds_the_target_s_view_and_runs_under_qemu() {
    let header = "#include <limits.h>\n\
                  #ifdef __aarch64__\n#define ARCH 64\n#else\n#define ARCH 86\n#endif\n\
                  #define CHAR_IS_SIGNED ((char)-1 < 0)\n\
                  #define CHAR_TOP CHAR_MAX\n\
                  long width(void);\n";
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, import = \"c/target.h\", source = \"c/target.c\")]\n\
               \x20   pub unsafe mod target {}\n\
               \x20   #[cffi(api, include = \"<time.h>\")]\n\
               \x20   pub unsafe mod time { struct tm { int tm_sec; int tm_min; ...; }; }\n\
               \x20   #[cffi(abi, lib = \"m\", import = \"<math.h>\", allow = \"cos\")]\n\
               \x20   pub unsafe mod libm {}\n\
               }\n\
               fn main() {\n\
               \x20   let t = target::Lib::load().unwrap();\n\
               \x20   let m = libm::Lib::load().unwrap();\n\
               \x20   println!(\"{} {} {} {} {} {}\", std::env::consts::ARCH, target::ARCH, target::CHAR_IS_SIGNED, target::CHAR_TOP, unsafe { t.width() }, unsafe { m.cos(0.0) });\n\
               \x20   println!(\"{}\", std::mem::size_of::<time::tm>());\n\
               }\n";
    let dir = write_crate(
        "cross",
        &[
            ("build.rs", BUILD_RS),
            ("src/main.rs", lib),
            ("c/target.h", header),
            (
                "c/target.c",
                "#include \"target.h\"\nlong width(void) { return (long)sizeof(long) * CHAR_BIT; }\n",
            ),
        ],
    );
    let out = cargo(
        &dir,
        &["run", "-q", "--target", "aarch64-unknown-linux-gnu"],
        &[
            (
                "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER",
                "aarch64-linux-gnu-gcc",
            ),
            (
                "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER",
                "qemu-aarch64 -L /usr/aarch64-linux-gnu",
            ),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "aarch64 64 0 255 64 1", "{stdout}");
    // glibc's `struct tm` on aarch64, as the target's compiler lays it out.
    assert_eq!(lines[1], "56", "{stdout}");
}

/// In a cross build pkg-config refuses to give the host's flags for the target; the build
/// script's view is reported on the module (the macro, run by rustc, would not see it), and
/// nothing is compiled with the wrong flags.
#[test]
fn pkg_config_in_a_cross_build_without_a_sysroot_is_an_error_on_the_module() {
    let lib = "use cffi_core::cdef;\n\
               cdef! {\n\
               \x20   #[cffi(api, import = \"<zlib.h>\", pkg_config = \"zlib\")]\n\
               \x20   pub mod zlib {}\n\
               }\n";
    let dir = write_crate(
        "cross_pkg_config",
        &[("build.rs", BUILD_RS), ("src/lib.rs", lib)],
    );
    let out = cargo(
        &dir,
        &[
            "check",
            "--message-format=json",
            "--target",
            "aarch64-unknown-linux-gnu",
        ],
        &[],
    );
    assert!(!out.status.success(), "{}", text(&out));
    let (file, line, _, message) = first_error(&out);
    assert_eq!((file.as_str(), line), ("src/lib.rs", 3), "{message}");
    assert!(
        message.contains("pkg-config is not set up to find `zlib` for the target of a cross build"),
        "{message}"
    );
}

/// A module a `#[cfg]` leaves out of the build has no C compiled either (its header may not
/// exist on this system): on the `cdef!` itself, on a `mod name;` whose file holds one, as
/// an inner `#![cfg]` of a module or its file, and a cfg the build script sets with
/// `Config::cfg`.
#[test]
fn modules_a_cfg_leaves_out_compile_no_c() {
    let main = "use cffi_core::cdef;\n\
                #[cfg(target_os = \"windows\")]\n\
                cdef! {\n\
                \x20   #[cffi(api, include = \"<windows.h>\")]\n\
                \x20   pub mod win { unsigned long GetTickCount(void); }\n\
                }\n\
                #[cfg(windows)]\n\
                mod windows_only;\n\
                mod windows_file;\n\
                mod windows_inline {\n\
                \x20   #![cfg(windows)]\n\
                \x20   cffi_core::cdef! {\n\
                \x20       #[cffi(api, include = \"<windows.h>\")]\n\
                \x20       pub mod pid { unsigned long GetCurrentProcessId(void); }\n\
                \x20   }\n\
                }\n\
                #[cfg(has_value)]\n\
                cdef! {\n\
                \x20   #[cffi(api, source = \"c/value.c\")]\n\
                \x20   pub unsafe mod value { int value(void); }\n\
                }\n\
                #[cfg(not(has_value))]\n\
                cdef! {\n\
                \x20   #[cffi(api, include = \"<no_such_header.h>\")]\n\
                \x20   pub mod value { int value(void); }\n\
                }\n\
                fn main() { println!(\"{}\", value::Lib::load().unwrap().value()); }\n";
    let windows_only = "cffi_core::cdef! {\n\
                        \x20   #[cffi(api, include = \"<winsock2.h>\")]\n\
                        \x20   pub mod sock { int WSACleanup(void); }\n\
                        }\n";
    let build = "fn main() { cffi_build::Config::new().cfg(\"has_value\").compile(); }\n";
    let dir = write_crate(
        "cfg_modules",
        &[
            ("build.rs", build),
            ("src/main.rs", main),
            ("src/windows_only.rs", windows_only),
            (
                "src/windows_file.rs",
                &format!("#![cfg(windows)]\nmod inner;\n{windows_only}"),
            ),
            ("src/windows_file/inner.rs", windows_only),
            ("c/value.c", "int value(void) { return 42; }\n"),
        ],
    );
    let out = cargo(&dir, &["run", "-q"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
}

/// After a failed C build nothing older is linkable: a module only a test build expands
/// (`#[cfg(test)]`) whose C stops compiling fails `cargo run` too, naming the module,
/// instead of linking the library the last good build left.
#[test]
fn a_failed_c_build_leaves_no_older_library_to_link() {
    let main = "use cffi_core::cdef;\n\
                cdef! {\n\
                \x20   #[cffi(api, source = \"c/value.c\")]\n\
                \x20   pub unsafe mod value { int value(void); }\n\
                }\n\
                #[cfg(test)]\n\
                cdef! {\n\
                \x20   #[cffi(api, source = \"c/tested.c\")]\n\
                \x20   pub unsafe mod tested { int tested(void); }\n\
                }\n\
                fn main() { println!(\"{}\", value::Lib::load().unwrap().value()); }\n";
    let dir = write_crate(
        "stale_library",
        &[
            ("build.rs", BUILD_RS),
            ("src/main.rs", main),
            ("c/value.c", "int value(void) { return 1; }\n"),
            ("c/tested.c", "int tested(void) { return 2; }\n"),
        ],
    );
    let out = cargo(&dir, &["run", "-q"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");

    // The value changes, and the test-only module's C breaks.
    std::fs::write(dir.join("c/value.c"), "int value(void) { return 3; }\n").unwrap();
    std::fs::write(dir.join("c/tested.c"), "int tested(void) { return }\n").unwrap();
    let out = cargo(&dir, &["run"], &[]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        !String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.trim() == "1"),
        "the old C ran: {}",
        text(&out)
    );
    assert!(text(&out).contains("module `tested`"), "{}", text(&out));
    assert!(text(&out).contains("does not compile"), "{}", text(&out));
}
