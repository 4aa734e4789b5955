//! Running the C preprocessor on the headers an import names (`cc -E -dD -v`), as the
//! module's compiler and flags would: the text the front end reads, the include search path,
//! and the directories the module's own flags add.

use std::process::Stdio;

use crate::input::settings::Compiler;

/// `cc -E -dD` of a file that includes `header` (`<h.h>` from the system, else a path in the
/// package), run as `compiler` with its flags, and the include search path it used.
pub fn preprocess(header: &str, compiler: &Compiler) -> Result<(String, Vec<String>), String> {
    let mut line = String::new();
    for h in header_list(header) {
        if h.starts_with('<') {
            line.push_str(&format!("#include {h}\n"));
        } else {
            line.push_str(&format!(
                "#include {:?}\n",
                compiler.dir.join(h).display().to_string()
            ));
        }
    }
    let name = &compiler.program;
    let mut child = compiler
        .command()
        .args(["-E", "-dD", "-v", "-x", "c", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run the C preprocessor `{name} -E`: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(line.as_bytes())
            .map_err(|e| format!("cannot write to `{name} -E`: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("`{name} -E` failed: {e}"))?;
    if !out.status.success() {
        let errors = preprocessor_errors(&String::from_utf8_lossy(&out.stderr));
        let hint = match errors.contains("No such file") {
            true => {
                "; install the package that provides it, or name its directory with `cflags = \"-I...\"` or `pkg_config = \"...\"` (the next build sees the fix)"
            }
            false => "",
        };
        return Err(format!(
            "the C preprocessor cannot read {header}: {errors}{hint}"
        ));
    }
    let search = crate::header::header_files::search_path(&String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout)
        .map_err(|_| format!("the preprocessed {header} is not UTF-8"))?;
    Ok((text, search))
}

/// The directories the module's flags add to the include path (`-I`, from `cflags`,
/// `pkg_config` or the build script), as the preprocessor lists them: a library's own,
/// unlike the compiler's standard ones, so what lies below them is the library's too
/// (`<Python.h>`'s `cpython/*.h` below `-I/usr/include/python3.11`).
pub(crate) fn library_dirs(compiler: &Compiler) -> Vec<String> {
    let mut dirs = Vec::new();
    let mut args = compiler.args.iter();
    while let Some(a) = args.next() {
        let dir = match a.strip_prefix("-I") {
            Some("") => args.next().cloned(),
            Some(d) => Some(d.to_string()),
            None => None,
        };
        let Some(dir) = dir else { continue };
        let dir = dir.trim_end_matches('/').to_string();
        if !matches!(dir.as_str(), "/usr/include" | "/usr/local/include") {
            dirs.push(dir);
        }
    }
    dirs
}

/// The lines of the preprocessor's `-v` output that say what went wrong, without its
/// version and search-path report (whose configure line mentions `--disable-werror`), and
/// without the place in the generated input (`<stdin>:1:10: `).
fn preprocessor_errors(stderr: &str) -> String {
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error:") || l.contains("No such file"))
        .filter(|l| !l.starts_with("Configured with"))
        .map(|l| match l.strip_prefix("<stdin>:") {
            Some(rest) => rest.splitn(3, ':').nth(2).map_or(l, str::trim_start),
            None => l,
        })
        .collect();
    if errors.is_empty() {
        stderr.trim().to_string()
    } else {
        errors.join("\n")
    }
}

/// The headers an `import` (or `include`) names: `<a.h>` or `path/b.h`, separated by spaces
/// or commas.
pub fn header_list(headers: &str) -> Vec<&str> {
    headers
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|h| !h.is_empty())
        .collect()
}
