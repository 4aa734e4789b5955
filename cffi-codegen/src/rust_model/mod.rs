//! How C types become Rust types: each record's representation (`repr`), the Rust names of C
//! declarations (`names`), the Rust spelling of each C type (`rust_types`), and the targets
//! whose layouts are checked (`targets`).

pub(crate) mod names;
pub(crate) mod repr;
pub(crate) mod rust_types;
pub(crate) mod targets;
