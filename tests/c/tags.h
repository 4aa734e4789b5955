/* Tags and typedefs of the same spelling: C keeps them apart, Rust has one namespace. */
#ifndef TAGS_H
#define TAGS_H

typedef enum foo { FOO_A, FOO_B } foo_t;
typedef foo_t foo;

struct rp__list { int n; struct rp__list *next; };
struct rpcblist { long a; };
typedef struct rp__list rpcblist;

/* The same type under both spellings: one Rust name. */
typedef struct same { int x; } same;

int tags_sum(foo f, const rpcblist *r, const struct rpcblist *s, same q);

/* A typedef name the header then defines as a macro (as ncurses does with NCURSES_BOOL): the
   bindings mean the typedef. */
#include <stdbool.h>
typedef unsigned char flag_t;
struct flagged { flag_t on; int n; };
#define flag_t bool
int tags_flagged(const struct flagged *f);

/* A tag and a global the header then defines as macros (as libtirpc does with
   `#define rpc_createerr (*(__rpc_createerr()))`): the bindings mean the struct and the
   global the header declares. */
struct tag_err { int code; };
struct tag_err *tag_err_location(void);
int tags_code(const struct tag_err *e);
#define tag_err (*(tag_err_location()))
extern int tags_counter;
int *tags_counter_elsewhere(void);
#define tags_counter (*(tags_counter_elsewhere()))

#endif
