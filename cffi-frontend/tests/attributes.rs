//! GNU attributes: the ones that change a layout or a call are modelled or refused, never
//! read past; the ones that change neither are read past.

use cffi_frontend::layout::{layout_of, record_layout};
use cffi_frontend::{ErrorKind, Options, Type, TypeKind, parse};

fn strict(src: &str) -> cffi_frontend::Parsed {
    parse(src, &Options::default())
}

#[test]
fn attributes_that_change_nothing_are_read_past() {
    let p = strict(
        "int f(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2), __nonnull__(1), __leaf__, __nothrow__));\n\
         void *g(unsigned long n) __attribute__((malloc, alloc_size(1), warn_unused_result));\n\
         extern int h(void) __attribute__((deprecated(\"use k\"), visibility(\"default\"), cold));\n\
         __declspec(dllimport) int k(void);",
    );
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    assert_eq!(p.module.functions.len(), 4);
}

#[test]
fn attributes_that_change_a_layout_or_a_call_are_refused_on_the_attribute() {
    for (src, attribute) in [
        (
            "typedef union { int *i; long *l; } u __attribute__((transparent_union));",
            "transparent_union",
        ),
        (
            "struct __attribute__((scalar_storage_order(\"big-endian\"))) s { int x; };",
            "scalar_storage_order",
        ),
        (
            "struct __attribute__((ms_struct)) s { char c : 3; int i : 5; };",
            "ms_struct",
        ),
        ("int f(int) __attribute__((interrupt));", "interrupt"),
        ("int f(int) __attribute__((ms_abi));", "ms_abi"),
        (
            "struct s { int x; } __attribute__((randomize_layout));",
            "randomize_layout",
        ),
        ("__declspec(property(get = g)) int x;", "property"),
    ] {
        let p = strict(src);
        let e = p
            .errors
            .first()
            .unwrap_or_else(|| panic!("{src}: accepted"));
        assert_eq!(e.kind, ErrorKind::Unsupported, "{src}: {e}");
        assert_eq!(&src[e.span.clone()], attribute, "{src}: {e}");
        // In a header, the declaration is left out and listed, under its own name.
        let lenient = parse(
            src,
            &Options {
                lenient: true,
                ..Options::default()
            },
        );
        assert!(lenient.errors.is_empty(), "{src}: {:#?}", lenient.errors);
        assert!(
            lenient
                .module
                .skipped
                .iter()
                .any(|s| s.reason.contains(attribute)),
            "{src}: {:#?}",
            lenient.module.skipped
        );
    }
}

#[test]
fn vector_types_are_modelled() {
    let p = strict(
        "typedef int v4si __attribute__((vector_size(16)));\n\
         typedef float v2sf __attribute__((__vector_size__(8)));\n\
         struct s { char c; v4si v[2]; };\n\
         typedef int wide __attribute__((vector_size(32)));",
    );
    assert!(p.errors.is_empty(), "{:#?}", p.errors);
    let m = &p.module;
    let td = |name: &str| {
        let i = m.typedefs.iter().position(|t| t.name == name).unwrap();
        Type::new(TypeKind::Typedef(cffi_frontend::TypedefId(i as u32)))
    };
    let l = layout_of(m, &td("v4si")).unwrap();
    assert_eq!((l.size, l.align), (16, 16));
    let l = layout_of(m, &td("v2sf")).unwrap();
    assert_eq!((l.size, l.align), (8, 8));
    let s = record_layout(m, m.record_tagged("s").unwrap()).unwrap();
    assert_eq!((s.size, s.align, s.fields[1].offset_bits), (48, 16, 128));
    // Wider vectors are aligned by the instruction set the C is compiled for: refused.
    assert!(layout_of(m, &td("wide")).is_err());
    // Never passed by value.
    assert!(m.unsupported_reason(&td("v4si")).is_some());
    // Only scalars make vectors, in whole elements.
    for bad in [
        "struct p { int x; }; typedef struct p vp __attribute__((vector_size(16)));",
        "typedef int v3 __attribute__((vector_size(6)));",
        "typedef int v __attribute__((vector_size(12)));",
    ] {
        assert!(!strict(bad).errors.is_empty(), "{bad}: accepted");
    }
}
