//! Run-time errors: what went wrong loading a library, with what was tried.

use std::fmt;

/// Why a library could not be loaded.
///
/// ```
/// use cffi_core::{Library, LoadError, LoadOptions};
///
/// // SAFETY: nothing is opened.
/// let err = unsafe { Library::open("/nonexistent/libnone.so", LoadOptions::new()) }.unwrap_err();
/// assert!(matches!(&err, LoadError::NotFound { tried, .. } if tried.len() == 1));
/// assert!(err.to_string().starts_with("cannot load library `/nonexistent/libnone.so`: tried"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// No candidate file could be opened. Each attempt is listed with the system's message.
    NotFound {
        /// The library as the declarations name it (`"m"`, `"./libadd.so"`).
        name: String,
        /// Every file tried, in order, with why it failed.
        tried: Vec<(String, String)>,
    },
    /// The library opened, but symbols the declarations need are not in it.
    MissingSymbols {
        /// The file that was opened.
        library: String,
        /// Every declared symbol that was not found.
        symbols: Vec<String>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound { name, tried } => {
                write!(f, "cannot load library `{name}`: ")?;
                if tried.is_empty() {
                    return f.write_str("no candidate file names");
                }
                write!(f, "tried ")?;
                for (i, (path, why)) in tried.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{path}` ({why})")?;
                }
                Ok(())
            }
            LoadError::MissingSymbols { library, symbols } => {
                let s = if symbols.len() == 1 { "" } else { "s" };
                write!(
                    f,
                    "library `{library}` lacks {} declared symbol{s}: {}",
                    symbols.len(),
                    symbols.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}
