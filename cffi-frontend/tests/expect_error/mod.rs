//! Checking a front-end error: its kind, the bytes it is on, and what its message says.
#![allow(dead_code)]

use cffi_frontend::{Error, ErrorKind, Options, parse};

/// Parses `src` and returns its single error, with the text its span covers.
pub fn one_error(src: &str) -> (Error, String) {
    let p = parse(src, &Options::default());
    assert_eq!(p.errors.len(), 1, "{src}\n{:#?}", p.errors);
    let e = p.errors.into_iter().next().unwrap();
    let text = src[e.span.clone()].to_string();
    (e, text)
}

/// `src` has one error, of `kind`, on the text `on`, whose message contains `message_has`.
pub fn check(src: &str, kind: ErrorKind, on: &str, message_has: &str) -> Error {
    let (e, text) = one_error(src);
    assert_eq!(e.kind, kind, "{src}: {e}");
    assert_eq!(text, on, "{src}: {e}");
    assert!(
        e.to_string().contains(message_has),
        "{src}: `{e}` lacks `{message_has}`"
    );
    e
}
