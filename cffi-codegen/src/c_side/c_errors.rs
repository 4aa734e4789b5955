//! What the C compiler said about a module, carried from the build script to the macro, so
//! that it lands as a Rust compile error on the declaration that caused it.
//!
//! The build script does not fail when the C does not compile: it writes the compiler's
//! errors to `OUT_DIR`, one file per module, and the macro turns each into `compile_error!`.
//! An error on a line of the module's Rust file (the generated C names it with `#line`) is
//! put on the first token of that line; one anywhere else (the module's `.c` file, a header)
//! is put on the argument that brought that C in, with the C file and line in the message.

use std::path::Path;

use proc_macro2::Span;

use crate::text::ctext::CText;

/// One error of the C compiler, with the notes that follow it.
struct Entry {
    file: String,
    line: usize,
    /// `file:line: message`, then each note on its own line.
    text: String,
    message: String,
}

/// The file in `OUT_DIR` that holds module `key`'s errors.
pub fn file_name(key: &str) -> String {
    format!("cffi_errors_{key}.txt")
}

/// The errors in a C compiler's output, for a module written in `rust_file`, as the file the
/// macro reads: one line per error, `LINE<TAB>MESSAGE`, where LINE is the line of the Rust
/// file (0 for an error elsewhere) and newlines in MESSAGE are written `\n`.
pub fn encode(stderr: &str, rust_file: &Path) -> String {
    let entries = parse(stderr);
    if entries.is_empty() {
        let text = stderr.trim();
        let text = if text.is_empty() {
            "the C compiler failed without a message"
        } else {
            text
        };
        return format!("0\t{REJECTS}{}\n", escape(text));
    }
    let mut out = String::new();
    for e in entries {
        let (line, text) = if Path::new(&e.file) == rust_file && e.line > 0 {
            (e.line, e.message)
        } else {
            (0, format!("{REJECTS}{}", e.text))
        };
        out.push_str(&format!("{line}\t{}\n", escape(&text)));
    }
    out
}

const REJECTS: &str = "the C compiler rejects the C of this module: ";

/// The file the macro reads for a module the build script could not compile at all, with
/// why (`pkg-config` could not find a package for the target).
pub fn encode_failure(message: &str) -> String {
    format!("0\t{}\n", escape(message))
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// The errors of gcc's or clang's output (`file:line:col: error: message`), each with the
/// notes after it; warnings and the "In file included from" context are dropped.
fn parse(stderr: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    // Notes belong to the error before them; a warning's notes are dropped with it.
    let mut in_error = false;
    for line in stderr.lines() {
        let Some((place, kind, message)) = split(line) else {
            continue;
        };
        match kind {
            "error" | "fatal error" => {
                let (file, line_no) = location(place);
                // The C file cffi-rs writes is no place of the user's: an error there (a
                // header `include` names that cannot be found) is said without it.
                let text = match generated(file) {
                    true => message.to_string(),
                    false => format!("{}: {message}", short_place(place)),
                };
                entries.push(Entry {
                    file: file.to_string(),
                    line: line_no,
                    text,
                    message: message.to_string(),
                });
                in_error = true;
            }
            "note" if in_error => {
                if let Some(e) = entries.last_mut() {
                    let note = format!("\nnote: {} ({})", message, short_place(place));
                    e.text.push_str(&note);
                    e.message.push_str(&note);
                }
            }
            _ => in_error = false,
        }
    }
    entries
}

/// Whether `file` is the C file the build script writes for the modules (`cffi_*.c`).
fn generated(file: &str) -> bool {
    Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("cffi_") && n.ends_with(".c"))
}

/// `place: kind: message`, for the kinds compilers print.
fn split(line: &str) -> Option<(&str, &str, &str)> {
    for kind in ["fatal error", "error", "warning", "note"] {
        let marker = format!(": {kind}: ");
        if let Some(at) = line.find(&marker) {
            return Some((&line[..at], kind, &line[at + marker.len()..]));
        }
    }
    None
}

/// The file and line of `file:line:col` or `file:line` (line 0 when there is none).
fn location(place: &str) -> (&str, usize) {
    let mut rest = place;
    let mut numbers = Vec::new();
    while let Some((head, tail)) = rest.rsplit_once(':') {
        match tail.parse::<usize>() {
            Ok(n) if numbers.len() < 2 => {
                numbers.push(n);
                rest = head;
            }
            _ => break,
        }
    }
    (rest, numbers.last().copied().unwrap_or(0))
}

/// `file:line` without the column.
fn short_place(place: &str) -> String {
    match location(place) {
        (file, 0) => file.to_string(),
        (file, line) => format!("{file}:{line}"),
    }
}

/// The errors the build script wrote for module `key`, if its C did not compile.
pub fn read(key: &str) -> Option<Vec<(usize, String)>> {
    let dir = std::env::var_os("OUT_DIR")?;
    let text = std::fs::read_to_string(Path::new(&dir).join(file_name(key))).ok()?;
    Some(
        text.lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(line, message)| (line.parse().unwrap_or(0), unescape(message)))
            .collect(),
    )
}

/// Where an error on a line of the Rust file goes, if the module wrote that line.
pub enum Lines<'a> {
    /// Declarations as tokens: the first token of the line, from text offset `from` on (or,
    /// for a parameter of a function of `module` whose type the C disagrees with, the
    /// parameter).
    Declarations {
        ctext: &'a CText,
        from: usize,
        module: &'a cffi_frontend::Module,
    },
    /// C source in a string literal: the literal, if it spans the line.
    Literal(&'a syn::LitStr),
}

impl Lines<'_> {
    fn place(&self, line: usize, raw: &str, message: &str) -> Option<syn::Error> {
        match self {
            Lines::Declarations {
                ctext,
                from,
                module,
            } => {
                let exact =
                    param_span(ctext, module, raw).or_else(|| field_span(ctext, module, raw));
                exact
                    .or_else(|| ctext.span_on_line(*from, line))
                    .map(|span| {
                        syn::Error::new(
                            span,
                            format!("the C compiler disagrees with this declaration: {message}"),
                        )
                    })
            }
            Lines::Literal(lit) => {
                let span = lit.span();
                (span.start().line..=span.end().line)
                    .contains(&line)
                    .then(|| {
                        syn::Error::new(
                            span,
                            format!("the C compiler rejects line {line} of this C: {message}"),
                        )
                    })
            }
        }
    }
}

/// The compile errors for module `key`'s C: on the module's `lines` where the error is on
/// one of them, else on `origin`, the argument that brought the C in.
pub fn errors(key: &str, lines: Lines<'_>, origin: Span) -> Vec<syn::Error> {
    let Some(entries) = read(key) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut lines_seen = std::collections::HashSet::new();
    for (line, raw) in &entries {
        if *line == 0 {
            out.push(syn::Error::new(origin, raw));
            continue;
        }
        // One mistake, one error: what only follows from an earlier error on the line goes.
        let earlier = !lines_seen.insert(*line);
        if crate::c_side::c_messages::is_consequence(raw, earlier) {
            continue;
        }
        let message = crate::c_side::c_messages::in_user_terms(raw);
        if let Some(e) = lines.place(*line, raw, &message) {
            out.push(e);
        }
    }
    if out.is_empty() {
        // Errors on another module's lines: this module's C did not compile either.
        let first = entries.first().map_or("", |(_, m)| m.as_str());
        out.push(syn::Error::new(
            origin,
            format!(
                "the C compiled with this module failed, on the declarations of another module sharing its C: {first}"
            ),
        ));
    }
    out
}

/// The span of the parameter a function conflict names, where the module declares the
/// function with that parameter.
fn param_span(ctext: &CText, m: &cffi_frontend::Module, raw: &str) -> Option<Span> {
    let conflict = crate::c_side::c_messages::FunctionConflict::read(raw)?;
    let f = m.function(&conflict.name)?;
    let param = f.ty.params.get(conflict.param?)?;
    Some(ctext.spans_of(param.span.clone()).0)
}

/// The span of the field a field check's conflict names.
fn field_span(ctext: &CText, m: &cffi_frontend::Module, raw: &str) -> Option<Span> {
    let (record, path) = crate::c_side::c_messages::field_of(raw)?;
    let names = crate::rust_model::names::c_record_names(m);
    let id = names
        .iter()
        .position(|n| n.as_deref() == Some(record.as_str()))?;
    let last = path.rsplit('.').next()?;
    let field = find_field(m, cffi_frontend::RecordId(id as u32), last, 0)?;
    Some(ctext.spans_of(field).0)
}

/// The span of field `name` of record `id`, through anonymous members.
fn find_field(
    m: &cffi_frontend::Module,
    id: cffi_frontend::RecordId,
    name: &str,
    depth: usize,
) -> Option<std::ops::Range<usize>> {
    for f in m.record(id).fields.iter().flatten() {
        if f.name.as_deref() == Some(name) {
            return Some(f.span.clone());
        }
        if let cffi_frontend::TypeKind::Record(inner) = m.resolve(&f.ty).kind
            && depth < 64
            && let Some(span) = find_field(m, inner, name, depth + 1)
        {
            return Some(span);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const GCC: &str = "In file included from /out/cffi_m.c:2:\n\
/crate/src/lib.rs:7:1: error: conflicting types for \u{2018}add\u{2019}; have \u{2018}void(double *)\u{2019}\n\
    7 | void add(double *a);\n\
/crate/c/add.c:1:6: note: previous definition of \u{2018}add\u{2019} with type \u{2018}void(float *)\u{2019}\n\
/crate/c/add.c:3:1: warning: unused\n\
/crate/c/add.c:3:1: note: a note of a warning\n\
/crate/c/add.c:9:3: error: expected \u{2018};\u{2019} before \u{2018}}\u{2019} token\n";

    #[test]
    fn errors_on_rust_lines_keep_their_line_and_notes() {
        let file = encode(GCC, Path::new("/crate/src/lib.rs"));
        let lines: Vec<&str> = file.lines().collect();
        assert_eq!(lines.len(), 2, "{file}");
        assert!(lines[0].starts_with("7\tconflicting types"), "{file}");
        assert!(
            lines[0].contains("\\nnote: previous definition of \u{2018}add\u{2019} with type \u{2018}void(float *)\u{2019} (/crate/c/add.c:1)"),
            "{file}"
        );
        assert!(
            lines[1].starts_with(
                "0\tthe C compiler rejects the C of this module: /crate/c/add.c:9: expected"
            ),
            "{file}"
        );
        assert!(!file.contains("a note of a warning"), "{file}");
    }

    #[test]
    fn errors_of_another_file_have_no_line() {
        let file = encode(GCC, Path::new("/crate/src/other.rs"));
        assert!(
            file.starts_with(
                "0\tthe C compiler rejects the C of this module: /crate/src/lib.rs:7: conflicting"
            ),
            "{file}"
        );
    }

    #[test]
    fn output_without_errors_is_kept_whole() {
        let file = encode("cc: not found\n", Path::new("/x.rs"));
        assert_eq!(
            file,
            "0\tthe C compiler rejects the C of this module: cc: not found\n"
        );
        assert_eq!(unescape(&escape("a\\nb\nc")), "a\\nb\nc");
    }

    #[test]
    fn errors_in_the_generated_c_are_said_without_its_place() {
        let gcc = "/t/out/cffi_geom_d55bba4e.c:2:10: fatal error: /p/c/nothere.h: No such file or directory\n";
        let file = encode(gcc, Path::new("/p/src/lib.rs"));
        assert_eq!(
            file,
            "0\tthe C compiler rejects the C of this module: /p/c/nothere.h: No such file or directory\n"
        );
    }

    #[test]
    fn locations_with_and_without_columns() {
        assert_eq!(location("/a/b.c:12:5"), ("/a/b.c", 12));
        assert_eq!(location("/a/b.c:12"), ("/a/b.c", 12));
        assert_eq!(location("cc1"), ("cc1", 0));
        assert_eq!(location("C:/x/y.c:3:4"), ("C:/x/y.c", 3));
    }
}
