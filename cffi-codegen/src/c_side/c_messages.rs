//! The C compiler's messages about an API-mode module, said in the user's terms: a check's
//! generated name becomes the field, global, typedef or constant it checks; a declaration the
//! C lacks says so; a function whose parameter disagrees names that parameter; and an error
//! that only follows from another on the same line is left out (one mistake, one error).

/// The C name of one check: its kind and what it checks, then the module's key, each part
/// escaped (`_` as `_1`, a space as `_2`, `.` as `_3`, anything else as `_4`) and separated
/// by `_0`, so that a message naming it can be read back ([`checked`]).
pub fn check_name(kind: &str, parts: &[&str], key: &str) -> String {
    let mut name = String::from("cffi_rs");
    for part in std::iter::once(kind)
        .chain(parts.iter().copied())
        .chain([key])
    {
        name.push_str("_0");
        for c in part.chars() {
            match c {
                '_' => name.push_str("_1"),
                ' ' => name.push_str("_2"),
                '.' => name.push_str("_3"),
                c if c.is_ascii_alphanumeric() => name.push(c),
                _ => name.push_str("_4"),
            }
        }
    }
    name
}

/// The kind and parts of check `name` ([`check_name`]), unescaped.
fn parts(name: &str) -> Option<Vec<String>> {
    let rest = name.strip_prefix("cffi_rs_0")?;
    Some(rest.split("_0").map(unescape).collect())
}

fn unescape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut chars = part.chars();
    while let Some(c) = chars.next() {
        out.push(match (c, c == '_') {
            (_, true) => match chars.next() {
                Some('1') => '_',
                Some('2') => ' ',
                Some('3') => '.',
                _ => '?',
            },
            (c, false) => c,
        });
    }
    out
}

/// What check `name` checks, in words (`field \`id\` of \`struct box\``), if it is one.
fn checked(name: &str) -> Option<String> {
    match parts(name)?.as_slice() {
        [kind, record, field, _key] if kind == "field" => {
            Some(format!("field `{field}` of `{record}`"))
        }
        [kind, name, _key] if kind == "global" => Some(format!("global `{name}`")),
        [kind, name, _key] if kind == "typedef" => Some(format!("typedef `{name}`")),
        [kind, name, _key] if kind == "const" => Some(format!("constant `{name}`")),
        _ => None,
    }
}

/// The record (as C spells it) and member path of the field check a conflict names.
pub fn field_of(message: &str) -> Option<(String, String)> {
    let rest = message.strip_prefix("conflicting types for ")?;
    let (name, _) = quoted(rest)?;
    match parts(name)?.as_slice() {
        [kind, record, field, _] if kind == "field" => Some((record.clone(), field.clone())),
        _ => None,
    }
}

/// The text between the first pair of quotes gcc or clang put around a name or type
/// (‘…’ or '…') after `from`.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let open = text.find(['\u{2018}', '\''])?;
    let close_char = if text[open..].starts_with('\u{2018}') {
        '\u{2019}'
    } else {
        '\''
    };
    let start = open + text[open..].chars().next()?.len_utf8();
    let end = start + text[start..].find(close_char)?;
    Some((&text[start..end], &text[end + close_char.len_utf8()..]))
}

/// A type gcc quotes, by what its typedefs stand for when gcc says (`‘DWORD(void)’ {aka
/// ‘long unsigned int(void)’}`), as declarations here spell C types.
fn spelled(text: &str) -> Option<(&str, &str)> {
    let (ty, rest) = quoted(text)?;
    match rest.trim_start().strip_prefix("{aka ") {
        Some(aka) => quoted(aka),
        None => Some((ty, rest)),
    }
}

/// A pointer type's spelling without its last `*` (checks compare pointers to the types).
fn pointee(spelling: &str) -> &str {
    spelling
        .trim_end()
        .strip_suffix('*')
        .unwrap_or(spelling)
        .trim_end()
}

/// `message` in the user's terms, where it is one of the shapes the module's checks cause.
pub fn in_user_terms(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("conflicting types for ") {
        let Some((name, rest)) = quoted(rest) else {
            return message.to_string();
        };
        if let Some(what) = checked(name) {
            let ours = rest
                .strip_prefix("; have ")
                .and_then(quoted)
                .map(|(t, _)| t);
            let theirs = rest
                .split_once("with type ")
                .and_then(|(_, t)| quoted(t))
                .map(|(t, _)| t);
            return match (ours, theirs) {
                (Some(ours), Some(theirs)) => format!(
                    "{what} is `{}` in the C, but `{}` here",
                    pointee(theirs),
                    pointee(ours)
                ),
                _ => format!("{what} has another type in the C than here"),
            };
        }
        if let Some(conflict) = FunctionConflict::read(message) {
            // Where the C declares it, from the compiler's note.
            let place = message
                .rsplit_once(" (")
                .and_then(|(_, p)| p.strip_suffix(')'))
                .filter(|p| !p.ends_with(".rs") && !p.contains(".rs:"));
            return match place {
                Some(p) => format!("{} (the C declares it at {p})", conflict.describe()),
                None => conflict.describe(),
            };
        }
    }
    if let Some((name, rest)) = quoted(message)
        && rest.starts_with(" undeclared")
    {
        return format!(
            "`{name}` is declared here but not in the C the module compiles (its `include` or `source` declares no `{name}`)"
        );
    }
    message.to_string()
}

/// "conflicting types for ‘f’; have ‘int(int,  int)’" with the C's type in the note after.
pub struct FunctionConflict {
    pub name: String,
    /// The first parameter whose type differs (0-based), or `None` for the result.
    pub param: Option<usize>,
    ours: String,
    theirs: String,
}

impl FunctionConflict {
    pub fn read(message: &str) -> Option<FunctionConflict> {
        let rest = message.strip_prefix("conflicting types for ")?;
        let (name, rest) = quoted(rest)?;
        let (ours, _) = spelled(rest.strip_prefix("; have ")?)?;
        let (theirs, _) = spelled(rest.split_once("with type ")?.1)?;
        let (ours_ret, ours_params) = split_fn(ours)?;
        let (theirs_ret, theirs_params) = split_fn(theirs)?;
        let param = match ours_ret == theirs_ret {
            false => None,
            true => Some(
                ours_params
                    .iter()
                    .zip(&theirs_params)
                    .position(|(a, b)| a != b)
                    .unwrap_or(ours_params.len().min(theirs_params.len())),
            ),
        };
        Some(FunctionConflict {
            name: name.to_string(),
            param,
            ours: ours.to_string(),
            theirs: theirs.to_string(),
        })
    }

    fn describe(&self) -> String {
        let types = |spelling: &str| split_fn(spelling).map(|(r, p)| (r.to_string(), p));
        let (Some((ours_ret, ours)), Some((theirs_ret, theirs))) =
            (types(&self.ours), types(&self.theirs))
        else {
            return format!("`{}` has another type in the C than here", self.name);
        };
        if (&ours_ret, &ours) == (&theirs_ret, &theirs) {
            // gcc prints no attributes: the types differ in one, a calling convention most
            // likely (`__stdcall` on 32-bit Windows).
            return format!(
                "`{}` is `{}` in the C too, but with an attribute this declaration lacks, such as a calling convention (`__stdcall`)",
                self.name, self.theirs
            );
        }
        match self.param {
            None => format!(
                "`{}` returns `{theirs_ret}` in the C, but `{ours_ret}` here",
                self.name
            ),
            Some(i) => match (ours.get(i), theirs.get(i)) {
                (Some(o), Some(t)) => format!(
                    "parameter {} of `{}` is `{t}` in the C, but `{o}` here",
                    i + 1,
                    self.name
                ),
                _ => format!(
                    "`{}` takes {} parameters in the C, but {} here",
                    self.name,
                    theirs.len(),
                    ours.len()
                ),
            },
        }
    }
}

/// `int(int,  double *)` as its result and parameters.
fn split_fn(spelling: &str) -> Option<(&str, Vec<String>)> {
    let open = spelling.find('(')?;
    let inner = spelling[open + 1..].strip_suffix(')')?;
    let params = match inner.trim() {
        "" | "void" => Vec::new(),
        inner => inner
            .split(',')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect(),
    };
    Some((spelling[..open].trim(), params))
}

/// Errors that follow from an earlier one on the same line: a static assertion whose
/// expression cannot be evaluated because of a name the C lacks.
pub fn is_consequence(message: &str, earlier_on_line: bool) -> bool {
    earlier_on_line && message.starts_with("expression in static assertion is not an integer")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_that_read_the_same_differ_in_an_attribute() {
        let message = "conflicting types for ‘GetTickCount’; have ‘long unsigned int(void)’ previous declaration of ‘GetTickCount’ with type ‘DWORD(void)’ {aka ‘long unsigned int(void)’}";
        let c = FunctionConflict::read(message).unwrap();
        assert!(
            c.describe().contains("an attribute this declaration lacks"),
            "{}",
            c.describe()
        );
    }

    #[test]
    fn check_names_read_back_whatever_the_names_hold() {
        let name = check_name("field", &["struct my_box", "inner.id_2"], "geom_9f");
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        assert_eq!(
            checked(&name).unwrap(),
            "field `inner.id_2` of `struct my_box`"
        );
        assert_eq!(
            checked(&check_name("global", &["x_0"], "k")).unwrap(),
            "global `x_0`"
        );
        assert_eq!(checked("cffi_rs_other"), None);
    }

    #[test]
    fn messages_speak_of_the_declarations() {
        let field = check_name("field", &["struct box", "id"], "geom_1");
        let message = format!(
            "conflicting types for \u{2018}{field}\u{2019}; have \u{2018}int **\u{2019}\nnote: previous declaration of \u{2018}{field}\u{2019} with type \u{2018}long int **\u{2019} (/x/src/lib.rs:4)"
        );
        assert_eq!(
            in_user_terms(&message),
            "field `id` of `struct box` is `long int *` in the C, but `int *` here"
        );
        let function = "conflicting types for \u{2018}area\u{2019}; have \u{2018}int(int,  int)\u{2019}\nnote: previous definition of \u{2018}area\u{2019} with type \u{2018}int(int,  double)\u{2019} (/x/c/geom.c:2)";
        assert_eq!(
            in_user_terms(function),
            "parameter 2 of `area` is `double` in the C, but `int` here (the C declares it at /x/c/geom.c:2)"
        );
        assert_eq!(FunctionConflict::read(function).unwrap().param, Some(1));
        let ret = "conflicting types for 'f'; have 'long int(void)'\nnote: previous declaration of 'f' with type 'int(void)' (a.c:1)";
        assert_eq!(
            in_user_terms(ret),
            "`f` returns `int` in the C, but `long int` here (the C declares it at a.c:1)"
        );
        assert_eq!(
            in_user_terms("\u{2018}missing_fn\u{2019} undeclared here (not in a function)"),
            "`missing_fn` is declared here but not in the C the module compiles (its `include` or `source` declares no `missing_fn`)"
        );
        assert_eq!(in_user_terms("expected ';'"), "expected ';'");
        assert!(is_consequence(
            "expression in static assertion is not an integer",
            true
        ));
    }
}
