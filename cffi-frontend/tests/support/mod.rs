//! Helpers for tests that ask gcc (through the `cc` crate's compiler detection) for the truth.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use cffi_frontend::{Module, RecordId, Target, Type, TypeKind, layout, render};

/// A directory under the target dir for what the tests build.
pub fn out_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).expect("create test output dir");
    dir
}

/// The C compiler the `cc` crate would use for the host.
pub fn cc() -> Command {
    let triple = Target::host().triple().to_string();
    cc::Build::new()
        .target(&triple)
        .host(&triple)
        .opt_level(0)
        .cargo_metadata(false)
        .warnings(false)
        .get_compiler()
        .to_command()
}

/// What a command printed, after checking that it succeeded (`what` names it if not).
pub fn check(out: std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// `cc -E` on a file that includes `header`. Each call writes its own file: tests running in
/// parallel preprocess the same headers, and one must not truncate the file another's `cc`
/// is reading.
pub fn preprocess(header: &str) -> String {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = out_dir("preprocess");
    let file = dir.join(format!(
        "{}_{}_{call}.c",
        header.replace(['/', '.'], "_"),
        std::process::id()
    ));
    std::fs::write(&file, format!("#include <{header}>\n")).unwrap();
    check(cc().arg("-E").arg(&file).output().unwrap(), "cc -E")
}

/// Compiles `source` for the host and runs it; returns what it printed.
pub fn run_c(name: &str, source: &str) -> String {
    run_c_with(name, source, &Toolchain::host())
}

/// How to build and run a C program for a target: its compiler, and the emulator that runs
/// its binaries when the target is not the host.
pub struct Toolchain {
    pub target: Target,
    compiler: Option<String>,
    runner: Option<String>,
    /// The flags every compile takes (the cross compilers' `-static`).
    flags: Vec<&'static str>,
    /// What the executables' names end with (`.exe` for Windows).
    exe_suffix: &'static str,
}

impl Toolchain {
    pub fn host() -> Toolchain {
        Toolchain {
            target: Target::host(),
            compiler: None,
            runner: None,
            flags: Vec::new(),
            exe_suffix: "",
        }
    }

    /// A Debian cross compiler (`aarch64-linux-gnu-gcc`) and qemu's user-mode emulator, if
    /// both are installed.
    pub fn cross(triple: &str, gnu: &str, qemu: &str) -> Option<Toolchain> {
        let compiler = format!("{gnu}-gcc");
        if !(found(&compiler) && found(qemu)) {
            return None;
        }
        Some(Toolchain {
            target: Target::from_triple(triple).unwrap(),
            compiler: Some(compiler),
            runner: Some(qemu.to_string()),
            flags: vec!["-static"],
            exe_suffix: "",
        })
    }

    /// MinGW's gcc for 64-bit Windows, its programs run under wine, if both are installed.
    /// MinGW's own `printf` is used, which knows C99's `%zu`.
    pub fn mingw() -> Option<Toolchain> {
        let compiler = "x86_64-w64-mingw32-gcc";
        if !(found(compiler) && found("wine")) {
            return None;
        }
        Some(Toolchain {
            target: Target::from_triple("x86_64-pc-windows-gnu").unwrap(),
            compiler: Some(compiler.to_string()),
            runner: Some("wine".to_string()),
            flags: vec!["-static", "-D__USE_MINGW_ANSI_STDIO=1"],
            exe_suffix: ".exe",
        })
    }

    fn compile(&self) -> Command {
        let mut cmd = match &self.compiler {
            None => cc(),
            Some(c) => Command::new(c),
        };
        cmd.args(&self.flags);
        cmd
    }

    fn run(&self, exe: &std::path::Path) -> Command {
        match &self.runner {
            None => Command::new(exe),
            Some(r) => {
                let mut cmd = Command::new(r);
                cmd.arg(exe).env("WINEDEBUG", "-all");
                cmd
            }
        }
    }
}

/// Whether `tool --version` runs.
pub fn found(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Compiles `source` with `tc` and runs it; returns what it printed.
pub fn run_c_with(name: &str, source: &str, tc: &Toolchain) -> String {
    let dir = out_dir("run_c");
    let file = dir.join(format!("{name}.c"));
    let exe = dir.join(format!("{name}{}", tc.exe_suffix));
    std::fs::write(&file, source).unwrap();
    check(
        tc.compile()
            .arg(&file)
            .arg("-o")
            .arg(&exe)
            .output()
            .unwrap(),
        &format!("compiling {}", file.display()),
    );
    check(tc.run(&exe).output().unwrap(), &format!("running {name}"))
}

/// Whether `source` compiles (syntax and static assertions only); the compiler's messages.
pub fn compiles(name: &str, source: &str) -> Result<(), String> {
    let dir = out_dir("compiles");
    let file = dir.join(format!("{name}.c"));
    std::fs::write(&file, source).unwrap();
    let out = cc().arg("-fsyntax-only").arg(&file).output().unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// A C name for record `id`: its tag, or a typedef that names it.
pub fn record_c_name(m: &Module, id: RecordId) -> Option<String> {
    let r = m.record(id);
    if let Some(tag) = &r.tag {
        return Some(format!("{} {tag}", r.kind.keyword()));
    }
    m.typedefs
        .iter()
        .find(|t| t.ty.kind == TypeKind::Record(id))
        .map(|t| t.name.clone())
}

/// Checks the layout of each record in `ids` against gcc: size, alignment and the offset of
/// every field (bit-fields by setting them and finding the lowest set bit). `prelude` is the C
/// that declares the records. Returns how many numbers were compared.
pub fn check_layouts(name: &str, m: &Module, ids: &[RecordId], prelude: &str) -> usize {
    check_layouts_with(name, m, ids, prelude, &Toolchain::host())
}

/// [`check_layouts`] for the target of `tc`.
pub fn check_layouts_with(
    name: &str,
    m: &Module,
    ids: &[RecordId],
    prelude: &str,
    tc: &Toolchain,
) -> usize {
    let mut c = format!(
        "{prelude}\n#include <stdio.h>\n#include <stddef.h>\n#include <string.h>\n\
         static int low_bit(const unsigned char *p, size_t n) {{\n\
           for (size_t i = 0; i < n * 8; i++) if (p[i / 8] >> (i % 8) & 1) return (int)i;\n\
           return -1;\n}}\nint main(void) {{\n"
    );
    let mut expected = String::new();
    for &id in ids {
        let Some(cname) = record_c_name(m, id) else {
            continue;
        };
        let l =
            layout::record_layout(m, id).unwrap_or_else(|e| panic!("no layout for {cname}: {e:?}"));
        c.push_str(&format!(
            "  printf(\"{cname} %zu %zu\\n\", sizeof({cname}), _Alignof({cname}));\n"
        ));
        expected.push_str(&format!("{cname} {} {}\n", l.size, l.align));
        for (field, bits, width) in layout::flat_fields(m, id).unwrap() {
            match width {
                None => c.push_str(&format!(
                    "  printf(\"{cname}.{field} %zu\\n\", offsetof({cname}, {field}) * 8);\n"
                )),
                Some(_) => c.push_str(&format!(
                    "  {{ {cname} v; memset(&v, 0, sizeof v); v.{field} = -1;\n    \
                     printf(\"{cname}.{field} %d\\n\", low_bit((const unsigned char *)&v, sizeof v)); }}\n"
                )),
            }
            expected.push_str(&format!("{cname}.{field} {bits}\n"));
        }
    }
    c.push_str("  return 0;\n}\n");
    let actual = run_c_with(name, &c, tc);
    let mut compared = 0;
    let mut differences = Vec::new();
    for (want, got) in expected.lines().zip(actual.lines()) {
        if want != got {
            differences.push(format!("ours `{want}`, gcc's `{got}`"));
        }
        compared += 1;
    }
    assert!(
        differences.is_empty(),
        "{}: layouts differ from gcc:\n{}",
        tc.target.triple(),
        differences.join("\n")
    );
    assert_eq!(expected.lines().count(), actual.lines().count());
    compared
}

/// The C type of a pointer to function `ty`, for `__builtin_types_compatible_p`.
pub fn fn_pointer_type(m: &Module, f: &cffi_frontend::FnType) -> String {
    let ty = Type::new(TypeKind::Function(Box::new(f.clone()))).pointer_to();
    render::c_type(m, &ty)
}
