//! The cost of one call to a trivial C function, `int bench_add1(int)`, compiled the same way
//! for every binding: from a shared library through a cffi-rs ABI-mode owner, a hand-written
//! `libloading` pointer stored once (the fastest way to call into a `.so` by hand) and a
//! libffi dynamic call (what Python cffi's ABI mode does); compiled with the crate through API
//! mode and a hand-written `extern "C"` declaration. Also a length-checked safe wrapper
//! against the raw call of the same function.
//!
//! `cargo bench -p cffi-tests --bench call`

use std::ffi::c_int;
use std::hint::black_box;

use cffi_core::cdef;
use criterion::{Criterion, criterion_group, criterion_main};

cdef! {
    #[cffi(abi, lib = env!("CFFI_BENCH_LIB"))]
    pub unsafe mod abi_bench {
        int bench_add1(int x);
    }
}

cdef! {
    #[cffi(api, source = "c/bench.c")]
    pub unsafe mod api_bench {
        int bench_add1(int x);
    }
}

unsafe extern "C" {
    /// The function API mode wraps, declared by hand.
    fn bench_add1(x: c_int) -> c_int;
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod fixture {
        double dsum(const double *xs, int n);
        #[cffi(slice(xs, n))]
        double dsum_checked(const double *xs, int n) __asm__("dsum");
    }
}

fn add1(c: &mut Criterion) {
    let mut group = c.benchmark_group("add1");

    let abi = abi_bench::Lib::load().expect("load the bench library");
    group.bench_function("cffi-rs ABI mode", |b| {
        let mut x = 0;
        b.iter(|| {
            x = abi.bench_add1(black_box(x));
            x
        })
    });

    // SAFETY: the library's initialisers are trivial; `bench_add1` has this signature.
    let lib = unsafe { libloading::Library::new(env!("CFFI_BENCH_LIB")) }.expect("open");
    let f: unsafe extern "C" fn(c_int) -> c_int =
        unsafe { *lib.get(b"bench_add1\0").expect("bench_add1") };
    group.bench_function("libloading stored pointer", |b| {
        let mut x = 0;
        b.iter(|| {
            // SAFETY: `bench_add1` takes and returns an int.
            x = unsafe { f(black_box(x)) };
            x
        })
    });

    let cif = libffi::middle::Cif::new(
        vec![libffi::middle::Type::i32()],
        libffi::middle::Type::i32(),
    );
    let code = libffi::middle::CodePtr::from_ptr(f as *const std::ffi::c_void);
    group.bench_function("libffi dynamic call", |b| {
        let mut x: c_int = 0;
        b.iter(|| {
            let arg = black_box(x);
            // SAFETY: the CIF describes `int (int)`, which `bench_add1` is.
            x = unsafe { cif.call::<c_int>(code, &[libffi::middle::arg(&arg)]) };
            x
        })
    });

    // Run-time mode: the declaration read while the program runs, the call checked and made
    // through libffi.
    let mut ffi = cffi_core::runtime::Ffi::new();
    ffi.cdef("int bench_add1(int x);").expect("declare");
    // SAFETY: the bench library's initialisers are trivial.
    let rt = unsafe { ffi.dlopen(env!("CFFI_BENCH_LIB")) }.expect("open");
    let rt_add1 = rt.function("bench_add1").expect("bench_add1");
    // The loop every binding runs: an integer in, an integer out (as Python and LuaJIT
    // convert their numbers to C and back).
    group.bench_function("cffi-rs run-time mode", |b| {
        let mut x: i128 = 0;
        b.iter(|| {
            let arg = [cffi_core::runtime::Value::Int(black_box(x))];
            // SAFETY: `bench_add1` takes and returns an int.
            // SAFETY: `bench_add1` takes and returns an int.
            x = match unsafe { rt_add1.call(&arg) } {
                Ok(cffi_core::runtime::Value::Int(v)) => v,
                r => panic!("{r:?}"),
            };
            x
        })
    });

    // A typed handle: the declaration checked once against the Rust type, then a plain call.
    let typed = rt_add1
        .typed::<unsafe extern "C" fn(c_int) -> c_int>()
        .expect("int (int)");
    group.bench_function("cffi-rs run-time mode, typed handle", |b| {
        let mut x = 0;
        b.iter(|| {
            // SAFETY: `bench_add1` takes and returns an int.
            x = unsafe { typed.call((black_box(x),)) };
            x
        })
    });

    let api = api_bench::Lib::load().expect("nothing to load");
    group.bench_function("cffi-rs API mode", |b| {
        let mut x = 0;
        b.iter(|| {
            x = api.bench_add1(black_box(x));
            x
        })
    });
    group.bench_function("hand-written extern \"C\"", |b| {
        let mut x = 0;
        b.iter(|| {
            // SAFETY: `bench_add1` takes and returns an int.
            x = unsafe { bench_add1(black_box(x)) };
            x
        })
    });
    group.finish();

    // The same C function on 4 doubles: raw pointer and length, and the annotated wrapper
    // that takes a slice, converts its length to `int` with an overflow check and passes it.
    let owner = fixture::Lib::load().expect("load the fixture");
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

/// Reading `sqlite3.h` whole at run time (`Ffi::cdef_header` on `cc -E -dD` output): the
/// front end and the checks of run-time mode, without the preprocessor.
fn runtime_parse(c: &mut Criterion) {
    let header = cffi_tests::preprocessed("sqlite3.h");
    let mut group = c.benchmark_group("run-time parse");
    group.bench_function("sqlite3.h", |b| {
        b.iter(|| {
            let mut ffi = cffi_core::runtime::Ffi::new();
            ffi.cdef_header(black_box(&header)).expect("sqlite3.h");
            ffi
        })
    });
    // An interpreter declaring one line at a time: each `cdef` reads its own line only.
    let lines: Vec<String> = (0..10_000)
        .map(|i| format!("int f{i}(int x, double y); typedef struct s{i} {{ int a; }} t{i};"))
        .collect();
    group.sample_size(10);
    group.bench_function("10,000 one-line cdefs", |b| {
        b.iter(|| {
            let mut ffi = cffi_core::runtime::Ffi::new();
            for line in &lines {
                ffi.cdef(black_box(line)).expect("a line");
            }
            ffi
        })
    });
    let all = lines.join("\n");
    group.bench_function("the same 10,000 lines in one cdef", |b| {
        b.iter(|| {
            let mut ffi = cffi_core::runtime::Ffi::new();
            ffi.cdef(black_box(&all)).expect("the lines");
            ffi
        })
    });
    group.finish();
}

/// C calling a callback 1,000 times (`bench_apply_n`): the time per call from C into a
/// run-time mode callback (a closure over `Value`s, as Python cffi's `ffi.callback`), and into
/// a plain Rust `extern "C" fn` (what a typed callback costs).
fn callbacks(c: &mut Criterion) {
    const N: c_int = 1000;
    let mut ffi = cffi_core::runtime::Ffi::new();
    ffi.cdef("int bench_apply_n(int (*f)(int), int x, int n);")
        .expect("declare");
    // SAFETY: the bench library's initialisers are trivial.
    let lib = unsafe { ffi.dlopen(env!("CFFI_BENCH_LIB")) }.expect("open");
    let apply = lib.function("bench_apply_n").expect("bench_apply_n");
    type Callback = unsafe extern "C" fn(c_int) -> c_int;
    let apply = apply
        .typed::<unsafe extern "C" fn(Option<Callback>, c_int, c_int) -> c_int>()
        .expect("int (int (*)(int), int, int)");
    let mut group = c.benchmark_group("callback from C, per call (1000 calls)");
    let add1 = ffi
        .callback("int(int)", |args| match args {
            [cffi_core::runtime::Value::Int(x)] => cffi_core::runtime::Value::Int(x + 1),
            _ => cffi_core::runtime::Value::Int(0),
        })
        .expect("int(int)");
    let untyped = lib.function("bench_apply_n").expect("bench_apply_n");
    let args = [
        add1.ptr(),
        cffi_core::runtime::Value::Int(0),
        cffi_core::runtime::Value::Int(N.into()),
    ];
    group.bench_function("cffi-rs run-time mode, ffi.callback", |b| {
        // SAFETY: `bench_apply_n` calls the callback, which lives for the bench.
        b.iter(|| unsafe { untyped.call(black_box(&args)) }.expect("call"))
    });
    unsafe extern "C" fn plus_one(x: c_int) -> c_int {
        x + 1
    }
    group.bench_function("Rust extern \"C\" fn", |b| {
        // SAFETY: `plus_one` has the callback's C type.
        b.iter(|| unsafe { apply.call((Some(plus_one as Callback), black_box(0), N)) })
    });
    group.finish();
}

criterion_group!(benches, add1, runtime_parse, callbacks);
criterion_main!(benches);
