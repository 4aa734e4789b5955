//! Builds the examples' C into shared libraries for ABI mode, as the lesson's Makefile does
//! (`gcc -shared -fPIC -O3`), tells the examples where they are, and compiles the C of the
//! API-mode examples.

use std::path::PathBuf;

#[path = "support/shared_library.rs"]
mod support;
use support::shared_library;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    shared_library("add", "c/add.c", &out);
    shared_library("evolve", "c/evolve.c", &out);
    // The API-mode examples: their C is compiled and linked with the crate. `CFFI_MPI=mpich`
    // builds `heat_mpi` against MPICH instead of Open MPI, through the `mpich` cfg.
    println!("cargo:rerun-if-env-changed=CFFI_MPI");
    let mut config = cffi_build::Config::new();
    config.declare_cfg("mpich");
    if std::env::var("CFFI_MPI").as_deref() == Ok("mpich") {
        config.cfg("mpich");
    }
    config.compile();
}
