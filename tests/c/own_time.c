#include "own_time.h"

void fill_time(struct timespec *ts, struct timeval *tv)
{
    ts->tv_sec = 1.5;
    ts->tv_nsec = 0.25;
    tv->tv_sec = -1;
    tv->tv_usec = 4000000000UL;
}
