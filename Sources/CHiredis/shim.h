#ifndef TOUCHLINE_CHIREDIS_SHIM_H
#define TOUCHLINE_CHIREDIS_SHIM_H
#include <sys/time.h>
#include <hiredis/hiredis.h>

/// Returns the socket of a hiredis context.
static inline int touchline_redis_fd(const redisContext *c) { return c->fd; }
/// Returns the error code of a hiredis context (0 when none).
static inline int touchline_redis_err(const redisContext *c) { return c->err; }
/// Returns the error text of a hiredis context.
static inline const char *touchline_redis_errstr(const redisContext *c) { return c->errstr; }
#endif
