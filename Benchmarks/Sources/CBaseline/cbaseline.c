#include "cbaseline.h"
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void put_double(void *to, double value) {
    uint64_t bits;
    memcpy(&bits, &value, 8);
    bits = __builtin_bswap64(bits);
    memcpy(to, &bits, 8);
}

static double get_double(const void *from) {
    uint64_t bits;
    memcpy(&bits, from, 8);
    bits = __builtin_bswap64(bits);
    double value;
    memcpy(&value, &bits, 8);
    return value;
}

/* The checks the schema asks of a tick, done by hand: the symbol matches [A-Z][A-Z0-9]+. */
static int symbol_is_valid(const char *symbol, size_t length) {
    if (length < 2 || symbol[0] < 'A' || symbol[0] > 'Z') return 0;
    for (size_t i = 1; i < length; i++) {
        char c = symbol[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return 0;
    }
    return 1;
}

/* A decoded tick, as a C programmer would hold it. */
struct tick { char symbol[32]; size_t symbol_length; double timestamp; double price; };

/* A decoded valuz order. */
struct order { char stock[32]; size_t stock_length; uint8_t action; int32_t shares; double price; };

/* Read through a volatile pointer so the compiler cannot fold the checks of a constant away. */
static const char tick_symbol_text[] = "AAPL";
static const char *volatile tick_symbol_source = tick_symbol_text;
#define tick_symbol ((const char *)tick_symbol_source)

static const char order_stock_text[] = "MSFT";
static const char *volatile order_stock_source = order_stock_text;

/* Makes the compiler assume `p`'s memory is read and written here, so buffers are really filled. */
#define opaque(p) __asm__ volatile("" : : "r"(p) : "memory")

/* Builds the three frames of a tick in place, after checking the symbol; 0 or -1. */
static int encode_tick(zmq_msg_t frames[3], const char *symbol, double timestamp, double price) {
    size_t length = strlen(symbol);
    if (!symbol_is_valid(symbol, length)) return -1;
    zmq_msg_init_size(&frames[0], length);
    memcpy(zmq_msg_data(&frames[0]), symbol, length);
    zmq_msg_init_size(&frames[1], 8);
    put_double(zmq_msg_data(&frames[1]), timestamp);
    zmq_msg_init_size(&frames[2], 8);
    put_double(zmq_msg_data(&frames[2]), price);
    return 0;
}

/* Checks and decodes the frames of a tick; 0 or -1. */
static int decode_tick(zmq_msg_t *frames, int count, struct tick *tick) {
    if (count != 3 || zmq_msg_size(&frames[1]) != 8 || zmq_msg_size(&frames[2]) != 8) return -1;
    size_t length = zmq_msg_size(&frames[0]);
    const char *symbol = zmq_msg_data(&frames[0]);
    if (length >= sizeof tick->symbol || !symbol_is_valid(symbol, length)) return -1;
    memcpy(tick->symbol, symbol, length);
    tick->symbol_length = length;
    tick->timestamp = get_double(zmq_msg_data(&frames[1]));
    tick->price = get_double(zmq_msg_data(&frames[2]));
    return 0;
}

static int send_tick(void *socket, double timestamp, double price) {
    zmq_msg_t frames[3];
    if (encode_tick(frames, tick_symbol, timestamp, price) < 0) return -1;
    for (int i = 0; i < 3; i++) {
        if (zmq_msg_send(&frames[i], socket, i < 2 ? ZMQ_SNDMORE : 0) < 0) {
            for (int j = i; j < 3; j++) zmq_msg_close(&frames[j]);
            return -1;
        }
    }
    return 0;
}

/* Receives one tick and checks it; returns the price, or -1 on a malformed message. */
static double receive_tick(void *socket) {
    zmq_msg_t frames[4];
    int count = 0;
    int more = 1;
    while (more) {
        zmq_msg_t *frame = &frames[count < 3 ? count : 3];
        zmq_msg_init(frame);
        if (zmq_msg_recv(frame, socket, 0) < 0) { zmq_msg_close(frame); break; }
        more = zmq_msg_more(frame);
        if (count >= 3) zmq_msg_close(frame);
        count++;
    }
    struct tick tick;
    double price = decode_tick(frames, count, &tick) == 0 ? tick.price : -1;
    for (int i = 0; i < count && i < 3; i++) zmq_msg_close(&frames[i]);
    return price;
}

struct sender_args { void *socket; long count; };

static void *sender(void *raw) {
    struct sender_args *args = raw;
    for (long i = 0; i < args->count; i++) send_tick(args->socket, (double)i, 100.0 + (double)(i % 100));
    return NULL;
}

double cb_tick_stream(const char *endpoint, long count, int pubsub) {
    return cb_tick_stream_curve(endpoint, count, pubsub, NULL, NULL, NULL, NULL);
}

double cb_tick_stream_curve(const char *endpoint, long count, int pubsub, const char *server_public, const char *server_secret,
                            const char *client_public, const char *client_secret) {
    void *context = zmq_ctx_new();
    void *receiver = zmq_socket(context, pubsub ? ZMQ_SUB : ZMQ_PULL);
    void *sending = zmq_socket(context, pubsub ? ZMQ_PUB : ZMQ_PUSH);
    if (server_public) {
        int server = 1;
        zmq_setsockopt(receiver, ZMQ_CURVE_SERVER, &server, sizeof server);
        zmq_setsockopt(receiver, ZMQ_CURVE_SECRETKEY, server_secret, 40);
        zmq_setsockopt(sending, ZMQ_CURVE_SERVERKEY, server_public, 40);
        zmq_setsockopt(sending, ZMQ_CURVE_PUBLICKEY, client_public, 40);
        zmq_setsockopt(sending, ZMQ_CURVE_SECRETKEY, client_secret, 40);
    }
    int unlimited = 0, linger = 0;
    zmq_setsockopt(receiver, ZMQ_RCVHWM, &unlimited, sizeof unlimited);
    zmq_setsockopt(sending, ZMQ_SNDHWM, &unlimited, sizeof unlimited);
    zmq_setsockopt(receiver, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(sending, ZMQ_LINGER, &linger, sizeof linger);
    if (pubsub) zmq_setsockopt(receiver, ZMQ_SUBSCRIBE, "", 0);
    char bound[256];
    size_t size = sizeof bound;
    if (zmq_bind(receiver, endpoint) != 0) return -1;
    zmq_getsockopt(receiver, ZMQ_LAST_ENDPOINT, bound, &size);
    zmq_connect(sending, bound);
    if (pubsub) {
        /* Wait until the subscription has reached the publisher. */
        for (;;) {
            send_tick(sending, -1, -1);
            zmq_pollitem_t item = { receiver, 0, ZMQ_POLLIN, 0 };
            if (zmq_poll(&item, 1, 10) > 0) { receive_tick(receiver); break; }
        }
        while (1) { zmq_pollitem_t item = { receiver, 0, ZMQ_POLLIN, 0 }; if (zmq_poll(&item, 1, 20) <= 0) break; receive_tick(receiver); }
    }
    struct sender_args args = { sending, count };
    pthread_t thread;
    double start = now();
    pthread_create(&thread, NULL, sender, &args);
    double sum = 0;
    for (long i = 0; i < count; i++) sum += receive_tick(receiver);
    double elapsed = now() - start;
    pthread_join(thread, NULL);
    zmq_close(receiver);
    zmq_close(sending);
    zmq_ctx_term(context);
    return sum < 0 ? -1 : elapsed;
}

struct echo_args { void *socket; long count; };

static void *echo(void *raw) {
    struct echo_args *args = raw;
    for (long i = 0; i < args->count; i++) {
        double price = receive_tick(args->socket);
        send_tick(args->socket, (double)i, price);
    }
    return NULL;
}

int cb_tick_round_trips(const char *endpoint, long count, double *latencies) {
    void *context = zmq_ctx_new();
    void *rep = zmq_socket(context, ZMQ_REP);
    void *req = zmq_socket(context, ZMQ_REQ);
    int linger = 0;
    zmq_setsockopt(rep, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(req, ZMQ_LINGER, &linger, sizeof linger);
    char bound[256];
    size_t size = sizeof bound;
    if (zmq_bind(rep, endpoint) != 0) return -1;
    zmq_getsockopt(rep, ZMQ_LAST_ENDPOINT, bound, &size);
    zmq_connect(req, bound);
    struct echo_args args = { rep, count };
    pthread_t thread;
    pthread_create(&thread, NULL, echo, &args);
    for (long i = 0; i < count; i++) {
        double start = now();
        send_tick(req, (double)i, 1.5);
        receive_tick(req);
        latencies[i] = now() - start;
    }
    pthread_join(thread, NULL);
    zmq_close(req);
    zmq_close(rep);
    zmq_ctx_term(context);
    return 0;
}

double cb_tick_codec(long count) {
    double start = now();
    double sum = 0;
    for (long i = 0; i < count; i++) {
        zmq_msg_t frames[3];
        struct tick tick;
        if (encode_tick(frames, tick_symbol, (double)i, 189.25) < 0) return -1;
        if (decode_tick(frames, 3, &tick) == 0) sum += tick.timestamp + tick.price + (double)tick.symbol_length;
        for (int f = 0; f < 3; f++) zmq_msg_close(&frames[f]);
    }
    double elapsed = now() - start;
    return sum < 0 ? -1 : elapsed;
}

double cb_tick_codec_buffer(long count) {
    double start = now();
    double sum = 0;
    for (long i = 0; i < count; i++) {
        /* Three frames in one buffer, as a length and the bytes of each. */
        unsigned char buffer[64];
        size_t lengths[3];
        size_t length = strlen(tick_symbol);
        if (!symbol_is_valid(tick_symbol, length)) return -1;
        memcpy(buffer, tick_symbol, length);
        lengths[0] = length;
        put_double(buffer + length, (double)i);
        lengths[1] = 8;
        put_double(buffer + length + 8, 189.25);
        lengths[2] = 8;
        opaque(buffer);
        opaque(lengths);
        struct tick tick;
        if (lengths[0] >= sizeof tick.symbol || !symbol_is_valid((const char *)buffer, lengths[0]) || lengths[1] != 8 || lengths[2] != 8) continue;
        memcpy(tick.symbol, buffer, lengths[0]);
        tick.symbol_length = lengths[0];
        tick.timestamp = get_double(buffer + lengths[0]);
        tick.price = get_double(buffer + lengths[0] + 8);
        sum += tick.timestamp + tick.price + (double)tick.symbol_length;
    }
    double elapsed = now() - start;
    return sum < 0 ? -1 : elapsed;
}

static void put_int32(void *to, int32_t value) {
    uint32_t bits = __builtin_bswap32((uint32_t)value);
    memcpy(to, &bits, 4);
}

static int32_t get_int32(const void *from) {
    uint32_t bits;
    memcpy(&bits, from, 4);
    return (int32_t)__builtin_bswap32(bits);
}

/* Checks and decodes the four frames of an order, given as pointers and sizes; 0 or -1. */
static int decode_order(const unsigned char *const data[4], const size_t sizes[4], struct order *order) {
    if (sizes[0] >= sizeof order->stock || !symbol_is_valid((const char *)data[0], sizes[0])) return -1;
    if (sizes[1] != 1 || data[1][0] > 1 || sizes[2] != 4 || sizes[3] != 8) return -1;
    memcpy(order->stock, data[0], sizes[0]);
    order->stock_length = sizes[0];
    order->action = data[1][0];
    order->shares = get_int32(data[2]);
    order->price = get_double(data[3]);
    return 0;
}

static long order_checksum(const struct order *order) {
    return order->shares + (long)order->action + (long)order->stock_length + (long)order->price;
}

double cb_order_codec_buffer(long count) {
    double start = now();
    long shares = 0;
    for (long i = 0; i < count; i++) {
        /* The four frames back to back in one buffer, with their sizes. */
        unsigned char buffer[64];
        size_t sizes[4] = { 0, 1, 4, 8 };
        const char *stock = order_stock_source;
        sizes[0] = strlen(stock);
        if (sizes[0] >= 32 || !symbol_is_valid(stock, sizes[0])) return -1;
        memcpy(buffer, stock, sizes[0]);
        buffer[sizes[0]] = 1; /* SELL */
        put_int32(buffer + sizes[0] + 1, 250);
        put_double(buffer + sizes[0] + 5, 12.5);
        opaque(buffer);
        opaque(sizes);
        const unsigned char *data[4] = { buffer, buffer + sizes[0], buffer + sizes[0] + 1, buffer + sizes[0] + 5 };
        struct order order;
        if (decode_order(data, sizes, &order) == 0) shares += order_checksum(&order);
    }
    double elapsed = now() - start;
    return shares == 0 ? -1 : elapsed;
}

double cb_order_codec(long count) {
    double start = now();
    long shares = 0;
    for (long i = 0; i < count; i++) {
        zmq_msg_t frames[4];
        const char *stock = order_stock_source;
        size_t length = strlen(stock);
        if (!symbol_is_valid(stock, length)) return -1;
        zmq_msg_init_size(&frames[0], length);
        memcpy(zmq_msg_data(&frames[0]), stock, length);
        zmq_msg_init_size(&frames[1], 1);
        *(uint8_t *)zmq_msg_data(&frames[1]) = 1; /* SELL */
        zmq_msg_init_size(&frames[2], 4);
        put_int32(zmq_msg_data(&frames[2]), 250);
        zmq_msg_init_size(&frames[3], 8);
        put_double(zmq_msg_data(&frames[3]), 12.5);

        const unsigned char *data[4];
        size_t sizes[4];
        for (int f = 0; f < 4; f++) {
            data[f] = zmq_msg_data(&frames[f]);
            sizes[f] = zmq_msg_size(&frames[f]);
        }
        struct order order;
        if (decode_order(data, sizes, &order) == 0) shares += order_checksum(&order);
        for (int f = 0; f < 4; f++) zmq_msg_close(&frames[f]);
    }
    double elapsed = now() - start;
    return shares == 0 ? -1 : elapsed;
}

/* One thread of cb_tick_codec_buffer_threads; its result is written once. */
struct codec_thread {
    long count;
    double elapsed;
};

static void *codec_thread_main(void *argument) {
    struct codec_thread *work = argument;
    work->elapsed = cb_tick_codec_buffer(work->count);
    return NULL;
}

double cb_tick_codec_buffer_threads(int threads, long count) {
    enum { most = 16 };
    if (threads < 1 || threads > most) return -1;
    pthread_t ids[most];
    /* Each thread's slot on a cache line of its own. */
    struct codec_thread work[most][8];
    double start = now();
    for (int i = 0; i < threads; i++) {
        work[i][0].count = count;
        if (pthread_create(&ids[i], NULL, codec_thread_main, &work[i][0]) != 0) return -1;
    }
    int failed = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
        if (work[i][0].elapsed < 0) failed = 1;
    }
    double elapsed = now() - start;
    return failed ? -1 : elapsed;
}
