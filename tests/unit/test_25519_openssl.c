/* Interop with the openssl command-line tool, run at test time in a fresh
 * mkdtemp() directory:
 * - Ed25519: signatures made by mote verify with `openssl pkeyutl -verify
 *   -rawin` (and a tampered one does not), signatures made by openssl verify
 *   in mote, public keys agree (mote keys given to openssl and openssl's
 *   keys read back into mote);
 * - X25519: `openssl pkeyutl -derive` and mote agree on the shared secret in
 *   both directions, with one key from each side.
 * Skips (exit 0, with a message) only when the openssl binary is missing. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/ed25519.h"
#include "mote/x25519.h"
#include "test.h"

static char dir[64];

/* PKCS#8 private key and SubjectPublicKeyInfo prefixes (RFC 8410) */
static const char ed_priv_prefix[] = "302e020100300506032b657004220420";
static const char ed_pub_prefix[] = "302a300506032b6570032100";
static const char x_priv_prefix[] = "302e020100300506032b656e04220420";
static const char x_pub_prefix[] = "302a300506032b656e032100";

static const char *path(const char *name)
{
    static char buf[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int write_file(const char *name, const uint8_t *a, size_t alen, const uint8_t *b,
                      size_t blen)
{
    FILE *f = fopen(path(name), "wb");
    int ok;
    if (!f) return 0;
    ok = fwrite(a, 1, alen, f) == alen && (blen == 0 || fwrite(b, 1, blen, f) == blen);
    return fclose(f) == 0 && ok;
}

/* the whole file, at most max bytes; -1 on error */
static long read_file(const char *name, uint8_t *out, size_t max)
{
    FILE *f = fopen(path(name), "rb");
    size_t n;
    if (!f) return -1;
    n = fread(out, 1, max, f);
    fclose(f);
    return (long)n;
}

/* write prefix (hex) || key as a DER file */
static int write_der(const char *name, const char *prefix_hex, const uint8_t key[32])
{
    uint8_t pre[32];
    long n = test_unhex(prefix_hex, pre, sizeof pre);
    return n > 0 && write_file(name, pre, (size_t)n, key, 32);
}

/* run a shell command in the directory; 1 if it exited 0 */
static int run(const char *fmt, const char *a, const char *b, const char *c, const char *d)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, a, b, c, d);
    return system(cmd) == 0;
}

/* the last 32 bytes of a DER file: the raw key of an RFC 8410 structure */
static int raw_key(const char *name, uint8_t key[32])
{
    uint8_t buf[256];
    long n = read_file(name, buf, sizeof buf);
    if (n < 32 + 12) return 0;
    memcpy(key, buf + n - 32, 32);
    return 1;
}

static void test_ed25519(int round)
{
    uint8_t seed[32], pub[32], opub[32], sig[64], msg[300];
    size_t len = 1 + (size_t)round * 37, i;
    long n;

    for (i = 0; i < 32; i++)
        seed[i] = (uint8_t)(round * 71 + i * 5 + 1);
    for (i = 0; i < len; i++)
        msg[i] = (uint8_t)(i * 31 + (size_t)round);
    CHECK(write_file("msg.bin", msg, len, NULL, 0));

    /* mote's key and signature, checked by openssl */
    CHECK_EQ_INT(mote_ed25519_public(pub, seed), MOTE_OK);
    CHECK_EQ_INT(mote_ed25519_sign(sig, seed, msg, len), MOTE_OK);
    CHECK(write_der("ed.der", ed_priv_prefix, seed));
    CHECK(write_der("edpub.der", ed_pub_prefix, pub));
    CHECK(write_file("sig.bin", sig, 64, NULL, 0));
    CHECK(run("openssl pkey -inform DER -in %s -pubout -outform DER -out %s "
              "2>/dev/null",
              path("ed.der"), path("edpub2.der"), "", ""));
    CHECK(raw_key("edpub2.der", opub) && memcmp(opub, pub, 32) == 0);
    CHECK(run("openssl pkeyutl -verify -pubin -keyform DER -inkey %s -rawin -in "
              "%s -sigfile %s "
              ">/dev/null 2>&1",
              path("edpub.der"), path("msg.bin"), path("sig.bin"), ""));
    sig[10] ^= 4; /* the harness must be able to fail */
    CHECK(write_file("sig.bin", sig, 64, NULL, 0));
    CHECK(!run("openssl pkeyutl -verify -pubin -keyform DER -inkey %s -rawin -in "
               "%s -sigfile %s "
               ">/dev/null 2>&1",
               path("edpub.der"), path("msg.bin"), path("sig.bin"), ""));

    /* openssl's signature with mote's key, checked by mote */
    CHECK(run("openssl pkeyutl -sign -keyform DER -inkey %s -rawin -in %s -out "
              "%s 2>/dev/null",
              path("ed.der"), path("msg.bin"), path("osig.bin"), ""));
    n = read_file("osig.bin", sig, sizeof sig);
    CHECK_EQ_INT(n, 64);
    CHECK_EQ_INT(mote_ed25519_verify(pub, msg, len, sig, 64), MOTE_OK);
    msg[0] ^= 1;
    CHECK_EQ_INT(mote_ed25519_verify(pub, msg, len, sig, 64), MOTE_ERR_BAD_SIGNATURE);
    msg[0] ^= 1;

    /* a key openssl made: mote derives the same public key from its seed
     * and verifies its signature */
    CHECK(run("openssl genpkey -algorithm ed25519 -outform DER -out %s 2>/dev/null",
              path("oed.der"), "", "", ""));
    CHECK(run("openssl pkey -inform DER -in %s -pubout -outform DER -out %s "
              "2>/dev/null",
              path("oed.der"), path("oedpub.der"), "", ""));
    CHECK(run("openssl pkeyutl -sign -keyform DER -inkey %s -rawin -in %s -out "
              "%s 2>/dev/null",
              path("oed.der"), path("msg.bin"), path("osig.bin"), ""));
    CHECK(raw_key("oed.der", seed) && raw_key("oedpub.der", opub));
    CHECK_EQ_INT(mote_ed25519_public(pub, seed), MOTE_OK);
    CHECK(memcmp(pub, opub, 32) == 0);
    CHECK_EQ_INT(read_file("osig.bin", sig, sizeof sig), 64);
    CHECK_EQ_INT(mote_ed25519_verify(opub, msg, len, sig, 64), MOTE_OK);
}

static void test_x25519(int round)
{
    uint8_t a_priv[32], a_pub[32], b_priv[32], b_pub[32], s_mote[32], s_ossl[64], t[32];
    int i;

    for (i = 0; i < 32; i++)
        b_priv[i] = (uint8_t)(round * 13 + i * 17 + 5);
    CHECK_EQ_INT(mote_x25519_public(b_pub, b_priv), MOTE_OK);
    CHECK(write_der("xb.der", x_priv_prefix, b_priv));
    CHECK(write_der("xbpub.der", x_pub_prefix, b_pub));

    /* openssl's key a */
    CHECK(run("openssl genpkey -algorithm X25519 -outform DER -out %s 2>/dev/null", path("xa.der"),
              "", "", ""));
    CHECK(run("openssl pkey -inform DER -in %s -pubout -outform DER -out %s "
              "2>/dev/null",
              path("xa.der"), path("xapub.der"), "", ""));
    CHECK(raw_key("xa.der", a_priv) && raw_key("xapub.der", a_pub));
    CHECK_EQ_INT(mote_x25519_public(t, a_priv), MOTE_OK);
    CHECK(memcmp(t, a_pub, 32) == 0);

    /* openssl: a's private key with mote's public key b */
    CHECK(run("openssl pkeyutl -derive -keyform DER -inkey %s -peerform DER "
              "-peerkey %s -out %s "
              "2>/dev/null",
              path("xa.der"), path("xbpub.der"), path("s1.bin"), ""));
    CHECK_EQ_INT(read_file("s1.bin", s_ossl, sizeof s_ossl), 32);
    /* mote: b's private key with openssl's public key a */
    CHECK_EQ_INT(mote_x25519_shared(s_mote, b_priv, a_pub), MOTE_OK);
    CHECK(memcmp(s_mote, s_ossl, 32) == 0);

    /* and the other way round: openssl uses mote's private key */
    CHECK(run("openssl pkeyutl -derive -keyform DER -inkey %s -peerform DER "
              "-peerkey %s -out %s "
              "2>/dev/null",
              path("xb.der"), path("xapub.der"), path("s2.bin"), ""));
    CHECK_EQ_INT(read_file("s2.bin", s_ossl, sizeof s_ossl), 32);
    CHECK_EQ_INT(mote_x25519_shared(s_mote, a_priv, b_pub), MOTE_OK);
    CHECK(memcmp(s_mote, s_ossl, 32) == 0);
}

int main(void)
{
    static const char *const files[] = {"msg.bin", "ed.der",    "edpub.der", "edpub2.der",
                                        "sig.bin", "osig.bin",  "oed.der",   "oedpub.der",
                                        "xb.der",  "xbpub.der", "xa.der",    "xapub.der",
                                        "s1.bin",  "s2.bin",    NULL};
    int round, i;

    if (system("openssl version >/dev/null 2>&1") != 0) {
        printf("test_25519_openssl: skipped: no openssl binary\n");
        return 0;
    }
    strcpy(dir, "/tmp/mote25519.XXXXXX");
    if (!mkdtemp(dir)) {
        printf("test_25519_openssl: mkdtemp failed\n");
        return 1;
    }
    for (round = 0; round < 4; round++) {
        test_ed25519(round);
        test_x25519(round);
    }
    for (i = 0; files[i]; i++)
        unlink(path(files[i]));
    rmdir(dir);
    return test_done("test_25519_openssl");
}
