#include "tags.h"

int tags_sum(foo f, const rpcblist *r, const struct rpcblist *s, same q)
{
    return (int)f + r->n + (int)s->a + q.x;
}

int tags_flagged(const struct flagged *f) { return f->on + f->n; }
