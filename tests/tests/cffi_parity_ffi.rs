//! Python cffi's tests of the run-time `ffi` object (`ffi.new`, `ffi.cast`, `ffi.string`,
//! `ffi.buffer`, `ffi.from_buffer`, `ffi.gc`, `ffi.callback`, `ffi.errno`, ...), written again
//! for cffi-rs's `cffi_core::ffi`; each test is named after the cffi test it mirrors. Nothing
//! here calls C, so Miri runs these too (`scripts/miri.sh`).

use std::cell::Cell;
use std::ffi::{c_char, c_double, c_int, c_long, c_short, c_void};

use cffi_core::ffi;

#[test]
fn test_new_single_integer() {
    let mut p = ffi::new::<c_int>();
    assert_eq!(*p, 0);
    *p = -42;
    assert_eq!(*p, -42);
    let q = ffi::new_with::<c_short>(-5);
    assert_eq!(*q, -5);
}

#[test]
fn test_new_array_no_arg() {
    let p = ffi::new_array::<c_int>(10);
    assert_eq!(p.len(), 10);
    assert!(p.iter().all(|&x| x == 0));
}

#[test]
fn test_new_array_args() {
    let p = ffi::new_array_from::<c_int>(&[5, 6, 7]);
    assert_eq!(&p[..], [5, 6, 7]);
}

#[test]
fn test_array_indexing() {
    let mut p = ffi::new_array::<c_int>(10);
    p[0] = 42;
    p[9] = 43;
    assert_eq!((p[0], p[1], p[9]), (42, 0, 43));
    // Out of bounds is a panic, never a read past the array.
    assert!(std::panic::catch_unwind(move || p[10]).is_err());
}

#[test]
fn test_pointer_init() {
    let mut n = ffi::new_with::<c_int>(42);
    let p = ffi::new_with::<*mut c_int>(n.as_mut_ptr());
    // SAFETY: `*p` points to `n`, alive here.
    assert_eq!(unsafe { **p }, 42);
}

#[test]
fn test_float() {
    let mut p = ffi::new_array::<c_double>(2);
    p[0] = 1.25;
    p[1] = -2.5;
    assert_eq!(p[0] + p[1], -1.25);
}

#[test]
fn test_char() {
    let p = ffi::new_array_from::<c_char>(&[b'x' as c_char, 0]);
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { ffi::string(p.as_ptr()) }.to_bytes(), b"x");
}

#[test]
fn test_sizeof_type() {
    assert_eq!(ffi::sizeof::<c_char>(), 1);
    assert_eq!(ffi::sizeof::<c_short>(), 2);
    assert_eq!(ffi::sizeof::<c_int>(), 4);
    // LP64 on POSIX systems, LLP64 on Windows.
    let long = if cfg!(windows) {
        4
    } else {
        std::mem::size_of::<usize>()
    };
    assert_eq!(ffi::sizeof::<c_long>(), long);
    assert_eq!(ffi::sizeof::<*mut c_void>(), std::mem::size_of::<usize>());
}

#[test]
fn test_alignof() {
    assert_eq!(ffi::alignof::<c_char>(), 1);
    assert_eq!(ffi::alignof::<c_double>(), std::mem::align_of::<f64>());
}

#[test]
fn test_cast_pointer_and_int() {
    let mut x: c_int = 5;
    let p: *mut c_int = &mut x;
    let address: usize = ffi::cast(p);
    let back: *mut c_int = ffi::cast(address);
    assert_eq!(back, p);
}

#[test]
fn test_cast_between_pointers() {
    let mut xs: [c_short; 2] = [0x0102, 0x0304];
    let p: *mut c_char = ffi::cast(xs.as_mut_ptr());
    // SAFETY: `p` points to the first byte of `xs`.
    assert_eq!(unsafe { *p }, 0x02);
}

#[test]
fn test_string_from_char_pointer() {
    let s = ffi::cstring("hello").unwrap();
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { ffi::string(s.as_ptr()) }.to_bytes(), b"hello");
}

#[test]
fn test_string_from_char_array() {
    let mut p = ffi::new_array_from::<c_char>(&b"hello.\0".map(|b| b as c_char));
    p[5] = b'!' as c_char;
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { ffi::string(p.as_ptr()) }.to_bytes(), b"hello!");
    p[3] = 0;
    // SAFETY: as above.
    assert_eq!(unsafe { ffi::string(p.as_ptr()) }.to_bytes(), b"hel");
    // `ffi.string(p, 2)`: at most two bytes.
    // SAFETY: at least two bytes are readable.
    assert_eq!(unsafe { ffi::string_max(p.as_ptr(), 2) }, b"he");
}

#[test]
fn test_ffi_buffer_ptr() {
    let x: c_int = 0x01020304;
    // SAFETY: four readable bytes.
    let b = unsafe { ffi::buffer((&raw const x).cast(), 4) };
    assert_eq!(b, 0x01020304i32.to_ne_bytes());
}

#[test]
fn test_unpack() {
    let xs = [1 as c_int, 2, 3, 4];
    // SAFETY: four readable elements.
    assert_eq!(unsafe { ffi::unpack(xs.as_ptr(), 3) }, [1, 2, 3]);
}

#[test]
fn test_ffi_from_buffer() {
    let mut v = vec![1.0f64, 2.0, 3.0];
    {
        let b = ffi::from_buffer_mut(&mut v);
        assert_eq!(b.len(), 3);
        // SAFETY: the buffer holds three doubles.
        unsafe { *b.as_ptr().cast_mut().add(1) = 20.0 };
    }
    assert_eq!(v, [1.0, 20.0, 3.0]);
}

#[test]
fn test_memmove() {
    // `ffi.memmove(dest, src, n)` is `copy_within` on a slice, or `ptr::copy` on pointers.
    let mut p = ffi::new_array_from::<c_short>(&[-1234, -2345, -3456, -4567, -5678]);
    p.copy_within(0..3, 2);
    assert_eq!(&p[..], [-1234, -2345, -1234, -2345, -3456]);
}

#[test]
fn test_gc() {
    let freed = Cell::new(0);
    {
        let _p = ffi::gc(7, |v| freed.set(v));
        assert_eq!(freed.get(), 0);
    }
    assert_eq!(freed.get(), 7);
}

#[test]
fn test_gc_disable() {
    // `ffi.gc(p, None)`: the value back, without its destructor.
    let freed = Cell::new(false);
    let g = ffi::gc(5, |_| freed.set(true));
    assert_eq!(g.release(), 5);
    assert!(!freed.get());
}

#[test]
fn test_callback_decorator() {
    let f = ffi::callback(|a: c_int, b: c_int| a * 10 + b);
    // SAFETY: a valid function of this type.
    assert_eq!(unsafe { f(4, 2) }, 42);
}

#[test]
fn test_callback_with_user_data() {
    let mut total = 0;
    use ffi::IntoCPtr;
    let mut add = |x: c_int| total += x;
    let closure = ffi::Closure::data_first(&mut add);
    let (f, data): (unsafe extern "C" fn(*mut c_void, c_int), *mut c_void) =
        (closure.fn_ptr(), (&closure).into_c_ptr());
    // SAFETY: C would call `f` with `data` while `closure` lives.
    unsafe {
        f(data, 40);
        f(data, 2);
    }
    drop(closure);
    assert_eq!(total, 42);
}

#[test]
fn test_errno() {
    ffi::set_errno(77);
    assert_eq!(ffi::errno(), 77);
    ffi::set_errno(0);
    assert_eq!(ffi::errno(), 0);
}

#[test]
fn test_null() {
    use ffi::IntoCPtr;
    let p: *mut c_int = ffi::null().into_c_ptr();
    assert!(p.is_null());
}
