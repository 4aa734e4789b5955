use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod m {
        class A { int x; };
        void f(int &r);
        namespace n { int g(void); }
    }
}

fn main() {}
