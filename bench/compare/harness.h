/* bench/compare: one client program per TLS library, all driven by the same
 * harness (harness.c), so every library does exactly the same work
 * (servers: see below):
 *
 *   setup (context, trust anchor)            -- counted in heap only
 *   connection 1: new connection + full handshake   [hs]
 *                 "GET /<file> HTTP/1.0", read to the end   [bulk]
 *                 close_notify; keep the session
 *   connection 2: new connection + resumed handshake  [resumed]
 *                 "GET /<small file>", read to the end, close
 *
 * Each library file (cl_<lib>.c) fills in a cmp_lib table. The harness
 * measures, depending on --mode:
 *   native     peak stack of the full handshake (tools/stackmeter.c: the
 *              handshake runs on a painted stack) and peak heap (malloc is
 *              interposed by heapcount.c, linked into this variant only);
 *   callgrind  instruction counts: instrumentation is switched on around
 *              each bracketed part only and dumped with a label
 *              (CALLGRIND_DUMP_STATS_AT), bench/compare/run.sh reads them.
 * It prints `result: key=value ...` lines on stdout.
 *
 * With --serve the program is a server (cl_<lib>.c, the same table, in
 * its server role; resumed/write/keep_session are not called): setup loads the
 * chain and key, then it listens on 127.0.0.1 (--port, 0: any; the port
 * is printed as `listening: N`), accepts ONE connection, runs the server
 * handshake [hs] as above (painted stack natively, instrumented under
 * callgrind), sends close_notify, waits for the client to close and prints the same result
 * line with role=server. The client (openssl s_client) runs outside.
 * Host-only code, not part of libmote. */
#ifndef CMP_HARNESS_H
#define CMP_HARNESS_H

#include <stddef.h>

/* What a library is asked to do. */
typedef struct {
    int tls13;           /* 1: TLS 1.3 only, 0: TLS 1.2 only */
    int ecdsa;           /* 1: the server has a P-256 chain, 0: RSA-2048 */
    int chacha;          /* 1: ChaCha20-Poly1305 suite, 0: AES-128-GCM */
    int p256;            /* TLS 1.3: 1: P-256 key share, 0: X25519 (1.2: always P-256) */
    int verify;          /* 1: validate the chain against ca_file (host localhost) */
    const char *ca_file; /* PEM trust anchor (the chain's root) */
    const char *host;    /* SNI and the name the certificate must match */
    size_t record;       /* plaintext record size the client asks for (1024) */
    int server;          /* --serve: one server handshake (cl_<lib>.c, server role) */
    const char *cert_file, *chain_file, *key_file; /* server: leaf, intermediate, key (PEM) */
} cmp_opts;

typedef struct {
    const char *name;
    /* Context, trust anchor, RNG: once per process. 0, -1 on failure, or 1
     * when the library cannot do this configuration at all (n/a). */
    int (*setup)(const cmp_opts *o);
    /* New connection on the connected socket fd, handshake to completion
     * (resume: offer the session kept by keep_session). 0 or -1. */
    int (*handshake)(int fd, int resume);
    /* 1 if the last handshake resumed a session. */
    int (*resumed)(void);
    /* Send all len bytes: 0 or -1. */
    int (*write)(const void *buf, size_t len);
    /* Up to len bytes of application data: count, 0 at the end (close_notify
     * or the server closing), -1 on error. */
    long (*read)(void *buf, size_t len);
    /* After connection 1: keep its session for resumption (0: kept, -1: the
     * library cannot resume). */
    int (*keep_session)(void);
    /* Send close_notify (best effort) and release the connection. */
    void (*close)(void);
    /* Bytes the caller provides (contexts, buffers); 0 when the library
     * allocates everything itself. */
    size_t (*caller_mem)(void);
    /* Free-form facts printed as `info: ...` (buffer sizes, AES-NI use). */
    void (*info)(void);
} cmp_lib;

/* Each cl_<lib>.c defines this. */
extern const cmp_lib cmp_library;

/* A failure message on stderr, with the library name. */
void cmp_fail(const char *what);

/* heapcount.c (native variant only; the callgrind variant links stubs). */
void cmp_heap_reset(void); /* peak := current */
size_t cmp_heap_current(void);
size_t cmp_heap_peak(void);
int cmp_heap_active(void); /* 1 when malloc is really being counted */

/* The whole file into buf (at most cap - 1 bytes, then a NUL): 0 or -1.
 * open/read, not stdio (fopen's buffer would show as heap). */
int cmp_load_file(const char *path, unsigned char *buf, size_t cap, size_t *len);

/* Blocking send/recv helpers over the socket, for the libraries whose I/O
 * the client drives (mote, BearSSL, mbedTLS callbacks, wolfSSL callbacks). */
long cmp_sock_send(int fd, const void *buf, size_t len);
long cmp_sock_recv(int fd, void *buf, size_t len);
/* The same as callbacks on a pointer to the fd (BearSSL's br_sslio
 * signature): bytes moved, or -1 on an error or the end of the stream. */
int cmp_io_read(void *fd, unsigned char *buf, size_t len);
int cmp_io_write(void *fd, const unsigned char *buf, size_t len);

#endif
