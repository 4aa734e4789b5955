/* Clocks as Apple's <time.h> declares them: enumerators of a typedef'd enum, and macros
   naming them, which are what programs pass. */
#ifndef CLOCKS_H
#define CLOCKS_H

typedef enum { _CLOCK_REALTIME = 0, _CLOCK_MONOTONIC = 6 } clockid_t;
#define CLOCK_REALTIME _CLOCK_REALTIME
#define CLOCK_MONOTONIC _CLOCK_MONOTONIC

#endif
