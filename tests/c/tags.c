#include "tags.h"

int tags_sum(foo f, const rpcblist *r, const struct rpcblist *s, same q)
{
    return (int)f + r->n + (int)s->a + q.x;
}
