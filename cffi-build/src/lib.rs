//! The build-script half of cffi-rs's API mode.
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
//! static library linked with the crate. A declaration the C disagrees with fails the build,
//! with the C compiler pointing at the line of the Rust file. The C is compiled for the
//! target cargo builds for (the `cc` crate reads `TARGET`, `CC`, `CFLAGS` and `DEBUG`), at
//! least at `-O2` in every profile, and rebuilt when a Rust file or C file it read changes, or
//! when `CC` or `CFLAGS` (plain or for the target) change.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use cffi_codegen::CGlue;
use syn::visit::Visit;

/// Compiles the C of every API-mode `cdef!` of the crate being built. Call it from
/// `build.rs`; it panics with the C compiler's messages when the C does not compile.
pub fn compile() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env("OUT_DIR"));
    let target = env("TARGET");
    let crate_name = env("CARGO_PKG_NAME");

    let mut glue = Vec::new();
    for file in rust_files(&manifest_dir, true) {
        println!("cargo:rerun-if-changed={}", file.display());
        glue.extend(glue_of(&file, &manifest_dir, &target));
    }
    println!("cargo:rustc-env={}=1", cffi_codegen::BUILD_MARKER);
    if glue.is_empty() {
        return;
    }

    // The generated `extern` blocks name the library with `#[link]`, so that it is linked into
    // whichever target of the crate uses it (cargo's `rustc-link-lib` reaches only the lib).
    let mut build = cc::Build::new();
    build
        .include(&manifest_dir)
        .warnings(false)
        .cargo_metadata(false);
    // The C is compiled optimised in every profile, as Python cffi compiles its extensions: a
    // debug build of the crate should not make its C kernels several times slower. `CFLAGS`
    // come after, so `CFLAGS=-O0` still wins.
    let opt_level: u32 = std::env::var("OPT_LEVEL")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    build.opt_level(opt_level.max(2));
    // What the `cc` crate reads from the environment: changing it rebuilds the C.
    for var in [
        "CC",
        "CFLAGS",
        "CRATE_CC_NO_DEFAULTS",
        "TARGET_CC",
        "TARGET_CFLAGS",
        "HOST_CC",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    for var in ["CC", "CFLAGS"] {
        println!("cargo:rerun-if-env-changed={var}_{target}");
        println!(
            "cargo:rerun-if-env-changed={var}_{}",
            target.replace('-', "_")
        );
    }
    // The library is linked statically: no symbol of it can be interposed, so the compiler
    // may inline a function into the wrapper that calls it (with `-fPIC` alone it may not).
    build.flag_if_supported("-fno-semantic-interposition");
    println!("cargo:rustc-link-search=native={}", out_dir.display());
    // Modules that bring in the same C (one source bound by two modules) share one file, so
    // that its functions are compiled, and defined, once.
    let mut files: Vec<(&str, Vec<&CGlue>)> = Vec::new();
    for g in &glue {
        for f in &g.files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
        match files
            .iter_mut()
            .find(|(prologue, _)| *prologue == g.prologue)
        {
            Some((_, group)) => group.push(g),
            None => files.push((&g.prologue, vec![g])),
        }
    }
    let mut fingerprint = Fingerprint::new(&build);
    for (prologue, group) in &files {
        let file = out_dir.join(format!("cffi_{}.c", group[0].key));
        let c = cffi_codegen::c_file(prologue, group.iter().map(|g| g.body.as_str()));
        fingerprint.add(&c);
        write_if_changed(&file, &c);
        build.file(&file);
    }
    for g in &glue {
        if let Some(probe) = &g.probe {
            fingerprint.add(&probe.c);
        }
    }
    for f in glue.iter().flat_map(|g| &g.files) {
        fingerprint.add_file(f);
    }
    // Cargo reruns this script whenever a Rust file of the package changes; when the C, the
    // files it includes and the compiler settings are what they were, the library built last
    // time is still right, and compiling it again is what makes an edit slow.
    let library = cffi_codegen::api_library(&crate_name);
    let stamp = out_dir.join(format!("{library}.stamp"));
    let built = out_dir.join(format!("lib{library}.a"));
    if built.exists() && std::fs::read_to_string(&stamp).ok() == Some(fingerprint.text()) {
        return;
    }
    for g in &glue {
        if let Some(probe) = &g.probe {
            run_probe(&build, probe, &out_dir, &g.key);
        }
    }
    build.compile(&library);
    write_if_changed(&stamp, &fingerprint.text());
}

/// What the compiled library depends on: the C written for it, the files it includes that the
/// crate or its imports name, and the compiler with its flags (`CC`, `CFLAGS`, the target and
/// profile, as the `cc` crate reads them).
struct Fingerprint(u64);

impl Fingerprint {
    fn new(build: &cc::Build) -> Fingerprint {
        let mut f = Fingerprint(0xcbf2_9ce4_8422_2325);
        let compiler = build.get_compiler();
        f.add(&format!("{:?}", compiler.path()));
        for arg in compiler.args() {
            f.add(&arg.to_string_lossy());
        }
        f
    }

    fn add(&mut self, text: &str) {
        for b in text.bytes().chain([0]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn add_file(&mut self, path: &Path) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        self.add(&path.display().to_string());
        self.add(&text);
    }

    fn text(&self) -> String {
        format!("{:016x}\n", self.0)
    }
}

/// Compiles a probe to assembly (no code for the target is run, so cross builds work) and
/// writes what it found where the macro reads it.
fn run_probe(build: &cc::Build, probe: &cffi_codegen::Probe, out_dir: &Path, key: &str) {
    let source = out_dir.join(format!("cffi_probe_{key}.c"));
    let assembly = out_dir.join(format!("cffi_probe_{key}.s"));
    write_if_changed(&source, &probe.c);
    let output = build
        .get_compiler()
        .to_command()
        .arg("-S")
        .arg("-o")
        .arg(&assembly)
        .arg(&source)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the C compiler: {e}"));
    if !output.status.success() {
        panic!(
            "the C compiler could not measure what `...` stands for:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let asm = std::fs::read_to_string(&assembly).unwrap_or_default();
    match probe.read(&asm) {
        Ok(numbers) => write_if_changed(&out_dir.join(probe.file_name()), &numbers),
        Err(e) => panic!("cannot read the numbers of {}: {e}", source.display()),
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("cffi_build::compile() runs in a build script, where cargo sets {name}")
    })
}

/// Unchanged C is not rewritten, so that `cc` does not rebuild it.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// The package's Rust files: everything under its directory but `target`, hidden
/// directories and the directories of other packages.
fn rust_files(dir: &Path, package_root: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !package_root && dir.join("Cargo.toml").exists() {
        return out;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                out.extend(rust_files(&path, false));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The API-mode modules of every `cdef!` in one Rust file.
fn glue_of(file: &Path, manifest_dir: &Path, target: &str) -> Vec<CGlue> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    if !text.contains("cdef!") && !text.contains("c_source!") {
        return Vec::new();
    }
    // A file that does not parse is the compiler's to report.
    let Ok(syntax) = syn::parse_file(&text) else {
        return Vec::new();
    };
    let mut finder = Finder { macros: Vec::new() };
    finder.visit_file(&syntax);
    finder
        .macros
        .into_iter()
        .flat_map(|(name, tokens)| match name {
            Macro::Cdef => cffi_codegen::api_glue(tokens, file, manifest_dir, target),
            Macro::CSource => cffi_codegen::c_source_glue(tokens, file, manifest_dir, target),
        })
        .collect()
}

enum Macro {
    Cdef,
    CSource,
}

struct Finder {
    macros: Vec<(Macro, proc_macro2::TokenStream)>,
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        match mac.path.segments.last() {
            Some(s) if s.ident == "cdef" => self.macros.push((Macro::Cdef, mac.tokens.clone())),
            Some(s) if s.ident == "c_source" => {
                self.macros.push((Macro::CSource, mac.tokens.clone()))
            }
            _ => {}
        }
        syn::visit::visit_macro(self, mac);
    }
}
