#ifndef OWNLIB_DETAIL_H
#define OWNLIB_DETAIL_H
#define OWNLIB_ANSWER 40
int ownlib_detail(int x);
#endif
