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
