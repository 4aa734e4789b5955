/* Functions whose parameters have the names of variables generated code once used. */

/* Writes n * __l bytes. */
int touch(char *p, int n, int __l)
{
    for (int i = 0; i < n * __l; i++)
        p[i] = 7;
    return n * __l;
}

/* Adds __r + s elements. */
int sum(const int *xs, int __r, int s)
{
    int t = 0;
    for (int i = 0; i < __r + s; i++)
        t += xs[i];
    return t;
}

int count(const char *__cffi_len_0, int __cffi_ret, int __cffi_fn)
{
    return __cffi_len_0[0] + __cffi_ret + __cffi_fn;
}

void answer(int *__cffi_out_0, int __cffi_ret) { *__cffi_out_0 = __cffi_ret; }

/* C names that are also the standard names generated signatures spell. */
typedef long long c_int;
struct Option { int some; };
c_int widen(int x) { return (c_int)x * 4000000000LL; }
int option_some(struct Option o, const int *p) { return o.some + *p; }
