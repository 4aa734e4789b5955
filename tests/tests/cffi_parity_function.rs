//! Python cffi's `test_function.py` (ABI mode: functions of libc and libm opened at run
//! time), written again for cffi-rs; each test is named after the cffi test it mirrors.

use std::ffi::{c_char, c_int, c_long, c_void};

use cffi_core::{cdef, ffi};

// 32-bit Windows exports no `float` maths (`sinf`): its headers define them inline.
#[cfg(not(all(windows, target_arch = "x86")))]
cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        double sin(double x);
        float sinf(float x);
        typedef double func_t(double);
        func_t cos;
    }
}

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod c {
        typedef struct _IO_FILE FILE;
        FILE *fopen(const char *path, const char *mode);
        int fclose(FILE *f);
        int fputs(const char *s, FILE *f);
        size_t strlen(const char *s);
        char *strchr(const char *s, int c);
        long strtol(const char *s, char **end, int base);
        typedef struct { int quot; int rem; } div_t;
        div_t div(int num, int den);
        void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
        #define FOO 42
        enum { BAR = 7 };
    }
}

#[cfg(unix)]
cdef! {
    /// What only a POSIX C library has.
    #[cffi(abi, lib = "c")]
    pub unsafe mod posix {
        int snprintf(char *buf, size_t n, const char *fmt, ...);
        struct in_addr { uint32_t s_addr; };
        char *inet_ntoa(struct in_addr in);
        extern int opterr;
    }
}

#[cfg(windows)]
cdef! {
    /// The C runtime of MinGW's programs, `msvcrt.dll`, has `snprintf` as `_snprintf`.
    #[cffi(abi, lib = "c")]
    pub unsafe mod posix {
        int snprintf(char *buf, size_t n, const char *fmt, ...) __asm__("_snprintf");
    }
}

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod missing {
        int cffi_rs_no_such_function(int);
    }
}

#[cfg(not(all(windows, target_arch = "x86")))]
#[test]
fn test_sin() {
    let lib = m::Lib::load().unwrap();
    assert_eq!(lib.sin(1.23), 1.23f64.sin());
}

#[cfg(not(all(windows, target_arch = "x86")))]
#[test]
fn test_sinf() {
    let lib = m::Lib::load().unwrap();
    assert_eq!(lib.sinf(1.23), 1.23f32.sin());
}

#[cfg(not(all(windows, target_arch = "x86")))]
#[test]
fn test_function_typedef() {
    let lib = m::Lib::load().unwrap();
    assert_eq!(lib.cos(1.23), 1.23f64.cos());
}

#[test]
fn test_fputs() {
    let lib = c::Lib::load().unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("parity_fputs.txt");
    let name = ffi::cstring(path.to_str().unwrap()).unwrap();
    // Binary mode: Windows' C runtime would write "\r\n" in text mode.
    let (mode, text) = (
        ffi::cstring("wb").unwrap(),
        ffi::cstring("hello\n").unwrap(),
    );
    // SAFETY: valid NUL-terminated strings; the stream is closed once.
    unsafe {
        let f = lib.fopen(name.as_ptr(), mode.as_ptr());
        assert!(!f.is_null());
        assert!(lib.fputs(text.as_ptr(), f) >= 0);
        assert_eq!(lib.fclose(f), 0);
    }
    assert_eq!(std::fs::read_to_string(path).unwrap(), "hello\n");
}

/// A variadic call: on Windows the `double` travels in both an integer and a vector register.
#[test]
fn test_vararg() {
    let lib = posix::Lib::load().unwrap();
    let mut buf = [0 as c_char; 64];
    let fmt = ffi::cstring("hello, %d %s %.1f").unwrap();
    let world = ffi::cstring("world").unwrap();
    // SAFETY: the format matches the arguments, and the buffer's size is given.
    let n = unsafe {
        (*lib.snprintf())(
            buf.as_mut_ptr(),
            buf.len(),
            fmt.as_ptr(),
            42 as c_int,
            world.as_ptr(),
            2.5f64,
        )
    };
    // SAFETY: snprintf wrote a NUL-terminated string.
    let s = unsafe { ffi::string(buf.as_ptr()) };
    assert_eq!((n, s.to_str().unwrap()), (19, "hello, 42 world 2.5"));
}

#[test]
fn test_passing_array() {
    let lib = c::Lib::load().unwrap();
    let a = *b"hello\0";
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { lib.strlen(a.as_ptr().cast()) }, 5);
}

#[test]
fn test_strchr() {
    let lib = c::Lib::load().unwrap();
    let s = ffi::cstring("hello, world!").unwrap();
    // SAFETY: NUL-terminated; the result points into `s`.
    let rest = unsafe { ffi::string(lib.strchr(s.as_ptr(), b'w' as c_int)) };
    assert_eq!(rest.to_str().unwrap(), "world!");
}

#[test]
fn test_struct_by_value() {
    let lib = c::Lib::load().unwrap();
    let r = lib.div(43, 5);
    assert_eq!((r.quot, r.rem), (8, 3));
}

#[cfg(unix)]
#[test]
fn test_function_with_struct_argument() {
    let lib = posix::Lib::load().unwrap();
    let addr = posix::in_addr {
        s_addr: u32::from_ne_bytes([127, 0, 0, 1]),
    };
    // SAFETY: a struct of one integer; the result is a static buffer read at once.
    let text = unsafe { ffi::string(lib.inet_ntoa(addr)) };
    assert_eq!(text.to_str().unwrap(), "127.0.0.1");
}

#[test]
fn test_callback_as_function_argument() {
    extern "C" fn cmp(a: *const c_void, b: *const c_void) -> c_int {
        // SAFETY: qsort passes pointers to two elements of the `c_int` array.
        let (a, b) = unsafe { (*a.cast::<c_int>(), *b.cast::<c_int>()) };
        a.cmp(&b) as c_int
    }
    let lib = c::Lib::load().unwrap();
    let mut xs: [c_int; 6] = [5, -1, 3, 3, 0, 9];
    // SAFETY: `xs` holds `xs.len()` elements of the size given, compared by `cmp`.
    unsafe { lib.qsort(xs.as_mut_ptr().cast(), xs.len(), 4, Some(cmp)) };
    assert_eq!(xs, [-1, 0, 3, 3, 5, 9]);
}

#[test]
fn test_getting_errno() {
    let lib = c::Lib::load().unwrap();
    let big = ffi::cstring("99999999999999999999999").unwrap();
    ffi::set_errno(0);
    // SAFETY: NUL-terminated; `end` may be null.
    let v = unsafe { lib.strtol(big.as_ptr(), std::ptr::null_mut(), 10) };
    assert_eq!((v, ffi::errno()), (c_long::MAX, 34)); // ERANGE
}

#[test]
fn test_setting_errno() {
    ffi::set_errno(42);
    assert_eq!(ffi::errno(), 42);
    ffi::set_errno(0);
}

#[cfg(unix)]
#[test]
fn test_write_variable() {
    let lib = posix::Lib::load().unwrap();
    // SAFETY: no other thread uses `opterr` (only getopt reads it).
    unsafe {
        let old = lib.opterr();
        lib.set_opterr(42);
        assert_eq!(lib.opterr(), 42);
        assert_eq!(*lib.opterr_ptr(), 42);
        lib.set_opterr(old);
    }
}

#[test]
fn test_constants_on_lib() {
    assert_eq!((c::FOO, c::BAR), (42, 7));
}

#[test]
fn test_missing_function() {
    let err = missing::Lib::load().unwrap_err();
    assert!(
        err.to_string().contains("cffi_rs_no_such_function"),
        "{err}"
    );
}

#[cfg(not(all(windows, target_arch = "x86")))]
#[test]
fn test_dlclose() {
    // Dropping the owner closes the library; loading again opens it again.
    let lib = m::Lib::load().unwrap();
    drop(lib);
    assert_eq!(m::Lib::load().unwrap().sin(0.0), 0.0);
}

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod ctypes {
        typedef struct { int quot; int rem; } div_t;
        int abs(int);
    }

    #[cffi(abi, lib = "c", uses = "ctypes")]
    pub unsafe mod cfuncs {
        div_t div(int num, int den);
        // The used module's function, declared again: bound here too.
        int abs(int);
    }
}

#[test]
fn test_include_typedef() {
    let lib = cfuncs::Lib::load().unwrap();
    let r: ctypes::div_t = lib.div(17, 5);
    assert_eq!((r.quot, r.rem), (3, 2));
}

#[test]
fn test_include_redeclared_function_abi() {
    assert_eq!(cfuncs::Lib::load().unwrap().abs(-4), 4);
    assert_eq!(ctypes::Lib::load().unwrap().abs(-5), 5);
}
