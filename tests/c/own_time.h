/* A library's own records named as the C library's: other field types, other Rust types. */
#ifndef OWN_TIME_H
#define OWN_TIME_H

struct timespec { double tv_sec; double tv_nsec; };
struct timeval { long tv_sec; unsigned long tv_usec; };

void fill_time(struct timespec *ts, struct timeval *tv);

#endif
