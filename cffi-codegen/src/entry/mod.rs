//! The pipeline's entry points: `cdef!`'s expansion (`expand`) and its reuse when nothing it
//! read changed (`reuse`), the build script's C for API mode (`glue`), and `c_source!`
//! (`csource`).

pub(crate) mod csource;
pub(crate) mod expand;
pub(crate) mod glue;
pub(crate) mod reuse;
