/* `mote demo`: the end-to-end demonstration behind `make demo`.
 *
 * 1. generate a fresh test PKI (root -> intermediate -> leaf, ECDSA P-256)
 * 2. start `openssl s_server` on 127.0.0.1, on a free port
 * 3. connect mote's client with a 1 KiB record budget (input and output
 *    buffers sized for 1 KiB records), verify the chain and the host name
 * 4. send a line, read the server's answer, close
 * 5. print what was negotiated, the verification result and the RAM used
 *    (context, buffers, measured stack), then stop the server. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/mote.h"
#include "tls_tool.h"
#include "testpki.h"
#include "tools.h"

/* 1 KiB of plaintext per record: header + content + expansion. */
#define DEMO_RECORD 1024
#define DEMO_BUF    (5 + DEMO_RECORD + 24) /* worst case: TLS 1.2 GCM nonce + tag */

int mote_cmd_demo(int argc, char **argv)
{
    char dir[256], ca[300], target[64];
    const char *kind = argc > 1 ? argv[1] : "p256";
    static const char *const extra[] = {"-tls1_3", "-rev", NULL};
    mote_tool_session s;
    pid_t server = 0;
    int port = 0, fd, rc = 1;
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
    if (mote_testpki_start_openssl_free(dir, extra, &port, &server) != 0) {
        fprintf(stderr, "demo: could not start openssl s_server\n");
        mote_testpki_remove_dir(dir);
        return 1;
    }
    printf("server: openssl s_server -tls1_3 on 127.0.0.1:%d, chain %s (root -> intermediate -> "
           "leaf)\n",
           port, kind);

    mote_tool_session_defaults(&s);
    s.stats = 1;
    s.in_size = DEMO_BUF;
    s.out_size = DEMO_BUF;
    snprintf(ca, sizeof ca, "%s/root.pem", dir);
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    s.ca_file = ca;
    s.sni = "localhost";
    if (mote_tool_split_target(&s, target) != 0) goto out;
    fd = mote_tool_connect(&s);
    if (fd < 0) goto out;
    if (mote_tool_handshake(&s, fd) != MOTE_OK) {
        close(fd);
        goto out;
    }
    mote_tool_print_session(&s, stdout);

    /* -rev: the server answers each line reversed */
    if (mote_tool_write(&s, fd, msg, sizeof msg - 1) < 0) goto closefd;
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
    printf("ram (bytes): context %zu + input buffer %zu + output buffer %zu + stack %zu = %zu\n",
           sizeof(mote_tls_conn), s.in_size, s.out_size, s.stack_peak,
           sizeof(mote_tls_conn) + s.in_size + s.out_size + s.stack_peak);
    printf("heap used by the library: 0 (mote never allocates)\n");
closefd:
    close(fd);
out:
    mote_testpki_stop(server);
    mote_testpki_remove_dir(dir);
    mote_tool_free(&s);
    printf("demo: %s\n", rc == 0 ? "OK" : "FAILED");
    return rc;
}
