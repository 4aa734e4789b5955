//! The text of the expansion's input and output: the C text of a module with the span of each
//! piece (`ctext`), diagnostics on those spans (`diag`), documentation text (`doc_text`), name
//! patterns (`patterns`), and joining generated pieces (`assemble`). Depends on nothing else
//! of the crate.

pub(crate) mod assemble;
pub(crate) mod ctext;
pub(crate) mod diag;
pub(crate) mod doc_text;
pub(crate) mod patterns;
