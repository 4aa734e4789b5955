//! Apple's system headers, imported for both Apple targets as a crate built for macOS reads
//! them: each header of the list expands without an error, every integer constant the
//! import binds has the value clang gives it there, and API mode's C for the header (the
//! checks of every function type, record layout, global and constant) compiles. The headers are the macOS headers zig
//! ships, compiled by zig's clang (`scripts/zig.sh`, `scripts/apple_cc.sh`), where no Apple
//! SDK can be had; the values are compiled into constants and read back from the assembly.

use std::path::{Path, PathBuf};
use std::process::Command;

use cffi_codegen::Compiler;
use cffi_difftest::measure_clang::{self, ClangTarget};

/// Headers of the C library, POSIX and Darwin a program binds: every kind of declaration
/// Apple writes (availability and Swift annotations, clocks as enumerators, streams as
/// macros of globals, threading objects as opaque structs, blocks, `long double`).
const HEADERS: &[&str] = &[
    "<stdio.h>",
    "<stdlib.h>",
    "<string.h>",
    "<strings.h>",
    "<time.h>",
    "<pthread.h>",
    "<signal.h>",
    "<errno.h>",
    "<fcntl.h>",
    "<unistd.h>",
    "<math.h>",
    "<limits.h>",
    "<stdint.h>",
    "<inttypes.h>",
    "<locale.h>",
    "<wchar.h>",
    "<wctype.h>",
    "<ctype.h>",
    "<dirent.h>",
    "<dlfcn.h>",
    "<glob.h>",
    "<fnmatch.h>",
    "<regex.h>",
    "<termios.h>",
    "<poll.h>",
    "<netdb.h>",
    "<ifaddrs.h>",
    "<spawn.h>",
    "<semaphore.h>",
    "<syslog.h>",
    "<pwd.h>",
    "<grp.h>",
    "<utime.h>",
    "<libgen.h>",
    "<fenv.h>",
    "<setjmp.h>",
    "<sched.h>",
    "<copyfile.h>",
    "<execinfo.h>",
    "<sys/stat.h>",
    "<sys/socket.h>",
    "<sys/mman.h>",
    "<sys/time.h>",
    "<sys/resource.h>",
    "<sys/wait.h>",
    "<sys/event.h>",
    "<sys/sysctl.h>",
    "<sys/ioctl.h>",
    "<sys/uio.h>",
    "<sys/un.h>",
    "<sys/select.h>",
    "<sys/utsname.h>",
    "<sys/mount.h>",
    "<mach/mach.h>",
    "<dispatch/dispatch.h>",
    "<netinet/in.h>",
    "<netinet/tcp.h>",
    "<arpa/inet.h>",
    "<net/if.h>",
    "<mach/mach_time.h>",
    "<libkern/OSByteOrder.h>",
    "<os/lock.h>",
];

/// The Apple targets, as the differential tester names them.
const TARGETS: [ClangTarget; 2] = [ClangTarget::APPLE_ARM64, ClangTarget::APPLE_X86_64];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Apple C compiler, if zig is there: `scripts/zig.sh` fetches it (the test command
/// runs it). Without it the test is skipped, unless `CFFI_REQUIRE_CROSS` says it must run.
fn apple_cc() -> Option<PathBuf> {
    if repo().join("target/zig/ziglang/zig").exists() {
        return Some(repo().join("scripts/apple_cc.sh"));
    }
    assert!(
        std::env::var_os("CFFI_REQUIRE_CROSS").is_none(),
        "zig is missing: run `bash scripts/zig.sh`"
    );
    eprintln!("skipped: no zig under target/zig (bash scripts/zig.sh fetches it)");
    None
}

/// Runs `compiler` with `flags` and then `files` after its own arguments: what it wrote on
/// failure, naming `what` it compiled.
fn run(compiler: &Compiler, flags: &[&str], files: &[&Path], what: &str) {
    let out = Command::new(&compiler.program)
        .args(&compiler.args)
        .args(flags)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what} does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Compiles `c` and reads the 8-byte constants `cffi_k0`, `cffi_k1`, ... back.
fn clang_values(compiler: &Compiler, c: &str, n: usize) -> Vec<u64> {
    let (src, asm) = (compiler.dir.join("consts.c"), compiler.dir.join("consts.s"));
    std::fs::write(&src, c).unwrap();
    let flags = ["-S", "-O0", "-w", "-o"];
    run(compiler, &flags, &[&asm, &src], "the constants' C");
    let data = measure_clang::data(&std::fs::read_to_string(&asm).unwrap());
    (0..n)
        .map(|i| {
            let bytes = data.get(&format!("cffi_k{i}")).map(Vec::as_slice);
            match bytes {
                Some(b) if b.len() == 8 => u64::from_le_bytes(b.try_into().unwrap()),
                other => panic!("constant {i} not found in the assembly: {other:?}"),
            }
        })
        .collect()
}

/// API mode's C for `header` (its wrappers, and the checks of every function type, record
/// layout, global and constant), compiled by clang for `triple`: what a crate built for macOS
/// compiles.
fn api_c_compiles(compiler: &Compiler, triple: &str, header: &str) {
    let dir = &compiler.dir;
    let input = format!("#[cffi(api, import = \"{header}\")] pub unsafe mod m {{}}");
    let glue = cffi_codegen::api_glue(
        input.parse().unwrap(),
        &dir.join("lib.rs"),
        compiler,
        triple,
    );
    let [glue] = glue.as_slice() else {
        panic!("{triple} {header}: no C for the module")
    };
    assert_eq!(glue.failed, None, "{triple} {header}");
    let (src, obj) = (dir.join("api.c"), dir.join("api.o"));
    std::fs::write(&src, format!("{}\n{}", glue.prologue, glue.body)).unwrap();
    let what = format!("{triple} {header}: API mode's C");
    run(compiler, &["-c", "-w", "-o"], &[&obj, &src], &what);
}

#[test]
fn apple_headers_import_with_clang_s_constants() {
    let Some(cc) = apple_cc() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("apple-headers");
    std::fs::create_dir_all(&dir).unwrap();
    for target in TARGETS {
        let triple = target.triple;
        let compiler = Compiler {
            program: cc.display().to_string(),
            args: vec![format!("--target={}", target.clang)],
            dir: dir.clone(),
        };
        let (mut functions, mut constants) = (0, 0);
        for header in HEADERS {
            let report = cffi_codegen::import_report_for(header, None, &compiler, triple)
                .unwrap_or_else(|e| panic!("{triple} {header}: {e}"));
            let mut c = format!("#include {header}\n");
            for (i, (name, _)) in report.constants.iter().enumerate() {
                c.push_str(&format!(
                    "const unsigned long long cffi_k{i} = (unsigned long long)({name});\n"
                ));
            }
            let clang = clang_values(&compiler, &c, report.constants.len());
            for ((name, value), clang) in report.constants.iter().zip(clang) {
                assert_eq!(*value as u64, clang, "{triple} {header}: `{name}`");
            }
            api_c_compiles(&compiler, triple, header);
            functions += report.functions.len();
            constants += report.constants.len();
        }
        eprintln!(
            "{triple}: {} headers, {functions} functions bound, {constants} integer constants equal clang's",
            HEADERS.len()
        );
    }
}
