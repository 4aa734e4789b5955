//! The header corpus: the tests import each header of `headers.tsv` in ABI mode and in API
//! mode and make real calls into its library (`tests/corpus.rs`: the C library and the first
//! libraries; `tests/system.rs`, `media.rs`, `runtimes.rs`, `crypto.rs`, `data.rs`: the
//! rest, by kind).

/// Runs `$body` against the test file's module `$module` of both modes (`abi::$module` and
/// `api::$module`), with `m` the module and `$lib` its loaded library: the same call must
/// work whichever way the header was bound.
#[macro_export]
macro_rules! both_modes {
    ($test:ident, $module:ident, |$lib:ident| $body:block) => {
        #[test]
        fn $test() {
            {
                use abi::$module as m;
                let $lib = m::Lib::load().unwrap();
                // SAFETY: each call passes valid pointers and arguments the function accepts.
                unsafe { $body }
            }
            {
                use api::$module as m;
                let $lib = m::Lib::load().unwrap();
                // SAFETY: as above.
                unsafe { $body }
            }
        }
    };
}
