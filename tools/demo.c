/* `mote demo`: the end-to-end demonstration behind `make demo`.
 *
 * 1. generate a fresh test PKI (root -> intermediate -> leaf, ECDSA P-256)
 * 2. start mote's own server (a child process) on 127.0.0.1, on a port the
 *    kernel picks, with the same 1 KiB record budget
 * 3. connect mote's client with a 1 KiB record budget (input and output
 *    buffers sized for 1 KiB records), verify the chain and the host name
 * 4. send a line, read the server's answer, close
 * 5. print what was negotiated, the verification result and the RAM used
 *    (context, buffers, measured stack) of both ends, then stop the server. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mote/mote.h"
#include "tls_tool.h"
#include "testpki.h"
#include "tools.h"

/* 1 KiB of plaintext per record: header + content + expansion. */
#define DEMO_RECORD 1024
#define DEMO_BUF    (5 + DEMO_RECORD + 24) /* worst case: TLS 1.2 GCM nonce + tag */

/* A listening socket on 127.0.0.1, port chosen by the kernel (no race for
 * a "free" port). Returns the fd and sets *port, or -1. */
static int listen_any(int *port)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 1) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

/* The server side (child process): one connection, TLS 1.3, each line
 * answered reversed, then close_notify; its RAM line goes to stdout. */
static int serve_one(const char *dir, int lfd)
{
    static char cert[300], key[300];
    mote_tool_session s;
    char line[256], *p, *q, t;
    long got, total = 0;
    int fd, rc = 1;

    mote_tool_session_defaults(&s);
    s.stats = 1;
    s.in_size = s.out_size = DEMO_BUF;
    s.cfg.min_version = MOTE_TLS13;
    snprintf(cert, sizeof cert, "%s/chain.pem", dir);
    snprintf(key, sizeof key, "%s/leaf.key", dir);
    s.cert_file = cert;
    s.key_file = key;
    if (mote_tool_server_setup(&s) != MOTE_OK) goto out;
    fd = accept(lfd, NULL, NULL);
    if (fd < 0) goto out;
    if (mote_tool_server_handshake(&s, fd) == MOTE_OK) {
        while (total < (long)sizeof line - 1 && (total == 0 || line[total - 1] != '\n')) {
            got = mote_tool_read(&s, fd, line + total, sizeof line - 1 - (size_t)total);
            if (got <= 0) break;
            total += got;
        }
        if (total > 0 && line[total - 1] == '\n') {
            for (p = line, q = line + total - 2; p < q; p++, q--)
                t = *p, *p = *q, *q = t;
            if (mote_tool_write(&s, fd, line, (size_t)total) == total) rc = 0;
        }
        mote_tool_close(&s, fd);
    } else {
        fprintf(stderr, "demo: server handshake failed: %s\n",
                mote_strerror(mote_tls_error(&s.conn)));
    }
    close(fd);
    printf("server ram (bytes): context %zu + input buffer %zu + output buffer %zu + stack %zu = "
           "%zu\n",
           sizeof(mote_tls_conn), s.in_size, s.out_size, s.stack_peak,
           sizeof(mote_tls_conn) + s.in_size + s.out_size + s.stack_peak);
out:
    mote_tls_wipe(&s.conn);
    mote_tool_free(&s);
    fflush(stdout);
    return rc;
}

int mote_cmd_demo(int argc, char **argv)
{
    char dir[256], ca[300], target[64];
    const char *kind = argc > 1 ? argv[1] : "p256";
    mote_tool_session s;
    pid_t server = -1;
    int port = 0, fd = -1, lfd, rc = 1, status = 0, ram_pipe[2] = {-1, -1};
    const char msg[] = "hello from mote\n";
    char reply[256];
    long got, total = 0;

    printf("mote %s demo\n", MOTE_VERSION_STRING);
    if (mote_testpki_tempdir("demo", dir, sizeof dir) != 0) {
        perror("demo: temporary directory");
        return 1;
    }
    if (mote_testpki_make_chain(dir, kind) != 0) {
        fprintf(stderr, "demo: could not generate the test chain (is openssl installed?)\n");
        mote_testpki_remove_dir(dir);
        return 1;
    }
    lfd = listen_any(&port);
    if (lfd < 0) {
        perror("demo: listening socket on 127.0.0.1");
        mote_testpki_remove_dir(dir);
        return 1;
    }
    /* the server's RAM line comes back through a pipe, printed in order */
    fflush(stdout);
    if (pipe(ram_pipe) != 0) ram_pipe[0] = ram_pipe[1] = -1;
    server = fork();
    if (server == 0) {
        alarm(30); /* never outlive a stuck demo */
        if (ram_pipe[1] >= 0) dup2(ram_pipe[1], STDOUT_FILENO);
        _exit(serve_one(dir, lfd));
    }
    close(lfd);
    if (ram_pipe[1] >= 0) close(ram_pipe[1]);
    if (server < 0) {
        perror("demo: fork");
        goto out;
    }
    printf("server: mote server (TLS 1.3, 1 KiB records) on 127.0.0.1:%d, chain %s (root -> "
           "intermediate -> leaf)\n",
           port, kind);

    mote_tool_session_defaults(&s);
    s.stats = 1;
    s.in_size = DEMO_BUF;
    s.out_size = DEMO_BUF;
    snprintf(ca, sizeof ca, "%s/root.pem", dir);
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    s.ca_file = ca;
    s.sni = "localhost";
    if (mote_tool_split_target(&s, target) != 0) goto out_free;
    fd = mote_tool_connect(&s);
    if (fd < 0) goto out_free;
    if (mote_tool_handshake(&s, fd) != MOTE_OK) goto out_free;
    mote_tool_print_session(&s, stdout);

    /* the server answers each line reversed */
    if (mote_tool_write(&s, fd, msg, sizeof msg - 1) < 0) goto out_free;
    printf("sent: %s", msg);
    while (total < (long)sizeof msg - 1) {
        got = mote_tool_read(&s, fd, reply + total, sizeof reply - 1 - (size_t)total);
        if (got <= 0) break;
        total += got;
    }
    reply[total > 0 ? total : 0] = 0;
    printf("received: %s%s", reply, total > 0 && reply[total - 1] == '\n' ? "" : "\n");
    if (total == (long)sizeof msg - 1) rc = 0;
    mote_tool_close(&s, fd);
    fflush(stdout);
    if (waitpid(server, &status, 0) == server) {
        server = -1;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = 1;
    }
    if (ram_pipe[0] >= 0) {
        char line[256];
        ssize_t n = read(ram_pipe[0], line, sizeof line - 1);
        if (n > 0) fwrite(line, 1, (size_t)n, stdout);
    }
    printf("client ram (bytes): context %zu + input buffer %zu + output buffer %zu + stack %zu = "
           "%zu\n",
           sizeof(mote_tls_conn), s.in_size, s.out_size, s.stack_peak,
           sizeof(mote_tls_conn) + s.in_size + s.out_size + s.stack_peak);
    printf("heap used by the library: 0 (mote never allocates)\n");
out_free:
    if (fd >= 0) close(fd);
    mote_tool_free(&s);
out:
    if (server > 0) {
        kill(server, SIGTERM);
        (void)waitpid(server, &status, 0);
    }
    if (ram_pipe[0] >= 0) close(ram_pipe[0]);
    mote_testpki_remove_dir(dir);
    printf("demo: %s\n", rc == 0 ? "OK" : "FAILED");
    return rc;
}
