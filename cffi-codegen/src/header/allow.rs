//! The check that each alternative of an import's `allow` pattern names something the
//! header's own files declare.

use cffi_frontend::Module;

/// An error for each alternative of `pattern` that matches no function, global, constant,
/// typedef, struct, union or enum of `m` that `own` (by where it starts) says is the
/// header's own; `header` is the import, as the user wrote it.
pub fn unmatched(
    m: &Module,
    own: &dyn Fn(usize) -> bool,
    pattern: &str,
    header: &str,
) -> Vec<String> {
    let names: Vec<&str> = m
        .functions
        .iter()
        .filter(|f| own(f.span.start))
        .map(|f| f.name.as_str())
        .chain(
            m.vars
                .iter()
                .filter(|v| own(v.span.start))
                .map(|v| v.name.as_str()),
        )
        .chain(
            m.consts
                .iter()
                .filter(|c| own(c.span.start))
                .map(|c| c.name.as_str()),
        )
        .chain(
            m.typedefs
                .iter()
                .filter(|t| own(t.span.start))
                .map(|t| t.name.as_str()),
        )
        .chain(
            m.records
                .iter()
                .filter(|r| own(r.span.start))
                .filter_map(|r| r.tag.as_deref()),
        )
        .chain(
            m.enums
                .iter()
                .filter(|e| own(e.span.start))
                .filter_map(|e| e.tag.as_deref()),
        )
        .collect();
    // What the header declares but cannot be bound, with why: an alternative naming only
    // such declarations is told the reason, not that nothing matches.
    let left_out: Vec<(&str, &str)> = m
        .skipped
        .iter()
        .filter(|s| own(s.span.start))
        .map(|s| (s.name.as_str(), s.reason.as_str()))
        .collect();
    crate::text::patterns::unmatched(pattern, &names, &|alt, hint| match left_out
        .iter()
        .find(|(name, _)| crate::text::patterns::matches(alt, name))
    {
        Some((name, reason)) => format!(
            "`{alt}` in `allow = \"{pattern}\"` matches only what {header} declares but cannot be bound: `{name}`: {reason}"
        ),
        None => format!(
            "`{alt}` in `allow = \"{pattern}\"` matches nothing {header} declares{hint}; `.*` matches any run of characters, `|` separates names"
        ),
    })
}
