//! Every C name has a distinct Rust name: a tag that a typedef of another type also spells
//! is `struct_<tag>`, `union_<tag>` or `enum_<tag>`, the typedef keeping the plain name, in
//! hand-written modules and imports, in both modes.

use cffi_core::cdef;

cdef! {
    #[cffi(api, import = "c/tags.h", source = "c/tags.c")]
    pub unsafe mod api {}
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_TAGS_LIB"), import = "c/tags.h")]
    pub unsafe mod abi {}
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_TAGS_LIB"))]
    pub unsafe mod written {
        typedef enum foo { FOO_A, FOO_B } foo_t;
        typedef foo_t foo;
        struct rp__list { int n; struct rp__list *next; };
        struct rpcblist { long a; };
        typedef struct rp__list rpcblist;
        typedef struct same { int x; } same;
        int tags_sum(foo f, const rpcblist *r, const struct rpcblist *s, same q);
    }
}

macro_rules! sum_of {
    ($m:ident) => {{
        let lib = $m::Lib::load().unwrap();
        // `foo` is the typedef, `enum_foo` the enum it names through `foo_t`.
        let f: $m::foo = $m::FOO_B;
        let e: $m::enum_foo = f;
        let r = $m::rpcblist {
            n: 10,
            next: std::ptr::null_mut(),
        };
        let s = $m::struct_rpcblist { a: 100 };
        let q = $m::same { x: 1000 };
        // SAFETY: both pointers are to live records of the declared types.
        unsafe { lib.tags_sum(e, &r, &s, q) }
    }};
}

#[test]
fn tags_and_typedefs_of_one_spelling_are_distinct_rust_types() {
    assert_eq!(sum_of!(api), 1111);
    assert_eq!(sum_of!(abi), 1111);
    assert_eq!(sum_of!(written), 1111);
}

#[test]
fn a_typedef_name_the_header_also_defines_as_a_macro_is_the_typedef() {
    // `flag_t` is `unsigned char`, whatever `#define flag_t bool` makes of it afterwards.
    let f = api::flagged { on: 200, n: 5 };
    let lib = api::Lib::load().unwrap();
    // SAFETY: `f` is a live `struct flagged`.
    assert_eq!(unsafe { lib.tags_flagged(&f) }, 205);
    let _: api::flag_t = 200u8;
}

#[test]
fn a_tag_and_a_global_the_header_also_defines_as_macros_are_the_declared_ones() {
    // `struct tag_err` is the record, whatever `#define tag_err (*(tag_err_location()))`
    // makes of the name afterwards; `tags_counter` is the global the header declares, in both
    // modes, not what the macro reads.
    macro_rules! check {
        ($m:ident) => {{
            let lib = $m::Lib::load().unwrap();
            let e = $m::tag_err { code: 9 };
            // SAFETY: `e` is a live `struct tag_err`; `tags_counter` is an `int` only this
            // test reads.
            unsafe {
                assert_eq!(lib.tags_code(&e), 9);
                assert_eq!(lib.tags_counter(), 40);
            }
        }};
    }
    check!(api);
    check!(abi);
}
