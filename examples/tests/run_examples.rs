//! Every example, run as a process, says what it should.

use std::path::PathBuf;
use std::process::Command;

#[path = "../support/example_binary.rs"]
mod support;

fn example(name: &str) -> PathBuf {
    support::example("cffi-examples", name)
}

/// The `field checksum: ...` line a heat-equation run prints.
fn checksum_line(out: &str) -> String {
    out.lines()
        .find(|l| l.starts_with("field checksum"))
        .unwrap_or_else(|| panic!("no checksum in: {out}"))
        .to_string()
}

fn run(name: &str, args: &[&str]) -> String {
    stdout_of(Command::new(example(name)).args(args), name)
}

/// What `cmd` prints, after checking that it succeeded (`what` names it if not).
fn stdout_of(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// Builds examples of this crate with `args` and `env` in a target directory apart from the
/// tests' own (so that the tests' build is not redone), and returns that directory.
fn build_apart(args: &[&str], env: &[(&str, &str)]) -> PathBuf {
    let target_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("crates-target");
    let status = Command::new(env!("CARGO"))
        .args(["build", "-q", "--offline", "-p", "cffi-examples"])
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env("CARGO_TARGET_DIR", &target_dir)
        .envs(env.iter().copied())
        .env_remove("CFLAGS")
        .env_remove("CC")
        .status()
        .unwrap();
    assert!(
        status.success(),
        "building the examples with {args:?} {env:?}"
    );
    target_dir
}

#[test]
fn sqrt_of_four_is_two() {
    let out = run("sqrt", &[]);
    assert!(out.contains("sqrtf(4) = 2\n"), "{out}");
    assert!(out.contains("sqrtf(1000000) = 1000\n"), "{out}");
}

#[test]
fn add_in_both_modes() {
    for name in ["abi_add", "api_add"] {
        let out = run(name, &[]);
        assert!(
            out.contains("a + b = [1, 1.1, 1.2, ..., 200000.90000000002]"),
            "{name}: {out}"
        );
    }
}

#[test]
fn fibonacci_tenth_term() {
    let out = run("fibonacci", &[]);
    assert!(out.lines().any(|l| l == "F(10) = 55"), "{out}");
    let out = run("fibonacci", &["20"]);
    assert!(out.lines().any(|l| l == "F(20) = 6765"), "{out}");
}

#[test]
fn zlib_round_trip() {
    let file = std::env::temp_dir().join("cffi_rs_zlib_example.txt");
    std::fs::write(&file, "cffi-rs ".repeat(10_000)).unwrap();
    let out = run("zlib", &[file.to_str().unwrap()]);
    assert!(out.contains("round trip: equal"), "{out}");
    assert!(out.contains("80000 bytes"), "{out}");
    let ratio: f64 = out
        .lines()
        .find_map(|l| l.strip_prefix("ratio: "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(ratio > 50.0, "{out}");
}

#[test]
fn sqlite_rows() {
    let out = run("sqlite", &[]);
    assert!(out.ends_with("Mars | 2\nEarth | 1\n"), "{out}");
}

#[test]
fn qsort_with_a_rust_comparator() {
    let out = run("qsort", &[]);
    assert!(
        out.contains("after:  [0, -3, 3, -7, 7, 8, 15, -42, 42, -100]"),
        "{out}"
    );
}

fn decode(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[test]
fn heat_equation_in_both_modes() {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("heat");
    let mut checksums = Vec::new();
    for mode in ["abi", "api"] {
        let dir = base.join(mode);
        let _ = std::fs::remove_dir_all(&dir);
        let out = run(
            "heat_equation",
            &[
                "--mode",
                mode,
                "--size",
                "64",
                "--steps",
                "200",
                "--out",
                dir.to_str().unwrap(),
            ],
        );
        assert!(out.contains(&format!("mode: {mode}")), "{out}");
        assert!(out.contains("time per step: "), "{out}");
        let (w0, h0, first) = decode(&dir.join("heat_000.png"));
        let (w1, h1, last) = decode(&dir.join("heat_200.png"));
        assert_eq!((w0, h0, w1, h1), (64, 64, 64, 64));
        assert_ne!(first, last, "the field did not change");
        checksums.push(checksum_line(&out));
    }
    assert_eq!(
        checksums[0], checksums[1],
        "ABI and API runs give different fields"
    );
    // The OpenMP step, built with the module's `cflags = "-fopenmp"`, gives the same field on
    // any number of threads, a number that does not divide the rows included.
    for threads in ["1", "2", "3"] {
        let dir = base.join(format!("omp{threads}"));
        let out = run(
            "heat_equation",
            &[
                "--threads",
                threads,
                "--size",
                "64",
                "--steps",
                "200",
                "--out",
                dir.to_str().unwrap(),
            ],
        );
        assert!(out.contains("(OpenMP, "), "{out}");
        assert!(out.contains(&checksums[0]), "{threads} threads: {out}");
    }
}

/// The examples that need no library beyond C's (`heat_mpi` needs the target's MPI), which
/// the cross builds run.
const C_LIBRARY_EXAMPLES: [&str; 4] = ["sqrt", "fibonacci", "heat_equation", "api_add"];

/// The examples that use only the C library cross-built for aarch64 (the cross compiler
/// for the C, the macro reading headers for the target) and run under qemu: the heat
/// equation gives one field whichever way its C is bound, OpenMP included, as on the host.
#[test]
fn examples_cross_built_for_aarch64_run_under_qemu() {
    let mut args = C_LIBRARY_EXAMPLES.map(|e| ["--example", e]).concat();
    args.extend(["--target", "aarch64-unknown-linux-gnu"]);
    let linker = (
        "CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER",
        "aarch64-linux-gnu-gcc",
    );
    let target_dir = build_apart(&args, &[linker]);
    let dir = target_dir.join("aarch64-unknown-linux-gnu/debug/examples");
    let qemu = |name: &str, args: &[&str]| {
        let mut cmd = Command::new("qemu-aarch64");
        cmd.args(["-L", "/usr/aarch64-linux-gnu"])
            .arg(dir.join(name))
            .args(args);
        stdout_of(&mut cmd, name)
    };
    assert!(qemu("sqrt", &[]).contains("sqrtf(4) = 2\n"));
    assert!(qemu("fibonacci", &[]).lines().any(|l| l == "F(10) = 55"));
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("heat-aarch64");
    let mut checksums = Vec::new();
    for mode in [["--mode", "abi"], ["--mode", "api"], ["--threads", "2"]] {
        let mut args = vec!["--size", "64", "--steps", "50", "--out"];
        args.push(out_dir.to_str().unwrap());
        args.extend(mode);
        checksums.push(checksum_line(&qemu("heat_equation", &args)));
    }
    assert!(
        checksums.iter().all(|c| *c == checksums[0]),
        "{checksums:?}"
    );
}

/// Whether `program --version` runs.
fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A Windows target the examples are cross-built for and run under wine.
struct Windows {
    triple: &'static str,
    /// MinGW's C compiler for it.
    gcc: &'static str,
    /// MinGW's runtime DLLs the examples may load (OpenMP's, threads', the unwinder's).
    dlls: [&'static str; 3],
    /// Flags for the C (`CFLAGS_<triple>`).
    cflags: &'static str,
}

/// The examples that use only the C library cross-built for 64-bit Windows (MinGW's compiler
/// for the C, the macro reading MinGW's headers) and run under wine: in ABI mode the lesson's
/// C is a DLL loaded by path and the C runtime's `sqrtf` is found by `lib = "m"`; the heat
/// equation gives the host's field in both modes and with OpenMP.
#[test]
fn examples_cross_built_for_windows_run_under_wine() {
    run_on_windows(
        &Windows {
            triple: "x86_64-pc-windows-gnu",
            gcc: "x86_64-w64-mingw32-gcc",
            dlls: ["libgomp-1.dll", "libwinpthread-1.dll", "libgcc_s_seh-1.dll"],
            cflags: "",
        },
        true,
    );
}

/// The same for 32-bit Windows (where 32-bit wine is installed). Its C runtimes export no
/// `float` maths (`sqrtf` is inline in the headers), so `sqrt` is left out; the C is compiled
/// for SSE arithmetic, as Rust's i686 targets compute, so the field equals the host's bit for
/// bit (x87's wider intermediates would round otherwise).
#[test]
fn examples_cross_built_for_32_bit_windows_run_under_wine() {
    run_on_windows(
        &Windows {
            triple: "i686-pc-windows-gnu",
            gcc: "i686-w64-mingw32-gcc",
            dlls: ["libgomp-1.dll", "libwinpthread-1.dll", "libgcc_s_dw2-1.dll"],
            cflags: "-msse2 -mfpmath=sse",
        },
        false,
    );
}

fn run_on_windows(w: &Windows, with_sqrt: bool) {
    let target = w.triple;
    let installed = std::process::Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == target)
        });
    if !(installed && found(w.gcc) && found("wine")) {
        assert!(
            std::env::var_os("CFFI_REQUIRE_CROSS").is_none(),
            "MinGW, wine or Rust's {target} library is missing (scripts/deps.sh installs them)"
        );
        eprintln!(
            "skipped: install MinGW ({}), wine and the {target} target",
            w.gcc
        );
        return;
    }
    let mut args = C_LIBRARY_EXAMPLES.map(|e| ["--example", e]).concat();
    args.extend(["--example", "abi_add", "--target", target]);
    let cflags_var = format!("CFLAGS_{}", target.replace('-', "_"));
    let target_dir = build_apart(&args, &[(&cflags_var, w.cflags)]);
    let dir = target_dir.join(format!("{target}/debug/examples"));
    let setup = wine_setup(w);
    let wine = |name: &str, args: &[&str]| {
        let mut cmd = Command::new("wine");
        cmd.arg(dir.join(format!("{name}.exe"))).args(args);
        cmd.envs(setup.iter().map(|(k, v)| (k, v)));
        stdout_of(&mut cmd, name)
    };
    if with_sqrt {
        assert!(wine("sqrt", &[]).contains("sqrtf(1000000) = 1000"));
    }
    assert!(
        wine("fibonacci", &[])
            .lines()
            .any(|l| l.trim_end() == "F(10) = 55")
    );
    for name in ["abi_add", "api_add"] {
        let out = wine(name, &[]);
        assert!(
            out.contains("a + b = [1, 1.1, 1.2, ..., 200000.90000000002]"),
            "{name}: {out}"
        );
    }
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("heat-{target}"));
    let args = |mode: [&'static str; 2]| {
        let mut args = vec!["--size", "64", "--steps", "50", "--out"];
        args.push(out_dir.to_str().unwrap());
        args.extend(mode);
        args
    };
    let host = checksum_line(&run("heat_equation", &args(["--mode", "api"])));
    for mode in [["--mode", "abi"], ["--mode", "api"], ["--threads", "2"]] {
        let line = checksum_line(&wine("heat_equation", &args(mode)));
        assert_eq!(line, host, "{mode:?} under wine for {target}");
    }
}

/// What wine needs to run the examples: MinGW's runtime DLLs (OpenMP's, threads') on its
/// path, and a `bcryptprimitives.dll` with `ProcessPrng` (`support/wine_prng.c`), preferred
/// to wine's own; one of each per target, as wine loads a program's own architecture's DLLs.
fn wine_setup(w: &Windows) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("wine-prng-{}", w.triple));
    std::fs::create_dir_all(&dir).unwrap();
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("support/wine_prng.c");
    let status = Command::new(w.gcc)
        .args(["-shared", "-O2", "-Wl,--kill-at", "-o"])
        .arg(dir.join("bcryptprimitives.dll"))
        .arg(&source)
        .arg("-ladvapi32")
        .status()
        .unwrap();
    assert!(status.success(), "building the ProcessPrng stand-in");
    let mut path = vec![dir.display().to_string()];
    for dll in w.dlls {
        let out = Command::new(w.gcc)
            .arg(format!("-print-file-name={dll}"))
            .output()
            .unwrap();
        let found = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if let Some(parent) = found.parent().filter(|_| found.is_file()) {
            path.push(parent.display().to_string());
        }
    }
    vec![
        ("WINEPATH".into(), path.join(";")),
        ("WINEDLLOVERRIDES".into(), "bcryptprimitives=n,b".into()),
        ("WINEDEBUG".into(), "-all".into()),
    ]
}

/// The heat equation over MPI ranks gathers the field the single process computes, bit for
/// bit, on 1, 2 and 3 ranks (3 does not divide the 64 rows), with Open MPI and with MPICH.
#[test]
fn heat_mpi_matches_the_single_process_field() {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("heat_mpi");
    let args = ["--size", "64", "--steps", "100", "--out"];
    let serial_dir = base.join("serial");
    let mut serial_args = args.to_vec();
    serial_args.push(serial_dir.to_str().unwrap());
    let serial = run("heat_equation", &serial_args);
    let checksum = checksum_line(&serial);
    let exe = example("heat_mpi");
    for ranks in ["1", "2", "3"] {
        let dir = base.join(format!("ranks{ranks}"));
        let text = stdout_of(
            Command::new("mpirun")
                .args(["--oversubscribe", "-n", ranks])
                .arg(&exe)
                .args(args)
                .arg(&dir)
                // CI runs as root, which Open MPI refuses unless told.
                .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
                .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1"),
            &format!("heat_mpi on {ranks} ranks"),
        );
        assert!(text.contains(&format!("ranks: {ranks}\n")), "{text}");
        assert!(
            text.contains(&checksum),
            "{ranks} ranks: {text}\nserial: {serial}"
        );
        assert!(dir.join("heat_100.png").exists());
    }
    // The same example built against MPICH (`CFFI_MPI=mpich`, whose handles are integer
    // constants), run by MPICH's launcher.
    let target_dir = build_apart(&["--example", "heat_mpi"], &[("CFFI_MPI", "mpich")]);
    let text = stdout_of(
        Command::new("mpirun.mpich")
            .args(["-n", "2"])
            .arg(target_dir.join("debug/examples/heat_mpi"))
            .args(args)
            .arg(base.join("mpich")),
        "heat_mpi with MPICH",
    );
    assert!(text.contains(&checksum), "MPICH: {text}\nserial: {serial}");
}
