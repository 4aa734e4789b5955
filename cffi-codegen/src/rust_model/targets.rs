//! The targets whose layouts the generated code checks, each with the `cfg` that selects it.
//!
//! The declarations are parsed once; the layout engine then computes every record's layout for
//! each of these targets, and the assertions for the target being compiled are the ones that
//! run. A layout that differs from what `rustc` gives `#[repr(C)]` fails to compile.

use cffi_frontend::Target;
use proc_macro2::TokenStream;
use quote::quote;

pub fn all() -> Vec<(Target, TokenStream)> {
    [
        (
            "x86_64-unknown-linux-gnu",
            quote!(all(target_arch = "x86_64", not(windows))),
        ),
        (
            "x86_64-pc-windows-msvc",
            quote!(all(target_arch = "x86_64", windows, target_env = "msvc")),
        ),
        (
            "x86_64-pc-windows-gnu",
            quote!(all(target_arch = "x86_64", windows, target_env = "gnu")),
        ),
        (
            "aarch64-unknown-linux-gnu",
            quote!(all(
                target_arch = "aarch64",
                not(windows),
                not(target_vendor = "apple")
            )),
        ),
        (
            "aarch64-apple-darwin",
            quote!(all(target_arch = "aarch64", target_vendor = "apple")),
        ),
        (
            "aarch64-pc-windows-msvc",
            quote!(all(target_arch = "aarch64", windows)),
        ),
        (
            "i686-unknown-linux-gnu",
            quote!(all(target_arch = "x86", not(windows))),
        ),
        (
            "i686-pc-windows-msvc",
            quote!(all(target_arch = "x86", windows, target_env = "msvc")),
        ),
        // MinGW's `long double` is x87's 12 bytes, MSVC's a `double`.
        (
            "i686-pc-windows-gnu",
            quote!(all(target_arch = "x86", windows, target_env = "gnu")),
        ),
        (
            "armv7-unknown-linux-gnueabihf",
            quote!(all(target_arch = "arm", not(windows))),
        ),
        (
            "riscv64gc-unknown-linux-gnu",
            quote!(target_arch = "riscv64"),
        ),
        (
            "powerpc64le-unknown-linux-gnu",
            quote!(all(target_arch = "powerpc64", target_endian = "little")),
        ),
        ("s390x-unknown-linux-gnu", quote!(target_arch = "s390x")),
    ]
    .into_iter()
    .filter_map(|(triple, cfg)| Target::from_triple(triple).ok().map(|t| (t, cfg)))
    .collect()
}

/// Targets that give equal keys, grouped (in the order they first appear) under one `cfg`
/// that selects any of them, with the value of the group's first target: what is generated
/// for a data model is generated once, however many targets share it.
pub fn grouped<K: PartialEq, V>(keyed: Vec<(K, V, TokenStream)>) -> Vec<(K, V, TokenStream)> {
    let mut groups: Vec<(K, V, Vec<TokenStream>)> = Vec::new();
    for (key, value, cfg) in keyed {
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, cfgs)) => cfgs.push(cfg),
            None => groups.push((key, value, vec![cfg])),
        }
    }
    groups
        .into_iter()
        .map(|(key, value, cfgs)| (key, value, quote!(any(#(#cfgs),*))))
        .collect()
}
