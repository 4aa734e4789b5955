//! Reading `uses = "name"` in the macro's input: the earlier module it names, and the
//! declarations of that module and of the modules it uses in turn, which come first when the
//! module's C is read.

use proc_macro2::TokenStream;
use syn::{Ident, LitStr};

use crate::input::{Import, ModuleDecl};

/// The module another one uses the types of: its name, and its declarations (after those of
/// the modules it uses in turn), which come before the user's own when the C is read.
pub struct Uses {
    pub module: Ident,
    /// The declarations of the used module and of those it uses in turn, the deepest first,
    /// each with its module's `pack`: read under it, as Python cffi's `ffi.include` keeps the
    /// included `cdef`'s packing.
    pub segments: Vec<(TokenStream, Option<u64>)>,
    /// The header the used module (or one it uses) imports: it is read before `segments`.
    pub import: Option<Import>,
}

impl Uses {
    /// All the used declarations, in order.
    pub fn body(&self) -> TokenStream {
        self.segments.iter().map(|(t, _)| t.clone()).collect()
    }

    /// Whether any of the used modules is packed.
    pub fn packed(&self) -> bool {
        self.segments.iter().any(|(_, pack)| pack.is_some())
    }
}

/// The module `uses` names: an earlier module of the same `cdef!`, of declarations written out.
pub(crate) fn used_module(
    earlier: &[ModuleDecl],
    decl: &ModuleDecl,
    name: &LitStr,
) -> syn::Result<Uses> {
    let wanted = name.value();
    let Some(used) = earlier.iter().find(|m| m.ident == wanted.trim()) else {
        return Err(syn::Error::new_spanned(
            name,
            format!(
                "`uses` names a module declared earlier in the same `cdef!`; there is no `{wanted}` before `{}`",
                decl.ident
            ),
        ));
    };
    if decl.import.is_some() {
        return Err(syn::Error::new_spanned(
            name,
            "`uses` goes with declarations written out, without `import`",
        ));
    }
    // A module that uses another one reads that one's declarations before its own: so do
    // the modules that use it (the chain's types are re-exported along it).
    let mut segments = used
        .uses
        .as_ref()
        .map(|u| u.segments.clone())
        .unwrap_or_default();
    segments.push((used.body.clone(), used.pack));
    let import = used
        .import
        .clone()
        .or_else(|| used.uses.as_ref().and_then(|u| u.import.clone()));
    if import.is_some() && (decl.pack.is_some() || segments.iter().any(|(_, p)| p.is_some())) {
        return Err(syn::Error::new_spanned(
            name,
            "`packed` and `pack` cannot go with `uses` of an imported module, whose header is read as the C compiler reads it; declare the packed records in a module without `uses`",
        ));
    }
    Ok(Uses {
        module: used.ident.clone(),
        segments,
        import,
    })
}

/// A module that uses an import reads the header as the used module does: with its
/// `cflags` and `pkg_config`, unless it gives its own.
pub(crate) fn inherit_header_settings(decl: &mut ModuleDecl, earlier: &[ModuleDecl], used: &Ident) {
    let Some(used) = earlier.iter().find(|m| m.ident == *used) else {
        return;
    };
    let (own, theirs) = (&mut decl.settings, &used.settings);
    if own.cflags.is_none() && own.pkg_config.is_none() {
        own.cflags = theirs.cflags.clone();
        own.pkg_config = theirs.pkg_config.clone();
    }
}
