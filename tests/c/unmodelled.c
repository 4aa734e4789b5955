#include "unmodelled.h"

int vsum(v4si v) { return v[0] + v[1] + v[2] + v[3]; }

int counted_y(const struct counted *c) { return c->y; }

void vectors_fill(struct vectors *p, int n)
{
    for (int i = 0; i < 8; i++)
        p->v[i] = (v4si){i, i, i, i};
    p->n = n;
}

int vectors_n(const struct vectors *p) { return p->n; }

int aint_get(const aint *p) { return *p; }

aint aint_make(int v) { return v; }
