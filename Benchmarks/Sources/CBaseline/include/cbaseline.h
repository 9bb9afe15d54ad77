#ifndef ZSCHEMA_CBASELINE_H
#define ZSCHEMA_CBASELINE_H
/* The baseline workloads, written against libzmq's C API with frames built by hand. */

/* Sends `count` tick messages (symbol, f64 timestamp, f64 price; big-endian) from a PUSH to a
   PULL (or PUB to SUB when `pubsub`) over `endpoint`, receiving and decoding each.
   Returns the elapsed seconds, or a negative number on error. */
double cb_tick_stream(const char *endpoint, long count, int pubsub);

/* `count` REQ/REP round trips of a tick message; writes each round trip's seconds to
   `latencies` (of at least `count` entries). Returns 0, or -1 on error. */
int cb_tick_round_trips(const char *endpoint, long count, double *latencies);

/* Encodes a tick into three zmq_msg_t frames and decodes it back, `count` times; returns the
   elapsed seconds. */
double cb_tick_codec(long count);

#endif
