//! Reading a `cdef!`'s input: its modules, arguments and settings (`input`, `settings`), and
//! modules that use others (`input_uses`).

pub(crate) mod input;
pub(crate) mod input_uses;
pub(crate) mod settings;
