/* The C the benchmarks call, compiled the same way for every binding: into a shared library
   for ABI mode and for libffi, and with the crate for API mode and direct calls. */
int bench_add1(int x) { return x + 1; }

void bench_vadd(double *a, const double *b, int n)
{
    for (int i = 0; i < n; i++) {
        a[i] += b[i];
    }
}

void bench_evolve(double *u, double *u_previous, int nx, int ny,
                  double a, double dt, double dx2, double dy2)
{
    for (int i = 1; i < nx - 1; i++) {
        for (int j = 1; j < ny - 1; j++) {
            int c = i * ny + j;
            double uxx = (u_previous[c + ny] - 2.0 * u_previous[c] + u_previous[c - ny]) / dx2;
            double uyy = (u_previous[c + 1] - 2.0 * u_previous[c] + u_previous[c - 1]) / dy2;
            u[c] = u_previous[c] + a * dt * (uxx + uyy);
        }
    }
}

/* C calling back `n` times: the cost of one call from C into a callback of each binding. */
int bench_apply_n(int (*f)(int), int x, int n)
{
    for (int i = 0; i < n; i++) {
        x = f(x);
    }
    return x;
}
