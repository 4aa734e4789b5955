//! Story 1: libm, opened by its short name. Not on 32-bit Windows, which exports no `float`
//! maths (`sqrtf`): its headers define them inline.
#![cfg(not(all(windows, target_arch = "x86")))]

use cffi_core::cdef;

cdef! {
    /// The C maths library.
    #[cffi(abi, lib = "m")]
    pub unsafe mod libm {
        float sqrtf(float x);
        double cos(double x);
        /// Splits `x` into a mantissa in [0.5, 1) and a power of two.
        double frexp(double x, int *exp);
        /// Declared through a function typedef, as headers do: still a function.
        typedef double unary(double x);
        unary sin, tan;
        /// Another name for `cos`, as headers make them.
        #define cosine cos
    }
}

#[test]
fn functions_declared_through_a_function_typedef_are_called() {
    let m = libm::Lib::load().unwrap();
    assert_eq!(m.sin(0.5), 0.5f64.sin());
    assert_eq!(m.tan(0.5), 0.5f64.tan());
    assert_eq!(m.cosine(0.5), 0.5f64.cos());
}

#[test]
fn sqrtf_of_four_is_two() {
    let m = libm::Lib::load().unwrap();
    assert_eq!(m.sqrtf(4.0), 2.0);
    assert_eq!(m.sqrtf(2.0), 2f32.sqrt());
    // On Windows, `lib = "m"` is the C runtime's DLL (`msvcrt.dll` or `ucrtbase.dll`).
    let expected = if cfg!(windows) { "crt" } else { "libm" };
    assert!(
        m.library().path().contains(expected),
        "{}",
        m.library().path()
    );
}

#[test]
fn cos_matches_rust() {
    let m = libm::Lib::load().unwrap();
    for x in [0.0, 0.5, 1.0, std::f64::consts::PI, -3.0] {
        assert_eq!(m.cos(x), x.cos());
    }
}

#[test]
fn frexp_writes_its_out_parameter() {
    let m = libm::Lib::load().unwrap();
    let mut exp = 0;
    // SAFETY: `exp` is a valid int for frexp to write.
    let mantissa = unsafe { m.frexp(48.0, &mut exp) };
    assert_eq!((mantissa, exp), (0.75, 6));
}
