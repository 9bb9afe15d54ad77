#ifndef ZSCHEMA_CBASELINE_H
#define ZSCHEMA_CBASELINE_H
/* The baseline workloads, written against libzmq's C API with frames built by hand. */

/* Sends `count` tick messages (symbol, f64 timestamp, f64 price; big-endian) from a PUSH to a
   PULL (or PUB to SUB when `pubsub`) over `endpoint`, receiving and decoding each.
   Returns the elapsed seconds, or a negative number on error. */
double cb_tick_stream(const char *endpoint, long count, int pubsub);
/* The same over CURVE: the receiver (which binds) is the server with server_secret, the sender
   the client with client_public/client_secret; keys in Z85. No ZAP handler, as in the Swift run. */
double cb_tick_stream_curve(const char *endpoint, long count, int pubsub, const char *server_public, const char *server_secret,
                            const char *client_public, const char *client_secret);

/* `count` REQ/REP round trips of a tick message; writes each round trip's seconds to
   `latencies` (of at least `count` entries). Returns 0, or -1 on error. */
int cb_tick_round_trips(const char *endpoint, long count, double *latencies);

/* Every workload does, by hand, the checks the schema asks for: a symbol matching
   [A-Z][A-Z0-9]+ before sending and after receiving, frame sizes, enum values; decoded
   messages land in a struct (the symbol copied out). */

/* Encodes a tick into three zmq_msg_t frames and decodes it back, `count` times; returns the
   elapsed seconds. */
double cb_tick_codec(long count);

/* The same with the three frames in one byte buffer instead of zmq_msg_t. */
double cb_tick_codec_buffer(long count);

/* Encodes a valuz order (symbol, u8 action, i32 shares, f64 price) into four zmq_msg_t frames
   and decodes it back, `count` times; returns the elapsed seconds. */
double cb_order_codec(long count);

/* The same with the four frames in one byte buffer instead of zmq_msg_t. */
double cb_order_codec_buffer(long count);

/* The machine's own ceiling for codec work on several threads: `threads` threads that share
   nothing (no memory written by two, no lock) each run cb_tick_codec_buffer(count). Returns the
   elapsed seconds from the first start to the last end. */
double cb_tick_codec_buffer_threads(int threads, long count);

#endif
