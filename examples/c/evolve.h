/* One explicit time step of the two-dimensional heat equation. */
void evolve(double *u, double *u_previous, int nx, int ny,
            double a, double dt, double dx2, double dy2);
