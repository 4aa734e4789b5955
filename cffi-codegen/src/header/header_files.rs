//! Which files of a preprocessed header belong to it: the named header, and what it includes
//! for itself, followed through the include tree the preprocessor's line markers record.
//!
//! A header's own files are its private implementation headers (glibc's `bits/`, the
//! kernel's `asm/` and `asm-generic/`, reached from `<math.h>` or `<errno.h>`), and a
//! library's own sub-headers (zlib's `zconf.h` beside `zlib.h`, `<curl/curl.h>`'s
//! `curl/*.h`). The walk stops at the standard C and POSIX headers and at the top-level
//! headers of other directories on the include path, which are other libraries' public
//! headers (`<mpfr.h>` includes `<gmp.h>`, whose declarations are GMP's). Types those other
//! headers declare are still bound where a kept declaration needs them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Headers of the C standard, POSIX and the C library's entry points: public headers of
/// their own, whatever includes them. Paths as written in `#include <...>`.
const STANDARD: &[&str] = &[
    "assert.h",
    "complex.h",
    "ctype.h",
    "errno.h",
    "fenv.h",
    "float.h",
    "inttypes.h",
    "iso646.h",
    "limits.h",
    "locale.h",
    "math.h",
    "setjmp.h",
    "signal.h",
    "stdalign.h",
    "stdarg.h",
    "stdatomic.h",
    "stdbool.h",
    "stddef.h",
    "stdint.h",
    "stdio.h",
    "stdlib.h",
    "stdnoreturn.h",
    "string.h",
    "tgmath.h",
    "threads.h",
    "time.h",
    "uchar.h",
    "wchar.h",
    "wctype.h",
    "aio.h",
    "arpa/inet.h",
    "cpio.h",
    "dirent.h",
    "dlfcn.h",
    "fcntl.h",
    "fmtmsg.h",
    "fnmatch.h",
    "ftw.h",
    "glob.h",
    "grp.h",
    "iconv.h",
    "langinfo.h",
    "libgen.h",
    "monetary.h",
    "mqueue.h",
    "ndbm.h",
    "net/if.h",
    "netdb.h",
    "netinet/in.h",
    "netinet/tcp.h",
    "nl_types.h",
    "poll.h",
    "pthread.h",
    "pwd.h",
    "regex.h",
    "sched.h",
    "search.h",
    "semaphore.h",
    "spawn.h",
    "strings.h",
    "sys/ipc.h",
    "sys/mman.h",
    "sys/msg.h",
    "sys/resource.h",
    "sys/select.h",
    "sys/sem.h",
    "sys/shm.h",
    "sys/socket.h",
    "sys/stat.h",
    "sys/statvfs.h",
    "sys/time.h",
    "sys/times.h",
    "sys/types.h",
    "sys/uio.h",
    "sys/un.h",
    "sys/utsname.h",
    "sys/wait.h",
    "syslog.h",
    "tar.h",
    "termios.h",
    "ulimit.h",
    "unistd.h",
    "utime.h",
    "utmpx.h",
    "wordexp.h",
    "features.h",
    "features-time64.h",
    "stdc-predef.h",
    "alloca.h",
    "endian.h",
    "malloc.h",
    "memory.h",
    "sys/cdefs.h",
    "sys/param.h",
    "sys/ioctl.h",
    "sys/sysmacros.h",
    "sys/epoll.h",
    "sys/eventfd.h",
    "sys/file.h",
    "sys/prctl.h",
    "sys/syscall.h",
    "sys/sysinfo.h",
    "sys/random.h",
    "err.h",
    "error.h",
    "getopt.h",
    "paths.h",
    "link.h",
    "elf.h",
    "byteswap.h",
    "ucontext.h",
    "xlocale.h",
];

/// The include search path: the directories `cc -E -v` lists, from its standard error.
pub fn search_path(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .skip_while(|l| !l.starts_with("#include <...> search starts here:"))
        .skip(1)
        .take_while(|l| !l.starts_with("End of search list."))
        .map(|l| l.trim().trim_end_matches('/').to_string())
        .collect()
}

/// Who includes whom, from the line markers of `cc -E` output: `# 1 "child.h" 1` enters a
/// file from the one being read, `# 42 "parent.h" 2` returns to it.
fn include_tree(text: &str) -> HashMap<String, Vec<String>> {
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    let mut stack: Vec<String> = Vec::new();
    for line in text.lines() {
        let Some((file, flags)) = marker(line) else {
            continue;
        };
        let mut flags = flags.split_whitespace();
        match flags.next() {
            Some("1") => {
                if let Some(parent) = stack.last() {
                    let list = children.entry(parent.clone()).or_default();
                    if !list.contains(&file) {
                        list.push(file.clone());
                    }
                }
                stack.push(file);
            }
            Some("2") => {
                while stack.last().is_some_and(|f| *f != file) {
                    stack.pop();
                }
            }
            _ => {
                if stack.is_empty() {
                    stack.push(file);
                } else if let Some(top) = stack.last_mut() {
                    *top = file;
                }
            }
        }
    }
    children
}

/// `# 12 "file" 1 3` as (file, flags).
fn marker(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix("# ")?;
    let (digits, rest) = rest.split_once(' ')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some((rest[..end].to_string(), rest[end + 1..].trim()))
}

/// A path as `#include <...>` names it: relative to the search-path directory holding it.
pub fn include_name<'a>(path: &'a str, search: &[String]) -> &'a str {
    search
        .iter()
        .filter_map(|dir| path.strip_prefix(dir.as_str())?.strip_prefix('/'))
        .min_by_key(|rel| rel.len())
        .unwrap_or(path)
}

/// The named headers' own files, in the order the preprocessor first read them. Each header
/// is followed by its own rule (what lies beside it is its own); `extra` (the module's
/// `files = "..."`) adds files by their include name.
pub fn own_files(
    text: &str,
    files: &[String],
    headers: &[&str],
    (search, library_dirs): (&[String], &[String]),
    extra: Option<&str>,
) -> Vec<String> {
    let children = include_tree(text);
    let mut own: HashSet<String> = HashSet::new();
    for header in headers {
        own.extend(reached(&children, header, search, library_dirs));
    }
    if let Some(pattern) = extra {
        for f in files {
            if crate::text::patterns::matches(pattern, include_name(f, search)) {
                own.insert(f.clone());
            }
        }
    }
    files.iter().filter(|f| own.contains(*f)).cloned().collect()
}

/// The files the named headers' own files include that are not their own, as left-out
/// entries: the walk stops there, and binds only the types the header's declarations need
/// from them (a user who wants the rest names them in `import` or `files`).
pub fn walked_past(text: &str, own: &[String], search: &[String]) -> Vec<String> {
    let children = include_tree(text);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for parent in own {
        for child in children.get(parent).into_iter().flatten() {
            if own.contains(child) || !seen.insert(child.as_str()) {
                continue;
            }
            let name = include_name(child, search);
            let whose = if STANDARD.contains(&name) {
                "a standard C or POSIX header"
            } else {
                "another library's header"
            };
            out.push(format!(
                "`<{name}>`: included by the header, but {whose}: its functions, globals and constants are not bound, its types only where the header's declarations use them (name it in `import = \"...\"`, or add it with `files = \"...\"`, to bind it)"
            ));
        }
    }
    out
}

/// Directories of the C library and the kernel that hold the implementation of public
/// headers: what a header includes from them is its own (`<math.h>`'s `bits/mathcalls.h`,
/// `<errno.h>`'s `asm-generic/errno-base.h`).
const PRIVATE: &[&str] = &["bits", "gnu", "asm", "asm-generic", "linux", "sys"];

/// The directory of `path`, without a trailing `/`.
fn parent_dir(path: &str) -> String {
    Path::new(path)
        .parent()
        .map(|p| p.to_string_lossy().trim_end_matches('/').to_string())
        .unwrap_or_default()
}

/// The name a library's headers share: the directory of `<curl/curl.h>` or
/// `<libxml/parser.h>`, the stem of `<git2.h>` (whose own headers are `git2/*.h`).
fn namespace(include_name: &str) -> &str {
    match include_name.split_once('/') {
        Some((first, _)) => first,
        None => include_name.split('.').next().unwrap_or(include_name),
    }
}

/// `header` and what it includes for itself, through the include tree.
fn reached(
    children: &HashMap<String, Vec<String>>,
    header: &str,
    search: &[String],
    library_dirs: &[String],
) -> HashSet<String> {
    let header_dir = parent_dir(header);
    // A library's own directory (`/usr/include/python3.11` that pkg-config adds, the
    // crate's `c/`), not a directory of the standard search path that holds every library's
    // headers.
    let own_dir = !search.contains(&header_dir) || library_dirs.contains(&header_dir);
    let library = namespace(include_name(header, search));
    let belongs = |f: &str| {
        let name = include_name(f, search);
        if STANDARD.contains(&name) {
            return false;
        }
        let dir = parent_dir(f);
        let ours = |n: &str| !library.is_empty() && n == library;
        // Beside the header or below its own directory; in a directory of the C library's
        // implementation; or among the library's own headers (`git2/*.h` for `<git2.h>`,
        // `glibconfig.h` for `<glib.h>`, wherever pkg-config put it). Not the headers of
        // another library the header happens to use (`<unicode/ucnv.h>` from
        // `<libxml/encoding.h>`, `<gmp.h>` from `<mpfr.h>`).
        dir == header_dir
            || (own_dir && dir.starts_with(&format!("{header_dir}/")))
            || match name.split_once('/') {
                Some((top, _)) => PRIVATE.contains(&top) || ours(top),
                None => !library.is_empty() && name.starts_with(library) && name != library,
            }
    };
    let mut own: HashSet<String> = HashSet::from([header.to_string()]);
    let mut queue = vec![header.to_string()];
    while let Some(f) = queue.pop() {
        for child in children.get(&f).into_iter().flatten() {
            if !own.contains(child) && belongs(child) {
                own.insert(child.clone());
                queue.push(child.clone());
            }
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_give_the_include_tree() {
        let text = "# 0 \"<stdin>\"\n# 1 \"/usr/include/a.h\" 1 3 4\n# 1 \"/usr/include/bits/x.h\" 1 3 4\nint x;\n# 5 \"/usr/include/a.h\" 2 3 4\n# 1 \"/usr/include/stdio.h\" 1 3 4\n# 9 \"/usr/include/a.h\" 2 3 4\n# 2 \"<stdin>\" 2\n";
        let tree = include_tree(text);
        assert_eq!(
            tree["/usr/include/a.h"],
            ["/usr/include/bits/x.h", "/usr/include/stdio.h"]
        );
        let search = vec!["/usr/include".to_string()];
        let files: Vec<String> = [
            "<stdin>",
            "/usr/include/a.h",
            "/usr/include/bits/x.h",
            "/usr/include/stdio.h",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            own_files(text, &files, &["/usr/include/a.h"], (&search, &[]), None),
            ["/usr/include/a.h", "/usr/include/bits/x.h"]
        );
        assert_eq!(
            own_files(
                text,
                &files,
                &["/usr/include/a.h"],
                (&search, &[]),
                Some("stdio.h")
            ),
            [
                "/usr/include/a.h",
                "/usr/include/bits/x.h",
                "/usr/include/stdio.h"
            ]
        );
    }

    /// A library's own sub-headers belong to it; another library's headers it includes do
    /// not, even from a subdirectory of the search path.
    #[test]
    fn other_libraries_subdirectories_are_not_the_header_s() {
        let text = "# 1 \"/i/libxml2/libxml/encoding.h\" 1\n# 1 \"/i/unicode/ucnv.h\" 1\n# 1 \"/i/unicode/utypes.h\" 1\n# 2 \"/i/unicode/ucnv.h\" 2\n# 2 \"/i/libxml2/libxml/encoding.h\" 2\n# 1 \"/i/libxml2/libxml/tree.h\" 1\n# 1 \"/i/bits/types.h\" 1\n# 2 \"/i/libxml2/libxml/tree.h\" 2\n# 1 \"/i/git2/common.h\" 1\n# 2 \"/i/libxml2/libxml/tree.h\" 2\n";
        let search = vec!["/i/libxml2".to_string(), "/i".to_string()];
        let files: Vec<String> = [
            "/i/libxml2/libxml/encoding.h",
            "/i/unicode/ucnv.h",
            "/i/unicode/utypes.h",
            "/i/libxml2/libxml/tree.h",
            "/i/bits/types.h",
            "/i/git2/common.h",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            own_files(
                text,
                &files,
                &["/i/libxml2/libxml/encoding.h"],
                (&search, &[]),
                None
            ),
            [
                "/i/libxml2/libxml/encoding.h",
                "/i/libxml2/libxml/tree.h",
                "/i/bits/types.h"
            ]
        );
        // `<git2.h>`'s own headers are `git2/*.h`, and `git2config.h` wherever it is; not
        // `gmp.h` in another directory of the search path.
        let text = "# 1 \"/i/git2.h\" 1\n# 1 \"/i/git2/common.h\" 1\n# 2 \"/i/git2.h\" 2\n# 1 \"/i/unicode/ucnv.h\" 1\n# 2 \"/i/git2.h\" 2\n# 1 \"/j/git2config.h\" 1\n# 2 \"/i/git2.h\" 2\n# 1 \"/j/gmp.h\" 1\n# 2 \"/i/git2.h\" 2\n";
        let files: Vec<String> = [
            "/i/git2.h",
            "/i/git2/common.h",
            "/i/unicode/ucnv.h",
            "/j/git2config.h",
            "/j/gmp.h",
        ]
        .map(String::from)
        .to_vec();
        let search = ["/i".to_string(), "/j".to_string()];
        assert_eq!(
            own_files(text, &files, &["/i/git2.h"], (&search, &[]), None),
            ["/i/git2.h", "/i/git2/common.h", "/j/git2config.h"]
        );
    }

    #[test]
    fn include_names_are_relative_to_the_search_path() {
        let search = vec![
            "/usr/include/x86_64-linux-gnu".to_string(),
            "/usr/include".to_string(),
        ];
        assert_eq!(
            include_name("/usr/include/x86_64-linux-gnu/sys/stat.h", &search),
            "sys/stat.h"
        );
        assert_eq!(
            include_name("/usr/include/curl/curl.h", &search),
            "curl/curl.h"
        );
        assert_eq!(
            include_name("/work/c/evolve.h", &search),
            "/work/c/evolve.h"
        );
    }

    /// A directory the module's flags add (pkg-config's `-I/usr/include/python3.11`) is the
    /// library's own: what lies below it (`cpython/*.h`) is its own too. Below a standard
    /// directory of the search path, a subdirectory is another library's.
    #[test]
    fn subdirectories_of_a_library_s_own_include_directory_are_its_own() {
        let text = "# 1 \"/usr/include/python3.11/Python.h\" 1\n# 1 \"/usr/include/python3.11/cpython/object.h\" 1\nint x;\n# 2 \"/usr/include/python3.11/Python.h\" 2\n# 1 \"/usr/include/unicode/u.h\" 1\nint y;\n# 3 \"/usr/include/python3.11/Python.h\" 2\n";
        let files: Vec<String> = [
            "/usr/include/python3.11/Python.h",
            "/usr/include/python3.11/cpython/object.h",
            "/usr/include/unicode/u.h",
        ]
        .map(String::from)
        .to_vec();
        let search: Vec<String> = ["/usr/include/python3.11", "/usr/include"]
            .map(String::from)
            .to_vec();
        let header = ["/usr/include/python3.11/Python.h"];
        let library = ["/usr/include/python3.11".to_string()];
        let own = own_files(text, &files, &header, (&search, &library), None);
        assert_eq!(own, files[..2]);
        // Without knowing the directory is the library's, its subdirectory is not followed.
        let own = own_files(text, &files, &header, (&search, &[]), None);
        assert_eq!(own, files[..1]);
    }
}
