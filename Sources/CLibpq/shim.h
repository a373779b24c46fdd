#ifndef TOUCHLINE_CLIBPQ_SHIM_H
#define TOUCHLINE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
