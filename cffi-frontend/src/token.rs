//! Tokens: what the lexer hands to the parser.

/// A token: its kind and the byte range it covers in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Ident,
    Kw(Kw),
    Int,
    Float,
    Char,
    Str,
    P(Punct),
    /// Punctuation C declarations never use (`@`, `$`, a stray `#`, ...).
    Other,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Punct {
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Semi,
    Comma,
    Colon,
    ColonColon,
    Question,
    Dot,
    Ellipsis,
    Arrow,
    Star,
    Amp,
    Plus,
    Minus,
    Tilde,
    Bang,
    Slash,
    Percent,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    EqEq,
    Ne,
    Caret,
    Pipe,
    AndAnd,
    OrOr,
    Eq,
    /// `+=`, `++`, `->*` and the other operators that only occur inside bodies.
    OtherOp,
    Hash,
    HashHash,
}

macro_rules! keywords {
    ($($variant:ident = $text:literal,)*) => {
        /// C keywords and the GNU spellings found in preprocessed system headers.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Kw { $($variant,)* }

        impl Kw {
            pub fn from_str(s: &str) -> Option<Kw> {
                match s {
                    $($text => Some(Kw::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

keywords! {
    Auto = "auto",
    Break = "break",
    Case = "case",
    Char = "char",
    Const = "const",
    Continue = "continue",
    Default = "default",
    Do = "do",
    Double = "double",
    Else = "else",
    Enum = "enum",
    Extern = "extern",
    Float = "float",
    For = "for",
    Goto = "goto",
    If = "if",
    Inline = "inline",
    Int = "int",
    Long = "long",
    Register = "register",
    Restrict = "restrict",
    Return = "return",
    Short = "short",
    Signed = "signed",
    Sizeof = "sizeof",
    Static = "static",
    Struct = "struct",
    Switch = "switch",
    Typedef = "typedef",
    Union = "union",
    Unsigned = "unsigned",
    Void = "void",
    Volatile = "volatile",
    While = "while",
    Alignas = "_Alignas",
    Alignof = "_Alignof",
    Atomic = "_Atomic",
    Bool = "_Bool",
    Complex = "_Complex",
    Generic = "_Generic",
    Imaginary = "_Imaginary",
    Noreturn = "_Noreturn",
    StaticAssert = "_Static_assert",
    ThreadLocal = "_Thread_local",
    // GNU spellings
    GnuAlignof = "__alignof__",
    GnuAlignof2 = "__alignof",
    Attribute = "__attribute__",
    Attribute2 = "__attribute",
    Extension = "__extension__",
    Asm = "__asm__",
    Asm2 = "__asm",
    Asm3 = "asm",
    GnuRestrict = "__restrict",
    GnuRestrict2 = "__restrict__",
    GnuInline = "__inline",
    GnuInline2 = "__inline__",
    GnuConst = "__const",
    GnuVolatile = "__volatile__",
    GnuSigned = "__signed__",
    GnuSigned2 = "__signed",
    Typeof = "typeof",
    GnuTypeof = "__typeof__",
    GnuTypeof2 = "__typeof",
    VaList = "__builtin_va_list",
    Int128 = "__int128",
    Int128b = "__int128_t",
    UInt128b = "__uint128_t",
    Float128 = "_Float128",
    Float128b = "__float128",
    Float64 = "_Float64",
    Float32 = "_Float32",
    Float64x = "_Float64x",
    Float32x = "_Float32x",
    Float16 = "_Float16",
    Float128x = "_Float128x",
    Bf16 = "__bf16",
    Fp16 = "__fp16",
    Thread = "__thread",
    Label = "__label__",
    Declspec = "__declspec",
    GnuComplex = "__complex__",
    BuiltinOffsetof = "__builtin_offsetof",
    // Calling conventions of 32-bit Windows, as cffi accepts them (`WINAPI` included).
    Cdecl = "__cdecl",
    Stdcall = "__stdcall",
    Fastcall = "__fastcall",
    Thiscall = "__thiscall",
    Vectorcall = "__vectorcall",
    Winapi = "WINAPI",
}

impl Kw {
    /// `__cdecl`, `__stdcall` and the other calling-convention keywords.
    pub fn is_calling_convention(self) -> bool {
        matches!(
            self.canonical(),
            Kw::Cdecl | Kw::Stdcall | Kw::Fastcall | Kw::Thiscall | Kw::Vectorcall
        )
    }

    /// Keywords that are spelled differently but mean the same to a declaration.
    pub fn canonical(self) -> Kw {
        match self {
            Kw::GnuAlignof | Kw::GnuAlignof2 => Kw::Alignof,
            Kw::Attribute2 => Kw::Attribute,
            Kw::Asm2 | Kw::Asm3 => Kw::Asm,
            Kw::GnuRestrict | Kw::GnuRestrict2 => Kw::Restrict,
            Kw::GnuInline | Kw::GnuInline2 => Kw::Inline,
            Kw::GnuConst => Kw::Const,
            Kw::GnuVolatile => Kw::Volatile,
            Kw::GnuSigned | Kw::GnuSigned2 => Kw::Signed,
            Kw::GnuTypeof | Kw::GnuTypeof2 => Kw::Typeof,
            Kw::Float128b => Kw::Float128,
            Kw::GnuComplex => Kw::Complex,
            Kw::Int128b => Kw::Int128,
            Kw::Winapi => Kw::Stdcall,
            other => other,
        }
    }
}
