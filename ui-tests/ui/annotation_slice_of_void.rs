use cffi_core::cdef;

cdef! {
    #[cffi(abi, lib = "c")]
    pub unsafe mod libc {
        // `void *` has no element type: the byte count would be taken for an element count.
        #[cffi(slice(base, nmemb))]
        void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
    }
}

fn main() {}
