//! Integration tests live in `tests/`; C fixtures are built by `build.rs`.

/// Tests that need no C compiler, run against an API-mode module and an ABI-mode module of
/// the same declarations alike: `in_both_modes! { api = v, abi = va; fn test_x(lib) { .. } }`
/// makes `api_mode::test_x` and `abi_mode::test_x`, in each of which the module is named as
/// the API-mode one (`v`) and its library owner, loaded, is `lib`.
#[macro_export]
macro_rules! in_both_modes {
    (api = $api:ident, abi = $abi:ident;
     $($(#[$attr:meta])* fn $name:ident($lib:ident) $body:block)*) => {
        mod api_mode {
            use super::*;
            $(#[test] $(#[$attr])* fn $name() { let $lib = $api::Lib::load().unwrap(); $body })*
        }
        mod abi_mode {
            use super::*;
            use super::$abi as $api;
            $(#[test] $(#[$attr])* fn $name() { let $lib = $api::Lib::load().unwrap(); $body })*
        }
    };
}

/// `cc -E -dD` of `#include <header>` for each of `headers` (space-separated), in one
/// translation unit: the headers as the C compiler reads them, with their `#define`s (what
/// run-time mode's `Ffi::cdef_header` reads).
pub fn preprocessed(headers: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let out = Command::new("cc")
        .args(["-E", "-dD", "-x", "c", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdin = child.stdin.take().expect("stdin");
            for header in headers.split(' ') {
                writeln!(stdin, "#include <{header}>")?;
            }
            drop(stdin);
            child.wait_with_output()
        })
        .expect("run cc -E");
    assert!(out.status.success(), "cc -E of {headers} failed");
    String::from_utf8(out.stdout).expect("UTF-8 header")
}

/// The C fixture's declarations (`c/fixture.h`) as a user pastes them into run-time mode's
/// `cdef`: without the `#include`s.
pub fn fixture_declarations() -> String {
    include_str!("../c/fixture.h")
        .lines()
        .filter(|l| !l.starts_with("#include"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The C fixture library opened in run-time mode, with [`fixture_declarations`] read.
pub fn runtime_fixture() -> (cffi_core::runtime::Ffi, cffi_core::runtime::Lib) {
    let ffi = cffi_core::runtime::Ffi::from_cdef(&fixture_declarations()).unwrap();
    // SAFETY: the fixture library's initialisers are trivial.
    let lib = unsafe { ffi.dlopen(env!("CFFI_FIXTURE_LIB")) }.unwrap();
    (ffi, lib)
}
