/* The C side of modules that use a packed module, and of a packed module that uses an
   unpacked one: each module's records are laid out under its own packing. */
#pragma pack(1)
struct pk { char c; int i; };
#pragma pack()
struct pl { char c; int i; };
struct holder { struct pk p; char tail; };
#pragma pack(2)
struct capped { struct pl x; char t; };
#pragma pack()

int holder_tail(const struct holder *h) { return h->p.i + h->tail; }
int capped_t(const struct capped *c) { return c->x.i + c->t; }
