/* Wycheproof runner: ChaCha20-Poly1305 (RFC 8439 AEAD).
 *
 * Each test seals msg and must give exactly ct and tag, and opens ct/tag:
 * valid tests must decrypt to msg, invalid ones (modified tags) must give
 * MOTE_ERR_AUTH with the output zeroed. The AEAD takes only 12-byte nonces:
 * a test with another nonce length is rejected (Wycheproof marks those
 * invalid), or skipped if it were ever marked valid. */
#include <string.h>

#include "mote/aead.h"
#include "test.h"

static const char *const files[] = {"chacha20_poly1305_test.json", NULL};

#if MOTE_ENABLE_CHACHAPOLY
static uint8_t key[64], iv[64], aad[1 << 15], msg[1 << 15], ct[1 << 15], tag[64], out[1 << 15];

static int all_zero(const uint8_t *p, size_t n)
{
    while (n--)
        if (*p++) return 0;
    return 1;
}

static void run_one(const char *file, const char *line)
{
    long klen = tv_hex(line, "key", key, sizeof key);
    long ivlen = tv_hex(line, "iv", iv, sizeof iv);
    long alen = tv_hex(line, "aad", aad, sizeof aad);
    long mlen = tv_hex(line, "msg", msg, sizeof msg);
    long clen = tv_hex(line, "ct", ct, sizeof ct);
    long tlen = tv_hex(line, "tag", tag, sizeof tag);
    const char *res = tv_get(line, "result");
    int valid = res && strcmp(res, "valid") == 0, sealed, rc;
    uint8_t t[16];
    size_t n;

    (void)file;
    if (klen < 0 || ivlen < 0 || alen < 0 || mlen < 0 || clen != mlen || tlen < 0) {
        tv_verdict(line, 0, "malformed test line");
        return;
    }
    if (ivlen != 12 || klen != 32 || tlen != 16) {
        /* outside the AEAD's domain: no call can accept it */
        if (valid)
            tv_skip(line, "ChaCha20-Poly1305 takes a 32-byte key, 12-byte nonce, 16-byte tag");
        else
            tv_verdict(line, 0, "");
        return;
    }
    n = (size_t)mlen;
    mote_chachapoly_seal(key, iv, aad, (size_t)alen, msg, n, out, t);
    sealed = memcmp(out, ct, n) == 0 && memcmp(t, tag, 16) == 0;
    memset(out, 0xa5, n);
    rc = mote_chachapoly_open(key, iv, aad, (size_t)alen, ct, n, out, tag);
    if (rc != MOTE_OK && (rc != MOTE_ERR_AUTH || !all_zero(out, n))) {
        printf("%ld fail open returned %d or left output\n", tv_int(line, "tcId", -1), rc);
        return;
    }
    if (valid)
        tv_verdict(line, sealed && rc == MOTE_OK && memcmp(out, msg, n) == 0,
                   sealed ? "open failed or wrong plaintext" : "seal gave another ct or tag");
    else
        tv_verdict(line, rc == MOTE_OK, "");
}
#else
static void run_one(const char *file, const char *line)
{
    (void)file;
    tv_skip(line, "ChaCha20-Poly1305 not compiled in");
}
#endif

int main(int argc, char **argv)
{
    return tv_main(argc, argv, files, run_one);
}
