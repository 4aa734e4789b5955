//! The pipeline's entry points: `cdef!`'s expansion (`expand`), the outside of each generated
//! module (`module_shell`) and the reuse of an expansion when nothing it read changed
//! (`reuse`); the build script's C for API mode (`glue`); and `c_source!` (`csource`).

pub(crate) mod csource;
pub(crate) mod expand;
pub(crate) mod glue;
pub(crate) mod module_shell;
pub(crate) mod reuse;
