//! Records Rust stores as bytes (bit-fields, unions Rust cannot lay out, per-field
//! alignment), unions and enums, read and written without any C call, so that Miri can
//! check every accessor (`cargo +nightly miri test -p cffi-tests --test records`).

use cffi_core::cdef;

cdef! {
    // Nothing is loaded: only the types are used.
    #[cffi(abi, lib = "m")]
    pub unsafe mod shapes {
        union U { int i; _Bool b; unsigned bits : 3; };
        struct flags { unsigned ready : 1; _Bool done : 1; int level : 5; _Bool plain; enum colour { RED, GREEN = 5 } hue : 4; };
        struct inner_bool { _Bool on; int n; };
        union holds_struct { struct inner_bool s; unsigned char raw[8]; int wide : 20; };
        struct aligned_field { char c; int x __attribute__((aligned(16))); _Bool b; };
        struct ok { int a; double b; };
        struct __attribute__((aligned(8))) al { int a; };
        struct __attribute__((packed)) packs_aligned { char c; struct al x; };
        #pragma pack(2)
        struct packed_two { char c; struct al x; };
        #pragma pack()
        struct bools { _Bool many[4]; int spare : 3; };
        typedef _Bool truth;
        struct via_typedef { truth t; unsigned k : 2; };
        // Alignment set on typedefs, which a Rust type alias cannot carry (a scalar's is
        // in tests/tests/unmodelled.rs: such a typedef is no Rust type, and a module that
        // declares one is refused).
        typedef struct { long long a; int b; } wide_t __attribute__((aligned(16)));
        struct holds_wide { char c; wide_t w; };
        // gcc: 24 bytes aligned to 16, a size Rust cannot give an aligned type (glibc's
        // `__pthread_unwind_buf_t` is such a typedef); the struct holding it is exact.
        typedef struct { char c[24]; } odd_t __attribute__((aligned(16)));
        struct holds_odd { char c; odd_t o; };
        // `<math.h>` names its classes twice: as enumerators and as macros of themselves.
        enum { FP_NAN = 0, FP_INFINITE = 1, FP_ZERO = 2 };
        #define FP_NAN FP_NAN
        #define FP_INFINITE FP_INFINITE
        // Apple's `<time.h>`: its clocks are enumerators of a named enum, and macros naming
        // them, which are what programs pass.
        typedef enum { _CLOCK_REALTIME = 0, _CLOCK_MONOTONIC = 6 } clockid_t;
        #define CLOCK_REALTIME _CLOCK_REALTIME
        #define CLOCK_MONOTONIC _CLOCK_MONOTONIC
        #define CLOCK_SECOND (_CLOCK_MONOTONIC + 1)
    }
}

use shapes::*;

#[test]
fn a_bool_read_from_a_union_is_never_an_invalid_bool() {
    let mut u = U::default();
    u.set_i(2);
    // The byte holds 2: C reads it as true, and so does the getter, without making an
    // invalid `bool`.
    assert!(u.b());
    u.set_i(0x100);
    assert!(!u.b());
    assert_eq!(u.bits(), 0);
    u.set_bits(7);
    assert_eq!(u.i() & 7, 7);
}

#[test]
fn bit_fields_round_trip_and_keep_low_bits() {
    let mut f = flags::default();
    f.set_ready(1);
    f.set_done(true);
    f.set_level(-3);
    f.set_plain(true);
    f.set_hue(GREEN);
    assert_eq!(
        (f.ready(), f.done(), f.level(), f.plain()),
        (1, true, -3, true)
    );
    assert_eq!(f.hue(), GREEN);
    f.set_level(17); // 5 bits, signed: 17 wraps to -15, as C stores it
    assert_eq!(f.level(), -15);
}

#[test]
fn a_struct_holding_a_bool_read_through_a_union_needs_unsafe() {
    let mut h = holds_struct::default();
    h.set_raw([3, 0, 0, 0, 9, 0, 0, 0]);
    // `s` holds a `_Bool` whose byte is 3: only the caller can vouch for such bytes, so
    // the getter is an `unsafe fn`. With a valid byte it reads back what was written.
    h.set_s(inner_bool { on: true, n: 9 });
    // SAFETY: `set_s` wrote a valid `inner_bool`.
    let s = unsafe { h.s() };
    assert!(s.on);
    assert_eq!(s.n, 9);
}

#[test]
fn per_field_alignment_and_packed_records_are_bytes() {
    assert_eq!(std::mem::size_of::<aligned_field>(), 32);
    assert_eq!(std::mem::align_of::<aligned_field>(), 16);
    let mut a = aligned_field::default();
    a.set_x(-9);
    a.set_b(true);
    assert_eq!((a.x(), a.b()), (-9, true));
    // A packed record holding an over-aligned one: valid C that `#[repr(packed)]` cannot
    // express (E0588), stored as bytes.
    let mut p = packs_aligned::default();
    p.set_x(al { a: 4 });
    assert_eq!(p.x().a, 4);
    assert_eq!(std::mem::size_of::<packs_aligned>(), 9);
    assert_eq!(std::mem::align_of::<packs_aligned>(), 1);
    assert_eq!(std::mem::size_of::<packed_two>(), 10);
    assert_eq!(std::mem::align_of::<packed_two>(), 2);
    let _ = ok { a: 1, b: 2.0 };
}

#[test]
fn arrays_of_bool_and_typedefs_of_bool() {
    let mut b = bools::default();
    b.set_many([true, false, true, false]);
    // SAFETY: the bytes were written from valid `bool`s.
    assert_eq!(unsafe { b.many() }, [true, false, true, false]);
    let mut t = via_typedef::default();
    t.set_t(true);
    assert!(t.t());
}

#[test]
fn enums_are_open() {
    let c = colour(42);
    assert_eq!(format!("{c:?}"), "colour(42)");
    assert_eq!(format!("{:?}", RED), "RED");
}

#[test]
fn alignment_set_on_a_typedef_is_kept() {
    // gcc: `wide_t` is 16 bytes aligned to 16; `struct holds_wide` 32, `w` at 16.
    assert_eq!(std::mem::size_of::<wide_t>(), 16);
    assert_eq!(std::mem::align_of::<wide_t>(), 16);
    assert_eq!(std::mem::size_of::<holds_wide>(), 32);
    assert_eq!(std::mem::offset_of!(holds_wide, w), 16);
    // gcc: `struct holds_odd` is 48 bytes, `o` at 16.
    assert_eq!(std::mem::size_of::<odd_t>(), 24);
    assert_eq!(std::mem::size_of::<holds_odd>(), 48);
    assert_eq!(std::mem::align_of::<holds_odd>(), 16);
    let mut h = holds_odd::default();
    let mut o = odd_t::default();
    o.c[23] = 7;
    h.set_o(o);
    assert_eq!(h.o().c[23], 7);
}

#[test]
fn an_enumerator_defined_again_as_a_macro_is_bound_once() {
    assert_eq!((FP_NAN, FP_INFINITE, FP_ZERO), (0, 1, 2));
}

#[test]
fn a_macro_naming_an_enumerator_has_the_enum_s_type() {
    let clocks: [clockid_t; 2] = [CLOCK_REALTIME, CLOCK_MONOTONIC];
    assert_eq!(clocks, [clockid_t::_CLOCK_REALTIME, clockid_t(6)]);
    // An expression of an enumerator is an `int`, as C has it.
    assert_eq!(CLOCK_SECOND, 7_i32);
}
