//! Documentation attributes of generated items: the C declaration's own comment and a line
//! of the binding's, as one `#[doc]` attribute.

use proc_macro2::TokenStream;
use quote::quote;

/// The documentation of a generated item: the C comment `doc`, then the line `extra`.
pub fn docs(doc: &Option<String>, extra: Option<String>) -> TokenStream {
    let lines: Vec<String> = doc
        .iter()
        .flat_map(|d| d.lines())
        .chain(extra.as_deref())
        .map(|l| format!(" {l}"))
        .collect();
    if lines.is_empty() {
        return TokenStream::new();
    }
    // One attribute for all the lines: rustdoc reads it as it reads one per line, and a big
    // header's items cost fewer tokens.
    let text = doc_literal(&lines.join("\n"));
    quote!(#[doc = #text])
}

/// `text` as a literal for `#[doc = ...]`: a raw string where it can be, which is made without
/// escaping every character (three times faster in a big header's documentation).
pub fn doc_literal(text: &str) -> proc_macro2::Literal {
    // A raw string cannot hold a carriage return.
    let hashes = (0..8)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .filter(|_| !text.contains(['\r', '\0']));
    hashes
        .and_then(|h| format!("r{h}\"{text}\"{h}").parse().ok())
        .unwrap_or_else(|| proc_macro2::Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::doc_literal;
    use proptest::prelude::*;

    fn value(text: &str) -> String {
        let lit = doc_literal(text);
        syn::parse2::<syn::LitStr>(quote::quote!(#lit))
            .expect("a string literal")
            .value()
    }

    #[test]
    fn quotes_hashes_and_carriage_returns_survive() {
        for text in [
            "plain",
            "a \"quoted\" word",
            "\"# and \"## too",
            "line\r\nbreak",
            "nul\0",
        ] {
            assert_eq!(value(text), text);
        }
    }

    proptest! {
        #[test]
        fn any_text_is_its_own_literal(text in "\\PC{0,80}|[\"#\\\\r\n]{0,12}") {
            prop_assert_eq!(value(&text), text);
        }
    }
}
