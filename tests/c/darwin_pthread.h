/* Threading objects as Apple's C library declares them: a signature and opaque bytes in a
   tagged struct, named through two typedefs. */
#ifndef DARWIN_PTHREAD_H
#define DARWIN_PTHREAD_H

struct _opaque_pthread_mutex_t { long __sig; char __opaque[56]; };
struct _opaque_pthread_cond_t { long __sig; char __opaque[40]; };
typedef struct _opaque_pthread_mutex_t __darwin_pthread_mutex_t;
typedef struct _opaque_pthread_cond_t __darwin_pthread_cond_t;
typedef __darwin_pthread_mutex_t pthread_mutex_t;
typedef __darwin_pthread_cond_t pthread_cond_t;

int pthread_mutex_lock(pthread_mutex_t *m);

#endif
