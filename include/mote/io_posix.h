/* mote: POSIX socket adapters for the sans-I/O engine (Linux, BSD, macOS).
 *
 * Thin loops that move bytes between a socket and a mote_tls_conn. The
 * blocking functions run until they can return a result; the non-blocking
 * one (mote_posix_pump) does what the socket allows now and says what it
 * waits for. None of them allocates. IPv4 and IPv6. */
#ifndef MOTE_IO_POSIX_H
#define MOTE_IO_POSIX_H

#include <stddef.h>
#include "mote/tls.h"

/* mote_posix_connect: resolve host (name, IPv4 or IPv6 literal) and port,
 * connect a TCP socket, giving up after timeout_ms (0: no limit). Returns
 * the socket (blocking mode), or MOTE_ERR_IO / MOTE_ERR_TIMEOUT. */
int mote_posix_connect(const char *host, const char *port, int timeout_ms);

/* mote_posix_handshake: drive a fresh connection over the blocking socket
 * fd until the handshake is done. Returns MOTE_OK or the error. */
int mote_posix_handshake(mote_tls_conn *c, int fd);

/* mote_posix_read: up to len bytes of application data (blocking).
 * Returns the count, 0 after the peer's close_notify, or a negative error. */
long mote_posix_read(mote_tls_conn *c, int fd, void *buf, size_t len);

/* mote_posix_write: all len bytes (blocking, split into records as the
 * buffers and the peer's record limit require). Returns len or an error. */
long mote_posix_write(mote_tls_conn *c, int fd, const void *buf, size_t len);

/* mote_posix_close: send close_notify and flush it (the socket stays open). */
int mote_posix_close(mote_tls_conn *c, int fd);

/* mote_posix_pump: for a non-blocking socket, send what is pending and
 * receive what is available, once. Returns MOTE_OK when progress was made
 * or nothing is needed, MOTE_WANT_READ / MOTE_WANT_WRITE when it must wait
 * for the socket (poll it for that), or an error. */
int mote_posix_pump(mote_tls_conn *c, int fd);

#endif
