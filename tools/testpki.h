/* Test PKI and a local openssl peer for the `mote` tool (`mote demo`).
 *
 * The C twin of tests/interop/lib.sh: generate a root -> intermediate ->
 * leaf chain with the `openssl` command (run with fork/exec, no shell),
 * pick a free port on 127.0.0.1, start `openssl s_server` there, and stop
 * it. POSIX hosts only; nothing here is part of libmote.
 *
 * Every function returns 0 (or a port) on success and a negative value on
 * failure, after one "testpki: ..." line on stderr saying why. The
 * `openssl` binary is $MOTE_OPENSSL if set, else `openssl` from PATH. */
#ifndef MOTE_TESTPKI_H
#define MOTE_TESTPKI_H

#include <stddef.h>
#include <sys/types.h>

/* mote_testpki_start_openssl: the server exited while starting (most
 * likely the port was taken): pick another port and try again. */
#define MOTE_TESTPKI_EXITED (-2)

/* Creates a fresh private directory with mkdtemp ($TMPDIR or /tmp, name
 * mote-<tag>.XXXXXX) and writes its path to out (outlen bytes, NUL
 * included). Returns 0, or -1 (out too small, mkdtemp failed). */
int mote_testpki_tempdir(const char *tag, char *out, size_t outlen);

/* Removes dir and everything mote_testpki_make_chain and
 * mote_testpki_start_openssl put in it (regular files, and the files of
 * its direct subdirectories). Returns 0, or -1 if something was left. */
int mote_testpki_remove_dir(const char *dir);

/* Generates a test PKI into the existing directory dir (PEM; keys PKCS#8):
 *   root.pem root.key   self-signed CA (CA:TRUE, keyCertSign|cRLSign)
 *   int.pem int.key     intermediate CA (CA:TRUE, pathlen:0) signed by root
 *   leaf.pem leaf.key   server leaf signed by int: CN=localhost, SAN
 *                       DNS:localhost, IP:127.0.0.1, IP:::1; EKU serverAuth
 *   chain.pem           leaf + int;   fullchain.pem  leaf + int + root
 *   client.pem client.key  client certificate (EKU clientAuth) signed by int
 *   client-chain.pem    client + int
 *   expired.pem         the leaf (same key) expired since yesterday
 *   notyet.pem          the leaf, valid from tomorrow
 *   wronghost.pem       the leaf for DNS:other.example only
 *   untrusted-root.pem  another root (other name and key)
 *   impostor-root.pem   a root with root.pem's name and key identifier but
 *                       another key (the chain must fail on the signature)
 * Valid from one day ago to 365 days ahead. kind: rsa2048, rsa3072,
 * rsa4096, rsapss2048, p256, p384, p521, ed25519, ed448 (every key of that
 * kind), or LEAF-rsaroot / LEAF-ecroot (e.g. "p256-rsaroot": LEAF keys for
 * leaf and client, RSA-2048 / P-256 CAs). Takes about 0.3 s (P-256) to a
 * few seconds (RSA-4096). Returns 0, or -1 (unknown kind, openssl failed:
 * its output stays in dir/ca/openssl.log). */
int mote_testpki_make_chain(const char *dir, const char *kind);

/* Returns a TCP port free on 127.0.0.1 right now (bind to port 0), or -1.
 * Another process may take it before it is used: see
 * mote_testpki_start_openssl_free. */
int mote_testpki_free_port(void);

/* Starts `openssl s_server -accept 127.0.0.1:port -cert dir/leaf.pem -key
 * dir/leaf.key -cert_chain dir/int.pem extra_args...` in the background and
 * waits (at most 10 s) until it listens on the port. extra_args is a
 * NULL-terminated list (NULL for none), e.g. {"-rev", NULL} (echo,
 * reversed), {"-www", NULL} (status page for "GET /"), {"-tls1_3",
 * "-groups", "X25519", NULL}. Its stdin is a pipe held open until
 * mote_testpki_stop, so plain mode never sees end of input; its stdout and
 * stderr go to dir/s_server.<port>.log. On Linux the server gets SIGKILL if
 * the calling process dies first. Sets *pid and returns 0; returns
 * MOTE_TESTPKI_EXITED if the server exited at start (port taken?), -1 on
 * other failures (nothing is left running either way). */
int mote_testpki_start_openssl(const char *dir, int port, const char *const *extra_args,
                               pid_t *pid);

/* mote_testpki_start_openssl on a free port, trying up to 5 ports; sets
 * *port and *pid. Returns 0 or -1. */
int mote_testpki_start_openssl_free(const char *dir, const char *const *extra_args, int *port,
                                    pid_t *pid);

/* Stops a server started above: SIGTERM, SIGKILL after 2 s, then reaps it
 * and closes its stdin pipe. pid <= 0 is ignored. */
void mote_testpki_stop(pid_t pid);

#endif
