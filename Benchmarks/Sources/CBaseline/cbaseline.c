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

static int send_tick(void *socket, double timestamp, double price) {
    zmq_msg_t frame;
    zmq_msg_init_size(&frame, 4);
    memcpy(zmq_msg_data(&frame), "AAPL", 4);
    if (zmq_msg_send(&frame, socket, ZMQ_SNDMORE) < 0) return -1;
    zmq_msg_init_size(&frame, 8);
    put_double(zmq_msg_data(&frame), timestamp);
    if (zmq_msg_send(&frame, socket, ZMQ_SNDMORE) < 0) return -1;
    zmq_msg_init_size(&frame, 8);
    put_double(zmq_msg_data(&frame), price);
    return zmq_msg_send(&frame, socket, 0) < 0 ? -1 : 0;
}

/* Receives one tick and checks it; returns the price, or -1 on a malformed message. */
static double receive_tick(void *socket) {
    zmq_msg_t frames[3];
    double price = -1;
    int count = 0;
    for (; count < 3; count++) {
        zmq_msg_init(&frames[count]);
        if (zmq_msg_recv(&frames[count], socket, 0) < 0) { count++; goto done; }
        if (!zmq_msg_more(&frames[count])) { count++; break; }
    }
    if (count == 3 && zmq_msg_size(&frames[0]) >= 1 && zmq_msg_size(&frames[1]) == 8 && zmq_msg_size(&frames[2]) == 8) {
        const char *symbol = zmq_msg_data(&frames[0]);
        if (symbol[0] >= 'A' && symbol[0] <= 'Z') {
            (void)get_double(zmq_msg_data(&frames[1]));
            price = get_double(zmq_msg_data(&frames[2]));
        }
    }
done:
    for (int i = 0; i < count; i++) zmq_msg_close(&frames[i]);
    return price;
}

struct sender_args { void *socket; long count; };

static void *sender(void *raw) {
    struct sender_args *args = raw;
    for (long i = 0; i < args->count; i++) send_tick(args->socket, (double)i, 100.0 + (double)(i % 100));
    return NULL;
}

double cb_tick_stream(const char *endpoint, long count, int pubsub) {
    void *context = zmq_ctx_new();
    void *receiver = zmq_socket(context, pubsub ? ZMQ_SUB : ZMQ_PULL);
    void *sending = zmq_socket(context, pubsub ? ZMQ_PUB : ZMQ_PUSH);
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
        zmq_msg_init_size(&frames[0], 4);
        memcpy(zmq_msg_data(&frames[0]), "AAPL", 4);
        zmq_msg_init_size(&frames[1], 8);
        put_double(zmq_msg_data(&frames[1]), (double)i);
        zmq_msg_init_size(&frames[2], 8);
        put_double(zmq_msg_data(&frames[2]), 189.25);
        const char *symbol = zmq_msg_data(&frames[0]);
        if (zmq_msg_size(&frames[1]) == 8 && zmq_msg_size(&frames[2]) == 8 && symbol[0] >= 'A' && symbol[0] <= 'Z') {
            sum += get_double(zmq_msg_data(&frames[1])) + get_double(zmq_msg_data(&frames[2]));
        }
        for (int f = 0; f < 3; f++) zmq_msg_close(&frames[f]);
    }
    double elapsed = now() - start;
    return sum < 0 ? -1 : elapsed;
}
