//! Types only the C compiler knows, in API mode: `typedef int... t;` and `typedef float...
//! t;` (a number of unknown size), `typedef ... t;` and `typedef ... *t;` (an opaque type).

use super::specs::Specs;
use super::{PResult, Parser};
use crate::error::{Error, ErrorKind};
use crate::model::{RecordKind, TypeKind};
use crate::token::{Punct, Tok, Token};

impl Parser<'_> {
    /// The `...` of `typedef int... t;`, `typedef float... t;`, `typedef ... t;` or
    /// `typedef ... *t;`. The last two name a type only the compiler knows, used through
    /// pointers: an opaque struct, as cffi declares it.
    pub(super) fn unknown_typedef(&mut self, s: &mut Specs, t: Token) -> PResult<()> {
        let pointer = self.peek_at(1).kind == Tok::P(Punct::Star);
        if s.is_untyped() {
            self.bump();
            let id = self.new_record(RecordKind::Struct, None, t);
            s.set_named(TypeKind::Record(id));
            return Ok(());
        }
        let kind = s.number_kind().filter(|_| !pointer).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidSpecifiers,
                t.span(),
                "`...` here must follow `int`, `float` or nothing",
            )
            .with_hint(
                "write `typedef int... name;`, `typedef float... name;`, `typedef ... name;` or `typedef ... *name;`",
            )
        })?;
        s.set_unknown(kind);
        self.bump();
        Ok(())
    }
}
