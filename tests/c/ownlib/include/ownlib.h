/* A library whose include directory the module's flags add (-Ic/ownlib/include), with its
   own headers in a subdirectory of it, as <Python.h> has cpython/. */
#ifndef OWNLIB_H
#define OWNLIB_H
#include "ownlib_impl/detail.h"
int ownlib_top(int x);
#endif
