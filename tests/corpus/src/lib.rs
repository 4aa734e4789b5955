//! The header corpus: `tests/corpus.rs` imports each header of `headers.tsv` in ABI mode and
//! in API mode and makes one real call into its library.
