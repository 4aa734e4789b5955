use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        #define QUOTIENT ((-9223372036854775807LL - 1) / -1)
        #define REMAINDER ((-9223372036854775807LL - 1) % -1)
        #define SUM (2147483647 + 1)
        #define NEGATED (-(-2147483647 - 1))
        // Unsigned arithmetic wraps, as C defines it.
        #define WRAPS (4294967295u + 1)
    }
}

fn main() {}
