//! Reusing an import's expansion. Expanding a big header is most of what checking a crate
//! that imports it costs, and an edit elsewhere in the crate expands it again; when nothing
//! the expansion read has changed, the macro gives back the expansion it wrote before.
//!
//! An expansion is reused only when every input is the same: the macro's text, the settings
//! as resolved (the compiler, its flags, pkg-config's), the environment the macro reads, the
//! macro library itself, and every file the preprocessor read, every directory of the include
//! path and the compiler program, by size and modification time. Only modules that import a
//! header and declare nothing of their own are reused (their expansion holds no token of the
//! user's, whose span an error would need), only expansions without errors, and only when no
//! parameter of the module's functions is named as a local of the generated wrappers (the
//! reused text cannot keep their hygiene). Expansions are written beside the macro library in the target
//! directory (`<target>/<profile>/cffi-rs-expansions/`), so `cargo clean` removes them.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::input::macro_input::Input;

/// The first line of a stored expansion; a new format changes it.
const FORMAT: &str = "cffi-rs expansion 1";

/// An expansion: made now, or the text of one made before, which the proc macro turns into
/// tokens with the compiler's own lexer (much faster than a library's, for megabytes).
#[derive(Debug)]
pub enum Expansion {
    /// Made now.
    Tokens(TokenStream),
    /// Read back: the text of an expansion made before.
    Text(String),
}

/// `cdef!` as the proc macro runs it: an expansion whose inputs are unchanged is read back
/// instead of made again.
pub fn cdef(input: TokenStream) -> Expansion {
    let text = input.to_string();
    let parsed = match syn::parse2::<Input>(input) {
        Ok(parsed) => parsed,
        Err(e) => return Expansion::Tokens(e.into_compile_error()),
    };
    // Only a module that imports a header is ever stored: the others are not looked up.
    let imports = parsed.modules.iter().any(|m| m.import.is_some());
    let stored = imports.then(store_dir).flatten();
    let Some(file) = stored.map(|d| d.join(format!("{:016x}.rs", hash(&text)))) else {
        return Expansion::Tokens(crate::entry::expand::cdef(parsed));
    };
    let key = key(&text, &parsed);
    if let Some(text) = read(&file, &key) {
        return Expansion::Text(text);
    }
    let (tokens, inputs) = crate::entry::expand::cdef_recording(parsed);
    if inputs.reusable {
        write(&file, &key, &inputs.paths, &tokens.to_string());
    }
    Expansion::Tokens(tokens)
}

fn hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Everything besides files that the expansion depends on, as text: stored whole and
/// compared whole, so that two inputs of the same hash never share an expansion.
fn key(text: &str, input: &Input) -> String {
    let mut key = format!("{FORMAT}\n{text}\n");
    for var in ENV {
        let value = std::env::var(var).unwrap_or_default();
        key.push_str(&format!("{var}={value:?}\n"));
    }
    if let Some(library) = macro_library() {
        key.push_str(&format!("macro {}\n", crate::stamps::stamp(&library)));
    }
    for m in &input.modules {
        // pkg-config's answer is part of the settings: a package upgraded moves its headers.
        if let Ok(settings) = m.settings.resolve() {
            key.push_str(&format!("settings {:?}\n", settings.cflags));
        }
    }
    key
}

/// The environment the expansion reads (the build script's settings, the compiler's and
/// pkg-config's own variables).
const ENV: &[&str] = &[
    crate::input::settings::BUILD_CC,
    crate::input::settings::BUILD_LINK,
    crate::input::settings::BUILD_TARGET,
    crate::owner::api::BUILD_MARKER,
    "CC",
    "CPATH",
    "C_INCLUDE_PATH",
    "PKG_CONFIG_PATH",
    "PKG_CONFIG_LIBDIR",
    "PKG_CONFIG_SYSROOT_DIR",
    "CARGO_PKG_NAME",
    "CARGO_MANIFEST_DIR",
    "OUT_DIR",
];

/// The stored expansion in `file` if it was made from `key` and no path it lists changed.
fn read(file: &Path, key: &str) -> Option<String> {
    let mut stored = std::fs::read_to_string(file).ok()?;
    let rest = stored.strip_prefix(key)?;
    let (paths, expansion) = rest.split_once("\n--\n")?;
    if !crate::stamps::unchanged(paths) {
        return None;
    }
    let start = stored.len() - expansion.len();
    Some(stored.split_off(start))
}

/// Stores an expansion, whole or not at all (written aside, then renamed).
fn write(file: &Path, key: &str, paths: &[String], expansion: &str) {
    let mut text = String::from(key);
    text.push_str(&crate::stamps::stamps(paths.iter().map(Path::new)));
    text.push_str("--\n");
    text.push_str(expansion);
    let aside = file.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&aside, text).is_ok() && std::fs::rename(&aside, file).is_err() {
        let _ = std::fs::remove_file(&aside);
    }
}

/// Where expansions are stored: beside the macro library that is running, in the target
/// directory; none where that library cannot be found (outside a proc macro, or off Linux).
fn store_dir() -> Option<PathBuf> {
    let library = macro_library()?;
    let dir = library.parent()?.parent()?.join("cffi-rs-expansions");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// The proc-macro library this code runs in, found by where this function is mapped.
fn macro_library() -> Option<PathBuf> {
    let here = macro_library as *const () as usize;
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        let (start, end) = words.next()?.split_once('-')?;
        let (start, end) = (
            usize::from_str_radix(start, 16).ok()?,
            usize::from_str_radix(end, 16).ok()?,
        );
        let path = words.nth(4)?;
        let name = Path::new(path).file_name()?.to_str()?;
        ((start..end).contains(&here) && name.starts_with("libcffi_macros"))
            .then(|| PathBuf::from(path))
    })
}
