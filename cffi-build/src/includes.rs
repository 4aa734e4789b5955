//! The files the compiled C includes, as the compiler reported them (`-MMD`): the library
//! built last time is right only while they are what they were, so their text joins the
//! fingerprint, and cargo reruns the build script when one changes.

use std::path::{Path, PathBuf};

/// The file listing them, beside the library.
pub fn list_file(out_dir: &Path, library: &str) -> PathBuf {
    out_dir.join(format!("{library}.includes"))
}

/// The files one build included: read back from the list the last build wrote.
pub fn read(list: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(list)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// The files the compiler's dependency files (`object.d`, one per object) name, each once.
pub fn from_dependency_files(objects: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = objects
        .iter()
        .filter_map(|o| std::fs::read_to_string(o.with_extension("d")).ok())
        .flat_map(|text| dependencies(&text))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// The prerequisites of a make rule as gcc writes it: `object.o: a.c b.h \` with lines
/// continued by a backslash and spaces in names escaped as `\ `.
fn dependencies(rule: &str) -> Vec<PathBuf> {
    let joined = rule.replace("\\\r\n", " ").replace("\\\n", " ");
    let Some((_, prerequisites)) = joined.split_once(": ") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut name = String::new();
    let mut chars = prerequisites.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => name.push(chars.next().unwrap_or(' ')),
            c if c.is_whitespace() => {
                if !name.is_empty() {
                    out.push(PathBuf::from(std::mem::take(&mut name)));
                }
            }
            c => name.push(c),
        }
    }
    if !name.is_empty() {
        out.push(PathBuf::from(name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_s_prerequisites_continued_lines_and_escaped_spaces() {
        let rule = "/o/x.o: /o/x.c /p/c/a\\ b.h \\\n /p/c/limits.h\n";
        assert_eq!(
            dependencies(rule),
            [
                PathBuf::from("/o/x.c"),
                PathBuf::from("/p/c/a b.h"),
                PathBuf::from("/p/c/limits.h"),
            ]
        );
        assert!(dependencies("no rule here").is_empty());
    }
}
