/* Handles that are addresses of globals, as MPI's MPI_COMM_WORLD is in Open MPI. */
#ifndef HANDLES_H
#define HANDLES_H
struct comm { int id; };
typedef struct comm *Comm;
extern struct comm world_comm;
extern struct comm self_comm;
#define COMM_WORLD ((Comm) &(world_comm))
#define COMM_SELF ((Comm)&self_comm)
#define COMM_NULL ((Comm)0)
int comm_id(Comm c);
#endif
