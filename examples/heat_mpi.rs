//! The heat equation beyond one process: the grid of `heat_equation` split into blocks of
//! rows over MPI ranks, each rank stepping its block with the same C `evolve`, the rows at
//! the blocks' edges (halos) exchanged with `MPI_Sendrecv` before each step, and the field
//! gathered to rank 0 for the images and the checksum, which equals `heat_equation`'s bit for
//! bit.
//!
//! Everything MPI comes from `import = "<mpi.h>"` in API mode, with pkg-config's `ompi-c`
//! for the include path and the library: the C compiler checks every binding against the
//! header, and Open MPI's handles (`MPI_COMM_WORLD` is the address of a global, cast) are
//! methods of the library owner. API mode rather than ABI mode because pkg-config's link
//! line and the compiler's check come with it; the Rust is the same in both. Built with
//! `CFFI_MPI=mpich`, the same example binds MPICH's header instead (pkg-config's `mpich`),
//! whose handles are integer constants: the two lines that read a handle differ.
//!
//! `mpirun -n 2 target/release/examples/heat_mpi [--steps 200] [--size 200]
//!  [--out heat_output]` (as root, add `--allow-run-as-root`; with more ranks than cores,
//!  `--oversubscribe`).

use std::error::Error;
use std::ffi::{c_int, c_void};
use std::path::PathBuf;

use cffi_core::cdef;

#[cfg(not(mpich))]
cdef! {
    /// Open MPI, bound whole from its header (the `PMPI_` profiling names left out; the
    /// globals the handles point to come with them).
    #[cffi(api, import = "<mpi.h>", pkg_config = "ompi-c", allow = "MPI_.*")]
    pub mod mpi {}
}

// `CFFI_MPI=mpich cargo build --example heat_mpi`: the same header of MPICH, whose handles
// are integer constants.
#[cfg(mpich)]
cdef! {
    /// MPICH, bound whole from its header.
    #[cffi(api, import = "<mpi.h>", pkg_config = "mpich", allow = "MPI_.*")]
    pub mod mpi {}
}

cdef! {
    #[cffi(api, include = "c/evolve.h", source = "c/evolve.c")]
    pub unsafe mod heat {
        #[cffi(slice(u, nx * ny), slice(u_previous, nx * ny))]
        void evolve(double *u, double *u_previous, int nx, int ny,
                    double a, double dt, double dx2, double dy2);
    }
}

/// The safe layer a program writes once over the `unsafe` MPI calls: initialised on
/// creation, finalised on drop, and only ever used from the thread that made it.
mod comm {
    use super::*;

    pub struct Mpi {
        lib: mpi::Lib,
    }

    /// An MPI call's result as a Rust error.
    fn check(what: &str, code: c_int) -> Result<(), String> {
        if code == mpi::MPI_SUCCESS {
            Ok(())
        } else {
            Err(format!("{what} failed with MPI error {code}"))
        }
    }

    impl Mpi {
        pub fn init() -> Result<Mpi, Box<dyn Error>> {
            let lib = mpi::Lib::load()?;
            // SAFETY: MPI may be given no command line; it is initialised once, here.
            check("MPI_Init", unsafe {
                lib.MPI_Init(std::ptr::null_mut(), std::ptr::null_mut())
            })?;
            Ok(Mpi { lib })
        }

        /// All the processes of the run.
        pub fn world(&self) -> Comm<'_> {
            // Open MPI's handle is the address of its global, alive while the library is;
            // MPICH's is an integer.
            #[cfg(not(mpich))]
            let raw = self.lib.MPI_COMM_WORLD();
            #[cfg(mpich)]
            let raw = mpi::MPI_COMM_WORLD;
            Comm {
                lib: &self.lib,
                raw,
            }
        }

        /// Seconds since a fixed time in the past.
        pub fn wtime(&self) -> f64 {
            // SAFETY: no arguments; MPI is initialised.
            unsafe { self.lib.MPI_Wtime() }
        }
    }

    impl Drop for Mpi {
        fn drop(&mut self) {
            // SAFETY: MPI was initialised by `init` and is finalised once.
            unsafe { self.lib.MPI_Finalize() };
        }
    }

    /// A communicator, borrowed from the initialised MPI.
    pub struct Comm<'m> {
        lib: &'m mpi::Lib,
        raw: mpi::MPI_Comm,
    }

    /// A neighbour's rank, or none (at the grid's edge).
    pub type Peer = Option<c_int>;

    impl Comm<'_> {
        pub fn rank(&self) -> c_int {
            let mut r = 0;
            // SAFETY: `r` is a valid `int` to write.
            unsafe { self.lib.MPI_Comm_rank(self.raw, &mut r) };
            r
        }

        pub fn size(&self) -> c_int {
            let mut n = 0;
            // SAFETY: `n` is a valid `int` to write.
            unsafe { self.lib.MPI_Comm_size(self.raw, &mut n) };
            n
        }

        /// The handle of MPI's `double`.
        fn double(&self) -> mpi::MPI_Datatype {
            #[cfg(not(mpich))]
            return self.lib.MPI_DOUBLE();
            #[cfg(mpich)]
            return mpi::MPI_DOUBLE;
        }

        fn peer(p: Peer) -> c_int {
            p.unwrap_or(mpi::MPI_PROC_NULL)
        }

        /// Sends `send` to `dest` while receiving `recv` from `source`: one halo exchange.
        pub fn sendrecv(
            &self,
            send: &[f64],
            dest: Peer,
            recv: &mut [f64],
            source: Peer,
        ) -> Result<(), String> {
            let (send_n, recv_n) = (count(send.len())?, count(recv.len())?);
            let double = self.double();
            // SAFETY: both buffers are valid for their lengths, in doubles, for the whole
            // (blocking) call.
            check("MPI_Sendrecv", unsafe {
                self.lib.MPI_Sendrecv(
                    send.as_ptr().cast::<c_void>(),
                    send_n,
                    double,
                    Self::peer(dest),
                    0,
                    recv.as_mut_ptr().cast::<c_void>(),
                    recv_n,
                    double,
                    Self::peer(source),
                    0,
                    self.raw,
                    mpi::MPI_STATUS_IGNORE,
                )
            })
        }

        /// Every rank's `part`, in rank order, into `whole` on rank 0 (`counts` says how
        /// many doubles each rank sends).
        pub fn gather_to_root(
            &self,
            part: &[f64],
            whole: &mut [f64],
            counts: &[c_int],
        ) -> Result<(), String> {
            let displacements: Vec<c_int> = counts
                .iter()
                .scan(0, |at, &n| {
                    let d = *at;
                    *at += n;
                    Some(d)
                })
                .collect();
            let total: usize = counts.iter().map(|&n| n as usize).sum();
            if counts.len() != self.size() as usize || (self.rank() == 0 && whole.len() < total) {
                return Err("gather: the counts do not fit the ranks or the buffer".into());
            }
            let double = self.double();
            // SAFETY: `part` holds the doubles this rank sends; on rank 0 `whole` holds them
            // all, at the displacements computed from `counts`, one per rank.
            check("MPI_Gatherv", unsafe {
                self.lib.MPI_Gatherv(
                    part.as_ptr().cast::<c_void>(),
                    count(part.len())?,
                    double,
                    whole.as_mut_ptr().cast::<c_void>(),
                    counts.as_ptr(),
                    displacements.as_ptr(),
                    double,
                    0,
                    self.raw,
                )
            })
        }
    }

    fn count(n: usize) -> Result<c_int, String> {
        c_int::try_from(n).map_err(|_| format!("{n} doubles are more than one MPI message holds"))
    }
}

struct Options {
    steps: usize,
    size: usize,
    out: PathBuf,
}

fn options() -> Result<Options, Box<dyn Error>> {
    let mut o = Options {
        steps: 200,
        size: 200,
        out: "heat_output".into(),
    };
    let mut args = std::env::args().skip(1).filter(|a| a != "--");
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--steps" => o.steps = value.parse()?,
            "--size" if value.parse::<usize>()? >= 3 => o.size = value.parse()?,
            "--size" => return Err("--size must be at least 3".into()),
            "--out" => o.out = value.into(),
            _ => return Err(format!("unknown option {flag}; use --steps, --size or --out").into()),
        }
    }
    Ok(o)
}

/// The rows `[start, end)` of an `n`-row grid that rank `r` of `size` owns: blocks as even
/// as they can be, the first `n % size` ranks one row longer.
fn block(n: usize, size: usize, r: usize) -> (usize, usize) {
    let (base, extra) = (n / size, n % size);
    let start = r * base + r.min(extra);
    (start, start + base + usize::from(r < extra))
}

fn main() -> Result<(), Box<dyn Error>> {
    let o = options()?;
    let mpi = comm::Mpi::init()?;
    let world = mpi.world();
    let (rank, size) = (world.rank() as usize, world.size() as usize);
    let n = o.size;
    if size > n {
        return Err(format!("{size} ranks for {n} rows: use at most one rank per row").into());
    }
    let (a, dx, dy) = (0.5, 0.01, 0.01);
    let (dx2, dy2) = (dx * dx, dy * dy);
    let dt = dx2 * dy2 / (2.0 * a * (dx2 + dy2));

    // This rank's rows, with one halo row above and below.
    let (start, end) = block(n, size, rank);
    let rows = end - start;
    let field = heat_core::initial_field(n);
    let mut u = vec![0.0; (rows + 2) * n];
    u[n..(rows + 1) * n].copy_from_slice(&field[start * n..end * n]);
    let mut previous = u.clone();
    let up: comm::Peer = (rank > 0).then(|| rank as c_int - 1);
    let down: comm::Peer = (rank + 1 < size).then(|| rank as c_int + 1);
    // The local rows `evolve` updates: not the grid's first and last rows, which keep
    // their values, as in the serial step.
    let first = if start == 0 { 2 } else { 1 };
    let last = if end == n { rows - 1 } else { rows };
    let lib = heat::Lib::load()?;
    let nc = c_int::try_from(n)?;

    if rank == 0 {
        std::fs::create_dir_all(&o.out)?;
        heat_core::write_png(&o.out.join("heat_000.png"), &field, n)?;
    }
    let mut halo_time = 0.0;
    let start_time = mpi.wtime();
    for _ in 0..o.steps {
        // The rows the neighbours need of the field being read, into their halos.
        let t = mpi.wtime();
        let (top_halo, rest) = previous.split_at_mut(n);
        world.sendrecv(&rest[(rows - 1) * n..rows * n], down, top_halo, up)?;
        let (body, bottom_halo) = previous.split_at_mut((rows + 1) * n);
        world.sendrecv(&body[n..2 * n], up, bottom_halo, down)?;
        halo_time += mpi.wtime() - t;
        if first <= last {
            let (from, to) = ((first - 1) * n, (last + 2) * n);
            let nx = c_int::try_from(last - first + 3)?;
            lib.evolve(
                &mut u[from..to],
                &mut previous[from..to],
                nx,
                nc,
                a,
                dt,
                dx2,
                dy2,
            );
        }
        std::mem::swap(&mut u, &mut previous);
    }
    let elapsed = mpi.wtime() - start_time;

    // After the last swap the newest field is `previous`.
    let counts: Vec<c_int> = (0..size)
        .map(|r| {
            let (s, e) = block(n, size, r);
            c_int::try_from((e - s) * n)
        })
        .collect::<Result<_, _>>()?;
    let mut whole = if rank == 0 {
        vec![0.0; n * n]
    } else {
        Vec::new()
    };
    world.gather_to_root(&previous[n..(rows + 1) * n], &mut whole, &counts)?;
    if rank == 0 {
        let last_png = o.out.join(format!("heat_{:03}.png", o.steps));
        heat_core::write_png(&last_png, &whole, n)?;
        println!("ranks: {size}");
        println!("grid: {n} x {n}, steps: {}", o.steps);
        let per_step = |s: f64| s * 1e3 / o.steps.max(1) as f64;
        println!("time per step: {:.3} ms", per_step(elapsed));
        println!("halo exchange per step: {:.3} ms", per_step(halo_time));
        println!(
            "wrote {} and {}",
            o.out.join("heat_000.png").display(),
            last_png.display()
        );
        println!("field checksum: {:016x}", heat_core::checksum(&whole));
    }
    Ok(())
}

/// What the serial showcase and this one share: the initial field, the images, the checksum.
#[path = "heat_core.rs"]
mod heat_core;
