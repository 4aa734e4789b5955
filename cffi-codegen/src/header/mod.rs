//! Reading a header (`import = ...`): the preprocessor run, which files are the header's own
//! (`header_files`), what `allow` keeps and what is left out (`import`).

pub(crate) mod header_files;
pub(crate) mod import;
