/* POSIX socket adapters (see mote/io_posix.h). */
#if defined(__unix__) || defined(__APPLE__)
#define _POSIX_C_SOURCE 200809L
#include "mote/io_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef MSG_NOSIGNAL
#define SEND_FLAGS MSG_NOSIGNAL
#else
#define SEND_FLAGS 0
#endif

static int connect_one(const struct addrinfo *ai, int timeout_ms)
{
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol), flags, err = 0;
    socklen_t elen = sizeof err;
    struct pollfd p;
    if (fd < 0) return -1;
    flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) goto fail;
        p.fd = fd, p.events = POLLOUT, p.revents = 0;
        if (poll(&p, 1, timeout_ms > 0 ? timeout_ms : -1) != 1) {
            close(fd);
            return -2;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) goto fail;
    }
    fcntl(fd, F_SETFL, flags);
    return fd;
fail:
    close(fd);
    return -1;
}

int mote_posix_connect(const char *host, const char *port, int timeout_ms)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, timed_out = 0;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) return MOTE_ERR_IO;
    for (ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = connect_one(ai, timeout_ms);
        if (fd == -2) timed_out = 1, fd = -1;
    }
    freeaddrinfo(res);
    if (fd >= 0) return fd;
    return timed_out ? MOTE_ERR_TIMEOUT : MOTE_ERR_IO;
}

/* Send everything pending. */
static int flush(mote_tls_conn *c, int fd)
{
    size_t len;
    const uint8_t *p;
    while ((p = mote_tls_send_buf(c, &len)) != NULL) {
        ssize_t n = send(fd, p, len, SEND_FLAGS);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return MOTE_WANT_WRITE;
            return MOTE_ERR_IO;
        }
        mote_tls_send_done(c, (size_t)n);
    }
    return MOTE_OK;
}

/* One receive into the engine. */
static int fill(mote_tls_conn *c, int fd)
{
    size_t room;
    uint8_t *p = mote_tls_recv_buf(c, &room);
    ssize_t n;
    if (!p) return MOTE_OK;
    do
        n = recv(fd, p, room, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? MOTE_WANT_READ : MOTE_ERR_IO;
    if (n == 0) return MOTE_ERR_TLS_CLOSED_TRUNCATED;
    return mote_tls_recv_done(c, (size_t)n);
}

int mote_posix_pump(mote_tls_conn *c, int fd)
{
    unsigned st = mote_tls_status(c);
    int rc;
    if (st & MOTE_TLS_SEND) return flush(c, fd);
    if (st & MOTE_TLS_STEP) return mote_tls_step(c);
    if (st & MOTE_TLS_CLOSED) return mote_tls_error(c) ? mote_tls_error(c) : MOTE_ERR_TLS_CLOSED;
    if (st & MOTE_TLS_RECV) {
        rc = fill(c, fd);
        return rc;
    }
    return MOTE_OK;
}

int mote_posix_handshake(mote_tls_conn *c, int fd)
{
    for (;;) {
        unsigned st = mote_tls_status(c);
        int rc;
        if (st & MOTE_TLS_SEND) {
            rc = flush(c, fd);
        } else if (st & MOTE_TLS_CLOSED) {
            /* MOTE_ERR_TLS_CLOSED: the handshake completed and the peer's
             * close_notify came with its last flight; reads say so next */
            rc = mote_tls_error(c);
            return rc == MOTE_ERR_TLS_CLOSED ? MOTE_OK : rc ? rc : MOTE_ERR_TLS_CLOSED;
        } else if (st & (MOTE_TLS_WRITE | MOTE_TLS_READ)) {
            return MOTE_OK;
        } else if (st & MOTE_TLS_STEP) {
            rc = mote_tls_step(c);
        } else {
            rc = fill(c, fd);
        }
        /* (MOTE_ERR_TLS_CLOSED from a step or a receive: the close_notify
         * came in the same input as the peer's last flight and was read
         * in the same pass; the loop sends what is due, then ends above) */
        if (rc < 0 && rc != MOTE_ERR_TLS_CLOSED) {
            (void)flush(c, fd); /* deliver our alert if there is one */
            return rc;
        }
    }
}

long mote_posix_read(mote_tls_conn *c, int fd, void *buf, size_t len)
{
    for (;;) {
        size_t avail;
        const uint8_t *p = mote_tls_read_buf(c, &avail);
        unsigned st;
        int rc;
        if (p) {
            if (avail > len) avail = len;
            memcpy(buf, p, avail);
            mote_tls_read_done(c, avail);
            return (long)avail;
        }
        st = mote_tls_status(c);
        if (st & MOTE_TLS_SEND)
            rc = flush(c, fd); /* e.g. a KeyUpdate answer or close_notify reply */
        else if (st & MOTE_TLS_CLOSED)
            rc = mote_tls_error(c);
        else if (st & MOTE_TLS_STEP)
            rc = mote_tls_step(c);
        else
            rc = fill(c, fd);
        if (rc == MOTE_ERR_TLS_CLOSED) {
            (void)flush(c, fd);
            return 0;
        }
        if (rc < 0) {
            (void)flush(c, fd);
            return rc;
        }
    }
}

long mote_posix_write(mote_tls_conn *c, int fd, const void *buf, size_t len)
{
    const uint8_t *src = buf;
    size_t done = 0;
    while (done < len) {
        size_t room;
        uint8_t *p;
        int rc = flush(c, fd);
        if (rc) return rc;
        p = mote_tls_write_buf(c, &room);
        if (!p) return mote_tls_error(c) ? mote_tls_error(c) : MOTE_ERR_BAD_INPUT;
        if (room > len - done) room = len - done;
        memcpy(p, src + done, room);
        rc = mote_tls_write_done(c, room);
        if (rc) return rc;
        done += room;
    }
    return flush(c, fd) ? MOTE_ERR_IO : (long)len;
}

int mote_posix_close(mote_tls_conn *c, int fd)
{
    int rc = mote_tls_close(c);
    if (rc) return rc;
    return flush(c, fd);
}

#else
typedef int mote_posix_io_unavailable; /* no sockets on this platform */
#endif
