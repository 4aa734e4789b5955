//! Whether files changed since a result that read them was stored: each file's size and
//! modification time, as one line of text (`missing <path>` for a file that was not there).
//! The macro's stored expansions and the build script's stored directives both use it.

use std::path::Path;
use std::time::UNIX_EPOCH;

/// A file's size and modification time and its path, or `missing` and its path.
pub fn stamp(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) => {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {time} {}", m.len(), path.display())
        }
        Err(_) => format!("missing {}", path.display()),
    }
}

/// Whether every line of `stamps` (made by [`stamp`]) still describes its file.
pub fn unchanged(stamps: &str) -> bool {
    stamps.lines().all(|line| {
        let path = match line.strip_prefix("missing ") {
            Some(path) => Some(path),
            None => line.splitn(3, ' ').nth(2),
        };
        path.is_some_and(|p| stamp(Path::new(p)) == line)
    })
}

/// The stamps of `paths`, each once, one per line.
pub fn stamps<'a>(paths: impl IntoIterator<Item = &'a Path>) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut text = String::new();
    for p in paths.into_iter().filter(|p| seen.insert(*p)) {
        text.push_str(&stamp(p));
        text.push('\n');
    }
    text
}
