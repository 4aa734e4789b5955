//! Reading a `cdef!`'s input: its modules, arguments and settings (`macro_input`, `settings`), and
//! modules that use others (`input_uses`).

pub(crate) mod input_uses;
pub(crate) mod macro_input;
pub(crate) mod settings;
