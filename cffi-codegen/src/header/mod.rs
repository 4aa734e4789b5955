//! Reading a header (`import = ...`): the preprocessor run (`preprocess`), which files are
//! the header's own (`header_files`), what `allow` keeps and what is left out (`import`), and
//! whether each alternative of `allow` names something (`allow`).

pub(crate) mod allow;
pub(crate) mod header_files;
pub(crate) mod import;
pub(crate) mod preprocess;
