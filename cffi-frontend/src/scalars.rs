//! C's scalar kinds: the integer types (with the standard names bindings map to their own
//! Rust types) and the floating types, with their sizes and signedness per target.

use crate::target::Target;

/// C integer types, including the standard names that bindings map to their own Rust types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntKind {
    Bool,
    Char,
    SChar,
    UChar,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    LongLong,
    ULongLong,
    Int128,
    UInt128,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Size,
    SSize,
    PtrDiff,
    IntPtr,
    UIntPtr,
    IntMax,
    UIntMax,
    WChar,
    Char16,
    Char32,
}

impl IntKind {
    /// Size in bytes on `target`.
    pub fn size(self, target: &Target) -> u64 {
        use IntKind::*;
        match self {
            Bool | Char | SChar | UChar | Int8 | UInt8 => 1,
            Short | UShort | Int16 | UInt16 | Char16 => 2,
            Int | UInt | Int32 | UInt32 | Char32 => 4,
            Long | ULong => target.long.into(),
            LongLong | ULongLong | Int64 | UInt64 | IntMax | UIntMax => 8,
            Int128 | UInt128 => 16,
            Size | SSize | PtrDiff | IntPtr | UIntPtr => target.pointer.into(),
            WChar => target.wchar.0.into(),
        }
    }

    /// The smallest and largest value of the type on `target`, as far as `i128` reaches
    /// (`unsigned __int128` stops at `i128::MAX`).
    pub fn range(self, target: &Target) -> (i128, i128) {
        let bits = self.size(target) * 8;
        match (self.is_signed(target), bits) {
            (true, 128) => (i128::MIN, i128::MAX),
            (false, 128) => (0, i128::MAX),
            (true, b) => (-(1 << (b - 1)), (1 << (b - 1)) - 1),
            (false, b) => (0, (1 << b) - 1),
        }
    }

    /// Whether the type is signed on `target`.
    pub fn is_signed(self, target: &Target) -> bool {
        use IntKind::*;
        match self {
            Char => target.char_signed,
            WChar => target.wchar.1,
            SChar | Short | Int | Long | LongLong | Int128 | Int8 | Int16 | Int32 | Int64
            | SSize | PtrDiff | IntPtr | IntMax => true,
            _ => false,
        }
    }

    /// The basic C type a standard name stands for on `target` (`size_t` is `unsigned long`
    /// on LP64, `unsigned long long` on 64-bit Windows); basic types map to themselves.
    pub fn base(self, target: &Target) -> IntKind {
        use IntKind::*;
        match self {
            Bool | Char | SChar | UChar | Short | UShort | Int | UInt | Long | ULong | LongLong
            | ULongLong | Int128 | UInt128 => self,
            _ => IntKind::of_size(self.size(target), self.is_signed(target), target),
        }
    }

    /// The basic C integer type of `size` bytes and the given signedness (`long` before
    /// `long long` where both have 8 bytes).
    pub fn of_size(size: u64, signed: bool, target: &Target) -> IntKind {
        use IntKind::*;
        match (size, signed) {
            (1, true) => SChar,
            (1, false) => UChar,
            (2, true) => Short,
            (2, false) => UShort,
            (4, true) => Int,
            (4, false) => UInt,
            (8, true) if target.long == 8 => Long,
            (8, false) if target.long == 8 => ULong,
            (8, true) => LongLong,
            (8, false) => ULongLong,
            (_, true) => Int128,
            (_, false) => UInt128,
        }
    }

    /// The C spelling of the type.
    pub fn c_name(self) -> &'static str {
        use IntKind::*;
        match self {
            Bool => "_Bool",
            Char => "char",
            SChar => "signed char",
            UChar => "unsigned char",
            Short => "short",
            UShort => "unsigned short",
            Int => "int",
            UInt => "unsigned int",
            Long => "long",
            ULong => "unsigned long",
            LongLong => "long long",
            ULongLong => "unsigned long long",
            Int128 => "__int128",
            UInt128 => "unsigned __int128",
            Int8 => "int8_t",
            UInt8 => "uint8_t",
            Int16 => "int16_t",
            UInt16 => "uint16_t",
            Int32 => "int32_t",
            UInt32 => "uint32_t",
            Int64 => "int64_t",
            UInt64 => "uint64_t",
            Size => "size_t",
            SSize => "ssize_t",
            PtrDiff => "ptrdiff_t",
            IntPtr => "intptr_t",
            UIntPtr => "uintptr_t",
            IntMax => "intmax_t",
            UIntMax => "uintmax_t",
            WChar => "wchar_t",
            Char16 => "char16_t",
            Char32 => "char32_t",
        }
    }
}

/// C floating types. Only `float` and `double` have a Rust counterpart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatKind {
    Float,
    Double,
    LongDouble,
    /// `_Float128` / `__float128`.
    Float128,
    /// `_Float16`.
    Half,
    /// `__fp16`, ARM's storage-only half: another type than `_Float16` to the C compiler.
    Fp16,
    /// `__bf16`, bfloat16: the upper half of a `float`, not IEEE's half.
    BFloat16,
    /// `_Float32`: a `float` in memory and in calls, another type to the C compiler (gcc
    /// reports `float f(void);` after `_Float32 f(void);` as conflicting).
    Float32,
    /// `_Float64`: a `double` in memory and in calls, another type to the C compiler.
    Float64,
    /// `_Float32x`: a `double` in memory and in calls, another type to the C compiler.
    Float32x,
    /// `_Float64x`: a `long double` in memory and in calls, another type to the C compiler.
    Float64x,
}

impl FloatKind {
    /// The standard type this one is laid out and passed as: `_Float32` is a `float`,
    /// `_Float64` and `_Float32x` are `double`s, `_Float64x` a `long double`; any other is its
    /// own. Layouts, Rust types and calls read a kind through this; C text spells it as written
    /// ([`FloatKind::c_name`]).
    pub fn base(self) -> FloatKind {
        match self {
            FloatKind::Float32 => FloatKind::Float,
            FloatKind::Float64 | FloatKind::Float32x => FloatKind::Double,
            FloatKind::Float64x => FloatKind::LongDouble,
            k => k,
        }
    }

    pub fn c_name(self) -> &'static str {
        match self {
            FloatKind::Float => "float",
            FloatKind::Double => "double",
            FloatKind::LongDouble => "long double",
            FloatKind::Float128 => "_Float128",
            FloatKind::Half => "_Float16",
            FloatKind::Fp16 => "__fp16",
            FloatKind::BFloat16 => "__bf16",
            FloatKind::Float32 => "_Float32",
            FloatKind::Float64 => "_Float64",
            FloatKind::Float32x => "_Float32x",
            FloatKind::Float64x => "_Float64x",
        }
    }
}
