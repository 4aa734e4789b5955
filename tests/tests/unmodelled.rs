//! What the front end does not model never disappears: a header's `_Atomic` member leaves
//! its record to the C compiler (API mode measures it; ABI mode lists it as left out), and a
//! GNU vector type has the C compiler's size and alignment, and is never passed by value; a
//! typedef whose alignment Rust cannot carry is held as bytes in records and is its type
//! behind pointers.

use cffi_core::cdef;

cdef! {
    #[cffi(api, import = "c/unmodelled.h", source = "c/unmodelled.c")]
    pub unsafe mod api {}
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_UNMODELLED_LIB"), import = "c/unmodelled.h")]
    pub unsafe mod abi {}
}

#[test]
fn an_atomic_member_leaves_the_record_to_the_c_compiler() {
    // API mode: the compiler's size, and `y` where the compiler put it.
    assert_eq!(std::mem::size_of::<api::counted>(), 264);
    let lib = api::Lib::load().unwrap();
    let mut c = api::counted::default();
    c.set_y(77);
    // SAFETY: `c` is a live struct counted of the compiler's size.
    assert_eq!(unsafe { lib.counted_y(&c) }, 77);
    // ABI mode cannot lay it out: left out, with the reason (cffi-codegen's import test
    // reads the list); only its pointer is bound.
    let abi_lib = abi::Lib::load().unwrap();
    // SAFETY: `c`'s first bytes are the compiler's struct counted, as API mode laid it out.
    let y = unsafe { abi_lib.counted_y(std::ptr::from_ref(&c).cast()) };
    assert_eq!(y, 77);
}

#[test]
fn vectors_have_the_c_compiler_s_layout_and_are_not_passed_by_value() {
    assert_eq!(std::mem::size_of::<api::vectors>(), 144);
    assert_eq!(std::mem::align_of::<api::vectors>(), 16);
    assert_eq!(std::mem::size_of::<abi::vectors>(), 144);
    let (api_lib, abi_lib) = (api::Lib::load().unwrap(), abi::Lib::load().unwrap());
    let mut v = api::vectors::default();
    let mut w = abi::vectors::default();
    // SAFETY: each points to a live struct vectors.
    unsafe {
        api_lib.vectors_fill(&mut v, 5);
        abi_lib.vectors_fill(&mut w, 6);
        assert_eq!(api_lib.vectors_n(&v), 5);
        assert_eq!(abi_lib.vectors_n(&w), 6);
    }
    assert_eq!((v.n(), w.n()), (5, 6));
}

#[test]
fn a_typedef_s_alignment_is_kept_in_records_and_pointers() {
    // gcc: 16 8 8 (size, alignment, offset of `x`).
    assert_eq!(std::mem::size_of::<abi::holds_aligned>(), 16);
    assert_eq!(std::mem::align_of::<abi::holds_aligned>(), 8);
    assert_eq!(std::mem::size_of::<api::holds_aligned>(), 16);
    let mut h = api::holds_aligned::default();
    h.set_x(-5);
    assert_eq!(h.x(), -5);
    // Behind a pointer it is an `int`; by value (`aint_make`) it is left out.
    let lib = api::Lib::load().unwrap();
    let x: i32 = 12;
    // SAFETY: `x` is a live int; C reads it (an `aint` is an `int` aligned to 8, and C's
    // `*p` reads 4 bytes).
    assert_eq!(unsafe { lib.aint_get(&x) }, 12);
}

#[test]
fn a_header_with_vector_intrinsics_long_double_and_empty_macros_imports() {
    // `with_m128` holds a 16-byte vector: 32 bytes, as gcc lays it out.
    #[cfg(target_arch = "x86_64")]
    {
        assert_eq!(std::mem::size_of::<api::with_m128>(), 32);
        assert_eq!(std::mem::size_of::<abi::with_m128>(), 32);
    }
    // `LD_PI` is left out in both modes (API mode checks nothing of it); `VERSION` is the
    // string, its empty macro expanded to nothing.
    assert_eq!(api::VERSION, c"3.87.1");
    assert_eq!(abi::VERSION, c"3.87.1");
}
