/* The `mote` command line tool: one binary, one subcommand per job. */
#include <stdio.h>
#include <string.h>

#include "mote/mote.h"
#include "tools.h"
#include "x509_cmds.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: mote <command> [args]\n"
            "  version    print the library version and enabled features\n"
            "  selftest   run the built-in known-answer tests\n"
            "  demo       the end-to-end demonstration (make demo)\n"
            "  client     connect to a TLS server: mote client HOST:PORT [options]\n"
            "  server     serve TLS on 127.0.0.1: mote server --cert C.pem --key K.pem\n"
            "  get        HTTPS GET, body to stdout: mote get https://HOST[:PORT]/PATH\n"
            "  verify     validate a PEM certificate chain: mote verify --roots R.pem CHAIN.pem\n"
            "  ta         trust anchors as C source: mote ta roots.pem > trust_anchors.c\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage();
    if (strcmp(argv[1], "version") == 0) return mote_cmd_version(argc - 1, argv + 1);
    if (strcmp(argv[1], "selftest") == 0) return mote_cmd_selftest(argc - 1, argv + 1);
    if (strcmp(argv[1], "client") == 0) return mote_cmd_client(argc - 1, argv + 1);
    if (strcmp(argv[1], "server") == 0) return mote_cmd_server(argc - 1, argv + 1);
    if (strcmp(argv[1], "get") == 0) return mote_cmd_get(argc - 1, argv + 1);
    if (strcmp(argv[1], "demo") == 0) return mote_cmd_demo(argc - 1, argv + 1);
    if (strcmp(argv[1], "verify") == 0) return mote_cmd_verify(argc - 1, argv + 1);
    if (strcmp(argv[1], "ta") == 0) return mote_cmd_ta(argc - 1, argv + 1);
    return usage();
}
