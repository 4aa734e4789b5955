//! Reading the macro's input, module after module, with each `uses = "name"` resolved: the
//! earlier module it names, and the declarations of that module and of the modules it uses in
//! turn, which come first when the module's C is read.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr};

use crate::input::macro_input::{Input, ModuleDecl, Uses};

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Input> {
        let mut modules: Vec<ModuleDecl> = Vec::new();
        while !input.is_empty() {
            let mut decl: ModuleDecl = input.parse()?;
            if let Some(name) = &decl.uses_name {
                let uses = used_module(&modules, &decl, name)?;
                if uses.import.is_some() {
                    inherit_header_settings(&mut decl, &modules, &uses.module);
                }
                decl.uses = Some(uses);
            }
            modules.push(decl);
        }
        if modules.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "expected a module of C declarations; write `#[cffi(abi, lib = \"m\")] pub unsafe mod libm { float sqrtf(float x); }`",
            ));
        }
        Ok(Input { modules })
    }
}

/// The module `uses` names: an earlier module of the same `cdef!`, of declarations written out.
fn used_module(earlier: &[ModuleDecl], decl: &ModuleDecl, name: &LitStr) -> syn::Result<Uses> {
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
fn inherit_header_settings(decl: &mut ModuleDecl, earlier: &[ModuleDecl], used: &Ident) {
    let Some(used) = earlier.iter().find(|m| m.ident == *used) else {
        return;
    };
    let (own, theirs) = (&mut decl.settings, &used.settings);
    if own.cflags.is_none() && own.pkg_config.is_none() {
        own.cflags = theirs.cflags.clone();
        own.pkg_config = theirs.pkg_config.clone();
    }
}
