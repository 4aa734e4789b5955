//! The build script's answer, given again. Cargo reruns the script at every edit of a Rust
//! file of the package; when the edit left every API-mode module as it was (the same macro
//! text in every file, the same compiler and settings) and no file the C read changed, the
//! script gives cargo the directives it gave last time instead of reading every header and
//! writing every module's C again.
//!
//! Every directive goes through [`emit`], which prints it and records it. What the script
//! decides from cheaply (the compiler, the macros' text) is printed anew each run; what it
//! works out from the headers is stored after a successful run with the stamps of the files
//! it read, and replayed while they stand. A run that failed stores nothing, so the next run
//! works everything out again.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static EMITTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Prints a `cargo:` directive, and records it.
pub fn emit(line: String) {
    println!("{line}");
    EMITTED.with(|e| e.borrow_mut().push(line));
}

/// The directives of one run after the point where its inputs were known.
pub struct Replay {
    file: PathBuf,
    key: String,
    from: usize,
}

impl Replay {
    /// From here on, what the script emits depends only on `key` and the files it reads.
    pub fn starting(out_dir: &Path, key: String) -> Replay {
        Replay {
            file: out_dir.join("cffi-build-replay.txt"),
            key,
            from: EMITTED.with(|e| e.borrow().len()),
        }
    }

    /// Emits the directives of the last run again, if it had this key and none of the files
    /// it read changed; whether it did.
    pub fn replayed(&self) -> bool {
        let Ok(stored) = std::fs::read_to_string(&self.file) else {
            return false;
        };
        let Some(rest) = stored.strip_prefix(&self.key) else {
            return false;
        };
        let Some((stamps, directives)) = rest.split_once("--\n") else {
            return false;
        };
        if !cffi_codegen::stamps::unchanged(stamps) {
            return false;
        }
        for line in directives.lines() {
            emit(line.to_string());
        }
        true
    }

    /// Stores what this run emitted since [`Replay::starting`], with the stamps of `read`
    /// (the files its C and its headers read).
    pub fn store(&self, read: &[PathBuf]) {
        let mut text = self.key.clone();
        text.push_str(&cffi_codegen::stamps::stamps(
            read.iter().map(PathBuf::as_path),
        ));
        text.push_str("--\n");
        EMITTED.with(|e| {
            for line in &e.borrow()[self.from..] {
                text.push_str(line);
                text.push('\n');
            }
        });
        let _ = std::fs::write(&self.file, text);
    }

    /// Forgets the stored run: the next one works everything out again.
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.file);
    }
}
