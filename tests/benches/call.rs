//! The cost of one call to a trivial C function, `int add1(int)`: from a shared library
//! through a cffi-rs ABI-mode owner and through a hand-written `libloading` function pointer
//! stored once (the fastest way to call into a `.so` by hand); and compiled with the crate,
//! through API mode and through a hand-written `extern "C"` declaration.
//!
//! `cargo bench -p cffi-tests --bench call`

use std::ffi::c_int;
use std::hint::black_box;

use cffi_core::cdef;
use criterion::{Criterion, criterion_group, criterion_main};

cdef! {
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod fixture {
        int add1(int x);
        double dsum(const double *xs, int n);
        #[cffi(slice(xs, n))]
        double dsum_checked(const double *xs, int n) __asm__("dsum");
    }
}

fn calls(c: &mut Criterion) {
    let mut group = c.benchmark_group("add1");

    let owner = fixture::Lib::load().expect("load the fixture");
    group.bench_function("cffi-rs ABI mode", |b| {
        let mut x = 0;
        b.iter(|| {
            x = owner.add1(black_box(x));
            x
        })
    });

    // SAFETY: the fixture's initialisers are trivial; `add1` has this signature.
    let lib = unsafe { libloading::Library::new(env!("CFFI_FIXTURE_LIB")) }.expect("open");
    let f: unsafe extern "C" fn(c_int) -> c_int = unsafe { *lib.get(b"add1\0").expect("add1") };
    group.bench_function("libloading stored pointer", |b| {
        let mut x = 0;
        b.iter(|| {
            // SAFETY: `add1` takes and returns an int.
            x = unsafe { f(black_box(x)) };
            x
        })
    });
    group.finish();

    // The same C function on 4 doubles: raw pointer and length, and the annotated wrapper
    // that takes a slice, converts its length to `int` with an overflow check and passes it.
    let mut group = c.benchmark_group("dsum of 4");
    let xs = [1.0, 2.0, 3.0, 4.0];
    group.bench_function("raw unsafe call", |b| {
        // SAFETY: `xs` holds 4 doubles.
        b.iter(|| unsafe { owner.dsum(black_box(&xs).as_ptr(), black_box(4)) })
    });
    group.bench_function("length-checked safe wrapper", |b| {
        b.iter(|| owner.dsum_checked(black_box(&xs)))
    });
    group.finish();
}

cdef! {
    #[cffi(api, source = "c/bench.c")]
    pub mod linked {
        int bench_add1(int x);
    }
}

unsafe extern "C" {
    /// The same compiled function, declared by hand.
    #[link_name = "bench_add1"]
    fn add1_by_hand(x: c_int) -> c_int;
}

/// API mode calls a C wrapper linked into the crate, which calls `add1`; a hand-written
/// `extern "C"` declaration calls `add1` directly.
fn linked_calls(c: &mut Criterion) {
    let mut group = c.benchmark_group("add1 linked");
    let lib = linked::Lib::load().expect("nothing to load");
    group.bench_function("cffi-rs API mode", |b| {
        let mut x = 0;
        b.iter(|| {
            x = lib.bench_add1(black_box(x));
            x
        })
    });
    group.bench_function("hand-written extern \"C\"", |b| {
        let mut x = 0;
        b.iter(|| {
            // SAFETY: `add1` takes and returns an int.
            x = unsafe { add1_by_hand(black_box(x)) };
            x
        })
    });
    group.finish();
}

criterion_group!(benches, calls, linked_calls);
criterion_main!(benches);
