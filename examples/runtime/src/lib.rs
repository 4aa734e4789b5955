//! The examples of run-time mode are in this directory: `cargo run --example ccall -- m "double cos(double x);" 0.5`, `cargo run --release --example runtime`.
