//! The name patterns of `allow`, `safe` and `files`: a small matcher rather than a regex
//! engine, so that expansion stays cheap and every pattern means what it looks like.

/// `allow` patterns: `.*` matches any run of characters, `|` separates alternatives, and a
/// name matches if it matches one alternative whole.
pub fn matches(pattern: &str, name: &str) -> bool {
    pattern.split('|').any(|alt| {
        let parts: Vec<&str> = alt.split(".*").collect();
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        if parts.len() == 1 {
            return name == first;
        }
        if !name.starts_with(first) || !name[first.len()..].ends_with(last) {
            return false;
        }
        let mut rest = &name[first.len()..name.len() - last.len()];
        for middle in &parts[1..parts.len() - 1] {
            match rest.find(middle) {
                Some(i) => rest = &rest[i + middle.len()..],
                None => return false,
            }
        }
        true
    })
}

/// The alternatives of `pattern` that match none of `names`, each with the message saying so:
/// `what(alternative, hint)`, where the hint names the closest name when one is a likely typo
/// (" (did you mean `hypot`?)") and is empty otherwise.
pub fn unmatched<'a>(
    pattern: &str,
    names: &[&'a str],
    what: &dyn Fn(&str, &str) -> String,
) -> Vec<String> {
    pattern
        .split('|')
        .filter(|alt| !names.iter().any(|n| matches(alt, n)))
        .map(|alt| {
            let hint = match alt.contains(".*") {
                true => None,
                false => cffi_frontend::closest(alt, names.iter().copied()),
            };
            let hint = hint
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            what(alt, &hint)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn allow_patterns() {
        assert!(matches("sqlite3_.*", "sqlite3_open"));
        assert!(!matches("sqlite3_.*", "sqlite3"));
        assert!(matches("sqlite3_.*|SQLITE_OK", "SQLITE_OK"));
        assert!(!matches("sqlite3_.*|SQLITE_OK", "SQLITE_OK2"));
        assert!(matches(".*compress.*", "uncompress2"));
        assert!(matches("BZ2_.*Compress", "BZ2_bzBuffToBuffCompress"));
        assert!(!matches("BZ2_.*Compress", "BZ2_bzBuffToBuffDecompressX"));
    }

    #[test]
    fn each_alternative_must_match_and_a_typo_gets_the_closest_name() {
        let names = ["cos", "hypot", "sin", "sqrt"];
        let what = |alt: &str, hint: &str| format!("`{alt}` matches nothing{hint}");
        assert!(super::unmatched("cos|sin|s.*", &names, &what).is_empty());
        assert_eq!(
            super::unmatched("cos|hypt|x.*", &names, &what),
            [
                "`hypt` matches nothing (did you mean `hypot`?)",
                "`x.*` matches nothing"
            ]
        );
    }
}
