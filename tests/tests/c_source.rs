//! `c_source!`: C written in the Rust file, or a `.c` file of the crate, compiled with the
//! crate; its functions are bound without repeating their prototypes.

use std::ffi::c_int;

use cffi_core::c_source;

c_source! {
    /// A few functions written right here.
    pub unsafe mod inline {
        r#"
        struct pair { int first; int second; };

        #define SCALE 3

        static int helper(int x) { return x * SCALE; }

        int scaled_sum(struct pair p) { return helper(p.first) + helper(p.second); }

        void swap(struct pair *p) { int t = p->first; p->first = p->second; p->second = t; }

        double mean(const double *xs, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += xs[i];
            return n ? s / n : 0;
        }
        "#
    }
}

c_source! {
    #[cffi(file = "c/evolve.c")]
    pub mod heat {}
}

#[test]
fn inline_source_is_compiled_and_bound() {
    let lib = inline::Lib::load().unwrap();
    let mut p = inline::pair {
        first: 1,
        second: 2,
    };
    assert_eq!(lib.scaled_sum(p), 9);
    // SAFETY: `p` is a valid pair.
    unsafe { lib.swap(&mut p) };
    assert_eq!((p.first, p.second), (2, 1));
    let xs = [1.0, 2.0, 6.0];
    // SAFETY: `xs` holds 3 doubles.
    assert_eq!(unsafe { lib.mean(xs.as_ptr(), 3) }, 3.0);
    assert_eq!(inline::SCALE, 3);
}

#[test]
fn file_source_is_compiled_and_bound() {
    let lib = heat::Lib::load().unwrap();
    let n = 3;
    let mut prev = vec![0.0; n * n];
    prev[4] = 1.0;
    let mut u = prev.clone();
    // SAFETY: both grids hold n * n doubles.
    unsafe {
        lib.evolve(
            u.as_mut_ptr(),
            prev.as_mut_ptr(),
            n as c_int,
            n as c_int,
            1.0,
            0.1,
            1.0,
            1.0,
        )
    };
    assert_eq!(u[4], 1.0 - 0.4);
}
