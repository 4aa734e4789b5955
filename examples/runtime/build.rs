//! Builds the lesson's C (`add.c`, `fibonacci.c`, shared with `cffi-examples`) and the plugin
//! host's plugin into shared libraries for the run-time examples, and tells the examples where
//! they are (`CFFI_EXAMPLE_<NAME>_LIB`).

use std::path::PathBuf;

#[path = "../support/shared_library.rs"]
mod support;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for name in ["add", "fibonacci"] {
        support::shared_library(name, &format!("../c/{name}.c"), &out);
    }
    // The plugin the plugin host loads.
    support::shared_library("plugin", "plugin/plugin.c", &out);
}
