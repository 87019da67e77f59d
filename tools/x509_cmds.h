/* The certificate subcommands of the `mote` tool (tools/ta.c,
 * tools/verify.c); each returns the process exit code. */
#ifndef MOTE_X509_CMDS_H
#define MOTE_X509_CMDS_H

/* mote ta [--name SYMBOL] ROOTS.pem: C source for the trust anchors of a PEM
 * bundle, on stdout (const data in MOTE_FLASH). */
int mote_cmd_ta(int argc, char **argv);
/* mote verify --roots ROOTS.pem [--host NAME|IP] [--time UNIX_SECONDS]
 * [--no-time-check] [--purpose server|client|any] [--chunk N] [--stats]
 * CHAIN.pem: validate a PEM chain (leaf first), print OK or FAIL: reason. */
int mote_cmd_verify(int argc, char **argv);

#endif
