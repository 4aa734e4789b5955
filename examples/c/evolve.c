#include "evolve.h"

/* u = u_previous + a dt (d2u/dx2 + d2u/dy2) on the interior of an nx-by-ny row-major grid;
   the boundary keeps its values. */
void evolve(double *u, double *u_previous, int nx, int ny,
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
