//! Compiling the modules' C to objects, and recording what the C compiler said when it could
//! not, for the macro to report on the Rust declarations.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use cffi_codegen::{CGlue, Compiler};

/// Modules compiled in one C file: the same prologue (so that a source two modules bind is
/// compiled, and defined, once) and the same flags.
pub struct Group<'a> {
    pub prologue: &'a str,
    pub cflags: &'a [String],
    /// Each module with the Rust file it was written in.
    pub modules: Vec<(&'a Path, &'a CGlue)>,
    /// The C file of the group, made once: the fingerprint reads it, and it is compiled.
    pub c: String,
}

/// The modules grouped by prologue and flags, in the order they were found.
pub fn groups<'a>(glue: impl IntoIterator<Item = &'a (PathBuf, CGlue)>) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for (file, g) in glue {
        match groups
            .iter_mut()
            .find(|x| x.prologue == g.prologue && x.cflags == g.settings.cflags.as_slice())
        {
            Some(group) => group.modules.push((file, g)),
            None => groups.push(Group {
                prologue: &g.prologue,
                cflags: &g.settings.cflags,
                modules: vec![(file, g)],
                c: String::new(),
            }),
        }
    }
    for group in &mut groups {
        group.c = cffi_codegen::c_file(
            group.prologue,
            group.modules.iter().map(|(_, g)| g.body.as_str()),
        );
    }
    groups
}

impl Group<'_> {
    fn key(&self) -> &str {
        &self.modules[0].1.key
    }

    /// The `sources` of its modules: more C files compiled with its flags.
    fn sources(&self, dir: &Path) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for s in self.modules.iter().flat_map(|(_, g)| &g.settings.sources) {
            let path = dir.join(s);
            if !out.contains(&path) {
                out.push(path);
            }
        }
        out
    }

    /// Writes what the compiler said to the error file of each module of the group.
    fn record_errors(&self, stderr: &str, out_dir: &Path) {
        for (rust_file, g) in &self.modules {
            let text = cffi_codegen::c_errors(stderr, rust_file);
            crate::write_if_changed(&errors_file(out_dir, &g.key), &text);
        }
    }
}

/// One run of the compiler on one file, with the group it is for.
struct Job<'a, 'g> {
    group: &'a Group<'g>,
    child: std::io::Result<Child>,
    object: PathBuf,
}

/// Compiles every group's C file and `sources` to objects, all at once, and returns the
/// objects; `None` when any failed, after writing the errors for the macro.
pub fn objects(groups: &[Group<'_>], compiler: &Compiler, out_dir: &Path) -> Option<Vec<PathBuf>> {
    let mut jobs = Vec::new();
    let mut compiled: Vec<PathBuf> = Vec::new();
    for group in groups {
        let file = out_dir.join(format!("cffi_{}.c", group.key()));
        crate::write_if_changed(&file, &group.c);
        let mut files = vec![file];
        for source in group.sources(&compiler.dir) {
            if !compiled.contains(&source) {
                compiled.push(source.clone());
                files.push(source);
            }
        }
        for (i, file) in files.iter().enumerate() {
            let object = out_dir.join(format!("cffi_{}_{i}.o", group.key()));
            let child = compiler
                .command()
                .args(group.cflags)
                .arg("-c")
                .arg(file)
                .arg("-o")
                .arg(&object)
                // The files it includes, for the next build to know what it depends on.
                .arg("-MMD")
                .arg("-MF")
                .arg(object.with_extension("d"))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn();
            jobs.push(Job {
                group,
                child,
                object,
            });
        }
    }
    let mut ok = true;
    let mut objects = Vec::new();
    for job in jobs {
        let stderr = match job.child.and_then(Child::wait_with_output) {
            Ok(out) if out.status.success() => {
                objects.push(job.object);
                continue;
            }
            Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
            Err(e) => format!("cannot run the C compiler `{}`: {e}", compiler.program),
        };
        ok = false;
        job.group.record_errors(&stderr, out_dir);
    }
    ok.then_some(objects)
}

/// Compiles a module's probe to assembly (no code for the target is run, so cross builds
/// work) and writes what it found where the macro reads it; `false` when it did not compile,
/// after writing the errors for the macro.
pub fn probe(
    group: &Group<'_>,
    glue: &CGlue,
    rust_file: &Path,
    compiler: &Compiler,
    out_dir: &Path,
) -> bool {
    let Some(probe) = &glue.probe else {
        return true;
    };
    let key = &glue.key;
    let source = out_dir.join(format!("cffi_probe_{key}.c"));
    let assembly = out_dir.join(format!("cffi_probe_{key}.s"));
    crate::write_if_changed(&source, &probe.c);
    let output = compiler
        .command()
        .args(group.cflags)
        .arg("-S")
        .arg("-o")
        .arg(&assembly)
        .arg(&source)
        .output();
    let stderr = match output {
        Ok(out) if out.status.success() => {
            let asm = std::fs::read_to_string(&assembly).unwrap_or_default();
            match probe.read(&asm) {
                Ok(numbers) => {
                    crate::write_if_changed(&out_dir.join(probe.file_name()), &numbers);
                    return true;
                }
                Err(e) => format!("cannot read the numbers of {}: {e}", source.display()),
            }
        }
        Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
        Err(e) => format!("cannot run the C compiler `{}`: {e}", compiler.program),
    };
    let text = cffi_codegen::c_errors(&stderr, rust_file);
    crate::write_if_changed(&errors_file(out_dir, key), &text);
    false
}

/// Where the macro reads what went wrong with module `key`'s C.
pub fn errors_file(out_dir: &Path, key: &str) -> PathBuf {
    out_dir.join(cffi_codegen::c_errors_file_name(key))
}
