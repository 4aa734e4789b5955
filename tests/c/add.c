/* Adds b into a, element by element: the lesson's API out-of-line exercise. */
void add(double *a, const double *b, int n)
{
    for (int i = 0; i < n; i++) {
        a[i] += b[i];
    }
}
