/* Wycheproof runner: X25519 (x25519_test.json: public, private, shared) and
 * Ed25519 verification (ed25519_test.json: group publicKey.pk, tests msg,
 * sig).
 *
 * X25519: a test whose shared secret is all zero (a low-order public key)
 * must be refused with MOTE_ERR_ZERO_SECRET; every other one must give
 * exactly the expected secret (an "acceptable" test computed wrongly is a
 * failure, not a rejection). */
#include <stdio.h>
#include <string.h>

#include "mote/ed25519.h"
#include "mote/x25519.h"
#include "test.h"

static const char *const files[] = {"x25519_test.json", "ed25519_test.json", NULL};

static uint8_t msg[1 << 16], sig[1 << 10];

static void run_x25519(const char *line)
{
    uint8_t pub[32], priv[32], want[32], got[32];
    long tc = tv_int(line, "tcId", -1);
    int rc, i, want_zero = 1;

    if (tv_hex(line, "public", pub, 32) != 32 || tv_hex(line, "private", priv, 32) != 32 ||
        tv_hex(line, "shared", want, 32) != 32) {
        printf("%ld fail malformed test line\n", tc);
        return;
    }
    for (i = 0; i < 32; i++)
        if (want[i]) want_zero = 0;
    rc = mote_x25519_shared(got, priv, pub);
    if (want_zero) {
        /* must be refused; tv_verdict reports an acceptable test as rejected */
        if (rc != MOTE_ERR_ZERO_SECRET) {
            printf("%ld fail all-zero secret not refused (rc=%d)\n", tc, rc);
            return;
        }
        tv_verdict(line, 0, "all-zero shared secret refused");
        return;
    }
    if (rc != MOTE_OK || memcmp(got, want, 32) != 0) {
        printf("%ld fail wrong shared secret (rc=%d)\n", tc, rc);
        return;
    }
    tv_verdict(line, 1, "");
}

#if MOTE_ENABLE_ED25519
static void run_ed25519(const char *line)
{
    uint8_t pk[64];
    long pklen = tv_hex(line, "publicKey.pk", pk, sizeof pk);
    long mlen = tv_hex(line, "msg", msg, sizeof msg);
    long slen = tv_hex(line, "sig", sig, sizeof sig);
    int ok;

    if (pklen != 32 || mlen < 0 || slen < 0) {
        tv_verdict(line, 0, "malformed test line");
        return;
    }
    ok = mote_ed25519_verify(pk, msg, (size_t)mlen, sig, (size_t)slen) == MOTE_OK;
    tv_verdict(line, ok, "valid signature rejected");
}
#endif

static void run_one(const char *file, const char *line)
{
    if (strcmp(file, "x25519_test.json") == 0) run_x25519(line);
#if MOTE_ENABLE_ED25519
    else if (strcmp(file, "ed25519_test.json") == 0)
        run_ed25519(line);
#endif
    else
        tv_skip(line, "file not handled");
}

int main(int argc, char **argv)
{
    return tv_main(argc, argv, files, run_one);
}
