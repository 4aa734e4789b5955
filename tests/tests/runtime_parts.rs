//! Declarations read part by part (`Ffi::cdef` call after call, `cffi_frontend::Session`):
//! each part in the scope of the parts before, reading only its own text, with the same
//! result as reading all the text at once.

use cffi_core::runtime::{Ffi, Value};
use cffi_frontend::{Options, Session};

/// Byte offsets where `text` may be cut into parts: line starts outside braces and
/// parentheses right after a line ending a declaration.
fn cuts(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let (mut depth, mut offset) = (0i64, 0);
    let mut ends_declaration = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let directive = trimmed.starts_with('#');
        // Right after a declaration: a run of `#define`s starts a part, with the declarations
        // after it, since a `#define` may name what comes next (as `SCHAR_MIN` names
        // `SCHAR_MAX` in <limits.h>, and `__NCPUBITS` the typedef after it in <sched.h>).
        if depth == 0 && ends_declaration && !trimmed.is_empty() {
            cuts.push(offset);
        }
        if !directive {
            let mut quote = None;
            let mut escaped = false;
            for c in line.chars() {
                match (quote, c) {
                    (Some(_), _) if escaped => escaped = false,
                    (Some(_), '\\') => escaped = true,
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '{' | '(' | '[') => depth += 1,
                    (None, '}' | ')' | ']') => depth -= 1,
                    _ => {}
                }
            }
        }
        if !trimmed.is_empty() {
            ends_declaration = !directive && trimmed.ends_with(';');
        }
        offset += line.len();
    }
    cuts
}

/// The declarations of `m`, in an order that does not depend on where the text was cut: a
/// part's `#define` constants come at its end, so constants are sorted by name, what is left
/// out by place, and the order
/// of items (which only orders what is generated) is left out.
fn dump(m: &cffi_frontend::Module) -> String {
    let mut consts: Vec<_> = m.consts.iter().collect();
    consts.sort_by(|a, b| a.name.cmp(&b.name));
    let mut skipped: Vec<_> = m.skipped.iter().collect();
    skipped.sort_by_key(|s| s.span.start);
    format!(
        "{:#?}",
        (
            &m.functions,
            &m.vars,
            consts,
            &m.records,
            &m.enums,
            &m.typedefs,
            skipped,
            &m.aliases
        )
    )
}

/// `text` read whole and in parts (cut at `cuts`) gives the same declarations.
fn same_in_parts(name: &str, text: &str, lenient: bool) {
    let opts = Options {
        lenient,
        ..Options::default()
    };
    let whole = cffi_frontend::parse(text, &opts);
    let mut session = Session::new(&opts);
    let mut from = 0;
    let mut parts = 0;
    for cut in cuts(text).into_iter().chain([text.len()]) {
        if cut <= from {
            continue;
        }
        // Parts are joined with a newline: each part leaves out the one it ends with.
        let part = text[from..cut]
            .strip_suffix('\n')
            .unwrap_or(&text[from..cut]);
        let read = session.add(part, &opts);
        assert_eq!(read.errors, Vec::new(), "{name}: part at {from}: {part}");
        session.commit();
        from = cut;
        parts += 1;
    }
    assert!(parts > 1, "{name} was not cut");
    assert_eq!(whole.errors, Vec::new(), "{name}");
    assert_eq!(session.text(), text.strip_suffix('\n').unwrap_or(text));
    let (whole, parts_read) = (dump(&whole.module), dump(session.module()));
    if whole != parts_read {
        let line = whole
            .lines()
            .zip(parts_read.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{name}: read in {parts} parts, the declarations differ from line {line} of their dump:\n{}\n---\n{}",
            whole
                .lines()
                .skip(line.saturating_sub(5))
                .take(12)
                .collect::<Vec<_>>()
                .join("\n"),
            parts_read
                .lines()
                .skip(line.saturating_sub(5))
                .take(12)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

/// The system's headers (zlib, sqlite3, POSIX ones), on the systems that have them.
#[cfg(unix)]
#[test]
fn real_headers_read_in_parts_are_read_as_whole() {
    for header in [
        "zlib.h",
        "sqlite3.h",
        "stdio.h",
        "math.h",
        "pthread.h",
        "time.h",
        "string.h",
    ] {
        let text = cffi_tests::preprocessed(header);
        same_in_parts(header, &text, true);
    }
}

#[test]
fn declarations_written_by_hand_read_in_parts_are_read_as_whole() {
    for (name, text) in [
        ("fixture.h", include_str!("../c/fixture.h")),
        ("handles.h", include_str!("../c/handles.h")),
        ("own_time.h", include_str!("../c/own_time.h")),
    ] {
        let text: String = text
            .lines()
            .filter(|l| {
                !["#include", "#if", "#endif", "#else"]
                    .iter()
                    .any(|d| l.starts_with(d))
            })
            // Include guards: a `#define` of nothing.
            .filter(|l| !(l.starts_with("#define") && l.split_whitespace().count() == 2))
            .map(|l| format!("{l}\n"))
            .collect();
        same_in_parts(name, &text, false);
    }
}

#[test]
fn each_cdef_uses_the_ones_before() {
    let mut ffi = Ffi::new();
    ffi.cdef("#define SCALE 10").unwrap();
    ffi.cdef("typedef int count_t;").unwrap();
    ffi.cdef("struct later;").unwrap();
    ffi.cdef("struct later { count_t n[SCALE]; };").unwrap();
    ffi.cdef("#pragma pack(push, 1)").unwrap();
    ffi.cdef("struct packed { char c; count_t n; };").unwrap();
    ffi.cdef("#pragma pack(pop)").unwrap();
    ffi.cdef("struct aligned { char c; count_t n; };").unwrap();
    ffi.cdef("enum { RED = SCALE, GREEN };").unwrap();
    ffi.cdef("int abs(count_t x);").unwrap();
    assert_eq!(ffi.sizeof("struct later").unwrap(), 40);
    assert_eq!(ffi.sizeof("struct packed").unwrap(), 5);
    assert_eq!(ffi.sizeof("struct aligned").unwrap(), 8);
    assert_eq!(ffi.constant("GREEN").unwrap(), Value::Int(11));
    assert_eq!(ffi.constant("SCALE").unwrap(), Value::Int(10));
    // SAFETY: `abs` is declared as the C library defines it.
    let libc = unsafe { ffi.dlopen("c") }.unwrap();
    assert_eq!(
        unsafe { libc.call("abs", &[Value::Int(-4)]) }.unwrap(),
        Value::Int(4)
    );
}

#[test]
fn a_cdef_with_an_error_adds_nothing() {
    let mut ffi = Ffi::new();
    ffi.cdef("typedef int count_t;\n#define LIMIT 3").unwrap();
    // The error is on line 2 of the text given, and the first line is not added either.
    let e = ffi
        .cdef("int fine(count_t);\nundeclared_t broken(void);")
        .unwrap_err();
    assert!(e.to_string().starts_with("2:1:"), "{e}");
    assert_eq!(ffi.functions().count(), 0);
    assert!(ffi.typeof_("count_t").is_ok());
    // A redefinition across calls is an error, as within one.
    let e = ffi.cdef("#define LIMIT 4").unwrap_err();
    assert!(e.to_string().contains("defined again"), "{e}");
    assert_eq!(ffi.constant("LIMIT").unwrap(), Value::Int(3));
    // The same name declared again as another kind of thing, across calls.
    let e = ffi.cdef("int count_t(void);").unwrap_err();
    assert!(e.to_string().starts_with("1:"), "{e}");
    // What only API mode binds is refused in a later call too, also where it completes a
    // struct declared before.
    ffi.cdef("struct opaque;").unwrap();
    let e = ffi.cdef("struct opaque { int a[...]; };").unwrap_err();
    assert!(e.to_string().contains("needs the C compiler"), "{e}");
    let e = ffi.cdef("typedef int... width_t;").unwrap_err();
    assert!(e.to_string().contains("needs the C compiler"), "{e}");
    // After the errors, the declarations go on from where they were.
    ffi.cdef("int fine(count_t);").unwrap();
    assert_eq!(ffi.functions().collect::<Vec<_>>(), ["fine"]);
}

#[test]
fn types_held_across_a_cdef_keep_their_declarations() {
    let mut ffi = Ffi::new();
    ffi.cdef("struct p { int x; };").unwrap();
    let held = ffi.typeof_("struct p").unwrap();
    ffi.cdef("struct q { double y; };").unwrap();
    assert_eq!(held.size().unwrap(), 4);
    assert_eq!(ffi.sizeof("struct q").unwrap(), 8);
}
