//! Targets: the sizes, alignments and signedness the C types have on each platform.

use std::fmt;

/// The C data model and ABI facts of one target, read from its triple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    triple: String,
    pub(crate) pointer: u8,
    pub(crate) long: u8,
    /// Alignment of `long long` and `double` inside structs (4 on i386 System V, else 8).
    pub(crate) int64_field_align: u8,
    pub(crate) long_double: (u8, u8),
    pub(crate) char_signed: bool,
    /// `wchar_t`: size and signedness.
    pub(crate) wchar: (u8, bool),
    /// `__attribute__((aligned))` with no argument: the largest useful alignment.
    pub(crate) max_align: u8,
    /// Microsoft bit-field layout (MSVC, and MinGW's default `-mms-bitfields`).
    pub(crate) ms_bitfields: bool,
    /// Unnamed bit-fields, zero-width ones included, raise the struct's alignment to their
    /// type's (the Arm procedure call standards); on x86 and Apple's arm64 they do not.
    pub(crate) unnamed_bitfields_align: bool,
    /// Bit-fields are placed as clang places them (the system compiler of Apple's targets),
    /// which differs from gcc where a bit-field has its own `aligned(N)`.
    pub(crate) clang_bitfields: bool,
    pub(crate) windows: bool,
}

/// A triple whose C data model the layout engine does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTarget(pub String);

impl fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown target `{}`; supported are x86_64, i686, aarch64, arm, riscv64, powerpc64le and s390x on Linux, macOS on x86_64 and aarch64, and Windows on x86_64, i686 and aarch64",
            self.0
        )
    }
}

impl std::error::Error for UnknownTarget {}

impl Target {
    /// The target named by a Rust or GNU triple, such as `x86_64-unknown-linux-gnu`.
    pub fn from_triple(triple: &str) -> Result<Target, UnknownTarget> {
        let arch = triple.split('-').next().unwrap_or("");
        let windows = triple.contains("windows") || triple.contains("mingw");
        let apple = triple.contains("apple") || triple.contains("darwin");
        let msvc = windows && !triple.contains("gnu");
        let unknown = || UnknownTarget(triple.to_string());
        let mut t = Target {
            triple: triple.to_string(),
            pointer: 8,
            long: if windows { 4 } else { 8 },
            int64_field_align: 8,
            long_double: (16, 16),
            char_signed: true,
            wchar: if windows { (2, false) } else { (4, true) },
            max_align: 16,
            ms_bitfields: windows,
            unnamed_bitfields_align: false,
            clang_bitfields: apple,
            windows,
        };
        match arch {
            "x86_64" | "amd64" => {
                if msvc {
                    t.long_double = (8, 8);
                }
            }
            "i386" | "i486" | "i586" | "i686" | "x86" => {
                t.pointer = 4;
                t.long = 4;
                if windows {
                    t.long_double = if msvc { (8, 8) } else { (12, 4) };
                } else {
                    t.int64_field_align = 4;
                    t.long_double = (12, 4);
                }
            }
            "aarch64" | "arm64" => {
                // Apple's arm64 ABI lays bit-fields out as x86 does here: an unnamed one,
                // zero-width or not, leaves the record's alignment alone (clang, checked by
                // tests/layout_clang_apple.rs).
                t.unnamed_bitfields_align = !apple;
                if apple || msvc {
                    t.long_double = (8, 8);
                } else {
                    t.char_signed = false;
                    if !windows {
                        t.wchar = (4, false);
                    }
                }
            }
            a if a.starts_with("arm") || a.starts_with("thumb") => {
                if windows || apple {
                    return Err(unknown());
                }
                t.pointer = 4;
                t.long = 4;
                t.long_double = (8, 8);
                t.char_signed = false;
                t.wchar = (4, false);
                t.max_align = 8;
                t.unnamed_bitfields_align = true;
            }
            "riscv64" | "riscv64gc" => {
                t.char_signed = false;
            }
            "powerpc64le" => {
                t.char_signed = false;
            }
            "s390x" => {
                t.char_signed = false;
                t.max_align = 8;
            }
            _ => return Err(unknown()),
        }
        if windows
            && !matches!(arch, "x86_64" | "amd64" | "aarch64" | "arm64")
            && !arch.starts_with('i')
            && arch != "x86"
        {
            return Err(unknown());
        }
        Ok(t)
    }

    /// The target this crate was compiled for.
    ///
    /// # Panics
    ///
    /// On a platform whose C data model the layout engine does not know (see
    /// [`Target::try_host`]): laying C types out as another platform's would be wrong.
    pub fn host() -> Target {
        Target::try_host()
            .unwrap_or_else(|e| panic!("{e}: cffi-rs cannot lay C types out on this platform"))
    }

    /// The target this crate was compiled for, or why the layout engine does not know it.
    pub fn try_host() -> Result<Target, UnknownTarget> {
        // Rust's names for the architectures where GNU triples name them otherwise.
        let arch = match std::env::consts::ARCH {
            "x86" => "i686",
            "powerpc64" if cfg!(target_endian = "little") => "powerpc64le",
            arch => arch,
        };
        let triple = match std::env::consts::OS {
            "linux" => format!("{arch}-unknown-linux-gnu"),
            "macos" => format!("{arch}-apple-darwin"),
            "windows" if cfg!(target_env = "gnu") => format!("{arch}-pc-windows-gnu"),
            "windows" => format!("{arch}-pc-windows-msvc"),
            os => format!("{arch}-unknown-{os}"),
        };
        Target::from_triple(&triple)
    }

    /// The triple this target was made from.
    pub fn triple(&self) -> &str {
        &self.triple
    }

    /// Size of a data pointer in bytes.
    pub fn pointer_size(&self) -> u64 {
        self.pointer.into()
    }

    /// Size of `long` in bytes: 8 on LP64 targets, 4 on LLP64 (Windows) and 32-bit ones.
    pub fn long_size(&self) -> u64 {
        self.long.into()
    }

    /// Whether plain `char` is signed.
    pub fn char_is_signed(&self) -> bool {
        self.char_signed
    }

    /// Whether this is a Windows target.
    /// 32-bit x86, where calling conventions (`__stdcall`) change how a function is called.
    pub fn is_x86_32(&self) -> bool {
        self.pointer == 4
            && ["i386", "i486", "i586", "i686", "x86-"]
                .iter()
                .any(|a| self.triple.starts_with(a))
    }

    /// Whether the C compiler takes Microsoft's extensions by default (MSVC, and MinGW's gcc
    /// with its default `-fms-extensions`): among them, a struct or union member declared
    /// by its tag or typedef name alone (`struct point;`, `POINT;`) is an anonymous member.
    pub fn ms_extensions(&self) -> bool {
        self.windows
    }

    pub fn is_windows(&self) -> bool {
        self.windows
    }
}

impl Default for Target {
    fn default() -> Target {
        Target::host()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_s_architecture_names_are_read() {
        // `std::env::consts::ARCH` says `x86` where triples say `i686`.
        for triple in [
            "x86-pc-windows-gnu",
            "i686-pc-windows-gnu",
            "x86-unknown-linux-gnu",
        ] {
            let t = Target::from_triple(triple).unwrap();
            assert_eq!((t.pointer, t.is_x86_32()), (4, true), "{triple}");
        }
        assert!(
            !Target::from_triple("x86_64-pc-windows-gnu")
                .unwrap()
                .is_x86_32()
        );
        assert_eq!(
            Target::host().pointer_size(),
            std::mem::size_of::<usize>() as u64
        );
    }

    #[test]
    fn data_models() {
        let lp64 = Target::from_triple("x86_64-unknown-linux-gnu").unwrap();
        assert_eq!((lp64.pointer, lp64.long, lp64.char_signed), (8, 8, true));
        let llp64 = Target::from_triple("x86_64-pc-windows-msvc").unwrap();
        assert_eq!((llp64.pointer, llp64.long, llp64.wchar), (8, 4, (2, false)));
        assert_eq!(llp64.long_double, (8, 8));
        let arm64 = Target::from_triple("aarch64-unknown-linux-gnu").unwrap();
        assert!(!arm64.char_signed);
        let i686 = Target::from_triple("i686-unknown-linux-gnu").unwrap();
        assert_eq!((i686.pointer, i686.int64_field_align), (4, 4));
        assert!(Target::from_triple("mips-unknown-linux-gnu").is_err());
        assert!(Target::from_triple("arm-apple-darwin").is_err());
    }
}
