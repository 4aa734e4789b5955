//! Opening shared libraries by the short names C programmers use (`"m"`, `"z"`), the way
//! `ctypes.util.find_library` does, and resolving their symbols once.

use std::ffi::{OsStr, OsString, c_void};
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use crate::error::LoadError;

/// How to open a library. The default resolves every symbol when the library is opened, keeps
/// its symbols out of the global namespace, and unloads it when the owner is dropped.
///
/// ```
/// use cffi_core::{cdef, LoadOptions};
///
/// cdef! {
///     #[cffi(abi, lib = "m")]
///     pub unsafe mod libm { double cos(double x); }
/// }
///
/// let m = libm::Lib::load_with(LoadOptions::new().keep_loaded(true)).unwrap();
/// assert_eq!(m.cos(0.0), 1.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadOptions {
    /// Make the library's symbols available to libraries loaded later (`RTLD_GLOBAL`).
    pub global: bool,
    /// Resolve functions on first call rather than at load (`RTLD_LAZY`).
    pub lazy: bool,
    /// Never unload the library, even when its owner is dropped. Use it for libraries that
    /// register thread-local destructors or `atexit` handlers, which crash if their code is
    /// unmapped before they run.
    pub keep_loaded: bool,
}

impl LoadOptions {
    /// The default options.
    pub fn new() -> LoadOptions {
        LoadOptions::default()
    }

    /// Sets [`LoadOptions::global`].
    pub fn global(mut self, yes: bool) -> LoadOptions {
        self.global = yes;
        self
    }

    /// Sets [`LoadOptions::lazy`].
    pub fn lazy(mut self, yes: bool) -> LoadOptions {
        self.lazy = yes;
        self
    }

    /// Sets [`LoadOptions::keep_loaded`].
    pub fn keep_loaded(mut self, yes: bool) -> LoadOptions {
        self.keep_loaded = yes;
        self
    }
}

/// An open shared library.
///
/// Generated library owners hold one; it is public so that a user can see which file was
/// opened ([`Library::path`]).
///
/// ```
/// use cffi_core::{Library, LoadOptions};
///
/// // SAFETY: libm's initialisers are the C library's own.
/// let lib = unsafe { Library::open("m", LoadOptions::new()) }.unwrap();
/// let mut missing = Vec::new();
/// assert!(lib.address("cos", &mut missing).is_some());
/// assert!(lib.address("no_such_function", &mut missing).is_none());
/// assert_eq!(missing, ["no_such_function"]);
/// ```
#[derive(Debug)]
pub struct Library {
    inner: ManuallyDrop<libloading::Library>,
    path: String,
    keep_loaded: bool,
}

impl Drop for Library {
    fn drop(&mut self) {
        if !self.keep_loaded {
            // SAFETY: `inner` is not used after this.
            unsafe { ManuallyDrop::drop(&mut self.inner) }
        }
    }
}

impl Library {
    /// Opens the library `name`: a path (anything with a `/` or a file extension) as it is, or
    /// a short name (`"m"`, `"z"`) looked up as the platform names libraries.
    ///
    /// # Safety
    ///
    /// Opening a library runs its initialisers, which may do anything.
    pub unsafe fn open(name: &str, options: LoadOptions) -> Result<Library, LoadError> {
        let mut tried = Vec::new();
        for candidate in candidates(name) {
            // SAFETY: the caller accepts the library's initialisers.
            match unsafe { open_one(&candidate, options) } {
                Ok(inner) => {
                    return Ok(Library {
                        inner: ManuallyDrop::new(inner),
                        path: candidate.to_string_lossy().into_owned(),
                        keep_loaded: options.keep_loaded,
                    });
                }
                Err(e) => tried.push((candidate.to_string_lossy().into_owned(), reason(&e))),
            }
        }
        Err(LoadError::NotFound {
            name: name.to_string(),
            tried,
        })
    }

    /// Opens exactly the file at `path`, with no name lookup.
    ///
    /// # Safety
    ///
    /// Opening a library runs its initialisers, which may do anything.
    pub unsafe fn open_path(path: &OsStr, options: LoadOptions) -> Result<Library, LoadError> {
        // SAFETY: the caller accepts the library's initialisers.
        match unsafe { open_one(path, options) } {
            Ok(inner) => Ok(Library {
                inner: ManuallyDrop::new(inner),
                path: path.to_string_lossy().into_owned(),
                keep_loaded: options.keep_loaded,
            }),
            Err(e) => Err(LoadError::NotFound {
                name: path.to_string_lossy().into_owned(),
                tried: vec![(path.to_string_lossy().into_owned(), reason(&e))],
            }),
        }
    }

    /// The file that was opened.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The address of symbol `name`, or `None` (after noting the name in `missing`) if the
    /// library has no such symbol or it is null.
    pub fn address(&self, name: &str, missing: &mut Vec<String>) -> Option<*mut c_void> {
        let mut bytes = Vec::with_capacity(name.len() + 1);
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(0);
        // SAFETY: a symbol's address read as a data pointer is only an address; nothing is
        // called or read through it here.
        let found = unsafe { self.inner.get::<*mut c_void>(&bytes) };
        match found {
            Ok(sym) if !(*sym).is_null() => Some(*sym),
            _ => {
                missing.push(name.to_string());
                None
            }
        }
    }
}

#[cfg(unix)]
unsafe fn open_one(
    path: &OsStr,
    options: LoadOptions,
) -> Result<libloading::Library, libloading::Error> {
    use libloading::os::unix;
    let mut flags = if options.lazy {
        unix::RTLD_LAZY
    } else {
        unix::RTLD_NOW
    };
    flags |= if options.global {
        unix::RTLD_GLOBAL
    } else {
        unix::RTLD_LOCAL
    };
    // SAFETY: forwarded from the caller.
    unsafe { unix::Library::open(Some(path), flags) }.map(Into::into)
}

#[cfg(not(unix))]
unsafe fn open_one(
    path: &OsStr,
    _options: LoadOptions,
) -> Result<libloading::Library, libloading::Error> {
    // SAFETY: forwarded from the caller.
    unsafe { libloading::Library::new(path) }
}

fn is_path(name: &str) -> bool {
    name.contains(['/', '\\'])
        || [".so", ".dylib", ".dll"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.contains(".so.")
}

/// Why the loader refused a file, with the system's own words: on Windows libloading's
/// message is only "LoadLibraryExW failed", and the reason ("The specified module could not
/// be found.") is its source.
fn reason(e: &libloading::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

/// How a platform's dynamic loader names libraries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Naming {
    /// `name.dll`, `libname.dll` (MinGW's); `c` is the C runtime DLL the program itself is
    /// linked with (`crt`), so that a `FILE *` or memory one hands out is never given to
    /// another's functions, and `m` the Universal CRT, whose maths is C99's.
    Windows { crt: &'static str },
    /// `libname.dylib`, and frameworks.
    Apple,
    /// `libname.so` and its versioned files.
    Elf,
}

impl Naming {
    fn current() -> Naming {
        if cfg!(windows) {
            // MinGW's targets link the old `msvcrt.dll` (as Rust's standard library for
            // them does); MSVC and LLVM MinGW the Universal CRT.
            let crt = if cfg!(all(target_env = "gnu", not(target_abi = "llvm"))) {
                "msvcrt.dll"
            } else {
                "ucrtbase.dll"
            };
            Naming::Windows { crt }
        } else if cfg!(target_vendor = "apple") {
            Naming::Apple
        } else {
            Naming::Elf
        }
    }
}

/// The files to try for library `name`, most likely first.
pub(crate) fn candidates(name: &str) -> Vec<OsString> {
    candidates_for(name, Naming::current())
}

/// The files to try for library `name` on a platform that names libraries as `naming` says.
pub(crate) fn candidates_for(name: &str, naming: Naming) -> Vec<OsString> {
    if is_path(name) {
        return vec![name.into()];
    }
    let mut out: Vec<OsString> = Vec::new();
    if let Naming::Windows { crt } = naming {
        // The C library's functions are the C runtime's: `lib = "c"` the program's own, whose
        // `FILE *`s and heap it shares. `lib = "m"` the Universal CRT's first, which has
        // C99's maths (`msvcrt.dll` lacks much of it, `log2` and `cbrt` among them, which
        // MinGW links statically instead).
        match name {
            "c" => out.push(crt.into()),
            "m" => {
                out.push("ucrtbase.dll".into());
                if crt != "ucrtbase.dll" {
                    out.push(crt.into());
                }
            }
            _ => {}
        }
        out.push(format!("{name}.dll").into());
        out.push(format!("lib{name}.dll").into());
    } else if naming == Naming::Apple {
        // `lib = "System"` is libSystem, which holds the C library (`libm.dylib` and
        // `libc.dylib` name it too); a framework is its directory and binary.
        out.push(format!("lib{name}.dylib").into());
        out.push(format!("/usr/lib/lib{name}.dylib").into());
        out.push(format!("/usr/local/lib/lib{name}.dylib").into());
        out.push(format!("/opt/homebrew/lib/lib{name}.dylib").into());
        out.push(format!("{name}.framework/{name}").into());
        out.push(format!("/System/Library/Frameworks/{name}.framework/{name}").into());
        out.push(format!("/Library/Frameworks/{name}.framework/{name}").into());
    } else {
        out.push(format!("lib{name}.so").into());
        // Without the -dev package only versioned names exist (`libz.so.1`); `libm.so` may
        // be a linker script that cannot be opened. Find the versioned files, newest first.
        let prefix = format!("lib{name}.so.");
        let mut versioned: Vec<(Vec<u32>, PathBuf)> = Vec::new();
        for dir in search_dirs() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let file = entry.file_name();
                let Some(file) = file.to_str() else { continue };
                let Some(version) = file.strip_prefix(&prefix) else {
                    continue;
                };
                let parts: Option<Vec<u32>> = version.split('.').map(|p| p.parse().ok()).collect();
                // Every directory's copy is a candidate: a 32-bit `/lib32/libm.so.6` fails to
                // open in a 64-bit process, and the next one is tried.
                let path = dir.join(file);
                if let Some(parts) = parts
                    && !versioned.iter().any(|(_, p)| *p == path)
                {
                    versioned.push((parts, path));
                }
            }
        }
        // Fewest version parts first (`libm.so.6` is what links resolve), then newest.
        versioned.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| b.0.cmp(&a.0)));
        out.extend(versioned.into_iter().map(|(_, p)| p.into_os_string()));
    }
    out
}

/// The directories the dynamic loader searches, as far as they can be read.
fn search_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(paths) = std::env::var_os("LD_LIBRARY_PATH") {
        dirs.extend(std::env::split_paths(&paths));
    }
    let mut conf = vec![PathBuf::from("/etc/ld.so.conf")];
    while let Some(file) = conf.pop() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(pattern) = line.strip_prefix("include") {
                conf.extend(expand_glob(pattern.trim()));
            } else {
                dirs.push(PathBuf::from(line));
            }
        }
    }
    let arch = format!("{}-linux-gnu", std::env::consts::ARCH);
    for base in ["/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib"] {
        dirs.push(Path::new(base).join(&arch));
        dirs.push(PathBuf::from(base));
    }
    let mut seen = std::collections::HashSet::new();
    dirs.retain(|d| seen.insert(d.clone()));
    dirs
}

/// `dir/*.conf`-style patterns of ld.so.conf: a `*` in the file name only.
fn expand_glob(pattern: &str) -> Vec<PathBuf> {
    let path = Path::new(pattern);
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(OsStr::to_str)) else {
        return Vec::new();
    };
    let Some((pre, post)) = name.split_once('*') else {
        return vec![path.to_path_buf()];
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|f| f.starts_with(pre) && f.ends_with(post))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names_dlls_as_windows_users_do() {
        let crt = "msvcrt.dll";
        let names = |n| candidates_for(n, Naming::Windows { crt });
        assert_eq!(names("evolve"), ["evolve.dll", "libevolve.dll"]);
        assert_eq!(names("m")[..2], ["ucrtbase.dll", crt]);
        assert_eq!(names("c")[0], crt);
        let ucrt = candidates_for(
            "c",
            Naming::Windows {
                crt: "ucrtbase.dll",
            },
        );
        assert_eq!(ucrt[0], "ucrtbase.dll");
        // The program's own C runtime, which its `FILE *`s and `malloc`s come from.
        #[cfg(all(windows, target_env = "gnu"))]
        assert_eq!(candidates("c")[0], "msvcrt.dll");
        assert_eq!(names("evolve.dll"), ["evolve.dll"]);
        assert_eq!(names("C:\\libs\\evolve"), ["C:\\libs\\evolve"]);
    }

    #[test]
    fn apple_names_dylibs_and_frameworks() {
        let names = |n| candidates_for(n, Naming::Apple);
        let system = names("System");
        assert_eq!(system[0], "libSystem.dylib");
        assert!(system.contains(&OsString::from("/usr/lib/libSystem.dylib")));
        let cf = names("CoreFoundation");
        assert!(cf.contains(&OsString::from("CoreFoundation.framework/CoreFoundation")));
        assert!(cf.contains(&OsString::from(
            "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
        )));
        assert_eq!(names("libz.dylib"), ["libz.dylib"]);
        assert_eq!(names("m")[0], "libm.dylib");
    }

    #[test]
    fn paths_are_used_as_given() {
        assert_eq!(
            candidates("./libadd.so"),
            vec![OsString::from("./libadd.so")]
        );
        assert_eq!(candidates("libz.so.1"), vec![OsString::from("libz.so.1")]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn short_names_find_versioned_files() {
        let c = candidates("m");
        assert_eq!(c[0], OsString::from("libm.so"));
        assert!(
            c.iter()
                .any(|p| p.to_string_lossy().ends_with("/libm.so.6")),
            "{c:?}"
        );
        // With a 32-bit libm installed too (`/lib32/libm.so.6`), the native one stays a
        // candidate.
        let native = format!("/lib/{}-linux-gnu/libm.so.6", std::env::consts::ARCH);
        if std::path::Path::new(&native).exists() {
            assert!(c.iter().any(|p| p.to_string_lossy() == native), "{c:?}");
        }
    }
}
