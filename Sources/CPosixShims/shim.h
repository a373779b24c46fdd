#ifndef TOUCHLINE_CPOSIXSHIMS_H
#define TOUCHLINE_CPOSIXSHIMS_H
#include <spawn.h>
#include <pthread.h>

/* glibc declares this only under _GNU_SOURCE, which Swift's Glibc module does not set. */
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict actions,
                                                const char *__restrict path);

/// Adds a change of working directory to a spawn's file actions.
static inline int touchline_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}
/* glibc 2.34+; declared only under _GNU_SOURCE / __USE_MISC, which Swift's Glibc module does not set. */
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// Closes every descriptor from `from` up in the child (after the dup2 actions added before it): a child gets
/// its standard descriptors and nothing else of touchline's (sockets, pipes, libpq connections).
static inline int touchline_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
/* glibc declares this only under _GNU_SOURCE, which Swift's Glibc module does not set. */
extern int pthread_setname_np(pthread_t thread, const char *name);

/// Names the calling thread (at most 15 bytes are kept; the caller cuts), as `top -H` and gdb show it.
static inline int touchline_name_current_thread(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
#include "spawn_guard.h"
#endif
