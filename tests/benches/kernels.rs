//! Work that touches memory: the vector add of the lesson on 2,000,000 doubles and one
//! heat-equation step on a 2000 x 2000 grid, through ABI mode, API mode, the C called
//! directly and the same loop in Rust, and the step in OpenMP on 1 and 2 threads; and a streaming add in Rust that measures what the
//! machine's memory moves, for the GB/s the others reach.
//!
//! `cargo bench -p cffi-tests --bench kernels`

use std::ffi::c_int;
use std::hint::black_box;

use cffi_core::cdef;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

cdef! {
    #[cffi(abi, lib = env!("CFFI_BENCH_LIB"))]
    pub unsafe mod abi_kernels {
        #[cffi(slice(a, n), slice(b, n))]
        void bench_vadd(double *a, const double *b, int n);
        void bench_evolve(double *u, double *u_previous, int nx, int ny,
                          double a, double dt, double dx2, double dy2);
    }
}

cdef! {
    #[cffi(api, source = "c/bench.c")]
    pub unsafe mod api_kernels {
        #[cffi(slice(a, n), slice(b, n))]
        void bench_vadd(double *a, const double *b, int n);
        void bench_evolve(double *u, double *u_previous, int nx, int ny,
                          double a, double dt, double dx2, double dy2);
    }
}

cdef! {
    #[cffi(api, source = "c/bench_omp.c", cflags = "-fopenmp", link = "gomp")]
    pub unsafe mod omp_kernels {
        void bench_evolve_omp(double *u, double *u_previous, int nx, int ny,
                              double a, double dt, double dx2, double dy2, int threads);
    }
}

unsafe extern "C" {
    fn bench_vadd(a: *mut f64, b: *const f64, n: c_int);
    fn bench_evolve(
        u: *mut f64,
        u_previous: *mut f64,
        nx: c_int,
        ny: c_int,
        a: f64,
        dt: f64,
        dx2: f64,
        dy2: f64,
    );
}

const N: usize = 2_000_000;
const GRID: usize = 2000;

#[allow(clippy::too_many_arguments)]
fn rust_evolve(
    u: &mut [f64],
    prev: &[f64],
    nx: usize,
    ny: usize,
    a: f64,
    dt: f64,
    dx2: f64,
    dy2: f64,
) {
    for i in 1..nx - 1 {
        for j in 1..ny - 1 {
            let c = i * ny + j;
            let uxx = (prev[c + ny] - 2.0 * prev[c] + prev[c - ny]) / dx2;
            let uyy = (prev[c + 1] - 2.0 * prev[c] + prev[c - 1]) / dy2;
            u[c] = prev[c] + a * dt * (uxx + uyy);
        }
    }
}

fn vector_add(c: &mut Criterion) {
    let mut group = c.benchmark_group("vector add, 2M doubles");
    group.sample_size(30);
    // Each element: two 8-byte reads and one 8-byte write.
    group.throughput(Throughput::Bytes((N * 24) as u64));
    let mut a = vec![1.0; N];
    let b = vec![0.5; N];
    let abi = abi_kernels::Lib::load().expect("load");
    let api = api_kernels::Lib::load().expect("load");
    group.bench_function("cffi-rs ABI mode", |bench| {
        bench.iter(|| abi.bench_vadd(&mut a, black_box(&b)))
    });
    group.bench_function("cffi-rs API mode", |bench| {
        bench.iter(|| api.bench_vadd(&mut a, black_box(&b)))
    });
    group.bench_function("C called directly", |bench| {
        // SAFETY: both vectors hold N doubles.
        bench.iter(|| unsafe { bench_vadd(a.as_mut_ptr(), black_box(b.as_ptr()), N as c_int) })
    });
    group.bench_function("Rust loop", |bench| {
        bench.iter(|| {
            for (x, y) in a.iter_mut().zip(black_box(&b)) {
                *x += y;
            }
        })
    });
    group.finish();

    // What memory can do: a streaming add over arrays well beyond the caches.
    let mut group = c.benchmark_group("memory bandwidth");
    group.sample_size(30);
    let big = 8 * N;
    group.throughput(Throughput::Bytes((big * 24) as u64));
    let mut x = vec![1.0f64; big];
    let y = vec![0.5f64; big];
    group.bench_function("streaming add, 16M doubles", |bench| {
        bench.iter(|| {
            for (p, q) in x.iter_mut().zip(black_box(&y)) {
                *p += q;
            }
        })
    });
    group.finish();
}

fn heat_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("heat step, 2000 x 2000");
    group.sample_size(10);
    // Each interior cell: one read of the previous field (neighbours come from cache) and one
    // write.
    group.throughput(Throughput::Bytes((GRID * GRID * 16) as u64));
    let (a, dx2, dy2) = (0.5, 1e-4, 1e-4);
    let dt = dx2 * dy2 / (2.0 * a * (dx2 + dy2));
    let mut u = vec![0.0; GRID * GRID];
    let mut prev: Vec<f64> = (0..GRID * GRID).map(|k| (k % 7) as f64).collect();
    let n = GRID as c_int;
    let abi = abi_kernels::Lib::load().expect("load");
    let api = api_kernels::Lib::load().expect("load");
    // SAFETY (the four below): both grids hold GRID * GRID doubles.
    group.bench_function("cffi-rs ABI mode", |bench| {
        bench.iter(|| unsafe { abi.bench_evolve(&mut u, &mut prev, n, n, a, dt, dx2, dy2) })
    });
    group.bench_function("cffi-rs API mode", |bench| {
        bench.iter(|| unsafe { api.bench_evolve(&mut u, &mut prev, n, n, a, dt, dx2, dy2) })
    });
    group.bench_function("C called directly", |bench| {
        bench.iter(|| unsafe {
            bench_evolve(u.as_mut_ptr(), prev.as_mut_ptr(), n, n, a, dt, dx2, dy2)
        })
    });
    group.bench_function("Rust loop", |bench| {
        bench.iter(|| rust_evolve(&mut u, black_box(&prev), GRID, GRID, a, dt, dx2, dy2))
    });
    let omp = omp_kernels::Lib::load().expect("load");
    for threads in [1, 2] {
        let name = format!(
            "cffi-rs API mode, OpenMP, {threads} thread{}",
            if threads > 1 { "s" } else { "" }
        );
        // SAFETY: both grids hold GRID * GRID doubles.
        group.bench_function(name, |bench| {
            bench.iter(|| unsafe {
                omp.bench_evolve_omp(&mut u, &mut prev, n, n, a, dt, dx2, dy2, threads)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, vector_add, heat_step);
criterion_main!(benches);
