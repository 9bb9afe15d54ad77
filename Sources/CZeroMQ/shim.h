#ifndef ZSCHEMA_CZEROMQ_SHIM_H
#define ZSCHEMA_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
