/* A global reached through a macro of another name, as Apple's <stdio.h> reaches its
   streams (`#define stdin __stdinp`). */
#ifndef GLOBAL_ALIAS_H
#define GLOBAL_ALIAS_H

extern int alias_storage;
#define alias_hits alias_storage

#endif
