//! Story 5: the lesson's heat-equation exercise. A hot disk in a cold box diffuses for 200
//! steps of `evolve` from `c/evolve.c`, bound in ABI mode (a shared library opened at run
//! time) or in API mode (the C compiled with the crate): the two modules differ in one
//! argument, and `--mode` picks one. `--threads N` runs an OpenMP version of the step in API
//! mode instead (`c/evolve_omp.c`, compiled with `-fopenmp` through the module's `cflags`),
//! on N threads; it gives the same field bit for bit. The field is written as PNG images at
//! the start and the end, with a diverging colour map (blue cold, white middle, red hot).
//!
//! `cargo run --release --example heat_equation -- [--mode abi|api] [--threads N]
//!  [--steps 200] [--size 200] [--out heat_output]`

use std::error::Error;
use std::ffi::c_int;
use std::path::PathBuf;
use std::time::Instant;

use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = env!("CFFI_EXAMPLE_EVOLVE_LIB"))]
    pub unsafe mod heat_abi {
        // `evolve` reads and writes nx * ny doubles of each grid: with the annotation the
        // method takes slices and checks their lengths, so calling it is safe.
        #[cffi(slice(u, nx * ny), slice(u_previous, nx * ny))]
        void evolve(double *u, double *u_previous, int nx, int ny,
                    double a, double dt, double dx2, double dy2);
    }
}

cdef! {
    #[cffi(api, include = "c/evolve.h", source = "c/evolve.c")]
    pub unsafe mod heat_api {
        #[cffi(slice(u, nx * ny), slice(u_previous, nx * ny))]
        void evolve(double *u, double *u_previous, int nx, int ny,
                    double a, double dt, double dx2, double dy2);
    }
}

// The OpenMP step: `-fopenmp` for the compile, and GNU's OpenMP run time to link. Apple's
// clang has no OpenMP (nor its SDK an `<omp.h>`), so on macOS the example has the serial step
// only; the build script skips this module's C there too.
#[cfg(not(target_vendor = "apple"))]
cdef! {
    #[cffi(api, source = "c/evolve_omp.c", cflags = "-fopenmp", link = "gomp")]
    pub unsafe mod heat_omp {
        #[cffi(slice(u, nx * ny), slice(u_previous, nx * ny))]
        void evolve_omp(double *u, double *u_previous, int nx, int ny,
                        double a, double dt, double dx2, double dy2, int threads);
    }
}

struct Options {
    mode: String,
    /// OpenMP threads, when the OpenMP step is asked for.
    threads: Option<c_int>,
    steps: usize,
    size: usize,
    out: PathBuf,
}

fn options() -> Result<Options, Box<dyn Error>> {
    let mut o = Options {
        mode: "api".into(),
        threads: None,
        steps: 200,
        size: 200,
        out: "heat_output".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--mode" if value == "abi" || value == "api" => o.mode = value,
            "--mode" => return Err(format!("--mode is `abi` or `api`, not `{value}`").into()),
            "--threads" if value.parse::<c_int>()? >= 1 => o.threads = Some(value.parse()?),
            "--threads" => return Err("--threads must be at least 1".into()),
            "--steps" => o.steps = value.parse()?,
            "--size" if value.parse::<usize>()? >= 3 => o.size = value.parse()?,
            "--size" => return Err("--size must be at least 3".into()),
            "--out" => o.out = value.into(),
            _ => {
                return Err(format!(
                    "unknown option {flag}; use --mode, --threads, --steps, --size or --out"
                )
                .into());
            }
        }
    }
    if o.threads.is_some() && cfg!(target_vendor = "apple") {
        return Err("--threads runs the OpenMP step, which is not built on Apple targets".into());
    }
    if o.threads.is_some() && o.mode == "abi" {
        return Err(
            "--threads runs the OpenMP step, which is bound in API mode; drop --mode abi".into(),
        );
    }
    Ok(o)
}

fn main() -> Result<(), Box<dyn Error>> {
    let o = options()?;
    let n = o.size;
    let (a, dx, dy) = (0.5, 0.01, 0.01);
    let (dx2, dy2) = (dx * dx, dy * dy);
    // The largest stable time step of the explicit scheme.
    let dt = dx2 * dy2 / (2.0 * a * (dx2 + dy2));
    let nx = c_int::try_from(n)?;

    let mut u = heat_core::initial_field(n);
    let mut previous = u.clone();
    std::fs::create_dir_all(&o.out)?;
    heat_core::write_png(&o.out.join("heat_000.png"), &u, n)?;

    let abi = if o.mode == "abi" {
        Some(heat_abi::Lib::load()?)
    } else {
        None
    };
    let api = heat_api::Lib::load()?;
    #[cfg(not(target_vendor = "apple"))]
    let omp = heat_omp::Lib::load()?;
    let start = Instant::now();
    for _ in 0..o.steps {
        // Safe calls: the slices' lengths are checked against nx * ny.
        match (&abi, o.threads) {
            (Some(lib), _) => lib.evolve(&mut u, &mut previous, nx, nx, a, dt, dx2, dy2),
            #[cfg(not(target_vendor = "apple"))]
            (None, Some(t)) => omp.evolve_omp(&mut u, &mut previous, nx, nx, a, dt, dx2, dy2, t),
            #[cfg(target_vendor = "apple")]
            (None, Some(_)) => unreachable!("options() refuses --threads on Apple targets"),
            (None, None) => api.evolve(&mut u, &mut previous, nx, nx, a, dt, dx2, dy2),
        }
        std::mem::swap(&mut u, &mut previous);
    }
    let elapsed = start.elapsed();
    // After the last swap the newest field is `previous`.
    let field = &previous;
    let last = o.out.join(format!("heat_{:03}.png", o.steps));
    heat_core::write_png(&last, field, n)?;

    match o.threads {
        Some(1) => println!("mode: {} (OpenMP, 1 thread)", o.mode),
        Some(t) => println!("mode: {} (OpenMP, {t} threads)", o.mode),
        None => println!("mode: {}", o.mode),
    }
    println!("grid: {n} x {n}, steps: {}", o.steps);
    println!(
        "time per step: {:.3} ms",
        elapsed.as_secs_f64() * 1e3 / o.steps.max(1) as f64
    );
    println!(
        "wrote {} and {}",
        o.out.join("heat_000.png").display(),
        last.display()
    );
    println!("field checksum: {:016x}", heat_core::checksum(field));
    Ok(())
}

/// What this showcase and `heat_mpi` share: the initial field, the images, the checksum.
#[path = "heat_core.rs"]
mod heat_core;
