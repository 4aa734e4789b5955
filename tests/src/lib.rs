//! Integration tests live in `tests/`; C fixtures are built by `build.rs`.
