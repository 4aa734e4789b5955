//! The examples are in this directory: `cargo run --release --example NAME`.
