//! Generated code never captures, shadows or is shadowed by a name the user wrote: a C
//! parameter may be called `__l`, `__cffi_ret` or `s`, and a length expression over it
//! means that parameter.

use cffi_core::cdef;

cdef! {
    /// Parameters named as the generated code's own variables once were.
    #[cffi(api, source = "c/hygiene.c")]
    pub unsafe mod names {
        // Writes n * __l bytes: the method must check n * __l, not n * n. `__cffi_ret` is
        // the length of `__cffi_len_0`, computed from the slice, and `__cffi_fn` passed.
        #[cffi(slice(p, n * __l))]
        int touch(char *p, int n, int __l);
        #[cffi(slice(xs, __r + s))]
        int sum(const int *xs, int __r, int s);
        #[cffi(slice(__cffi_len_0, __cffi_ret))]
        int count(const char *__cffi_len_0, int __cffi_ret, int __cffi_fn);
        #[cffi(out(__cffi_out_0))]
        void answer(int *__cffi_out_0, int __cffi_ret);
    }
}

cdef! {
    /// The same in ABI mode, from the test's own executable's C library.
    #[cffi(abi, lib = env!("CFFI_HYGIENE_LIB"))]
    pub unsafe mod names_abi {
        #[cffi(slice(p, n * __l))]
        int touch(char *p, int n, int __l);
        #[cffi(slice(__cffi_len_0, __cffi_ret))]
        int count(const char *__cffi_len_0, int __cffi_ret, int __cffi_fn);
    }
}

cdef! {
    /// C names that are the standard names signatures spell (`c_int`, `Option`): the C ones
    /// keep their meaning, and `int` is still C's `int`.
    #[cffi(api, source = "c/hygiene.c")]
    pub unsafe mod std_names {
        typedef long long c_int;
        struct Option { int some; };
        c_int widen(int x);
        int option_some(struct Option o, const int *p);
    }
}

#[test]
fn c_names_that_are_standard_names_keep_their_c_meaning() {
    let lib = std_names::Lib::load().unwrap();
    let wide: std_names::c_int = lib.widen(3);
    assert_eq!(wide, 12_000_000_000i64);
    assert_eq!(std::mem::size_of::<std_names::c_int>(), 8);
    let o = std_names::Option { some: 40 };
    let two = 2;
    // SAFETY: `p` points to a live int.
    assert_eq!(unsafe { lib.option_some(o, &two) }, 42);
}

#[test]
fn length_expressions_name_the_parameters() {
    let lib = names::Lib::load().unwrap();
    let mut buf = [0i8; 6];
    // 2 * 3 = 6 bytes: accepted and written.
    assert_eq!(lib.touch(&mut buf, 2, 3), 6);
    assert_eq!(buf, [7; 6]);
    // 3 * 3 = 9 bytes do not fit 6: refused (a capture of `__l` would have checked 3 * 2).
    let refused = std::panic::catch_unwind(|| {
        let mut small = [0i8; 6];
        lib.touch(&mut small, 3, 3)
    });
    assert!(refused.is_err());
    assert_eq!(lib.sum(&[1, 2, 3], 1, 2), 6);
}

#[test]
fn parameters_named_as_generated_variables_keep_their_values() {
    let lib = names::Lib::load().unwrap();
    assert_eq!(lib.count(&[97, 98, 99, 100, 101], 4), 97 + 5 + 4);
    assert_eq!(lib.answer(42), 42);
}

#[test]
fn abi_mode_is_as_hygienic() {
    let lib = names_abi::Lib::load().unwrap();
    let mut buf = [0i8; 6];
    assert_eq!(lib.touch(&mut buf, 2, 3), 6);
    assert!(std::panic::catch_unwind(|| lib.touch(&mut [0i8; 6], 3, 3)).is_err());
    assert_eq!(lib.count(&[97, 98, 99, 100, 101], 4), 97 + 5 + 4);
}
