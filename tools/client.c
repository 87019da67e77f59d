/* `mote client`: an s_client-like TLS client over the POSIX adapter.
 *
 *   mote client HOST:PORT [--ca FILE] [--host NAME] [--alpn LIST] [--groups LIST]
 *               [--ciphers LIST] [--in-buf N] [--out-buf N] [--insecure] [--stats]
 *               [--resume N] [--session-in F] [--session-out F]
 *               [--psk-identity ID --psk-key HEX] [--psk-ke] [--early-data TEXT]
 *
 * Handshake, then stdin -> server and server -> stdout until EOF or
 * close_notify. What was negotiated goes to stderr. With --resume N, N
 * connections come first that only shake hands, wait (up to a second) for
 * the server's ticket, and close; each later one resumes the session of
 * the one before; the last runs the exchange. Each prints "resumed:". */
#define _POSIX_C_SOURCE 200809L /* poll, strtok_r */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mote/io_posix.h"
#include "mote/mote.h"
#include "tls_tool.h"
#include "tools.h"

static long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A connection before the last: wait up to a second for a ticket (TLS 1.3
 * sends it after the handshake), then close_notify. */
static void wait_ticket_and_close(mote_tool_session *s, int fd)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (mote_tls_tickets(&s->conn) == 0 && !(mote_tls_status(&s->conn) & MOTE_TLS_CLOSED)) {
        struct pollfd p;
        long left = 1000 - ms_since(&t0);
        int rc;
        if (left <= 0) break;
        p.fd = fd, p.events = POLLIN, p.revents = 0;
        if (poll(&p, 1, (int)left) <= 0) break;
        rc = mote_tool_pump(s, fd);
        if (rc < 0 && rc != MOTE_WANT_READ) break;
    }
    fprintf(stderr, "tickets: %u\n", mote_tls_tickets(&s->conn));
    mote_tool_close(s, fd);
}

int mote_cmd_client(int argc, char **argv)
{
    mote_tool_session s;
    int i, rc, fd, stdin_open = 1;
    long resume = 0, k;
    const char *target = NULL;

    mote_tool_session_defaults(&s);
    for (i = 1; i < argc; i++) {
        int used = mote_tool_parse_option(&s, argc, argv, i);
        if (used < 0) return 2;
        if (used > 0) {
            i += used - 1;
            continue;
        }
        if (strcmp(argv[i], "--resume") == 0 && i + 1 < argc) {
            resume = strtol(argv[++i], NULL, 10);
            if (resume < 0 || resume > 1000) {
                fprintf(stderr, "mote client: --resume takes 0 to 1000\n");
                return 2;
            }
            s.use_session = 1;
            continue;
        }
        if (argv[i][0] == '-' || target) {
            fprintf(stderr, "mote client: unexpected argument %s\n%s", argv[i], MOTE_TOOL_USAGE);
            return 2;
        }
        target = argv[i];
    }
    if (!target) {
        fprintf(stderr, "usage: mote client HOST:PORT [options]\n%s", MOTE_TOOL_USAGE);
        return 2;
    }
    if (mote_tool_split_target(&s, target) != 0) return 2;
    mote_tool_load_session(&s);
    for (k = 0;; k++) {
        fd = mote_tool_connect(&s);
        if (fd < 0) return 1;
        rc = mote_tool_handshake(&s, fd);
        if (rc != MOTE_OK) {
            mote_tool_close_failed(fd);
            return 1;
        }
        mote_tool_print_session(&s, stderr);
        fprintf(stderr, "resumed: %s\n", mote_tls_resumed(&s.conn) ? "yes" : "no");
        if (s.cfg.early_data_len) { /* 0-RTT: or again, now, as ordinary data */
            int ok = mote_tls_early_data_accepted(&s.conn);
            fprintf(stderr, "early data: %s\n",
                    ok ? "accepted" : "not accepted, sent after the handshake");
            if (!ok && mote_tool_write(&s, fd, s.cfg.early_data, s.cfg.early_data_len) < 0) {
                close(fd);
                return 1;
            }
        }
        if (k == resume) break;
        wait_ticket_and_close(&s, fd);
        close(fd);
        mote_tool_print_stats(&s, stderr);
        mote_tool_reset(&s);
    }

    /* stdin -> server, server -> stdout. At the end of stdin we send
     * close_notify and keep reading until the server closes too. */
    for (;;) {
        struct pollfd p[2];
        size_t pending;
        int n = 0;
        p[n].fd = fd, p[n].events = POLLIN, p[n].revents = 0, n++;
        if (stdin_open) p[n].fd = 0, p[n].events = POLLIN, p[n].revents = 0, n++;
        if (!mote_tls_read_buf(&s.conn, &pending) && poll(p, (nfds_t)n, -1) < 0) break;
        if (p[0].revents & (POLLIN | POLLHUP)) { /* one receive; never block for more */
            rc = mote_tool_pump(&s, fd);
            if (rc == MOTE_ERR_TLS_CLOSED || rc == MOTE_ERR_TLS_CLOSED_TRUNCATED) break;
            if (rc < 0 && rc != MOTE_WANT_READ) {
                fprintf(stderr, "mote client: %s\n", mote_strerror(rc));
                close(fd);
                return 1;
            }
        }
        while (mote_tls_read_buf(&s.conn, &pending)) {
            uint8_t buf[4096];
            long got = mote_tool_read(&s, fd, buf, sizeof buf);
            if (got <= 0) break;
            fwrite(buf, 1, (size_t)got, stdout);
        }
        fflush(stdout);
        if (mote_tls_status(&s.conn) & MOTE_TLS_CLOSED) break;
        if (stdin_open && n > 1 && (p[1].revents & (POLLIN | POLLHUP))) {
            uint8_t buf[4096];
            ssize_t got = read(0, buf, sizeof buf);
            if (got <= 0) {
                stdin_open = 0;
                mote_tool_close(&s, fd);
                continue;
            }
            rc = (int)mote_tool_write(&s, fd, buf, (size_t)got);
            if (rc < 0) {
                fprintf(stderr, "mote client: %s\n", mote_strerror(rc));
                close(fd);
                return 1;
            }
        }
    }
    if (stdin_open) mote_tool_close(&s, fd);
    close(fd);
    mote_tool_print_stats(&s, stderr);
    if (s.session_out && mote_tool_save_session(&s) != 0) return 1;
    return 0;
}
