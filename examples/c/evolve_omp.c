#include <omp.h>

/* The step of evolve.c with its rows shared among `threads` OpenMP threads. Each cell is
   computed as in the serial step, so the field is the same bit for bit. */
void evolve_omp(double *u, double *u_previous, int nx, int ny,
                double a, double dt, double dx2, double dy2, int threads)
{
    if (threads < 1) {
        threads = 1;
    }
    #pragma omp parallel for num_threads(threads) schedule(static)
    for (int i = 1; i < nx - 1; i++) {
        for (int j = 1; j < ny - 1; j++) {
            int c = i * ny + j;
            double uxx = (u_previous[c + ny] - 2.0 * u_previous[c] + u_previous[c - ny]) / dx2;
            double uyy = (u_previous[c + 1] - 2.0 * u_previous[c] + u_previous[c - 1]) / dy2;
            u[c] = u_previous[c] + a * dt * (uxx + uyy);
        }
    }
}
