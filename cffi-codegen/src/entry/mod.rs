//! The pipeline's entry points: `cdef!`'s expansion (`expand`), the build script's C for API
//! mode (`glue`), and `c_source!` (`csource`).

pub(crate) mod csource;
pub(crate) mod expand;
pub(crate) mod glue;
