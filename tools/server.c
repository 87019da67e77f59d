/* `mote server`: a TLS server over the POSIX adapter, one connection after
 * another.
 *
 *   mote server [--port N] [--host ADDR] --cert CHAIN.pem --key KEY.pem
 *               [--ca ROOTS.pem --verify optional|require] [--alpn LIST]
 *               [--www DIR | --echo] [--psk ID:HEX] [--tickets] [--cache N] [--count N]
 *               [--stats] [--in-buf N] [--out-buf N]
 *
 * Listens on 127.0.0.1 (or ADDR, e.g. ::1), port 4433 by default. Each
 * connection gets one line on stderr: version, suite, group, signature,
 * ALPN, client certificate, resumed. --echo (the default) sends back what
 * it receives; --www serves files below DIR over HTTP/1.1 (GET only, one
 * request per connection). */
#define _POSIX_C_SOURCE 200809L
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "mote/mote.h"
#include "tls_tool.h"
#include "tools.h"

#define USAGE                                                                                      \
    "usage: mote server --cert CHAIN.pem --key KEY.pem [options]\n"                                \
    "  --port N           port (default 4433)\n"                                                   \
    "  --host ADDR        address to listen on (default 127.0.0.1; ::1 for IPv6)\n"                \
    "  --verify MODE      client certificates: optional or require (needs --ca)\n"                 \
    "  --echo             send back what the client sends (default)\n"                             \
    "  --www DIR          serve files below DIR over HTTP/1.1 (GET)\n"                             \
    "  --count N          exit after N connections\n"                                              \
    "  --psk ID:HEX       an external PSK (TLS 1.3, SHA-256 suites): the client may\n"             \
    "                     authenticate with it instead of certificates\n"                          \
    "  --tickets          session tickets (TLS 1.3, TLS 1.2 RFC 5077) under a key made at start\n" \
    "  --cache N          TLS 1.2 session-ID cache of N entries (resumption by session id)\n"      \
    "  --alpn LIST        protocols we accept, in our order of preference\n"                       \
    "  --groups, --ciphers, --in-buf, --out-buf, --tls1.3, --key-update, --stats: as for the "     \
    "client\n"

/* --psk ID:HEX */
static struct {
    char id[128];
    uint8_t key[64];
    size_t id_len, key_len;
    int used; /* the lookup gave the key on this connection */
} psk;

static int psk_lookup(void *arg, const uint8_t *id, size_t len, uint8_t *key, size_t *key_len)
{
    (void)arg;
    if (len != psk.id_len || memcmp(id, psk.id, len) != 0 || *key_len < psk.key_len) return -1;
    memcpy(key, psk.key, psk.key_len);
    *key_len = psk.key_len;
    psk.used = 1;
    return 0;
}

static int parse_psk(const char *v)
{
    const char *colon = strchr(v, ':');
    size_t n, i;
    if (!colon || colon == v || (size_t)(colon - v) >= sizeof psk.id) return -1;
    psk.id_len = (size_t)(colon - v);
    memcpy(psk.id, v, psk.id_len);
    n = strlen(colon + 1);
    if (n == 0 || n % 2 || n / 2 > sizeof psk.key) return -1;
    for (i = 0; i < n; i++)
        if (!strchr("0123456789abcdefABCDEF", colon[1 + i])) return -1;
    for (i = 0; i < n / 2; i++) {
        char b[3] = {colon[1 + 2 * i], colon[2 + 2 * i], 0};
        psk.key[i] = (uint8_t)strtoul(b, NULL, 16);
    }
    psk.key_len = n / 2;
    return 0;
}

static int listen_on(const char *host, const char *port)
{
    struct addrinfo hints, *res, *a;
    int fd = -1, one = 1;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
    for (a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) continue;
        (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 16) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    return fd;
}

/* A connection that ends in an error after the handshake says so. */
static void ended(const mote_tool_session *s, unsigned long n, long rc)
{
    int sent = 0, alert = mote_tls_alert(&s->conn, &sent);
    if (rc >= 0 || rc == MOTE_ERR_TLS_CLOSED) return;
    fprintf(stderr, "mote server: connection %lu ended: %s", n, mote_strerror((int)rc));
    if (alert > 0) fprintf(stderr, " (alert %d %s)", alert, sent ? "sent" : "received");
    fprintf(stderr, "\n");
}

/* Echo: each piece is written back before it is consumed, so a
 * close_notify right behind the last data (which closes the connection
 * when it is processed) cannot cut the echo short. */
static void echo(mote_tool_session *s, int fd, unsigned long n)
{
    uint8_t buf[4096];
    long rc = 0;
    for (;;) {
        size_t avail;
        const uint8_t *p = mote_tls_read_buf(&s->conn, &avail);
        if (p) {
            if (avail > sizeof buf) avail = sizeof buf;
            memcpy(buf, p, avail);
            rc = mote_tool_write(s, fd, buf, avail);
            if (rc < 0) break;
            mote_tls_read_done(&s->conn, avail);
            continue;
        }
        if (mote_tls_status(&s->conn) & MOTE_TLS_CLOSED) {
            rc = mote_tls_error(&s->conn);
            break;
        }
        rc = mote_tool_pump(s, fd);
        if (rc < 0 && rc != MOTE_WANT_READ && rc != MOTE_WANT_WRITE) break;
    }
    ended(s, n, rc);
    if (rc >= 0 || rc == MOTE_ERR_TLS_CLOSED) {
        mote_tool_close(s, fd);
        return;
    }
    for (;;) { /* deliver our alert */
        size_t len;
        const uint8_t *out = mote_tls_send_buf(&s->conn, &len);
        ssize_t w = out ? write(fd, out, len) : -1;
        if (w <= 0) break;
        mote_tls_send_done(&s->conn, (size_t)w);
    }
}

static void respond(mote_tool_session *s, int fd, const char *status, const char *type, long len)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\nServer: mote\r\nContent-Type: %s\r\nContent-Length: %ld\r\n"
                     "Connection: close\r\n\r\n",
                     status, type, len);
    (void)mote_tool_write(s, fd, head, (size_t)n);
}

static void error_page(mote_tool_session *s, int fd, const char *status)
{
    respond(s, fd, status, "text/plain", (long)strlen(status) + 1);
    (void)mote_tool_write(s, fd, status, strlen(status));
    (void)mote_tool_write(s, fd, "\n", 1);
}

static const char *content_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0) return "text/html";
    if (strcmp(dot, ".txt") == 0) return "text/plain";
    if (strcmp(dot, ".css") == 0) return "text/css";
    if (strcmp(dot, ".js") == 0) return "text/javascript";
    if (strcmp(dot, ".json") == 0) return "application/json";
    if (strcmp(dot, ".png") == 0) return "image/png";
    return "application/octet-stream";
}

/* One GET per connection. The path must be plain: no "..", no backslash,
 * no empty segment tricks; "/" means index.html. */
static void www(mote_tool_session *s, int fd, const char *root)
{
    char req[8192], path[4096], *sp, *end;
    size_t have = 0;
    FILE *f;
    struct stat st;
    while (have < sizeof req - 1) {
        long got = mote_tool_read(s, fd, req + have, sizeof req - 1 - have);
        if (got <= 0) return;
        have += (size_t)got;
        req[have] = 0;
        if (strstr(req, "\r\n\r\n")) break;
    }
    if (!strstr(req, "\r\n\r\n")) return error_page(s, fd, "413 Request Too Large");
    if (strncmp(req, "GET ", 4) != 0) return error_page(s, fd, "405 Method Not Allowed");
    sp = req + 4;
    end = strchr(sp, ' ');
    if (!end || sp[0] != '/') return error_page(s, fd, "400 Bad Request");
    *end = 0;
    if (strchr(sp, '?')) *strchr(sp, '?') = 0;
    if (strstr(sp, "..") || strchr(sp, '\\') || strstr(sp, "//"))
        return error_page(s, fd, "403 Forbidden");
    if (snprintf(path, sizeof path, "%s%s%s", root, sp,
                 sp[strlen(sp) - 1] == '/' ? "index.html" : "") >= (int)sizeof path)
        return error_page(s, fd, "414 URI Too Long");
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fopen(path, "rb")))
        return error_page(s, fd, "404 Not Found");
    respond(s, fd, "200 OK", content_type(path), (long)st.st_size);
    for (;;) {
        char buf[4096];
        size_t n = fread(buf, 1, sizeof buf, f);
        if (n == 0 || mote_tool_write(s, fd, buf, n) < 0) break;
    }
    fclose(f);
}

/* Close without a reset: say we are done, then read what the client still
 * sends (for a second at most), so our last records -- an alert above all --
 * reach it instead of being lost to a TCP reset. */
static void linger_close(int fd)
{
    struct timeval tv = {1, 0};
    char buf[4096];
    int i;
    (void)shutdown(fd, SHUT_WR);
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    for (i = 0; i < 64 && read(fd, buf, sizeof buf) > 0; i++)
        ;
    close(fd);
}

static int peer_verified(const mote_tls_conn *c)
{
#if MOTE_ENABLE_SERVER
    return mote_tls_peer_verified(c);
#else
    (void)c;
    return 0;
#endif
}

/* The session-ID cache is TLS 1.2's (server12.c): without it, --cache
 * is refused before the cache is used. */
#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12
#define session_cache_init mote_tls_session_cache_init
#define session_cache_wipe mote_tls_session_cache_wipe
#else
static void session_cache_init(mote_tls_session_cache *cache, mote_tls_cached_session *slots,
                               size_t n_slots)
{
    (void)cache, (void)slots, (void)n_slots;
}
static void session_cache_wipe(mote_tls_session_cache *cache)
{
    (void)cache;
}
#endif

/* cache hits before this connection: a hit during it means it resumed a session id */
static uint32_t hits_before;

static void report(const mote_tool_session *s, unsigned long n, int rc)
{
    const mote_tls_session_cache *sc = s->cfg.session_cache;
    const mote_tls_conn *c = &s->conn;
    if (rc != MOTE_OK) {
        int sent = 0, alert = mote_tls_alert(c, &sent);
        fprintf(stderr, "mote server: connection %lu: handshake failed: %s", n, mote_strerror(rc));
        if (alert >= 0) fprintf(stderr, " (alert %d %s)", alert, sent ? "sent" : "received");
        fprintf(stderr, "\n");
        return;
    }
    fprintf(stderr,
            "mote server: connection %lu: TLS %s %s %s signature %s alpn %s client-cert %s "
            "resumed %s%s\n",
            n, mote_tls_version(c) == MOTE_TLS13 ? "1.3" : "1.2",
            mote_tls_suite_name(mote_tls_cipher_suite(c)), mote_tls_group_name(mote_tls_group(c)),
            mote_tls_sig_name(mote_tls_signature_scheme(c)),
            mote_tls_alpn(c) ? mote_tls_alpn(c) : "none", peer_verified(c) ? "yes" : "no",
            !mote_tls_resumed(c)            ? "no"
            : psk.used                      ? "yes (external PSK)"
            : sc && sc->hits != hits_before ? "yes (session id)"
                                            : "yes (ticket)",
            !strstr(mote_tls_suite_name(mote_tls_cipher_suite(c)), "_CBC_") ? ""
            : mote_tls_encrypt_then_mac(c) ? " encrypt_then_mac yes"
                                           : " encrypt_then_mac no");
}

int mote_cmd_server(int argc, char **argv)
{
    mote_tool_session s;
    const char *port = "4433", *host = "127.0.0.1", *root = NULL;
    unsigned long count = 0, n = 0;
    int i, lfd, rc, tickets = 0;
    mote_tls_ticket_key tkey;
    mote_tls_session_cache cache;
    mote_tls_cached_session *slots = NULL;
    unsigned long n_cache = 0;

    mote_tool_session_defaults(&s);
    for (i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int used;
        if (strcmp(o, "--echo") == 0) {
            root = NULL;
            continue;
        }
        if (strcmp(o, "--tickets") == 0) {
            tickets = 1;
            continue;
        }
        if (!strcmp(o, "--port") || !strcmp(o, "--host") || !strcmp(o, "--www") ||
            !strcmp(o, "--count") || !strcmp(o, "--verify") || !strcmp(o, "--psk") ||
            !strcmp(o, "--cache")) {
            if (!v) {
                fprintf(stderr, "mote server: %s needs a value\n", o);
                return 2;
            }
            i++;
            if (!strcmp(o, "--port")) port = v;
            if (!strcmp(o, "--host")) host = v;
            if (!strcmp(o, "--www")) root = v;
            if (!strcmp(o, "--count")) count = strtoul(v, NULL, 10);
            if (!strcmp(o, "--cache")) {
                n_cache = strtoul(v, NULL, 10);
                if (!(MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12)) {
                    fprintf(stderr, "mote server: --cache: TLS 1.2 is not compiled in "
                                    "(MOTE_ENABLE_TLS12)\n");
                    return 2;
                }
            }
            if (!strcmp(o, "--psk")) {
                if (parse_psk(v)) {
                    fprintf(stderr, "mote server: --psk ID:HEX (a key of 1 to 64 bytes)\n");
                    return 2;
                }
                s.cfg.psk_lookup = psk_lookup;
            }
            if (!strcmp(o, "--verify")) {
                if (strcmp(v, "optional") == 0)
                    s.cfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
                else if (strcmp(v, "require") == 0)
                    s.cfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
                else {
                    fprintf(stderr, "mote server: --verify optional|require\n");
                    return 2;
                }
            }
            continue;
        }
        used = mote_tool_parse_option(&s, argc, argv, i);
        if (used < 0) return 2;
        if (used == 0) {
            fprintf(stderr, "mote server: unexpected argument %s\n%s", o, USAGE);
            return 2;
        }
        i += used - 1;
    }
    if (s.cfg.client_auth && !s.ca_file) {
        fprintf(stderr, "mote server: --verify needs --ca\n");
        return 2;
    }
    if (mote_tool_server_setup(&s) != MOTE_OK) {
        mote_tool_free(&s);
        return 1;
    }
    if (tickets) { /* a fresh ticket key: tickets of an earlier run are not ours */
        tkey.name_len = sizeof tkey.name;
        if (mote_drbg_generate(s.cfg.rng, tkey.name, sizeof tkey.name) ||
            mote_drbg_generate(s.cfg.rng, tkey.key, sizeof tkey.key)) {
            mote_tool_free(&s);
            return 1;
        }
        s.cfg.ticket_keys = &tkey, s.cfg.n_ticket_keys = 1;
    }
    if (n_cache) { /* the application's memory: here from the heap, on a device static */
        slots = calloc(n_cache, sizeof *slots);
        if (!slots || n_cache > 65536) {
            fprintf(stderr, "mote server: --cache N (1 to 65536 entries)\n");
            free(slots);
            mote_tool_free(&s);
            return 2;
        }
        session_cache_init(&cache, slots, n_cache);
        s.cfg.session_cache = &cache;
    }
    signal(SIGPIPE, SIG_IGN);
    lfd = listen_on(host, port);
    if (lfd < 0) {
        fprintf(stderr, "mote server: cannot listen on %s port %s\n", host, port);
        free(slots);
        mote_tool_free(&s);
        return 1;
    }
    fprintf(stderr, "mote server: listening on %s port %s\n", host, port);
    while (!count || n < count) {
        struct timeval tv = {10, 0};
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) continue;
        n++;
        /* a silent or stalled client cannot hold the server for long */
        (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        psk.used = 0;
        hits_before = n_cache ? cache.hits : 0;
        rc = mote_tool_server_handshake(&s, fd);
        report(&s, n, rc);
        if (rc == MOTE_OK) {
            if (root)
                www(&s, fd, root);
            else
                echo(&s, fd, n);
            if (root) mote_tool_close(&s, fd);
        }
        mote_tls_wipe(&s.conn);
        linger_close(fd);
        mote_tool_print_stats(&s, stderr);
    }
    close(lfd);
    if (n_cache) {
        session_cache_wipe(&cache);
        free(slots);
    }
    mote_tool_free(&s);
    return 0;
}
