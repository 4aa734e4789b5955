//! The build-script half of cffi-rs's API mode.
//!
//! Where it sits: a build dependency of crates with API-mode modules. It finds their modules
//! (only those the crate's `#[cfg]`s keep), asks `cffi-codegen` for their C, compiles it with
//! the target's compiler through `cc`, and leaves the probe's numbers and the compiler's
//! errors in `OUT_DIR` for the macro. It must not fail with a panic where an error on the
//! Rust declaration can say what is wrong, and must leave no older library linkable after a
//! failed build.
//!
//! A crate with `#[cffi(api, ...)]` modules calls [`compile`] from its build script, and
//! nothing else:
//!
//! ```text
//! // build.rs
//! fn main() {
//!     cffi_build::compile();
//! }
//! ```
//!
//! It reads the package's Rust files, finds every `cdef!` in API mode and every `c_source!`, and compiles the C each
//! one names (`source = "c/add.c"`, `include = "<zlib.h>"`) together with a wrapper for each
//! declared function and static assertions that the declarations agree with the C, into one
//! static library linked with the crate. A declaration the C disagrees with fails the build
//! with a Rust compile error on the declaration, carrying the C compiler's message: the
//! build script records what the compiler said, and the macro reports it. The C is compiled
//! for the target cargo builds for (the `cc` crate reads `TARGET`, `CC`, `CFLAGS` and
//! `DEBUG`), at least at `-O2` in every profile, and rebuilt when a Rust file or C file it
//! read changes, or when `CC` or `CFLAGS` (plain or for the target) change. The macro reads
//! headers with the same compiler and flags, so an `import` binds the target's view of them.
//!
//! Settings that depend on the target or the environment go in [`Config`], for every module
//! of the crate (a module's own go in its attribute: `cflags`, `pkg_config`, `link`,
//! `link_dirs`, `sources`):
//!
//! ```text
//! // build.rs
//! fn main() {
//!     let mut config = cffi_build::Config::new();
//!     if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
//!         config.flag("-mavx2");
//!     }
//!     config.pkg_config("libxml-2.0").define("NDEBUG", None).compile();
//! }
//! ```

#![warn(missing_docs)]

mod c_build;
mod cfg;
mod fingerprint;
mod includes;
mod replay;
mod scan;

use std::path::{Path, PathBuf};

use cffi_codegen::{BUILD_CC, BUILD_LINK, BUILD_MARKER, BUILD_TARGET, Compiler, SEPARATOR};

use fingerprint::Fingerprint;
use replay::{Replay, emit};

/// Compiles the C of every API-mode `cdef!` and `c_source!` of the crate being built, with
/// no settings beyond each module's own. Call it from `build.rs`.
pub fn compile() {
    Config::new().compile();
}

/// Settings for the C of every module of the crate, for what depends on the target or the
/// environment; a module's own settings come after them. The preprocessor `import` runs and
/// the compile take the same flags.
#[derive(Debug, Default, Clone)]
pub struct Config {
    flags: Vec<String>,
    pkg_config: Vec<String>,
    link: Vec<String>,
    link_dirs: Vec<String>,
    cfgs: cfg::Cfgs,
}

impl Config {
    /// No settings.
    pub fn new() -> Config {
        Config::default()
    }

    /// A flag for the preprocessor and compiler, such as `-fopenmp` or `-march=native`.
    pub fn flag(&mut self, flag: &str) -> &mut Config {
        self.flags.push(flag.to_string());
        self
    }

    /// A directory to search for headers (`-I`); a relative one is the package's.
    pub fn include(&mut self, dir: impl AsRef<Path>) -> &mut Config {
        self.flag(&format!("-I{}", dir.as_ref().display()))
    }

    /// A macro definition (`-DNAME` or `-DNAME=value`).
    pub fn define(&mut self, name: &str, value: Option<&str>) -> &mut Config {
        match value {
            Some(v) => self.flag(&format!("-D{name}={v}")),
            None => self.flag(&format!("-D{name}")),
        }
    }

    /// A package pkg-config knows (`libxml-2.0`): its include directories and defines, and
    /// its libraries with their directories, linked with every module.
    pub fn pkg_config(&mut self, package: &str) -> &mut Config {
        self.pkg_config.push(package.to_string());
        self
    }

    /// A library linked with every module (`gomp` for `-lgomp`).
    pub fn link(&mut self, library: &str) -> &mut Config {
        self.link.push(library.to_string());
        self
    }

    /// A cfg for the crate (`cargo:rustc-cfg=name`), which `#[cfg(name)]` on a module then
    /// sees: its C is compiled only when the cfg holds, as its Rust is.
    pub fn cfg(&mut self, name: &str) -> &mut Config {
        println!("cargo:rustc-check-cfg=cfg({name})");
        println!("cargo:rustc-cfg={name}");
        self.cfgs.custom.push((name.to_string(), None));
        self
    }

    /// Declares a cfg the crate may set (`cargo:rustc-check-cfg`), without setting it: for a
    /// build that calls [`Config::cfg`] only sometimes, so that `#[cfg(name)]` is not an
    /// unexpected cfg when it is off.
    pub fn declare_cfg(&mut self, name: &str) -> &mut Config {
        println!("cargo:rustc-check-cfg=cfg({name})");
        self
    }

    /// A cfg with a value (`cargo:rustc-cfg=name="value"`), for `#[cfg(name = "value")]`.
    pub fn cfg_value(&mut self, name: &str, value: &str) -> &mut Config {
        println!("cargo:rustc-check-cfg=cfg({name}, values(\"{value}\"))");
        println!("cargo:rustc-cfg={name}=\"{value}\"");
        self.cfgs
            .custom
            .push((name.to_string(), Some(value.to_string())));
        self
    }

    /// A directory to search for libraries (`-L`).
    pub fn link_dir(&mut self, dir: impl AsRef<Path>) -> &mut Config {
        self.link_dirs.push(dir.as_ref().display().to_string());
        self
    }

    /// Compiles the C of every API-mode module of the crate with these settings. It panics
    /// when a pkg-config package is missing; when the C does not compile, it records the C
    /// compiler's errors for the macro, which reports them on the Rust declarations.
    pub fn compile(&self) {
        let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
        let out_dir = PathBuf::from(env("OUT_DIR"));
        let target = env("TARGET");
        let (compiler, link) = self.compiler(&manifest_dir, &target);
        // What the macro needs to read headers and link as this script compiles.
        emit(format!("cargo:rustc-env={BUILD_MARKER}=1"));
        emit(format!("cargo:rustc-env={BUILD_CC}={}", compiler.encode()));
        emit(format!("cargo:rustc-env={BUILD_TARGET}={target}"));
        let link_words = link.join(&SEPARATOR.to_string());
        emit(format!("cargo:rustc-env={BUILD_LINK}={link_words}"));

        // Modules a `#[cfg]` leaves out of the build have no C compiled either; a file that
        // a left-out `mod name;` would bring in is left out whole.
        for dir in scan::source_dirs(&manifest_dir) {
            emit(format!("cargo:rerun-if-changed={}", dir.display()));
        }
        let mut key = format!("{}\n{target}\n{link_words}\n", compiler.encode());
        let mut scanned = Vec::new();
        for file in scan::rust_files(&manifest_dir, true) {
            emit(format!("cargo:rerun-if-changed={}", file.display()));
            let macros = scan::macros_of(&file, &self.cfgs);
            key.push_str(&format!("{}\n{}", file.display(), macros.text()));
            scanned.push((file, macros));
        }
        // An edit that left every module as it was changes nothing below.
        let replay = Replay::starting(&out_dir, key);
        if replay.replayed() {
            return;
        }
        replay.forget();
        match self.modules(scanned, &compiler, &target, &out_dir) {
            Some(read) => replay.store(&read),
            None => replay.forget(),
        }
    }

    /// Writes and compiles the C of the modules the scanned files hold; the files it read, or
    /// `None` if a module failed.
    fn modules(
        &self,
        scanned: Vec<(PathBuf, scan::Macros)>,
        compiler: &Compiler,
        target: &str,
        out_dir: &Path,
    ) -> Option<Vec<PathBuf>> {
        let mut found = Vec::new();
        let mut left_out: Vec<PathBuf> = Vec::new();
        for (file, macros) in scanned {
            let f = macros.glue(&file, compiler, target);
            left_out.extend(f.left_out);
            found.push((file, f.glue));
        }
        let glue: Vec<_> = found
            .into_iter()
            .filter(|(file, _)| !left_out.iter().any(|l| file.starts_with(l)))
            .flat_map(|(file, glue)| glue.into_iter().map(move |g| (file.clone(), g)))
            .collect();
        if glue.is_empty() {
            return Some(Vec::new());
        }
        emit(format!(
            "cargo:rustc-link-search=native={}",
            out_dir.display()
        ));
        let mut dirs: Vec<&String> = Vec::new();
        let mut read = Vec::new();
        for (_, g) in &glue {
            for f in &g.files {
                emit(format!("cargo:rerun-if-changed={}", f.display()));
                read.push(f.clone());
            }
            dirs.extend(&g.settings.link_dirs);
        }
        dirs.dedup();
        for d in dirs {
            emit(format!("cargo:rustc-link-search=native={d}"));
        }
        read.extend(build(&glue, compiler, out_dir)?);
        Some(read)
    }

    /// The compiler for the target with every setting's flag, and the libraries to link.
    fn compiler(&self, manifest_dir: &Path, target: &str) -> (Compiler, Vec<String>) {
        // The generated `extern` blocks name the library with `#[link]`, so that it is linked
        // into whichever target of the crate uses it (cargo's `rustc-link-lib` reaches only
        // the lib): the cc crate prints no link lines.
        let mut build = cc::Build::new();
        build
            .include(manifest_dir)
            .warnings(false)
            .cargo_metadata(false);
        // The C is compiled optimised in every profile, as Python cffi compiles its
        // extensions: a debug build of the crate should not make its C kernels several times
        // slower. `CFLAGS` come after, so `CFLAGS=-O0` still wins.
        let opt_level: u32 = std::env::var("OPT_LEVEL")
            .ok()
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        build.opt_level(opt_level.max(2));
        // The library is linked statically: no symbol of it can be interposed, so the
        // compiler may inline a function into the wrapper that calls it (with `-fPIC` alone
        // it may not).
        build.flag_if_supported("-fno-semantic-interposition");
        track_environment(target);
        let cc = build.get_compiler();
        let mut compiler = Compiler {
            program: cc.path().display().to_string(),
            args: cc
                .args()
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            dir: manifest_dir.to_path_buf(),
        };
        let mut link = self.link.clone();
        for package in &self.pkg_config {
            let found = cffi_codegen::pkg_config(package).unwrap_or_else(|e| panic!("{e}"));
            compiler.args.extend(found.cflags);
            link.extend(found.link);
            for d in found.link_dirs {
                emit(format!("cargo:rustc-link-search=native={d}"));
            }
        }
        compiler.args.extend(self.flags.iter().cloned());
        for d in &self.link_dirs {
            emit(format!("cargo:rustc-link-search=native={d}"));
        }
        (compiler, link)
    }
}

/// What the `cc` crate reads from the environment: changing it rebuilds the C.
fn track_environment(target: &str) {
    for var in [
        "CC",
        "CFLAGS",
        "CRATE_CC_NO_DEFAULTS",
        "TARGET_CC",
        "TARGET_CFLAGS",
        "HOST_CC",
        "PKG_CONFIG_PATH",
    ] {
        emit(format!("cargo:rerun-if-env-changed={var}"));
    }
    for var in ["CC", "CFLAGS"] {
        emit(format!("cargo:rerun-if-env-changed={var}_{target}"));
        let underscored = target.replace('-', "_");
        emit(format!("cargo:rerun-if-env-changed={var}_{underscored}"));
    }
}

/// Compiles the modules' C into the crate's library, unless the library built last time is
/// still right; the files the C read, or `None` if a module's C failed.
fn build(
    all: &[(PathBuf, cffi_codegen::CGlue)],
    compiler: &Compiler,
    out_dir: &Path,
) -> Option<Vec<PathBuf>> {
    // A module whose C cannot be compiled at all is reported by the macro, with why.
    let (failed, glue): (Vec<_>, Vec<_>) = all.iter().partition(|(_, g)| g.failed.is_some());
    if !failed.is_empty() {
        retry_next_build(out_dir);
    }
    for (_, g) in &failed {
        let why = g.failed.as_deref().unwrap_or_default();
        write_if_changed(
            &c_build::errors_file(out_dir, &g.key),
            &cffi_codegen::c_failure(why),
        );
    }
    // A module that failed before and reads now has no failure left for the macro to report,
    // whether or not its C needs compiling again (an unchanged library is kept below).
    for (_, g) in &glue {
        let _ = std::fs::remove_file(c_build::errors_file(out_dir, &g.key));
    }
    let succeeded = failed.is_empty();
    if glue.is_empty() {
        return succeeded.then(Vec::new);
    }
    let groups = c_build::groups(glue.iter().copied());
    let mut fingerprint = Fingerprint::new();
    fingerprint.add(&compiler.encode());
    for group in &groups {
        fingerprint.add(&group.cflags.join(" "));
        fingerprint.add(&group.c);
    }
    for (_, g) in &glue {
        if let Some(probe) = &g.probe {
            fingerprint.add(&probe.c);
        }
        for f in &g.files {
            fingerprint.add_file(f);
        }
    }
    // Cargo reruns this script whenever a Rust file of the package changes; when the C, the
    // files it includes and the compiler settings are what they were, the library built last
    // time is still right, and compiling it again is what makes an edit slow.
    let library = cffi_codegen::api_library(&env("CARGO_PKG_NAME"));
    let stamp = out_dir.join(format!("{library}.stamp"));
    let built = out_dir.join(format!("lib{library}.a"));
    let included = includes::list_file(out_dir, &library);
    // The fingerprint with the text of the files the C included, which cargo is told to watch.
    let with_includes = |files: &[PathBuf]| {
        let mut f = fingerprint.clone();
        for file in files {
            emit(format!("cargo:rerun-if-changed={}", file.display()));
            f.add_file(file);
        }
        f.text()
    };
    let last_read = includes::read(&included);
    let last = with_includes(&last_read);
    if built.exists() && std::fs::read_to_string(&stamp).ok() == Some(last) {
        return succeeded.then_some(last_read);
    }
    // Nothing built before may be linked from here on: if this build fails, a link finds no
    // library rather than an older one, whose C no longer matches the declarations.
    let _ = std::fs::remove_file(&stamp);
    let _ = std::fs::remove_file(&built);
    let mut probed = true;
    for group in &groups {
        for (rust_file, g) in &group.modules {
            probed &= c_build::probe(group, g, rust_file, compiler, out_dir);
        }
    }
    // When the C does not compile, the macro reports the errors on the Rust declarations;
    // failing here would show them as a build-script panic instead.
    let Some(objects) = probed
        .then(|| c_build::objects(&groups, compiler, out_dir))
        .flatten()
    else {
        report_failure(&glue, out_dir);
        retry_next_build(out_dir);
        return None;
    };
    let files = includes::from_dependency_files(&objects);
    cc::Build::new()
        .objects(objects)
        .cargo_metadata(false)
        .compile(&library);
    let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    write_if_changed(&included, &list);
    write_if_changed(&stamp, &with_includes(&files));
    succeeded.then_some(files)
}

/// After a failure whose fix may lie outside the crate (installing a pkg-config package, a
/// header or a library: nothing a watched file records), cargo is told to watch a file that
/// never exists, so that this script runs again at every build until it succeeds, and the
/// fix takes effect at the next build rather than after `cargo clean`.
fn retry_next_build(out_dir: &Path) {
    let never = out_dir.join("cffi-build-retries-after-a-failure");
    emit(format!("cargo:rerun-if-changed={}", never.display()));
}

/// After a failed build: the modules whose C failed report it on their own lines when the
/// compiler expands them; cargo is told too, so that a build expanding none of them (a
/// module under `#[cfg(test)]` during `cargo build`) shows which module failed before its
/// link fails for want of the library.
fn report_failure(glue: &[&(PathBuf, cffi_codegen::CGlue)], out_dir: &Path) {
    for (file, g) in glue {
        if c_build::errors_file(out_dir, &g.key).exists() {
            emit(format!(
                "cargo:warning=the C of module `{}` ({}) does not compile; no C of this crate is linked until it does",
                g.module,
                file.display()
            ));
        }
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("cffi_build::compile() runs in a build script, where cargo sets {name}")
    })
}

/// Unchanged C is not rewritten, so that nothing that reads it is rebuilt.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
