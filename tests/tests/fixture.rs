//! Own C, built into a shared library by the build script: every kind of declaration, called
//! for real.

use cffi_core::cdef;
use std::ffi::{CStr, c_int};

cdef! {
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod fixture {
        int add1(int x);

        int8_t id_i8(int8_t x);
        uint8_t id_u8(uint8_t x);
        int16_t id_i16(int16_t x);
        uint16_t id_u16(uint16_t x);
        int32_t id_i32(int32_t x);
        uint32_t id_u32(uint32_t x);
        int64_t id_i64(int64_t x);
        uint64_t id_u64(uint64_t x);
        long id_long(long x);
        unsigned long long id_ull(unsigned long long x);
        size_t id_size(size_t x);
        _Bool negate(_Bool b);
        float half(float x);

        struct point { int x; int y; };
        struct point make_point(int x, int y);
        int point_sum(struct point p);
        void point_scale(struct point *p, int k);

        struct mixed { char c; double d; short s; };
        struct mixed make_mixed(char c, double d, short s);

        union value { int i; double d; unsigned char bytes[8]; };
        double value_as_double(union value v);
        union value value_from_int(int i);

        enum color { RED, GREEN = 5, BLUE };
        enum color next_color(enum color c);
        enum color out_of_range_color(void);

        extern int counter;
        extern const char *greeting;
        extern double table[4];
        void bump(void);

        int sum_ints(int n, ...);
        double sum_doubles(int n, ...);

        struct buffer { int len; unsigned char data[16]; int tail[2]; };
        int buffer_sum(const struct buffer *b);

        struct flags { unsigned a : 3; unsigned b : 5; int c : 7; };
        struct flags make_flags(unsigned a, unsigned b, int c);
        int flags_sum(struct flags f);

        int apply(int (*f)(int), int x);
        size_t c_strlen(const char *s);

        #[cffi(optional)]
        int not_in_the_library(int x);

        // `void` functions whose results are out-parameters.
        #[cffi(out(whole), out(frac))]
        void split(double x, int *whole, double *frac);
        #[cffi(out(out))]
        void answer(int *out);
        #[cffi(optional, out(out))]
        void not_in_the_library_either(int *out);

        // 24 parameters: the most whose call's function type is inferred; and 27.
        #[cffi(out(count))]
        double weigh23(int a0, double a1, short a2, float a3, long long a4, unsigned char a5, int a6, double a7, short a8, float a9, long long a10, unsigned char a11, int a12, double a13, short a14, float a15, long long a16, unsigned char a17, int a18, double a19, short a20, float a21, long long a22, int *count);
        #[cffi(out(count))]
        double weigh26(int a0, double a1, short a2, float a3, long long a4, unsigned char a5, int a6, double a7, short a8, float a9, long long a10, unsigned char a11, int a12, double a13, short a14, float a15, long long a16, unsigned char a17, int a18, double a19, short a20, float a21, long long a22, unsigned char a23, int a24, double a25, int *count);
    }
}

fn lib() -> fixture::Lib {
    fixture::Lib::load().unwrap()
}

#[test]
fn every_integer_width_at_its_limits() {
    let f = lib();
    assert_eq!(f.add1(41), 42);
    for v in [i8::MIN, -1, 0, i8::MAX] {
        assert_eq!(f.id_i8(v), v);
    }
    for v in [0, u8::MAX] {
        assert_eq!(f.id_u8(v), v);
    }
    for v in [i16::MIN, i16::MAX] {
        assert_eq!(f.id_i16(v), v);
    }
    for v in [0, u16::MAX] {
        assert_eq!(f.id_u16(v), v);
    }
    for v in [i32::MIN, i32::MAX] {
        assert_eq!(f.id_i32(v), v);
    }
    for v in [0, u32::MAX] {
        assert_eq!(f.id_u32(v), v);
    }
    for v in [i64::MIN, i64::MAX] {
        assert_eq!(f.id_i64(v), v);
        assert_eq!(f.id_long(v as _), v as _);
    }
    for v in [0, u64::MAX] {
        assert_eq!(f.id_u64(v), v);
        assert_eq!(f.id_ull(v), v);
    }
    assert_eq!(f.id_size(usize::MAX), usize::MAX);
    assert!(f.negate(false));
    assert!(!f.negate(true));
    assert_eq!(f.half(3.0), 1.5);
}

#[test]
fn structs_by_value_and_by_pointer() {
    let f = lib();
    let p = f.make_point(3, 4);
    assert_eq!((p.x, p.y), (3, 4));
    assert_eq!(f.point_sum(p), 7);
    let mut q = fixture::point { x: 2, y: -5 };
    // SAFETY: `q` is a valid point.
    unsafe { f.point_scale(&mut q, 3) };
    assert_eq!((q.x, q.y), (6, -15));
    let m = f.make_mixed(b'z' as _, 2.25, -7);
    assert_eq!((m.c as u8, m.d, m.s), (b'z', 2.25, -7));
    assert_eq!(std::mem::size_of::<fixture::mixed>(), 24);
}

#[test]
fn unions() {
    let f = lib();
    let v = fixture::value { d: 6.5 };
    assert_eq!(f.value_as_double(v), 6.5);
    let v = f.value_from_int(0x0102_0304);
    // SAFETY: the C side set `i`; any bytes are a valid `int` and `unsigned char`.
    assert_eq!(unsafe { v.i }, 0x0102_0304);
    assert_eq!(unsafe { v.bytes[0] }, 4);
}

#[test]
fn enums_are_open_newtypes() {
    let f = lib();
    assert_eq!(f.next_color(fixture::RED), fixture::GREEN);
    assert_eq!(f.next_color(fixture::color::GREEN), fixture::BLUE);
    assert_eq!(fixture::BLUE.0, 6);
    let odd = f.out_of_range_color();
    assert_eq!(odd, fixture::color(42));
    assert_eq!(format!("{odd:?} {:?}", fixture::GREEN), "color(42) GREEN");
}

#[test]
fn globals_read_write_and_address() {
    let f = lib();
    // SAFETY: no other thread touches `counter` in this test binary.
    unsafe {
        let before = f.counter();
        f.bump();
        assert_eq!(f.counter(), before + 1);
        f.set_counter(100);
        f.bump();
        assert_eq!(*f.counter_ptr(), 101);
        assert_eq!(CStr::from_ptr(f.greeting()).to_str(), Ok("hello"));
        assert_eq!(f.table(), [1.5, 2.5, 3.5, 4.5]);
        (*f.table_ptr())[2] = 9.0;
        assert_eq!(f.table()[2], 9.0);
    }
}

#[test]
fn variadic_functions() {
    let f = lib();
    // SAFETY: the arguments have the promoted types the C function reads.
    unsafe {
        assert_eq!(
            (*f.sum_ints())(4, 1 as c_int, 2 as c_int, 3 as c_int, 4 as c_int),
            10
        );
        assert_eq!((*f.sum_doubles())(3, 0.5f64, 0.25f64, 2.0f64), 2.75);
    }
}

#[test]
fn arrays_in_structs() {
    let f = lib();
    let mut b = fixture::buffer {
        len: 4,
        ..Default::default()
    };
    b.data[..4].copy_from_slice(&[1, 2, 3, 4]);
    b.tail = [100, 1000];
    // SAFETY: `b` is a valid buffer.
    assert_eq!(unsafe { f.buffer_sum(&b) }, 1110);
}

#[test]
fn bit_fields_through_accessors() {
    let f = lib();
    let flags = f.make_flags(5, 17, -3);
    assert_eq!((flags.a(), flags.b(), flags.c()), (5, 17, -3));
    let mut g = fixture::flags::default();
    g.set_a(7);
    g.set_b(31);
    g.set_c(-64);
    assert_eq!(f.flags_sum(g), 7 + 31 - 64);
    g.set_a(9); // 9 does not fit in 3 bits: C keeps the low bits, 1
    assert_eq!(g.a(), 1);
}

extern "C" fn triple(x: c_int) -> c_int {
    x * 3
}

#[test]
fn function_pointers_and_strings() {
    let f = lib();
    // SAFETY: `triple` has the declared signature.
    assert_eq!(unsafe { f.apply(Some(triple), 14) }, 42);
    // SAFETY: a NUL-terminated string.
    assert_eq!(unsafe { f.c_strlen(c"héllo".as_ptr()) }, 6);
}

#[test]
fn optional_symbols_are_options() {
    let f = lib();
    assert_eq!(f.not_in_the_library(1), None);
}

#[test]
fn calls_from_eight_threads_on_one_owner() {
    let f = lib();
    std::thread::scope(|s| {
        for t in 0..8 {
            let f = &f;
            s.spawn(move || {
                for i in 0..10_000 {
                    assert_eq!(f.add1(t * 10_000 + i), t * 10_000 + i + 1);
                    assert_eq!(f.id_u64(i as u64), i as u64);
                }
            });
        }
    });
    fn send_sync<T: Send + Sync>(_: &T) {}
    send_sync(&f);
}

#[test]
fn functions_of_many_parameters_pass_each_in_its_place() {
    // Each argument is its position (from 1), weighted by its position: the sum of squares.
    let f = lib();
    assert_eq!(
        f.weigh23(
            1, 2.0, 3, 4.0, 5, 6, 7, 8.0, 9, 10.0, 11, 12, 13, 14.0, 15, 16.0, 17, 18, 19, 20.0,
            21, 22.0, 23
        ),
        (4324.0, 23)
    );
    assert_eq!(
        f.weigh26(
            1, 2.0, 3, 4.0, 5, 6, 7, 8.0, 9, 10.0, 11, 12, 13, 14.0, 15, 16.0, 17, 18, 19, 20.0,
            21, 22.0, 23, 24, 25, 26.0
        ),
        (6201.0, 26)
    );
}

#[test]
fn void_functions_return_their_out_parameters() {
    let f = lib();
    assert_eq!(f.split(3.25), (3, 0.25));
    assert_eq!(f.answer(), 42);
    assert_eq!(f.not_in_the_library_either(), None);
}
