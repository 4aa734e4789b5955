/* A plugin a host loads while it runs: its name, a point it transforms and measures, a
   filter that calls the host back for each value, and a log line formatted printf-style. */
#include <stdarg.h>
#include <stdio.h>

struct point { double x, y; };

const char *plugin_name(void) { return "scaler"; }

struct point plugin_transform(struct point p, double scale)
{
    struct point q = { p.x * scale, p.y * scale };
    return q;
}

double plugin_dot(const struct point *p) { return p->x * p->x + p->y * p->y; }

int plugin_filter(const int *values, int n, int (*keep)(void *ctx, int value), void *ctx)
{
    int kept = 0;
    for (int i = 0; i < n; i++)
        kept += keep(ctx, values[i]) != 0;
    return kept;
}

int plugin_log(char *out, int size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, (size_t)size, fmt, ap);
    va_end(ap);
    return n;
}
