/* Adds b into a, element by element: the lesson's add, in the ABI in-line exercise (built
   into a shared library) and the API out-of-line one (compiled with the crate). */
void add(double *a, const double *b, int n)
{
    for (int i = 0; i < n; i++) {
        a[i] += b[i];
    }
}
