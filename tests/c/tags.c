#include "tags.h"

int tags_sum(foo f, const rpcblist *r, const struct rpcblist *s, same q)
{
    return (int)f + r->n + (int)s->a + q.x;
}

int tags_flagged(const struct flagged *f) { return f->on + f->n; }

#undef tag_err
static struct tag_err the_err = {7};
struct tag_err *tag_err_location(void) { return &the_err; }

#undef tags_counter
int tags_counter = 40;
static int elsewhere = -1;
int *tags_counter_elsewhere(void) { return &elsewhere; }

int tags_code(const struct tag_err *e) { return e->code; }

/* The header's macros again, as a file including the header sees them. */
#define tag_err (*(tag_err_location()))
#define tags_counter (*(tags_counter_elsewhere()))
