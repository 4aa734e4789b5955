//! How functions are reached: `extern "..."` before declarations, and calling conventions.
//! Python cffi's `extern "Python"` (and `"Python+C"`) marks functions that C code calls by
//! name and the host language defines; C++'s `extern "C"` is an error, as declarations here
//! are C already. `__stdcall` and the like are read as cffi reads them.

use super::record::unclosed;
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind, Span};
use crate::model::ExternPython;
use crate::token::{Kw, Punct, Tok};

impl Parser<'_> {
    /// At `extern "..."`: the linkage, then the declaration or `{ ... }` block it applies to.
    pub(super) fn linkage_declarations(&mut self) -> PResult<()> {
        let kw = self.bump();
        let lit = self.bump();
        let written = self.text(lit);
        // cffi ignores blanks inside the string: `"C + Python"` is `"C+Python"`.
        let name: String = written
            .trim_matches('"')
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let kind = match name.as_str() {
            "Python" => ExternPython::Python,
            "Python+C" | "C+Python" => ExternPython::PythonAndC,
            "C" => {
                return Err(Error::new(
                    ErrorKind::CppConstruct,
                    kw.start as usize..lit.end as usize,
                    "`extern \"C\"` is C++",
                )
                .with_hint("remove it: declarations here are C already"));
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidDeclaration,
                    lit.span(),
                    format!("unknown linkage {written}"),
                )
                .with_hint("write `extern \"Python\"` (or `extern \"Python+C\"`) before functions C calls and Rust defines"));
            }
        };
        if self.linkage.is_some() {
            return Err(Error::new(
                ErrorKind::InvalidDeclaration,
                kw.start as usize..lit.end as usize,
                "`extern \"Python\"` inside another `extern \"Python\"`",
            )
            .with_hint("write one"));
        }
        self.linkage = Some(kind);
        let read = if self.is_punct(Punct::LBrace) {
            self.linkage_block()
        } else {
            self.external_declaration()
        };
        self.linkage = None;
        read
    }

    /// `{ declarations }` after a linkage.
    fn linkage_block(&mut self) -> PResult<()> {
        let open = self.bump();
        loop {
            match self.peek().kind {
                Tok::P(Punct::RBrace) => {
                    self.bump();
                    return Ok(());
                }
                Tok::Eof => return Err(unclosed(open)),
                _ => self.external_declaration()?,
            }
        }
    }

    pub(super) fn not_a_function_in_linkage(&self, name: &str, at: Span) -> Error {
        Error::new(
            ErrorKind::InvalidDeclaration,
            at,
            format!("`extern \"Python\"` applies to functions, and `{name}` is not one"),
        )
        .with_hint("declare it outside the `extern \"Python\"`")
    }

    /// `__stdcall`, `__cdecl`, `WINAPI` and the like, into `attrs`. They choose a calling
    /// convention on 32-bit x86 only; everywhere else there is one C convention and they
    /// mean nothing, as in gcc and Python cffi. There `__stdcall` (and `WINAPI`) is bound;
    /// `__fastcall`, `__thiscall` and `__vectorcall` are errors rather than wrong calls.
    pub(super) fn calling_convention(
        &mut self,
        attrs: &mut super::attributes::Attrs,
    ) -> PResult<()> {
        let t = self.bump();
        if !self.module.target.is_x86_32() {
            return Ok(());
        }
        match t.kind {
            Tok::Kw(k) if k.canonical() == Kw::Stdcall => attrs.stdcall = Some(t.span()),
            Tok::Kw(Kw::Cdecl) => {}
            _ => {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    t.span(),
                    format!("`{}` on 32-bit x86 is not supported", self.text(t)),
                )
                .with_hint("only the C calling convention (`__cdecl`) and `__stdcall` are bound for this target"));
            }
        }
        Ok(())
    }
}
