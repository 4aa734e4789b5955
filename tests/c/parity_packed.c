/* test_call_with_packed_struct: the C side of a module declared with `packed`. */
struct foo { char y; int x; } __attribute__((packed));
struct foo f(void) {
    struct foo s = { 40, 200 };
    return s;
}
