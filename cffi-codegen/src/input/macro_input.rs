//! The macro's input: `#[cffi(...)] pub [unsafe] mod name { C declarations }`, one or more.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Ident, LitStr, Meta, Token, Visibility, braced};

use crate::input::settings::Written;

/// Which back end binds the declarations.
pub enum Mode {
    /// Open a shared library at run time.
    Abi { lib: Box<Expr> },
    /// Compile C with the crate (by `cffi_build::compile()` in build.rs) and link it.
    Api {
        /// A C file of the crate, compiled with the bindings' checks and wrappers.
        source: Option<LitStr>,
        /// A header: `<zlib.h>` from the system, or a path in the crate.
        include: Option<LitStr>,
        /// The `api` token, for errors about the build script.
        span: Span,
    },
}

/// `import = "<zlib.h>"`: bind what a header declares, without writing declarations.
#[derive(Clone)]
pub struct Import {
    pub header: LitStr,
    /// `allow = "sqlite3_.*"`: only names matching the pattern (and what they need).
    pub allow: Option<LitStr>,
    /// `safe = "cos|sin"`: the imported functions the user vouches are safe to call.
    pub safe: Option<LitStr>,
    /// `files = "gmp.h|bits/.*"`: more files, by include name, whose declarations count as
    /// the header's own.
    pub files: Option<LitStr>,
}

impl Import {
    /// The values of `allow` and `files`, for the import.
    pub fn filter_values(&self) -> (Option<String>, Option<String>) {
        (
            self.allow.as_ref().map(LitStr::value),
            self.files.as_ref().map(LitStr::value),
        )
    }
}

pub struct ModuleDecl {
    /// Attributes other than `#[cffi]`, such as doc comments, kept on the module.
    pub attrs: Vec<Attribute>,
    pub mode: Mode,
    pub import: Option<Import>,
    /// `cflags`, `pkg_config`, `link`, `link_dirs`, `sources`: what the C is read and
    /// compiled with.
    pub settings: Written,
    /// `packed` or `pack = N`: the `#pragma pack` in force before the declarations, as
    /// Python cffi's `cdef(packed=True)` and `cdef(pack=N)`.
    pub pack: Option<u64>,
    pub vis: Visibility,
    /// `unsafe mod`: the user vouches for the declarations, and that the functions the
    /// bindings would make safe are safe to call.
    pub unsafety: Option<Token![unsafe]>,
    pub ident: Ident,
    pub body: TokenStream,
    /// `uses = "zlib"`: an earlier module of the same `cdef!` whose types this one uses, as
    /// Python cffi's `ffi.include`; resolved by [`Input`].
    pub uses: Option<Uses>,
    /// The name `uses` gives, before [`Input`] resolves it.
    pub(crate) uses_name: Option<LitStr>,
}

pub struct Input {
    pub modules: Vec<ModuleDecl>,
}

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

impl Parse for ModuleDecl {
    fn parse(input: ParseStream) -> syn::Result<ModuleDecl> {
        let all_attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let unsafety: Option<Token![unsafe]> = input.parse()?;
        input.parse::<Token![mod]>()?;
        let ident: Ident = input.parse()?;
        let content;
        braced!(content in input);
        let body: TokenStream = content.parse()?;

        let mut attrs = Vec::new();
        let mut mode = None;
        let mut import = None;
        let mut settings = Written::default();
        let mut pack = None;
        let mut uses_name = None;
        for attr in all_attrs {
            if attr.path().is_ident("cffi") {
                if mode.is_some() {
                    return Err(syn::Error::new_spanned(
                        attr,
                        "duplicate `#[cffi(...)]` attribute; give the mode once",
                    ));
                }
                let args = parse_mode(&attr)?;
                mode = Some(args.mode);
                import = args.import;
                settings = args.settings;
                pack = args.pack;
                uses_name = args.uses;
            } else {
                attrs.push(attr);
            }
        }
        let Some(mode) = mode else {
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "module `{ident}` needs a mode: add `#[cffi(abi, lib = \"name\")]` above it"
                ),
            ));
        };
        if let Mode::Abi { .. } = mode
            && unsafety.is_none()
        {
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "ABI mode needs `unsafe mod {ident}`: nothing checks these declarations against the library at compile time; write `unsafe` to vouch for them"
                ),
            ));
        }
        if let Some(safe) = import.as_ref().and_then(|i| i.safe.as_ref())
            && unsafety.is_none()
        {
            return Err(syn::Error::new_spanned(
                safe,
                format!(
                    "`safe` vouches that calling these functions cannot cause undefined behaviour; write `unsafe mod {ident}` to vouch for them"
                ),
            ));
        }
        Ok(ModuleDecl {
            attrs,
            mode,
            import,
            settings,
            pack,
            vis,
            unsafety,
            ident,
            body,
            uses: None,
            uses_name,
        })
    }
}

/// The arguments of `#[cffi(...)]`, as written.
#[derive(Default)]
struct Args {
    kind: Option<Ident>,
    lib: Option<Expr>,
    source: Option<LitStr>,
    include: Option<LitStr>,
    import: Option<LitStr>,
    allow: Option<LitStr>,
    safe: Option<LitStr>,
    files: Option<LitStr>,
    uses: Option<LitStr>,
    pack: Option<(u64, proc_macro2::Span)>,
    settings: Written,
}

impl Args {
    fn parse(attr: &Attribute) -> syn::Result<Args> {
        let metas = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
        let mut args = Args::default();
        for meta in metas {
            match &meta {
                Meta::Path(p) if p.is_ident("abi") || p.is_ident("api") => {
                    if args.kind.is_some() {
                        return Err(syn::Error::new_spanned(
                            p,
                            "the mode is given twice; write one of `abi` or `api`",
                        ));
                    }
                    args.kind = p.get_ident().cloned();
                }
                Meta::NameValue(nv) if nv.path.is_ident("lib") => args.lib = Some(nv.value.clone()),
                Meta::Path(p) if p.is_ident("packed") => {
                    args.pack = Some((1, syn::spanned::Spanned::span(p)));
                }
                Meta::NameValue(nv) if nv.path.is_ident("pack") => {
                    args.pack = Some((
                        pack_value(&nv.value)?,
                        syn::spanned::Spanned::span(&nv.path),
                    ));
                }
                Meta::NameValue(nv) => args.set(nv)?,
                Meta::Path(p) => {
                    let name = quote::quote!(#p).to_string();
                    return Err(syn::Error::new_spanned(
                        p,
                        format!("unknown mode argument `{name}`; write `abi` or `api`"),
                    ));
                }
                other => return Err(unknown_argument(other)),
            }
        }
        Ok(args)
    }

    /// One `name = "string"` argument.
    fn set(&mut self, nv: &syn::MetaNameValue) -> syn::Result<()> {
        let name = nv
            .path
            .get_ident()
            .map(Ident::to_string)
            .unwrap_or_default();
        let slot = match name.as_str() {
            "source" => &mut self.source,
            "include" => &mut self.include,
            "import" => &mut self.import,
            "allow" => &mut self.allow,
            "safe" => &mut self.safe,
            "files" => &mut self.files,
            "uses" => &mut self.uses,
            "cflags" => &mut self.settings.cflags,
            "pkg_config" => &mut self.settings.pkg_config,
            "link_dirs" => &mut self.settings.link_dirs,
            "sources" => &mut self.settings.sources,
            "link" => {
                let value = string(&nv.value, "link")?;
                self.settings.link.push(value);
                return Ok(());
            }
            _ => return Err(unknown_argument(&Meta::NameValue(nv.clone()))),
        };
        *slot = Some(string(&nv.value, &name)?);
        Ok(())
    }
}

/// `pack = N`: a power of two up to 16, as `#pragma pack(N)` takes.
fn pack_value(e: &Expr) -> syn::Result<u64> {
    let n = match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse::<u64>().ok(),
        _ => None,
    };
    match n {
        Some(n @ (1 | 2 | 4 | 8 | 16)) => Ok(n),
        _ => Err(syn::Error::new_spanned(
            e,
            "`pack` takes 1, 2, 4, 8 or 16: the largest alignment a field keeps",
        )),
    }
}

fn string(e: &Expr, what: &str) -> syn::Result<LitStr> {
    match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Ok(s.clone()),
        other => Err(syn::Error::new_spanned(
            other,
            format!("`{what}` takes a string literal"),
        )),
    }
}

fn unknown_argument(meta: &Meta) -> syn::Error {
    syn::Error::new_spanned(
        meta,
        "unknown `cffi` argument; expected `abi` or `api`, then `lib = \"name\"` (ABI) or `source = \"file.c\"`, `include = \"<header.h>\"`, `link = \"name\"` (API); `import`, `allow`, `safe`, `files`, `cflags`, `pkg_config`, `packed`, `pack = N`, `uses` (both); `sources`, `link_dirs` (API)",
    )
}

/// What one `#[cffi(...)]` says.
struct ModeArgs {
    mode: Mode,
    import: Option<Import>,
    settings: Written,
    pack: Option<u64>,
    uses: Option<LitStr>,
}

/// Arguments that go only with `import`, or only without it.
fn check_import_arguments(args: &Args) -> syn::Result<()> {
    if let (Some((_, span)), Some(_)) = (args.pack, &args.import) {
        return Err(syn::Error::new(
            span,
            "`packed` and `pack` apply to declarations written in the module; a header sets its own packing with `#pragma pack`",
        ));
    }
    if let (Some(a), None) = (args.allow.as_ref().or(args.files.as_ref()), &args.import) {
        return Err(syn::Error::new_spanned(
            a,
            "`allow` and `files` narrow an `import`; add `import = \"<header.h>\"`",
        ));
    }
    if let (Some(s), None) = (&args.safe, &args.import) {
        return Err(syn::Error::new_spanned(
            s,
            "`safe` picks functions of an `import`; in a hand-written `unsafe mod`, functions of scalars are safe already",
        ));
    }
    Ok(())
}

fn parse_mode(attr: &Attribute) -> syn::Result<ModeArgs> {
    let args = Args::parse(attr)?;
    check_import_arguments(&args)?;
    let pack = args.pack.map(|(n, _)| n);
    let uses = args.uses.clone();
    let Some(kind) = args.kind.clone() else {
        return Err(syn::Error::new_spanned(
            attr,
            "missing mode; write `#[cffi(abi, lib = \"name\")]` or `#[cffi(api, source = \"file.c\")]`",
        ));
    };
    let import = args.import.map(|header| Import {
        header,
        allow: args.allow,
        safe: args.safe,
        files: args.files,
    });
    let settings = args.settings;
    let mode = if kind == "api" {
        // The imported header is also what the C compiler checks against.
        let include = args
            .include
            .or_else(|| import.as_ref().map(|i| i.header.clone()));
        api_mode(&kind, args.lib, args.source, include)?
    } else {
        abi_mode(&kind, args.lib, [&args.source, &args.include], &settings)?
    };
    Ok(ModeArgs {
        mode,
        import,
        settings,
        pack,
        uses,
    })
}

fn api_mode(
    kind: &Ident,
    lib: Option<Expr>,
    source: Option<LitStr>,
    include: Option<LitStr>,
) -> syn::Result<Mode> {
    if let Some(lib) = lib {
        return Err(syn::Error::new_spanned(
            lib,
            "`lib` names the library ABI mode opens; in API mode write `link = \"name\"` to link one",
        ));
    }
    if source.is_none() && include.is_none() {
        return Err(syn::Error::new(
            kind.span(),
            "API mode needs the C to compile: add `source = \"file.c\"` or `include = \"<header.h>\"`",
        ));
    }
    Ok(Mode::Api {
        source,
        include,
        span: kind.span(),
    })
}

fn abi_mode(
    kind: &Ident,
    lib: Option<Expr>,
    [source, include]: [&Option<LitStr>; 2],
    settings: &Written,
) -> syn::Result<Mode> {
    let api_only = [source, include, &settings.sources, &settings.link_dirs];
    if let Some(s) = api_only.into_iter().flatten().chain(&settings.link).next() {
        return Err(syn::Error::new_spanned(
            s,
            "`source`, `include`, `sources`, `link` and `link_dirs` are for API mode; ABI mode opens `lib = \"name\"` at run time",
        ));
    }
    match lib {
        Some(Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        })) if s.value().trim().is_empty() => Err(syn::Error::new_spanned(
            s,
            "`lib` is empty; name the library to open: a short name such as \"m\", or a path",
        )),
        Some(lib) => Ok(Mode::Abi { lib: Box::new(lib) }),
        None => Err(syn::Error::new(
            kind.span(),
            "ABI mode needs the library to open: add `lib = \"name\"` (a short name such as \"m\", or a path)",
        )),
    }
}
