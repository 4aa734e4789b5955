//! Run-time mode's errors: values that say which declaration was involved and what went wrong.

use std::fmt;

use crate::LoadError;

/// What went wrong in run-time mode. Every check that fails (an argument of the wrong kind,
/// a field that does not exist, an integer out of range) is one of these, never undefined
/// behaviour.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// C text that the front end rejects: its message, with the line and column in that text.
    Declaration {
        /// The front end's message (with its hint, if any).
        message: String,
        /// 1-based line in the text given to `cdef` or as a type name.
        line: usize,
        /// 1-based column (in bytes) on that line.
        column: usize,
    },
    /// A name that the declarations do not declare (a function, global, constant or type).
    Undeclared(String),
    /// A value that does not fit where it goes: wrong kind, out of range, wrong pointer type,
    /// wrong number of arguments, a field or index that does not exist.
    Value(String),
    /// A declaration that run-time mode cannot bind, with the reason.
    Unsupported(String),
    /// The library could not be opened, or lacks a declared symbol.
    Load(LoadError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Declaration {
                message,
                line,
                column,
            } => write!(f, "{line}:{column}: {message}"),
            Error::Undeclared(name) => {
                write!(f, "`{name}` is not declared: declare it with `cdef`")
            }
            Error::Value(message) | Error::Unsupported(message) => f.write_str(message),
            Error::Load(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Error {
        Error::Load(e)
    }
}

impl Error {
    /// A front-end error in `text`, placed by line and column.
    pub(crate) fn front(text: &str, e: &cffi_frontend::Error) -> Error {
        let before = text.get(..e.span.start).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        let message = match &e.hint {
            Some(hint) => format!("{}; {hint}", e.message),
            None => e.message.clone(),
        };
        Error::Declaration {
            message,
            line,
            column,
        }
    }
}

/// `Result` with run-time mode's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
