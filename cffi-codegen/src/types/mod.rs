//! The types and constants of a module, the same in both modes: the generator (`items`),
//! records stored as bytes (`bytes`) and their anonymous members (`anon_members`), records
//! the C compiler measured (`measured`), layout
//! assertions (`layout_checks`), enums, constants, the C library's shared types
//! (`pthread_types`), and re-exports of used modules (`uses`).

pub(crate) mod anon_members;
pub(crate) mod bytes;
pub(crate) mod constants;
pub(crate) mod enums;
pub(crate) mod items;
pub(crate) mod layout_checks;
pub(crate) mod measured;
pub(crate) mod pthread_types;
pub(crate) mod uses;
