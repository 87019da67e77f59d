/* mote_posix_handshake (src/io/posix.c) on a real socket: a server in a
 * child process runs it on one end of a socketpair while mote's client
 * engine, driven by hand on the other end, completes the TLS 1.3
 * handshake. Two cases: the client's Finished alone, then the client's
 * Finished and its close_notify in one send, so that the server reads the
 * close in the same pass as the Finished (a client that closes at once,
 * such as `openssl s_client </dev/null`): the handshake still completed,
 * so mote_posix_handshake returns MOTE_OK both times. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mote/io_posix.h"
#include "mote/pem.h"
#include "mote/tls.h"
#include "test.h"
#include "tls_server_certs.h"

#if MOTE_ENABLE_SERVER

static uint8_t cin[17000], cout[17000], sin_[17000], sout[17000];

/* The child: one server handshake on fd; exit status 0 if it returned
 * MOTE_OK, else 1. */
static void serve(int fd)
{
    static mote_tls_conn s;
    static mote_tls_config cfg;
    static mote_drbg_ctx rng;
    static mote_x509_privkey key;
    static const uint8_t *chain[1] = {ts_srv_der};
    static size_t len[1] = {sizeof ts_srv_der};
    uint8_t work[512];
    int rc;
    if (mote_drbg_init(&rng, NULL, NULL, (const uint8_t *)"server", 6) != MOTE_OK ||
        mote_x509_privkey_from_pem(&key, ts_srv_key, strlen(ts_srv_key), work, sizeof work) !=
            MOTE_OK)
        _exit(2);
    cfg.client_certs = chain, cfg.client_cert_lens = len, cfg.n_client_certs = 1;
    cfg.client_key = &key;
    cfg.rng = &rng;
    cfg.flags = MOTE_TLS_NO_TIME_CHECK;
    if (mote_tls_server_init(&s, &cfg, sin_, sizeof sin_, sout, sizeof sout) != MOTE_OK) _exit(2);
    rc = mote_posix_handshake(&s, fd);
    _exit(rc == MOTE_OK ? 0 : 1);
}

/* The client's output, held back until it must wait for the server: so
 * its last flight and what follows go out in one send(). */
static uint8_t held[4096];
static size_t held_len;

static int hold(mote_tls_conn *c)
{
    size_t n;
    const uint8_t *p;
    while ((p = mote_tls_send_buf(c, &n)) != NULL) {
        if (n > sizeof held - held_len) return -1;
        memcpy(held + held_len, p, n);
        held_len += n;
        mote_tls_send_done(c, n);
    }
    return 0;
}

static int send_held(int fd)
{
    size_t off = 0;
    while (off < held_len) {
        ssize_t k = send(fd, held + off, held_len - off, 0);
        if (k <= 0) return -1;
        off += (size_t)k;
    }
    held_len = 0;
    return 0;
}

/* One connection; close_early: queue close_notify behind the Finished.
 * Returns the server child's exit status (0: handshake MOTE_OK). */
static int one(int close_early)
{
    static mote_tls_conn c;
    static mote_tls_config cfg;
    static mote_drbg_ctx rng;
    static mote_x509_trust_anchor ta[1];
    static uint8_t ta_store[256];
    size_t used;
    int sv[2], status = -1, guard;
    pid_t pid;
    held_len = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return -1;
    pid = fork();
    if (pid == 0) {
        close(sv[0]);
        serve(sv[1]);
    }
    close(sv[1]);
    memset(&cfg, 0, sizeof cfg);
    CHECK(mote_drbg_init(&rng, NULL, NULL, (const uint8_t *)"client", 6) == MOTE_OK);
    CHECK(mote_x509_ta_from_cert(&ta[0], ta_store, sizeof ta_store, &used, ts_ca_der,
                                 sizeof ts_ca_der) == MOTE_OK);
    cfg.server_name = "localhost";
    cfg.anchors = ta, cfg.n_anchors = 1;
    cfg.flags = MOTE_TLS_NO_TIME_CHECK;
    cfg.rng = &rng;
    cfg.min_version = cfg.max_version = MOTE_TLS13;
    CHECK(mote_tls_client_init(&c, &cfg, cin, sizeof cin, cout, sizeof cout) == MOTE_OK);
    /* until the client is connected (its Finished queued), by hand */
    for (guard = 0; guard < 10000 && !(mote_tls_status(&c) & MOTE_TLS_WRITE); guard++) {
        unsigned st = mote_tls_status(&c);
        if (st & MOTE_TLS_SEND) {
            if (hold(&c)) break;
        } else if (st & MOTE_TLS_STEP) {
            (void)mote_tls_step(&c);
        } else if (st & MOTE_TLS_RECV) {
            size_t room;
            uint8_t *p = mote_tls_recv_buf(&c, &room);
            ssize_t k;
            if (send_held(sv[0])) break;
            k = recv(sv[0], p, room, 0);
            if (k <= 0 || mote_tls_recv_done(&c, (size_t)k) < 0) break;
        } else {
            break;
        }
    }
    CHECK(mote_tls_status(&c) & MOTE_TLS_WRITE);           /* connected, its Finished held */
    if (close_early) CHECK(mote_tls_close(&c) == MOTE_OK); /* close_notify behind the Finished */
    CHECK(hold(&c) == 0 && send_held(sv[0]) == 0);
    if (waitpid(pid, &status, 0) != pid) status = -1;
    close(sv[0]);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN); /* a server gone early: a failed send, not a silent death */
    CHECK(one(0) == 0);
    CHECK(one(1) == 0); /* Finished + close_notify in one read */
    return test_done("posix");
}

#else
int main(void)
{
    return test_done("posix (no server)");
}
#endif
