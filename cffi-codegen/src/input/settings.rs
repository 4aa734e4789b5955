//! What a module's C is read and compiled with: the compiler and its flags, the libraries to
//! link and where they are, and more C files to compile beside it.
//!
//! Three places add to them, in this order, so that the later wins: the compiler and flags
//! the build script uses for the target (`cffi_build`, which passes them to the macro in
//! [`BUILD_CC`] and [`BUILD_LINK`]), then the module's `cflags = "..."` and
//! `pkg_config = "..."`. The preprocessor run by `import` and the compile of the module's C
//! use the same list, so a header is bound as the compiler will see it, for the target being
//! built.

use std::path::{Path, PathBuf};
use std::process::Command;

use syn::LitStr;

/// The environment variable, set by `cffi_build` for the crate it builds, that holds the
/// C compiler for the target and its arguments, separated by [`SEPARATOR`].
pub const BUILD_CC: &str = "CFFI_BUILD_CC";
/// The environment variable, set by `cffi_build`, that holds the libraries its settings
/// link (`Config::link`, `Config::pkg_config`), separated by [`SEPARATOR`].
pub const BUILD_LINK: &str = "CFFI_BUILD_LINK";
/// The environment variable, set by `cffi_build`, that holds the target triple the crate is
/// built for: the macro lays out and evaluates C for it.
pub const BUILD_TARGET: &str = "CFFI_BUILD_TARGET";
/// Separates the words of [`BUILD_CC`] and [`BUILD_LINK`]: a path may hold spaces.
pub const SEPARATOR: char = '\u{1f}';

/// A C compiler and the arguments every run of it takes, run in the package's directory so
/// that relative `-I` paths are the package's.
#[derive(Debug, Clone)]
pub struct Compiler {
    /// The program (`cc`, `aarch64-linux-gnu-gcc`).
    pub program: String,
    /// The arguments every run takes: the target's, then the settings' flags.
    pub args: Vec<String>,
    /// The package's directory, where the compiler runs.
    pub dir: PathBuf,
}

impl Compiler {
    /// The compiler the build script set for the crate ([`BUILD_CC`]); without one (an ABI
    /// mode crate with no build script), `$CC` or `cc` for the host.
    pub fn from_env(dir: &Path) -> Compiler {
        let words: Vec<String> = match std::env::var(BUILD_CC) {
            Ok(v) if !v.is_empty() => v.split(SEPARATOR).map(str::to_string).collect(),
            _ => std::env::var("CC")
                .unwrap_or_else(|_| "cc".to_string())
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        };
        let mut words = words.into_iter();
        Compiler {
            program: words.next().unwrap_or_else(|| "cc".to_string()),
            args: words.collect(),
            dir: dir.to_path_buf(),
        }
    }

    /// The words to pass to the build script's macro, as [`BUILD_CC`] holds them.
    pub fn encode(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(&SEPARATOR.to_string())
    }

    /// This compiler with a module's flags after its own.
    pub fn with(&self, settings: &Settings) -> Compiler {
        let mut c = self.clone();
        c.args.extend(settings.cflags.iter().cloned());
        c
    }

    /// The compiler program as the search path finds it.
    pub fn program_path(&self) -> Option<PathBuf> {
        let program = &self.program;
        if program.contains('/') {
            return Some(PathBuf::from(program));
        }
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    }

    /// A command running the compiler with every argument, in the package's directory.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args).current_dir(&self.dir);
        cmd
    }
}

/// The settings a module writes: `cflags`, `pkg_config`, and in API mode `link`,
/// `link_dirs` and `sources`, each a string of words.
#[derive(Default, Clone)]
pub struct Written {
    pub cflags: Option<LitStr>,
    pub pkg_config: Option<LitStr>,
    pub link: Vec<LitStr>,
    pub link_dirs: Option<LitStr>,
    pub sources: Option<LitStr>,
}

/// A module's settings, resolved: its words split and its pkg-config packages asked.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Flags for the preprocessor and the compiler (`-I`, `-D`, `-fopenmp`), in order.
    pub cflags: Vec<String>,
    /// Libraries to link, by name (`z` for `-lz`).
    pub link: Vec<String>,
    /// Directories to search for them.
    pub link_dirs: Vec<String>,
    /// More C files of the package, compiled with the module's flags and linked.
    pub sources: Vec<String>,
}

impl Written {
    /// The settings, with each `pkg_config` package's flags and libraries; an error names
    /// the argument at fault.
    pub fn resolve(&self) -> Result<Settings, syn::Error> {
        // The words of every string an argument was given (`link` may be given more than once).
        let words = |strings: &mut dyn Iterator<Item = &LitStr>| -> Vec<String> {
            strings
                .flat_map(|s| {
                    s.value()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let mut settings = Settings {
            cflags: Vec::new(),
            link: words(&mut self.link.iter()),
            link_dirs: words(&mut self.link_dirs.iter()),
            sources: words(&mut self.sources.iter()),
        };
        if let Some(packages) = &self.pkg_config {
            for package in packages.value().split_whitespace() {
                let found = pkg_config(package).map_err(|e| syn::Error::new(packages.span(), e))?;
                settings.cflags.extend(found.cflags);
                settings.link.extend(found.link);
                settings.link_dirs.extend(found.link_dirs);
            }
        }
        settings.cflags.extend(words(&mut self.cflags.iter()));
        Ok(settings)
    }
}

/// What pkg-config says a package needs: its include directories and defines, and its
/// libraries with their directories.
pub fn pkg_config(package: &str) -> Result<Settings, String> {
    let library = ::pkg_config::Config::new()
        .cargo_metadata(false)
        .env_metadata(false)
        .print_system_cflags(false)
        .print_system_libs(false)
        .probe(package)
        .map_err(|e| {
            if let ::pkg_config::Error::CrossCompilation = e {
                return format!(
                    "pkg-config is not set up to find `{package}` for the target of a cross build: set PKG_CONFIG_SYSROOT_DIR and PKG_CONFIG_PATH to the target's, or PKG_CONFIG_ALLOW_CROSS=1 if the host's flags suit the target"
                );
            }
            let said = match &e {
                ::pkg_config::Error::Failure { output, .. }
                | ::pkg_config::Error::ProbeFailure { output, .. } => {
                    first_line(&String::from_utf8_lossy(&output.stderr)).to_string()
                }
                other => first_line(&other.to_string()).to_string(),
            };
            format!(
                "pkg-config cannot find `{package}` ({said}); install its `-dev` package, or set PKG_CONFIG_PATH to the directory of its `{package}.pc`"
            )
        })?;
    let mut cflags: Vec<String> = library
        .include_paths
        .iter()
        .map(|p| format!("-I{}", p.display()))
        .collect();
    for (name, value) in &library.defines {
        cflags.push(match value {
            Some(v) => format!("-D{name}={v}"),
            None => format!("-D{name}"),
        });
    }
    Ok(Settings {
        cflags,
        link: library.libs.clone(),
        link_dirs: library
            .link_paths
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        sources: Vec::new(),
    })
}

fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(text)
}

/// The libraries the build script's settings link ([`BUILD_LINK`]).
pub fn build_links() -> Vec<String> {
    std::env::var(BUILD_LINK)
        .map(|v| {
            v.split(SEPARATOR)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The target the crate is built for, as the build script said ([`BUILD_TARGET`]); without a
/// build script, the host. Never another platform's: a target whose C data model the layout
/// engine does not know is an error, not laid out as some other one.
pub fn target() -> Result<cffi_frontend::Target, cffi_frontend::UnknownTarget> {
    match std::env::var(BUILD_TARGET) {
        Ok(triple) => cffi_frontend::Target::from_triple(&triple),
        Err(_) => cffi_frontend::Target::try_host(),
    }
}

/// The directory of the package being built, where relative paths of a module are.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
}
