//! Expansion time of each corpus import (`tests/corpus/headers.tsv`) beside the time of the
//! preprocessor alone on the same headers, the median of 7 runs each, and the size of the
//! expansion in tokens: `cargo run --release -p cffi-codegen --example import_times`.

use proc_macro2::{TokenStream, TokenTree};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(f: impl Fn()) -> Duration {
    f();
    median(
        (0..7)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// Tokens in `ts`, a group's two delimiters counted as two.
fn tokens(ts: TokenStream) -> usize {
    ts.into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => 2 + tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

fn preprocess(headers: &str, cflags: &[String]) {
    let mut child = Command::new("cc")
        .args(cflags)
        .args(["-E", "-dD", "-x", "c", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run cc");
    let text: String = headers
        .split_whitespace()
        .map(|h| format!("#include {h}\n"))
        .collect();
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    child.wait_with_output().expect("cc -E");
}

fn main() {
    let corpus = include_str!("../../tests/corpus/headers.tsv");
    println!("| import | `cc -E -dD` | expansion, `cc -E` included | ratio | tokens |");
    println!("| --- | --- | --- | --- | --- |");
    for line in corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (headers, allow) = (cols[1], cols[2]);
        let mut settings = if allow == "-" {
            String::new()
        } else {
            format!(", allow = \"{allow}\"")
        };
        // The settings column: `pkg:NAME` for pkg-config, else C flags.
        let cflags = match cols.get(5) {
            Some(s) => match s.strip_prefix("pkg:") {
                Some(package) => {
                    settings.push_str(&format!(", pkg_config = \"{package}\""));
                    cffi_codegen::pkg_config(package)
                        .expect("pkg-config")
                        .cflags
                }
                None => {
                    settings.push_str(&format!(", cflags = \"{s}\""));
                    s.split_whitespace().map(str::to_string).collect()
                }
            },
            None => Vec::new(),
        };
        let input = format!(
            "#[cffi(abi, lib = \"x\", import = \"{headers}\"{settings})] pub unsafe mod m {{}}"
        );
        let cc = time(|| preprocess(headers, &cflags));
        let expand = time(|| {
            cffi_codegen::cdef(input.parse().expect("tokens"));
        });
        let size = tokens(cffi_codegen::cdef(input.parse().expect("tokens")));
        println!(
            "| `{headers}` | {:.0} ms | {:.0} ms | {:.2} | {size} |",
            cc.as_secs_f64() * 1e3,
            expand.as_secs_f64() * 1e3,
            expand.as_secs_f64() / cc.as_secs_f64()
        );
    }
}
