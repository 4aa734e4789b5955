//! The standard type names a hand-written module may use without declaring them, as Python
//! cffi allows: the `<stdint.h>` and `<stddef.h>` names, `bool`, `FILE` and `va_list`.

use crate::model::{IntKind, TypeKind};
use crate::target::Target;

/// The standard type names declarations may use without declaring them, as Python cffi allows.
pub(super) fn builtin_type(name: &str, t: &Target) -> Option<TypeKind> {
    use IntKind::*;
    let lp64_glibc = t.pointer == 8 && !t.windows;
    let fast = |bits: u8, signed: bool| {
        let k = match bits {
            8 => Int8,
            _ if lp64_glibc => Long,
            64 => LongLong,
            _ => Int,
        };
        if signed {
            k
        } else {
            match k {
                Int8 => UInt8,
                Long => ULong,
                LongLong => ULongLong,
                _ => UInt,
            }
        }
    };
    Some(TypeKind::Int(match name {
        "int8_t" | "int_least8_t" => Int8,
        "uint8_t" | "uint_least8_t" => UInt8,
        "int16_t" | "int_least16_t" => Int16,
        "uint16_t" | "uint_least16_t" => UInt16,
        "int32_t" | "int_least32_t" => Int32,
        "uint32_t" | "uint_least32_t" => UInt32,
        "int64_t" | "int_least64_t" => Int64,
        "uint64_t" | "uint_least64_t" => UInt64,
        "int_fast8_t" => fast(8, true),
        "uint_fast8_t" => fast(8, false),
        "int_fast16_t" => fast(16, true),
        "uint_fast16_t" => fast(16, false),
        "int_fast32_t" => fast(32, true),
        "uint_fast32_t" => fast(32, false),
        "int_fast64_t" => fast(64, true),
        "uint_fast64_t" => fast(64, false),
        "intptr_t" => IntPtr,
        "uintptr_t" => UIntPtr,
        "intmax_t" => IntMax,
        "uintmax_t" => UIntMax,
        "size_t" => Size,
        "ssize_t" => SSize,
        "ptrdiff_t" => PtrDiff,
        "wchar_t" => WChar,
        "char16_t" => Char16,
        "char32_t" => Char32,
        "bool" => Bool,
        "FILE" => return Some(TypeKind::File),
        "va_list" => return Some(TypeKind::VaList),
        _ => return None,
    }))
}

pub(super) const BUILTIN_NAMES: &[&str] = &[
    "int8_t",
    "uint8_t",
    "int16_t",
    "uint16_t",
    "int32_t",
    "uint32_t",
    "int64_t",
    "uint64_t",
    "intptr_t",
    "uintptr_t",
    "intmax_t",
    "uintmax_t",
    "size_t",
    "ssize_t",
    "ptrdiff_t",
    "wchar_t",
    "char16_t",
    "char32_t",
    "bool",
    "FILE",
    "va_list",
    "int",
    "char",
    "short",
    "long",
    "float",
    "double",
    "void",
    "unsigned",
    "signed",
    "_Bool",
];
