/* `mote client`: an s_client-like TLS client over the POSIX adapter.
 *
 *   mote client HOST:PORT [--ca FILE] [--host NAME] [--alpn LIST] [--groups LIST]
 *               [--ciphers LIST] [--in-buf N] [--out-buf N] [--insecure] [--stats]
 *
 * Handshake, then stdin -> server and server -> stdout until EOF or
 * close_notify. What was negotiated goes to stderr. */
#define _POSIX_C_SOURCE 200809L /* poll, strtok_r */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/io_posix.h"
#include "mote/mote.h"
#include "tls_tool.h"
#include "tools.h"

int mote_cmd_client(int argc, char **argv)
{
    mote_tool_session s;
    int i, rc, fd, stdin_open = 1;
    const char *target = NULL;

    mote_tool_session_defaults(&s);
    for (i = 1; i < argc; i++) {
        int used = mote_tool_parse_option(&s, argc, argv, i);
        if (used < 0) return 2;
        if (used > 0) {
            i += used - 1;
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
    fd = mote_tool_connect(&s);
    if (fd < 0) return 1;
    rc = mote_tool_handshake(&s, fd);
    if (rc != MOTE_OK) {
        close(fd);
        return 1;
    }
    mote_tool_print_session(&s, stderr);

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
    return 0;
}
