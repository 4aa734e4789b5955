//! Joining generated pieces without copying them: `quote!` clones every token it
//! interpolates, and at the outer levels of a module (its items, the owner's methods, the
//! module itself) that is every token of a big header's bindings, once per level. These take
//! the pieces by value instead.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

/// `prefix { pieces... }`, the pieces moved in.
pub fn braced(prefix: TokenStream, pieces: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let mut out = prefix;
    let body: TokenStream = pieces.into_iter().collect();
    out.extend([TokenTree::Group(Group::new(Delimiter::Brace, body))]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn braced_is_what_quote_makes() {
        let made = braced(
            quote!(impl Lib),
            [
                quote!(
                    fn a() {}
                ),
                quote!(
                    fn b() {}
                ),
            ],
        );
        assert_eq!(
            made.to_string(),
            quote!(impl Lib { fn a() {} fn b() {} }).to_string()
        );
    }
}
