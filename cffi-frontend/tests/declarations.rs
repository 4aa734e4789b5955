//! Every construct of the declaration language, read into the model.

use cffi_frontend::render::{c_decl, c_type};
use cffi_frontend::*;

fn ok(src: &str) -> Module {
    let p = parse(src, &Options::default());
    assert!(p.errors.is_empty(), "{src}\n{:#?}", p.errors);
    p.module
}

fn fn_sig(m: &Module, name: &str) -> String {
    let f = m
        .function(name)
        .unwrap_or_else(|| panic!("no function {name}"));
    c_decl(
        m,
        &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
        name,
    )
}

#[test]
fn integer_and_float_types() {
    let m = ok(
        "void f(char a, signed char b, unsigned char c, short d, unsigned short e, int g,
                unsigned h, long i, unsigned long j, long long k, unsigned long long l,
                float m, double n, _Bool o, bool p, long int q, short int r, signed s,
                long unsigned int t, int long long u);",
    );
    let kinds: Vec<String> = m
        .function("f")
        .unwrap()
        .ty
        .params
        .iter()
        .map(|p| c_type(&m, &p.ty))
        .collect();
    assert_eq!(
        kinds,
        [
            "char",
            "signed char",
            "unsigned char",
            "short",
            "unsigned short",
            "int",
            "unsigned int",
            "long",
            "unsigned long",
            "long long",
            "unsigned long long",
            "float",
            "double",
            "_Bool",
            "_Bool",
            "long",
            "short",
            "int",
            "unsigned long",
            "long long"
        ]
    );
}

#[test]
fn standard_type_names() {
    let m = ok(
        "size_t f(ssize_t a, int8_t b, uint16_t c, int32_t d, uint64_t e, intptr_t g,
                uintptr_t h, ptrdiff_t i, wchar_t j, intmax_t k, char16_t l, char32_t n,
                int_least8_t o, uint_fast32_t p, FILE *q);",
    );
    let f = m.function("f").unwrap();
    assert_eq!(f.ty.ret.kind, TypeKind::Int(IntKind::Size));
    assert_eq!(f.ty.params[1].ty.kind, TypeKind::Int(IntKind::Int8));
    assert_eq!(f.ty.params[12].ty.kind, TypeKind::Int(IntKind::Int8));
    assert_eq!(c_type(&m, &f.ty.params[14].ty), "FILE *");
}

#[test]
fn qualifiers_pointers_and_arrays() {
    let m = ok("const char *const *volatile restrict p;
                int **pp[4][2];
                const int ci;
                extern double table[];");
    assert_eq!(
        c_type(&m, &m.vars[0].ty),
        "const char *const *volatile restrict"
    );
    assert_eq!(c_decl(&m, &m.vars[1].ty, "pp"), "int **pp[4][2]");
    assert!(m.vars[2].ty.quals.is_const);
    assert_eq!(
        m.vars[3].ty.kind,
        TypeKind::Array(
            Box::new(Type::new(TypeKind::Float(FloatKind::Double))),
            ArrayLen::Unspecified
        )
    );
}

#[test]
fn array_sizes_are_constant_expressions() {
    let m = ok(
        "#define N 4\nenum { M = N * 2 };\nint a[N + 1]; int b[M]; int c[sizeof(double) * 2]; int d[(1 << 3) | 1];",
    );
    let lens: Vec<String> = m.vars.iter().map(|v| c_decl(&m, &v.ty, &v.name)).collect();
    assert_eq!(lens, ["int a[5]", "int b[8]", "int c[16]", "int d[9]"]);
}

#[test]
fn function_pointers_and_typedefs_of_function_types() {
    let m = ok("typedef int cmp_fn(const void *, const void *);
                typedef int (*cmp_ptr)(const void *, const void *);
                void qsort(void *base, size_t n, size_t size, cmp_fn *cmp);
                void (*signal(int sig, void (*handler)(int)))(int);
                int (*table[3])(int);
                int (*(*getter)(void))[5];");
    assert_eq!(
        fn_sig(&m, "qsort"),
        "void qsort(void *base, size_t n, size_t size, cmp_fn *cmp)"
    );
    assert_eq!(
        fn_sig(&m, "signal"),
        "void (*signal(int sig, void (*handler)(int)))(int)"
    );
    assert_eq!(c_decl(&m, &m.vars[0].ty, "table"), "int (*table[3])(int)");
    assert_eq!(
        c_decl(&m, &m.vars[1].ty, "getter"),
        "int (*(*getter)(void))[5]"
    );
    let td = m.typedef_named("cmp_ptr").unwrap();
    let ptr_fn = m.resolve(&td.ty);
    assert!(matches!(ptr_fn.kind, TypeKind::Pointer(_)));
    assert!(m.same_type(
        &m.typedef_named("cmp_fn").unwrap().ty.clone().pointer_to(),
        &td.ty
    ));
}

#[test]
fn variadic_unprototyped_and_void_parameters() {
    let m = ok("int printf(const char *fmt, ...); int old(); int none(void);");
    assert!(m.function("printf").unwrap().ty.variadic);
    assert!(m.function("old").unwrap().ty.unprototyped);
    let none = &m.function("none").unwrap().ty;
    assert!(none.params.is_empty() && !none.unprototyped);
}

#[test]
fn parameters_adjust_arrays_and_functions_to_pointers() {
    let m = ok("void f(int a[10], int g(int), char s[static 4]);");
    assert_eq!(fn_sig(&m, "f"), "void f(int *a, int (*g)(int), char *s)");
    let m = ok("typedef int handler(int); typedef double vec3[3]; void on(handler h, vec3 v);");
    assert_eq!(fn_sig(&m, "on"), "void on(handler *h, double *v)");
}

#[test]
fn structs_unions_nested_and_anonymous() {
    let m = ok("struct point { int x, y; };
                typedef struct { struct point a, b; } segment;
                union value { int i; double d; struct { char tag; } s; };
                struct with_anon { int kind; union { int i; float f; }; struct { char c; }; };
                struct node { int v; struct node *next; };");
    let with_anon = m.record_tagged("with_anon").unwrap();
    let fields = m.record(with_anon).fields.as_ref().unwrap();
    assert_eq!(fields.len(), 3);
    assert!(fields[1].name.is_none());
    let flat: Vec<String> = layout::flat_fields(&m, with_anon)
        .unwrap()
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(flat, ["kind", "i", "f", "c"]);
    let seg = m.typedef_named("segment").unwrap();
    assert_eq!(layout::layout_of(&m, &seg.ty).unwrap().size, 16);
    assert_eq!(
        m.record(m.record_tagged("value").unwrap()).kind,
        RecordKind::Union
    );
}

#[test]
fn bit_fields_packed_and_flexible_arrays() {
    let m = ok(
        "struct flags { unsigned a : 1, b : 2; int : 0; _Bool c : 1; } __attribute__((packed));
                struct msg { int len; char data[]; };",
    );
    let flags = m.record(m.record_tagged("flags").unwrap());
    assert!(flags.packed);
    let widths: Vec<Option<u32>> = flags
        .fields
        .as_ref()
        .unwrap()
        .iter()
        .map(|f| f.bit_width)
        .collect();
    assert_eq!(widths, [Some(1), Some(2), Some(0), Some(1)]);
    let msg = m.record_tagged("msg").unwrap();
    assert_eq!(layout::record_layout(&m, msg).unwrap().size, 4);
}

#[test]
fn opaque_types_and_forward_declarations() {
    let m = ok(
        "typedef struct sqlite3 sqlite3; int sqlite3_open(const char *, sqlite3 **db);
                struct later; struct later *make(void); struct later { int x; };",
    );
    let db = m.record_tagged("sqlite3").unwrap();
    assert!(m.record(db).fields.is_none());
    assert!(layout::record_layout(&m, db).is_err());
    let later = m.record_tagged("later").unwrap();
    assert!(m.record(later).fields.is_some());
}

#[test]
fn enums_with_expressions() {
    let m = ok(
        "enum color { RED, GREEN = 5, BLUE, MASK = (1 << 4) | GREEN, NEG = -2, LAST = 'A' };
                typedef enum { A_ONE = 1 } anon_e;",
    );
    let e = m.enum_(EnumId(0));
    let values: Vec<(String, i128)> = e
        .variants
        .as_ref()
        .unwrap()
        .iter()
        .map(|v| (v.name.clone(), v.value))
        .collect();
    assert_eq!(
        values,
        [
            ("RED".into(), 0),
            ("GREEN".into(), 5),
            ("BLUE".into(), 6),
            ("MASK".into(), 21),
            ("NEG".into(), -2),
            ("LAST".into(), 65)
        ]
    );
    assert_eq!(e.int_kind(&m.target), IntKind::Int);
    assert_eq!(m.enums.len(), 2);
}

#[test]
fn globals_and_storage() {
    let m = ok("extern int counter; const char *names[3]; static int hidden; int x, *y, z[2];");
    let names: Vec<&str> = m.vars.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["counter", "names", "hidden", "x", "y", "z"]);
    assert_eq!(m.vars[2].storage, Storage::Static);
}

#[test]
fn function_bodies_are_skipped_and_prototypes_kept() {
    let m = ok(
        "static int helper(int x) { if (x) { return x * 2; } return 0; }
                void add(double *a, double *b, int n) { for (int i = 0; i < n; i++) a[i] += b[i]; }
                int table[] = { 1, 2, 3 };
                struct s { int a; } instance = { 1 };",
    );
    let add = m.function("add").unwrap();
    assert!(add.defined);
    assert_eq!(m.function("helper").unwrap().storage, Storage::Static);
    assert_eq!(m.vars.len(), 2);
}

#[test]
fn gnu_extensions_from_preprocessed_headers() {
    let m = ok("# 1 \"lib.h\" 1 3 4\n\
                __extension__ typedef struct { long long quot; long long rem; } lldiv_t;\n\
                extern int fscanf(void *__restrict s, const char *__restrict fmt, ...) __asm__ (\"\" \"__isoc99_fscanf\");\n\
                extern void *memcpy(void *__restrict d, const void *__restrict s, unsigned long n) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__nonnull__ (1, 2)));\n\
                static __inline unsigned short bswap16(unsigned short x) { return x; }\n\
                typedef __builtin_va_list va;\n\
                typedef int reg_t __attribute__ ((__mode__ (__word__)));\n\
                extern _Float128 strtof128(const char *n, char **e);\n\
                _Static_assert(sizeof(int) == 4, \"int\");\n\
                typedef struct { long long a __attribute__((__aligned__(__alignof__(long long)))); long double b __attribute__((__aligned__(__alignof__(long double)))); } max_align_t;\n");
    assert_eq!(
        m.function("fscanf").unwrap().asm_name.as_deref(),
        Some("__isoc99_fscanf")
    );
    assert!(m.function("bswap16").unwrap().inline);
    let reg = m.typedef_named("reg_t").unwrap();
    assert_eq!(layout::layout_of(&m, &reg.ty).unwrap().size, 8);
    assert!(
        m.unsupported_reason(&Type::new(TypeKind::Function(Box::new(
            m.function("strtof128").unwrap().ty.clone()
        ))))
        .is_some()
    );
    let max = m.typedef_named("max_align_t").unwrap();
    assert_eq!(
        layout::layout_of(&m, &max.ty).unwrap(),
        layout::Layout {
            size: 32,
            align: 16
        }
    );
}

#[test]
fn line_markers_locate_declarations() {
    let src = "# 10 \"zlib.h\"\n\nint deflate(void);\n# 3 \"other.h\"\nint other(void);\n";
    let p = parse(src, &Options::default());
    let f = p.module.function("deflate").unwrap();
    let loc = p.source_map.loc(src, f.span.start);
    assert_eq!((loc.file, loc.line), (Some("zlib.h"), 11));
    let o = p.module.function("other").unwrap();
    assert_eq!(p.source_map.file(o.span.start), Some("other.h"));
}

#[test]
fn compiler_filled_parts_for_api_mode() {
    let m = ok("struct tm { int tm_sec; ...; };
                typedef int... off_t; typedef float... real_t; typedef ... handle_t;
                typedef ... *token_p;
                enum mode { M_READ, ... };
                enum level { L_LOW = ..., L_HIGH };
                int buffer[...];
                #define BUFSIZ ...");
    assert!(m.record(m.record_tagged("tm").unwrap()).partial);
    assert_eq!(
        m.resolve(&m.typedef_named("off_t").unwrap().ty).kind,
        TypeKind::Unknown(UnknownKind::Int)
    );
    assert_eq!(
        m.resolve(&m.typedef_named("real_t").unwrap().ty).kind,
        TypeKind::Unknown(UnknownKind::Float)
    );
    // `typedef ... t;` and `typedef ... *t;`: an opaque struct, used through pointers.
    let opaque = |ty: &Type| match m.resolve(ty).kind {
        TypeKind::Record(id) => m.record(id).fields.is_none() && m.record(id).tag.is_none(),
        _ => false,
    };
    assert!(opaque(&m.typedef_named("handle_t").unwrap().ty));
    match m.resolve(&m.typedef_named("token_p").unwrap().ty).kind {
        TypeKind::Pointer(to) => assert!(opaque(&to)),
        other => panic!("{other:?}"),
    }
    assert!(m.enum_(EnumId(0)).partial);
    // `L_LOW = ...`: the compiler gives the value, so the enum is partial too.
    assert!(m.enum_(EnumId(1)).partial);
    assert!(matches!(
        m.vars[0].ty.kind,
        TypeKind::Array(_, ArrayLen::FromCompiler)
    ));
    assert_eq!(
        m.constant("BUFSIZ").unwrap().value,
        ConstValue::FromCompiler
    );
}

#[test]
fn doc_comments_are_kept() {
    let m = ok(
        "/** Adds two vectors in place. */\nvoid add(double *a, double *b, int n);\n/// A point.\n/// In 2D.\nstruct point { int x; };\n/** The limit. */\n#define LIMIT 3\n",
    );
    assert_eq!(
        m.function("add").unwrap().doc.as_deref(),
        Some("Adds two vectors in place.")
    );
    assert_eq!(
        m.record(m.record_tagged("point").unwrap()).doc.as_deref(),
        Some("A point.\nIn 2D.")
    );
    assert_eq!(
        m.constant("LIMIT").unwrap().doc.as_deref(),
        Some("The limit.")
    );
}

#[test]
fn rust_keywords_are_fine_as_c_names() {
    let m = ok("int type(int match, int fn); struct self { int loop; };");
    assert!(m.function("type").is_some());
}

#[test]
fn compatible_redeclarations_are_accepted() {
    let m = ok("typedef unsigned long size_t; typedef unsigned long size_t;
                int f(int); int f(int x); extern int g; int g;");
    assert_eq!(m.functions.len(), 1);
    assert_eq!(m.typedefs.len(), 1);
}

#[test]
fn long_double_and_friends_are_modelled_but_flagged() {
    let m = ok("long double ld(long double x); __int128 big; _Complex double z;");
    let f = m.function("ld").unwrap();
    let reason = m.unsupported_reason(&f.ty.ret).unwrap();
    assert!(reason.contains("long double"), "{reason}");
    assert!(m.unsupported_reason(&m.vars[0].ty).is_some());
    assert!(m.unsupported_reason(&m.vars[1].ty).is_some());
}

#[test]
fn other_targets_change_sizes() {
    let src = "struct s { long a; char *p; wchar_t w; long double d; };";
    let size = |triple: &str| {
        let p = parse(
            src,
            &Options {
                target: Target::from_triple(triple).unwrap(),
                ..Options::default()
            },
        );
        layout::record_layout(&p.module, RecordId(0)).unwrap().size
    };
    assert_eq!(size("x86_64-unknown-linux-gnu"), 48);
    assert_eq!(size("x86_64-pc-windows-msvc"), 32);
    assert_eq!(size("i686-unknown-linux-gnu"), 24);
    assert_eq!(size("aarch64-apple-darwin"), 32);
}

#[test]
fn a_function_declared_through_a_function_typedef_is_a_function() {
    let m =
        ok("typedef int fn_t(void *ctx);\nfn_t provider_init, provider_fini;\nstatic fn_t hidden;");
    assert!(m.vars.is_empty(), "{:?}", m.vars);
    assert_eq!(fn_sig(&m, "provider_init"), "int provider_init(void *ctx)");
    assert_eq!(fn_sig(&m, "provider_fini"), "int provider_fini(void *ctx)");
    assert_eq!(m.function("hidden").unwrap().storage, Storage::Static);
}

#[test]
fn a_qualified_array_typedef_parameter_points_to_qualified_elements() {
    let m = ok("typedef unsigned char uuid_t[16];\nint uuid_compare(const uuid_t a, uuid_t b);");
    assert_eq!(
        fn_sig(&m, "uuid_compare"),
        "int uuid_compare(const unsigned char *a, unsigned char *b)"
    );
}

#[test]
fn extern_python_marks_the_functions_it_applies_to() {
    let m = ok(r#"int before(int);
                extern "Python" int one(int);
                extern "Python" { int two(void); void three(int, int); }
                extern "C + Python" int four(int);
                extern "Python+C" int five(int);
                int after(int);"#);
    let linkage = |name: &str| m.function(name).unwrap().extern_python;
    assert_eq!(linkage("before"), None);
    assert_eq!(linkage("one"), Some(ExternPython::Python));
    assert_eq!(linkage("two"), Some(ExternPython::Python));
    assert_eq!(linkage("three"), Some(ExternPython::Python));
    assert_eq!(linkage("four"), Some(ExternPython::PythonAndC));
    assert_eq!(linkage("five"), Some(ExternPython::PythonAndC));
    assert_eq!(linkage("after"), None);
}

#[test]
fn integer_objects_given_a_value_and_static_consts_are_constants_in_declarations() {
    let m = ok("static const int FOO = 0x123; unsigned char SMALL = 200;
                static const int AA, BB; static const double PI; static int counter;");
    let value = |name: &str| m.constant(name).map(|c| c.value.clone());
    assert_eq!(
        value("FOO"),
        Some(ConstValue::Int {
            value: 0x123,
            kind: IntKind::Int
        })
    );
    assert_eq!(
        value("SMALL"),
        Some(ConstValue::Int {
            value: 200,
            kind: IntKind::UChar
        })
    );
    assert_eq!(value("AA"), Some(ConstValue::FromCompiler));
    assert_eq!(value("BB"), Some(ConstValue::FromCompiler));
    assert!(m.constant("FOO").unwrap().spelled_as_object);
    // Not integers, or not `static const`: globals, as before.
    let globals: Vec<&str> = m.vars.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(globals, ["PI", "counter"]);
    // A C source or header is C: an initialised object stays an object.
    let p = parse(
        "static const int FOO = 0x123;",
        &Options {
            lenient: true,
            ..Options::default()
        },
    );
    assert!(p.module.consts.is_empty() && p.module.vars.len() == 1);
}

/// With Microsoft's extensions (Windows targets), a member declared by its tag or typedef
/// name alone is an anonymous member of that type, as in `<objidl.h>`'s
/// `struct _userSTGMEDIUM`; elsewhere the tag alone declares nothing, and a typedef name
/// alone is an error. Numbers from MinGW's gcc.
#[test]
fn members_by_type_alone_are_anonymous_with_ms_extensions() {
    let src = "typedef union { short s; char b[3]; } U;
               struct t { int a; int e; };
               struct s { char c; U; struct t; char d; };";
    let windows = parse(
        src,
        &Options {
            target: Target::from_triple("x86_64-pc-windows-gnu").unwrap(),
            ..Options::default()
        },
    );
    assert!(windows.errors.is_empty(), "{:?}", windows.errors);
    let m = &windows.module;
    let s = m.record_tagged("s").unwrap();
    let flat: Vec<(String, u64)> = layout::flat_fields(m, s)
        .unwrap()
        .into_iter()
        .map(|f| (f.0, f.1 / 8))
        .collect();
    assert_eq!(
        flat,
        [("c", 0), ("s", 2), ("b", 2), ("a", 8), ("e", 12), ("d", 16)]
            .map(|(n, o)| (n.to_string(), o))
    );
    assert_eq!(layout::record_layout(m, s).unwrap().size, 20);
    let linux = parse(src, &Options::default());
    assert!(
        linux.errors[0]
            .message
            .contains("does not declare anything"),
        "{:?}",
        linux.errors
    );
}

/// `__stdcall` (`WINAPI`, `__attribute__((stdcall))`) on 32-bit x86 belongs to the function
/// type it qualifies, pointers' included, and is rendered back for the C compiler's checks;
/// on 64-bit targets it means nothing. Other conventions are refused there.
#[test]
fn stdcall_is_part_of_the_function_type_on_32_bit_x86() {
    let src = "int WINAPI f(int x);
               typedef int (__stdcall *callback)(int);
               int __attribute__((stdcall)) g(callback cb);
               int plain(int);
               int WINAPI printf_like(const char *fmt, ...);";
    let read = |triple: &str| {
        let opts = Options {
            target: Target::from_triple(triple).unwrap(),
            ..Options::default()
        };
        let p = parse(src, &opts);
        assert!(p.errors.is_empty(), "{triple}: {:?}", p.errors);
        p.module
    };
    let m = read("i686-pc-windows-gnu");
    let stdcall = |name: &str| m.function(name).unwrap().ty.stdcall;
    assert!(stdcall("f") && stdcall("g") && !stdcall("plain"));
    // A variadic function keeps the C convention, as gcc gives it.
    assert!(!stdcall("printf_like"));
    let cb = m.typedef_named("callback").unwrap();
    assert_eq!(
        render::c_decl(&m, &cb.ty, "cb"),
        "int (__attribute__((stdcall)) *cb)(int)"
    );
    let g = m.function("g").unwrap();
    assert_eq!(
        render::c_decl(
            &m,
            &Type::new(TypeKind::Function(Box::new(g.ty.clone()))),
            "g"
        ),
        "int __attribute__((stdcall)) g(callback cb)"
    );
    let m64 = read("x86_64-pc-windows-gnu");
    assert!(!m64.function("f").unwrap().ty.stdcall);
    let opts = Options {
        target: Target::from_triple("i686-pc-windows-gnu").unwrap(),
        ..Options::default()
    };
    for (src, what) in [
        (
            "int __fastcall h(int);",
            "`__fastcall` on 32-bit x86 is not supported",
        ),
        ("int (*__stdcall pick(void))(int);", "the one function type"),
    ] {
        let p = parse(src, &opts);
        assert!(p.errors[0].message.contains(what), "{src}: {:?}", p.errors);
    }
}

/// `_Float16`, `__fp16` and `__bf16` are three types to the C compiler (a pointer to one is
/// not a pointer to another), all 2 bytes: each is rendered back as written, so API mode's
/// checks of a header using `__bf16` (clang's x86 intrinsics) declare what the header does.
#[test]
fn half_precision_types_stay_apart() {
    let m = ok("_Float16 *h(__fp16 *a, __bf16 *b);");
    let h = m.function("h").unwrap();
    assert_eq!(
        c_decl(
            &m,
            &Type::new(TypeKind::Function(Box::new(h.ty.clone()))),
            "h"
        ),
        "_Float16 *h(__fp16 *a, __bf16 *b)"
    );
    for p in &h.ty.params {
        let TypeKind::Pointer(to) = &p.ty.kind else {
            panic!("{:?}", p.ty)
        };
        assert_eq!(layout::layout_of(&m, to).unwrap().size, 2);
    }
    assert!(
        parse("__bf16 _Float16 x;", &Options::default())
            .errors
            .len()
            == 1
    );
}

/// Apple's headers annotate C declarations for Swift and Objective-C (how those languages
/// import a name, who owns a returned object): none changes a layout or a call, so each is
/// read past, as `<pthread.h>`, `<dispatch/dispatch.h>` and CoreFoundation write them.
#[test]
fn apple_s_swift_and_objective_c_annotations_are_read_past() {
    let m = ok(r#"
        __attribute__((availability(macos,introduced=10.4)))
        __attribute__((__swift_attr__("@_unavailableFromAsync(message: \"" "Use a lock" "\")")))
        int pthread_mutex_lock(void *);
        typedef const struct __attribute__((objc_bridge(NSString))) __CFString *CFStringRef;
        __attribute__((__swift_private__)) __attribute__((ns_returns_retained))
        CFStringRef copy_name(void (__attribute__((__noescape__)) *each)(int));
        __attribute__((weak_import)) extern int maybe_there(void);
        enum __attribute__((ns_error_domain(Dom))) codes { A, B };
    "#);
    for f in ["pthread_mutex_lock", "copy_name", "maybe_there"] {
        assert!(m.function(f).is_some(), "{f}");
    }
    // What does change a call is still refused.
    let refused = parse(
        "void f(int) __attribute__((overloadable));",
        &Options::default(),
    );
    assert_eq!(refused.errors.len(), 1, "{:?}", refused.errors);
}

/// `_Float32`, `_Float64`, `_Float32x` and `_Float64x` are laid out and passed as `float`,
/// `double`, `double` and `long double`, but are other types to gcc: each is rendered as
/// written, so API mode's checks of glibc's `strtof32` (declared with `_GNU_SOURCE`) agree.
#[test]
fn float_n_types_keep_their_spelling() {
    let m = ok("_Float32 f(_Float64 a, _Float32x b, _Float64x c);");
    let f = m.function("f").unwrap();
    assert_eq!(
        c_decl(
            &m,
            &Type::new(TypeKind::Function(Box::new(f.ty.clone()))),
            "f"
        ),
        "_Float32 f(_Float64 a, _Float32x b, _Float64x c)"
    );
    let size = |ty: &Type| layout::layout_of(&m, ty).unwrap().size;
    assert_eq!(size(&f.ty.ret), 4);
    let sizes: Vec<u64> = f.ty.params.iter().map(|p| size(&p.ty)).collect();
    let long_double = layout::layout_of(&m, &Type::new(TypeKind::Float(FloatKind::LongDouble)));
    assert_eq!(sizes, [8, 8, long_double.unwrap().size]);
    // `_Float64x` has no Rust type, as `long double` has none.
    assert!(m.unsupported_reason(&f.ty.params[2].ty).is_some());
    assert!(m.unsupported_reason(&f.ty.params[0].ty).is_none());
    assert_eq!(
        parse("long _Float64 x;", &Options::default()).errors.len(),
        1
    );
}

/// What Apple's headers mark unavailable on the target's platform (`__API_UNAVAILABLE(macos)`)
/// the C compiler refuses to let C use, so it is refused here too, on the attribute; other
/// platforms' availability is nothing, and `unavailable` alone is refused everywhere. An
/// import leaves such a declaration out, naming it.
#[test]
fn declarations_unavailable_on_the_target_are_refused() {
    let read = |triple: &str, src: &str, lenient: bool| {
        let opts = Options {
            target: Target::from_triple(triple).unwrap(),
            lenient,
            ..Options::default()
        };
        parse(src, &opts)
    };
    let mac_only = "int f(void) __attribute__((availability(macos,unavailable)));";
    let ios_only = "int g(void) __attribute__((availability(ios,unavailable), availability(macosx,introduced=10.4)));";
    let errors = |p: &Parsed| p.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>();
    let mac = read("aarch64-apple-darwin", mac_only, false);
    assert_eq!(mac.errors.len(), 1, "{:?}", errors(&mac));
    assert!(errors(&mac)[0].contains("declared unavailable on macos"));
    assert!(
        read("x86_64-apple-darwin", ios_only, false)
            .errors
            .is_empty()
    );
    assert!(
        read("x86_64-unknown-linux-gnu", mac_only, false)
            .errors
            .is_empty()
    );
    let everywhere = "int h(void) __attribute__((unavailable(\"gone\")));";
    assert_eq!(
        read("x86_64-unknown-linux-gnu", everywhere, false)
            .errors
            .len(),
        1
    );
    let lenient = read(
        "aarch64-apple-darwin",
        &format!("{mac_only}\n{ios_only}"),
        true,
    );
    assert!(lenient.module.function("f").is_none());
    assert!(lenient.module.function("g").is_some());
    assert!(
        lenient.module.skipped.iter().any(|s| s.name == "f"),
        "{:?}",
        lenient.module.skipped
    );
}

/// Clang's nullability qualifiers on a pointer typedef, where Apple's headers put them
/// (`os_workgroup_t _Nullable os_workgroup_create(...)`), are read as after a `*`: the
/// function keeps its name (`_Nullable` was taken for it, and the function lost).
#[test]
fn nullability_after_a_typedef_name_is_a_qualifier() {
    let m = ok("typedef struct queue *queue_t;
                queue_t _Nullable make(queue_t _Nonnull q, void *_Nullable ctx);
                extern queue_t _Null_unspecified main_queue;");
    let make = m.function("make").unwrap();
    assert_eq!(make.ty.params.len(), 2);
    assert!(m.vars.iter().any(|v| v.name == "main_queue"));
    assert!(m.function("_Nullable").is_none());
}
