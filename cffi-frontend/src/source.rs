//! Where a byte offset is: line, column and, after `gcc -E`, the file it came from.

/// A position a user can read: 1-based line and column (in characters), and the file named by
/// the nearest preceding line marker, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc<'a> {
    pub file: Option<&'a str>,
    pub line: u32,
    pub column: u32,
}

/// A `# <line> "<file>"` marker: the line after the one at `offset` is line `line` of `file`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineMarker {
    /// Byte offset of the first byte after the marker's line.
    pub offset: usize,
    pub line: u32,
    pub file: u32,
}

/// Maps byte offsets of one source text to lines, columns and files.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    line_starts: Vec<usize>,
    markers: Vec<LineMarker>,
    files: Vec<String>,
}

impl SourceMap {
    pub(crate) fn new(src: &str, markers: Vec<LineMarker>, files: Vec<String>) -> SourceMap {
        let mut line_starts = vec![0];
        line_starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceMap {
            line_starts,
            markers,
            files,
        }
    }

    /// The location of `offset`. Lines after a line marker count from the marker's line.
    pub fn loc<'a>(&'a self, src: &str, offset: usize) -> Loc<'a> {
        let line_index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = src
            .get(line_start..offset.min(src.len()))
            .map_or(0, |s| s.chars().count()) as u32
            + 1;
        let marker_index = self.markers.partition_point(|m| m.offset <= offset);
        match marker_index.checked_sub(1).map(|i| &self.markers[i]) {
            None => Loc {
                file: None,
                line: line_index as u32 + 1,
                column,
            },
            Some(m) => {
                let marker_line = self.line_starts.partition_point(|&s| s <= m.offset) - 1;
                Loc {
                    file: self.files.get(m.file as usize).map(String::as_str),
                    line: m.line + (line_index - marker_line) as u32,
                    column,
                }
            }
        }
    }

    /// The file of `offset`, as named by the nearest preceding line marker.
    pub fn file(&self, offset: usize) -> Option<&str> {
        let i = self.markers.partition_point(|m| m.offset <= offset);
        let m = self.markers.get(i.checked_sub(1)?)?;
        self.files.get(m.file as usize).map(String::as_str)
    }

    /// Every file named by a line marker, in order of first appearance.
    pub fn files(&self) -> &[String] {
        &self.files
    }
}
