/* The common driver of the comparison clients (see harness.h). */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "stackmeter.h"

static const cmp_lib *lib = &cmp_library;
static int callgrind; /* --mode callgrind */

void cmp_fail(const char *what)
{
    fprintf(stderr, "compare: %s: %s\n", lib->name, what);
}

long cmp_sock_send(int fd, const void *buf, size_t len)
{
    ssize_t n;
    do
        n = send(fd, buf, len, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return (long)n;
}

long cmp_sock_recv(int fd, void *buf, size_t len)
{
    ssize_t n;
    do
        n = recv(fd, buf, len, 0);
    while (n < 0 && errno == EINTR);
    return (long)n;
}

int cmp_io_read(void *fd, unsigned char *buf, size_t len)
{
    long n = cmp_sock_recv(*(int *)fd, buf, len);
    return n > 0 ? (int)n : -1;
}

int cmp_io_write(void *fd, const unsigned char *buf, size_t len)
{
    long n = cmp_sock_send(*(int *)fd, buf, len);
    return n > 0 ? (int)n : -1;
}

int cmp_load_file(const char *path, unsigned char *buf, size_t cap, size_t *len)
{
    int fd = open(path, O_RDONLY);
    ssize_t n;
    if (fd < 0) return -1;
    *len = 0;
    while (*len < cap && (n = read(fd, buf + *len, cap - *len)) > 0)
        *len += (size_t)n;
    close(fd);
    if (*len == 0 || *len >= cap) return -1;
    buf[*len] = 0;
    return 0;
}

/* --serve: listen on 127.0.0.1:port (0: any), say which port, accept one
 * connection. */
static int tcp_accept_one(int port)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), fd, one = 1;
    if (lfd < 0) return -1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 1) != 0 ||
        getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
        close(lfd);
        return -1;
    }
    { /* (write, not stdio: stdout's buffer would show as the connection's heap) */
        char line[32];
        int n = snprintf(line, sizeof line, "listening: %d\n", ntohs(a.sin_port));
        if (n <= 0 || write(1, line, (size_t)n) != n) {
            close(lfd);
            return -1;
        }
    }
    do
        fd = accept(lfd, NULL, NULL);
    while (fd < 0 && errno == EINTR);
    close(lfd);
    if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int tcp_connect(int port)
{
    struct sockaddr_in a;
    int tries, one = 1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (tries = 0; tries < 100; tries++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        close(fd);
        if (errno != ECONNREFUSED) return -1;
        {
            struct timespec ts = {0, 50 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    return -1;
}

/* ---- measured regions ---- */

struct hs_call {
    int fd, resume, rc;
};

static void hs_run(void *arg)
{
    struct hs_call *h = arg;
    h->rc = lib->handshake(h->fd, h->resume);
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Handshake: on a painted stack natively (returns its depth in *stack),
 * instrumented and dumped as `label` under callgrind. */
static int handshake(int fd, int resume, const char *label, size_t *stack, double *us)
{
    struct hs_call h;
    double t0;
    h.fd = fd, h.resume = resume, h.rc = -1;
    if (callgrind) {
        CALLGRIND_ZERO_STATS;
        CALLGRIND_START_INSTRUMENTATION;
        hs_run(&h);
        CALLGRIND_STOP_INSTRUMENTATION;
        CALLGRIND_DUMP_STATS_AT(label);
        return h.rc;
    }
    t0 = now_us();
    if (stack)
        *stack = mote_stack_measure(hs_run, &h);
    else
        hs_run(&h);
    *us = now_us() - t0;
    return h.rc;
}

static int send_get(const char *path)
{
    char req[256];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", path);
    if (n <= 0 || (size_t)n >= sizeof req) return -1;
    return lib->write(req, (size_t)n);
}

static unsigned char rbuf[16384];

/* Read the whole response; bytes in *total. 0 or -1. */
static int read_all(size_t *total)
{
    long n;
    *total = 0;
    while ((n = lib->read(rbuf, sizeof rbuf)) > 0)
        *total += (size_t)n;
    return n < 0 ? -1 : 0;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: cmp_<lib> --port N --config tls1{2,3}-{ecdsa,rsa}[-chacha|-p256] --ca ROOT.pem "
            "[--no-verify] [--mode native|callgrind] [--file /path] [--small /path] "
            "[--record N]\n"
            "       cmp_<lib> --serve --port N|0 --config ... --cert LEAF.pem --chain INT.pem "
            "--key KEY.pem [--mode native|callgrind] [--record N]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    cmp_opts o;
    const char *config = NULL, *file = "/1m.bin", *small = "/small.txt";
    int port = 0, i, fd, rc, resumed = -1;
    size_t stack = (size_t)-1, bulk = 0, small_bytes = 0;
    size_t heap_base, setup_peak, retained, conn_peak, heap;
    double hs_us = 0, res_us = 0;

    memset(&o, 0, sizeof o);
    o.verify = 1;
    o.host = "localhost";
    o.record = 1024;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--no-verify") == 0 || strcmp(a, "--serve") == 0) {
            if (a[2] == 'n')
                o.verify = 0;
            else
                o.server = 1;
            continue;
        }
        if (!v) usage();
        i++;
        if (strcmp(a, "--port") == 0)
            port = atoi(v);
        else if (strcmp(a, "--config") == 0)
            config = v;
        else if (strcmp(a, "--ca") == 0)
            o.ca_file = v;
        else if (strcmp(a, "--mode") == 0)
            callgrind = strcmp(v, "callgrind") == 0;
        else if (strcmp(a, "--file") == 0)
            file = v;
        else if (strcmp(a, "--small") == 0)
            small = v;
        else if (strcmp(a, "--record") == 0)
            o.record = (size_t)strtoul(v, NULL, 10);
        else if (strcmp(a, "--cert") == 0)
            o.cert_file = v;
        else if (strcmp(a, "--chain") == 0)
            o.chain_file = v;
        else if (strcmp(a, "--key") == 0)
            o.key_file = v;
        else
            usage();
    }
    if (!config || (o.server ? !o.cert_file || !o.chain_file || !o.key_file : !port || !o.ca_file))
        usage();
    o.tls13 = strncmp(config, "tls13", 5) == 0;
    o.ecdsa = strstr(config, "ecdsa") != NULL;
    o.chacha = strstr(config, "chacha") != NULL;
    o.p256 = strstr(config, "p256") != NULL;

    heap_base = cmp_heap_current();
    cmp_heap_reset();
    rc = lib->setup(&o);
    if (rc > 0) { /* the library cannot do this configuration */
        printf("result: lib=%s config=%s unsupported\n", lib->name, config);
        return 3;
    }
    if (rc != 0) {
        cmp_fail("setup failed");
        return 1;
    }
    /* heap: what setup peaked at, what it kept, and what connections add */
    setup_peak = cmp_heap_peak() - heap_base;
    retained = cmp_heap_current() - heap_base;
    cmp_heap_reset();

    if (o.server) { /* one connection: the handshake, our close_notify, the client's end */
        fd = tcp_accept_one(port);
        if (fd < 0) {
            cmp_fail("accept failed");
            return 1;
        }
        if (handshake(fd, 0, "hs", &stack, &hs_us) != 0) {
            cmp_fail("server handshake failed");
            return 1;
        }
        lib->close();
        shutdown(fd, SHUT_WR);
        while (cmp_sock_recv(fd, rbuf, sizeof rbuf) > 0)
            ; /* (unread bytes at close would reset the connection) */
        close(fd);
        goto done;
    }

    /* connection 1: full handshake, then 1 MiB */
    fd = tcp_connect(port);
    if (fd < 0) {
        cmp_fail("connect failed");
        return 1;
    }
    rc = handshake(fd, 0, "hs", &stack, &hs_us);
    if (rc != 0) {
        cmp_fail("full handshake failed");
        return 1;
    }
    if (send_get(file) != 0) {
        cmp_fail("request failed");
        return 1;
    }
    if (callgrind) {
        CALLGRIND_ZERO_STATS;
        CALLGRIND_START_INSTRUMENTATION;
    }
    rc = read_all(&bulk);
    if (callgrind) {
        CALLGRIND_STOP_INSTRUMENTATION;
        CALLGRIND_DUMP_STATS_AT("bulk");
    }
    if (rc != 0) {
        cmp_fail("bulk read failed");
        return 1;
    }
    rc = lib->keep_session();
    lib->close();
    close(fd);

    /* connection 2: resumed handshake */
    if (rc == 0) {
        fd = tcp_connect(port);
        if (fd < 0) {
            cmp_fail("second connect failed");
            return 1;
        }
        if (handshake(fd, 1, "resumed", NULL, &res_us) != 0) {
            cmp_fail("resumed handshake failed");
            return 1;
        }
        resumed = lib->resumed();
        if (send_get(small) != 0 || read_all(&small_bytes) != 0) {
            cmp_fail("second request failed");
            return 1;
        }
        lib->close();
        close(fd);
    }
done:
    conn_peak = cmp_heap_peak() - heap_base - retained;
    heap = retained + conn_peak > setup_peak ? retained + conn_peak : setup_peak;

    printf("result: lib=%s config=%s role=%s mode=%s verify=%d bulk_bytes=%zu resumed=%s",
           lib->name, config, o.server ? "server" : "client", callgrind ? "callgrind" : "native",
           o.verify, bulk,
           resumed < 0 ? "n/a"
           : resumed   ? "1"
                       : "0");
    if (!callgrind) {
        printf(" caller_mem=%zu", lib->caller_mem());
        if (stack == (size_t)-1)
            printf(" stack=n/a");
        else
            printf(" stack=%zu", stack);
        if (cmp_heap_active())
            printf(" heap=%zu heap_setup=%zu heap_ctx=%zu heap_conn=%zu", heap, setup_peak,
                   retained, conn_peak);
        printf(" hs_us=%.0f resumed_us=%.0f", hs_us, res_us);
    }
    printf("\n");
    if (lib->info) lib->info();
    return 0;
}
