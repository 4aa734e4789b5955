//! Whether the library built last time is still right.

use std::path::Path;

/// What the compiled library depends on: the C written for it, the files it includes (those
/// the crate or its imports name, and those the compiler reported it read, `includes`), and
/// the compiler with its flags (`CC`, `CFLAGS`, the target and
/// profile, as the `cc` crate reads them, then the settings').
#[derive(Clone)]
pub struct Fingerprint(u64);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    pub fn add(&mut self, text: &str) {
        for b in text.bytes().chain([0]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn add_file(&mut self, path: &Path) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        self.add(&path.display().to_string());
        self.add(&text);
    }

    pub fn text(&self) -> String {
        format!("{:016x}\n", self.0)
    }
}
