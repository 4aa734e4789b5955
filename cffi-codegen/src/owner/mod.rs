//! The functions of a module: the owner type and its loading (`abi` for ABI mode, `api` for
//! API mode's linked wrappers), the methods (`owner_methods`, `wrapper`), what annotations ask
//! of them (`annotations`), and C calling Rust by name (`extern_python`).

pub(crate) mod abi;
pub(crate) mod annotations;
pub(crate) mod api;
pub(crate) mod api_c;
pub(crate) mod extern_python;
pub(crate) mod owner_methods;
pub(crate) mod wrapper;
