//! API mode: C compiled with the crate by `cffi_build::compile()` and linked, checked by the
//! C compiler against the declarations.

use std::ffi::c_int;

use cffi_core::cdef;

cdef! {
    /// Story 3: the lesson's `add`, from C compiled as part of the crate.
    #[cffi(api, source = "c/add.c")]
    pub unsafe mod api_add {
        #[cffi(slice(a, n), slice(b, n))]
        void add(double *a, const double *b, int n);
    }
}

cdef! {
    #[cffi(api, include = "c/evolve.h", source = "c/evolve.c")]
    pub mod heat {
        void evolve(double *u, double *u_previous, int nx, int ny,
                    double a, double dt, double dx2, double dy2);
    }
}

cdef! {
    /// The same C with lengths the bindings check: safe calls.
    #[cffi(api, include = "c/evolve.h", source = "c/evolve.c")]
    pub unsafe mod heat_checked {
        #[cffi(slice(u, nx * ny), slice(u_previous, (nx) * ny))]
        void evolve(double *u, double *u_previous, int nx, int ny,
                    double a, double dt, double dx2, double dy2);
    }
}

#[cfg(unix)]
cdef! {
    /// zlib through its own header, linked with `-lz`.
    #[cffi(api, include = "<zlib.h>", link = "z")]
    pub unsafe mod zlib {
        #define Z_OK 0
        #define Z_BEST_COMPRESSION 9
        typedef unsigned char Bytef;
        typedef unsigned int uInt;
        typedef unsigned long uLong;
        typedef unsigned long uLongf;
        const char *zlibVersion(void);
        uLong crc32(uLong crc, const Bytef *buf, uInt len);
        uLong compressBound(uLong sourceLen);
        int compress2(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen, int level);
        int uncompress(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen);
    }
}

#[test]
fn add_from_compiled_source() {
    let lib = api_add::Lib::load().unwrap();
    let mut a: Vec<f64> = (0..2_000_000).map(|i| i as f64 * 0.1).collect();
    let b = vec![1.0; a.len()];
    lib.add(&mut a, &b);
    assert_eq!(a[0], 1.0);
    assert_eq!(a[1_999_999], 1_999_999.0 * 0.1 + 1.0);
}

#[test]
fn slice_lengths_given_by_expressions_are_checked() {
    let lib = heat_checked::Lib::load().unwrap();
    let mut prev = vec![0.0; 12];
    prev[5] = 1.0;
    let mut u = prev.clone();
    lib.evolve(&mut u, &mut prev, 3, 4, 0.5, 0.1, 1.0, 1.0);
    assert_eq!(u[5], 1.0 - 0.5 * 0.1 * 4.0);
    let short = std::panic::catch_unwind(move || {
        let (mut u, mut prev) = (vec![0.0; 11], vec![0.0; 12]);
        lib.evolve(&mut u, &mut prev, 3, 4, 0.5, 0.1, 1.0, 1.0);
    });
    let message = *short.unwrap_err().downcast::<String>().unwrap();
    assert_eq!(message, "`u` has 11 elements, but `nx * ny` is 12");
    for (nx, ny) in [(-3, -4), (-1, 12), (c_int::MAX, c_int::MAX)] {
        let refused = std::panic::catch_unwind(move || {
            let (mut u, mut prev) = (vec![0.0; 12], vec![0.0; 12]);
            heat_checked::Lib::load()
                .unwrap()
                .evolve(&mut u, &mut prev, nx, ny, 0.5, 0.1, 1.0, 1.0);
        });
        assert!(refused.is_err(), "{nx} x {ny} accepted");
    }
}

#[test]
fn heat_step_from_a_c_and_h_pair() {
    let lib = heat::Lib::load().unwrap();
    let (nx, ny) = (5, 5);
    let mut prev = vec![0.0; nx * ny];
    prev[2 * ny + 2] = 1.0;
    let mut u = prev.clone();
    // SAFETY: both grids hold nx * ny doubles.
    unsafe {
        lib.evolve(
            &mut u,
            &mut prev,
            nx as c_int,
            ny as c_int,
            0.5,
            0.1,
            1.0,
            1.0,
        )
    };
    assert_eq!(u[2 * ny + 2], 1.0 - 0.5 * 0.1 * 4.0);
    assert_eq!(u[2 * ny + 1], 0.5 * 0.1);
    assert_eq!(u[0], 0.0);
}

#[cfg(unix)]
#[test]
fn zlib_through_its_header() {
    use cffi_core::ffi;
    use std::ffi::{CStr, c_ulong};
    let z = zlib::Lib::load().unwrap();
    // SAFETY: a static string owned by zlib.
    let version: &CStr = unsafe { ffi::string_in(&z, z.zlibVersion()) };
    assert!(version.to_str().unwrap().starts_with("1."));
    let input: Vec<u8> = (0..1 << 20)
        .map(|i| (i % 251) as u8 ^ (i >> 12) as u8)
        .collect();
    let mut packed = vec![0u8; z.compressBound(input.len() as c_ulong) as usize];
    let mut packed_len = packed.len() as c_ulong;
    // SAFETY: buffer sizes as passed.
    let rc = unsafe {
        z.compress2(
            &mut packed[..],
            &mut packed_len,
            &input[..],
            input.len() as c_ulong,
            zlib::Z_BEST_COMPRESSION,
        )
    };
    assert_eq!(rc, zlib::Z_OK);
    let mut output = vec![0u8; input.len()];
    let mut output_len = output.len() as c_ulong;
    // SAFETY: as above.
    let rc = unsafe {
        z.uncompress(
            &mut output[..],
            &mut output_len,
            &packed[..packed_len as usize],
            packed_len,
        )
    };
    assert_eq!(rc, zlib::Z_OK);
    assert!(output == input);
    // SAFETY: the pointer and length describe `input`.
    let crc = unsafe { z.crc32(0, input.as_ptr(), input.len() as u32) };
    assert_ne!(crc, 0);
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod abi_fixture {
        int add1(int x);
        struct point { int x; int y; };
        struct point make_point(int x, int y);
        void point_scale(struct point *p, int k);
        enum color { RED, GREEN = 5, BLUE };
        enum color next_color(enum color c);
        extern int counter;
        void bump(void);
        int sum_ints(int n, ...);
        struct flags { unsigned a : 3; unsigned b : 5; int c : 7; };
        struct flags make_flags(unsigned a, unsigned b, int c);
        #[cffi(slice(xs, n))]
        double dsum(const double *xs, int n);
        #[cffi(one(a, b))]
        void fibo(int *a, int *b);
    }
}

cdef! {
    // The same declarations; only the mode argument differs.
    #[cffi(api, source = "c/fixture.c")]
    pub unsafe mod api_fixture {
        int add1(int x);
        struct point { int x; int y; };
        struct point make_point(int x, int y);
        void point_scale(struct point *p, int k);
        enum color { RED, GREEN = 5, BLUE };
        enum color next_color(enum color c);
        extern int counter;
        void bump(void);
        int sum_ints(int n, ...);
        struct flags { unsigned a : 3; unsigned b : 5; int c : 7; };
        struct flags make_flags(unsigned a, unsigned b, int c);
        #[cffi(slice(xs, n))]
        double dsum(const double *xs, int n);
        #[cffi(one(a, b))]
        void fibo(int *a, int *b);
    }
}

/// One test body, run against the same declarations bound in ABI mode (the fixture as a
/// shared library, opened at run time) and in API mode (the fixture's source compiled with
/// the crate): the Rust surface is the same.
macro_rules! same_surface {
    ($($test:ident: $fixture:ident;)*) => {$(
        #[test]
        fn $test() {
            use $fixture as fixture;
            let f = fixture::Lib::load().unwrap();
            assert_eq!(f.add1(41), 42);
            let mut p = f.make_point(3, 4);
            // SAFETY: `p` is a valid point.
            unsafe { f.point_scale(&mut p, 2) };
            assert_eq!((p.x, p.y), (6, 8));
            assert_eq!(f.next_color(fixture::GREEN), fixture::BLUE);
            // SAFETY: no other test uses this module's `counter`.
            unsafe {
                f.set_counter(1);
                f.bump();
                assert_eq!(f.counter(), 2);
                assert_eq!((*f.sum_ints())(3, 1 as c_int, 2 as c_int, 3 as c_int), 6);
            }
            let flags = f.make_flags(5, 17, -3);
            assert_eq!((flags.a(), flags.b(), flags.c()), (5, 17, -3));
            assert_eq!(f.dsum(&[0.5, 1.5, 2.0]), 4.0);
            let (mut a, mut b) = (0, 1);
            for _ in 0..10 {
                f.fibo(&mut a, &mut b);
            }
            assert_eq!(b, 89);
        }
    )*};
}

same_surface! {
    same_surface_in_abi_mode: abi_fixture;
    same_surface_in_api_mode: api_fixture;
}

cdef! {
    /// What only the C compiler knows, declared with `...`.
    #[cffi(api, include = "c/partial.h", source = "c/partial.c")]
    pub unsafe mod partial {
        enum mode { MODE_READ, MODE_WRITE, ... };
        #define BUFFER_SIZE ...
        #define OFFSET ...
        typedef int... counter_t;
        struct record { double value; int id; ...; };
        extern int fib_table[...];
        double record_value(const struct record *r);
        int twice(int x);
        int SQUARE(int x);
        struct mixed { long a; double b; ...; };
        struct mixed mixed_make(long a, double b);
        double mixed_sum(struct mixed m);
        union holder { struct record r; char tag; };
        struct flagged { int count; _Bool on; ...; };
        struct flagged current_flags;
    }
}

#[cfg(unix)]
cdef! {
    #[cffi(api, include = "<time.h>")]
    pub mod ctime {
        typedef long... time_t;
        struct tm { int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; ...; };
        struct tm *gmtime_r(const time_t *timep, struct tm *result);
    }
}

#[test]
fn partial_declarations_take_the_compilers_numbers() {
    assert_eq!(partial::MODE_READ.0, 4);
    assert_eq!(partial::MODE_WRITE.0, 8);
    assert_eq!(partial::BUFFER_SIZE, 512);
    assert_eq!(partial::OFFSET, -12);
    assert_eq!(std::mem::size_of::<partial::counter_t>(), 2);
    assert_eq!(partial::counter_t::MAX, u16::MAX);
    // struct record { int id; char label[13]; double value; long long stamp; }
    assert_eq!(std::mem::size_of::<partial::record>(), 40);
    assert_eq!(std::mem::align_of::<partial::record>(), 8);
    let mut r = partial::record::default();
    r.set_id(3);
    r.set_value(1.5);
    let lib = partial::Lib::load().unwrap();
    // SAFETY: `r` is a valid record.
    assert_eq!(unsafe { lib.record_value(&r) }, 4.5);
    // A `static inline` function and a function-like macro, through their C wrappers.
    assert_eq!(lib.twice(21), 42);
    assert_eq!(lib.SQUARE(-7), 49);
    // SAFETY: no other thread writes `fib_table`.
    assert_eq!(unsafe { lib.fib_table() }, [1, 1, 2, 3, 5, 8, 13]);
}

#[test]
fn partial_structs_by_value_cross_through_the_c_wrapper() {
    let lib = partial::Lib::load().unwrap();
    // SAFETY: records by value carry no pointers.
    let m = unsafe { lib.mixed_make(99, 0.5) };
    assert_eq!((m.a(), m.b()), (99, 0.5));
    // SAFETY: as above.
    assert_eq!(unsafe { lib.mixed_sum(m) }, 99.5);
    let mut other = partial::mixed::default();
    other.set_a(-4);
    other.set_b(0.25);
    // SAFETY: as above.
    assert_eq!(unsafe { lib.mixed_sum(other) }, -3.75);
}

#[test]
fn a_record_holding_a_partial_one_is_measured_by_the_compiler() {
    // union holder { struct record r; char tag; }: struct record is 40 bytes in C.
    assert_eq!(std::mem::size_of::<partial::holder>(), 40);
    assert_eq!(std::mem::align_of::<partial::holder>(), 8);
    let mut h = partial::holder::default();
    let mut r = partial::record::default();
    r.set_id(9);
    h.set_r(r);
    assert_eq!(h.r().id(), 9);
}

#[test]
fn a_bool_read_from_bytes_is_never_an_invalid_bool() {
    let lib = partial::Lib::load().unwrap();
    // SAFETY: no other thread writes the global.
    let mut f = unsafe { lib.current_flags() };
    assert_eq!((f.count(), f.on()), (7, true));
    // Whatever byte C leaves in a `_Bool`, Rust reads C's truth value.
    f.set_count(2);
    f.set_on(false);
    assert!(!f.on());
}

#[cfg(unix)]
#[test]
fn a_partial_struct_from_a_system_header() {
    let lib = ctime::Lib::load().unwrap();
    let t: ctime::time_t = 1_700_000_000;
    let mut tm = ctime::tm::default();
    // SAFETY: both pointers are valid for the call.
    let back = unsafe { lib.gmtime_r(&t, &mut tm) };
    assert!(!back.is_null());
    assert_eq!(
        (
            tm.tm_year(),
            tm.tm_mon(),
            tm.tm_mday(),
            tm.tm_hour(),
            tm.tm_min(),
            tm.tm_sec()
        ),
        (123, 10, 14, 22, 13, 20)
    );
}

cdef! {
    /// Partial records the compiler lays out, one packed around an over-aligned one.
    #[cffi(api, include = "c/overaligned.h")]
    pub unsafe mod overaligned {
        struct inner { int x; ...; };
        struct outer { struct inner i; long long n; ...; };
        long long outer_n(const struct outer *o);
    }
}

/// A measured record whose field's type is aligned more than the record itself is bytes of
/// the compiler's size and alignment, not a Rust struct aligned (and sized) by that field.
#[test]
fn a_packed_partial_record_holding_an_over_aligned_one_has_the_compilers_size() {
    assert_eq!(std::mem::size_of::<overaligned::outer>(), 72);
    assert_eq!(std::mem::align_of::<overaligned::outer>(), 4);
    let mut o = overaligned::outer::default();
    o.set_n(-5);
    let lib = overaligned::Lib::load().unwrap();
    // SAFETY: `o` is a live `struct outer` of the compiler's size.
    assert_eq!(unsafe { lib.outer_n(&o) }, -5);
}
