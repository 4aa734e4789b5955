//! The cases are in `ui/`, run by `tests/ui.rs`; `TRYBUILD=overwrite` re-blesses them.
