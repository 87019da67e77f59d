/* Wycheproof runner: AES-GCM and AES-CCM.
 *
 * Each test seals msg, which must give exactly ct and tag (valid tests),
 * and opens ct/tag: valid tests must decrypt to msg; invalid ones (modified
 * tags or ciphertexts, or parameters outside the mode) must fail, with the
 * output zeroed when the failure is MOTE_ERR_AUTH. Skipped: AES-192 (not
 * used by TLS, not built), and GCM nonces of other than 12 bytes (the only
 * length TLS uses) when the test is valid; an invalid test with such a nonce
 * counts as rejected, since no call can accept it. Every test runs twice:
 * with the expanded key (mote_gcm_ctx, mote_aes_ctx) and with the compact
 * one (mote_gcm_ckey, mote_aes_ckey, which the TLS record layer keeps),
 * which must give the same results, byte for byte. */
#include <string.h>

#include "mote/aead.h"
#include "test.h"

static const char *const files[] = {"aes_gcm_test.json", "aes_ccm_test.json", NULL};

#if MOTE_ENABLE_AES
static uint8_t key[64], iv[512], aad[1 << 15], msg[1 << 15], ct[1 << 15], tag[64], out[1 << 15];
static uint8_t out2[1 << 15]; /* the compact key's output */

static int all_zero(const uint8_t *p, size_t n)
{
    while (n--)
        if (*p++) return 0;
    return 1;
}

/* Common tail: rc/out of open, sealed = seal reproduced ct and tag. */
static void judge(const char *line, int valid, int sealed, int rc, size_t n)
{
    if (rc == MOTE_ERR_AUTH && !all_zero(out, n)) {
        tv_verdict(line, !valid, "open left output after a tag mismatch");
        return;
    }
    if (valid)
        tv_verdict(line, sealed && rc == MOTE_OK && memcmp(out, msg, n) == 0,
                   sealed ? "open failed or wrong plaintext" : "seal gave another ct or tag");
    else
        tv_verdict(line, rc == MOTE_OK, "");
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
    int valid = res && strcmp(res, "valid") == 0, sealed = 0, sealed2 = 0, rc, rc2;
    uint8_t t[16];
    size_t n;

    (void)t;
    if (klen < 0 || ivlen < 0 || alen < 0 || mlen < 0 || clen != mlen || tlen < 0) {
        tv_verdict(line, 0, "malformed test line");
        return;
    }
    if (klen == 24) {
        tv_skip(line, "AES-192 not supported");
        return;
    }
    if (klen == 32 && !MOTE_ENABLE_AES256) {
        tv_skip(line, "AES-256 not compiled in (MOTE_ENABLE_AES256)");
        return;
    }
    n = (size_t)mlen;
    memset(out, 0xa5, n);
    if (strcmp(file, "aes_gcm_test.json") == 0) {
#if MOTE_ENABLE_GCM
        static mote_gcm_ctx ctx;
        static mote_gcm_ckey ck;
        if (ivlen != 12) {
            if (valid)
                tv_skip(line, "GCM nonce length other than 12 bytes not supported");
            else
                tv_verdict(line, 0, "");
            return;
        }
        if (mote_gcm_ckey_init(&ck, key, (size_t)klen) != MOTE_OK ||
            mote_gcm_init(&ctx, key, (size_t)klen) != MOTE_OK) {
            tv_verdict(line, 0, "key rejected");
            return;
        }
        if (tlen <= 16) {
            mote_gcm_ckey_seal(&ck, iv, aad, (size_t)alen, msg, n, out, t);
            sealed2 = memcmp(out, ct, n) == 0 && memcmp(t, tag, (size_t)tlen) == 0;
            mote_gcm_seal(&ctx, iv, aad, (size_t)alen, msg, n, out, t);
            sealed = memcmp(out, ct, n) == 0 && memcmp(t, tag, (size_t)tlen) == 0;
        }
        memset(out, 0xa5, n);
        rc2 = mote_gcm_ckey_open(&ck, iv, aad, (size_t)alen, ct, n, out, tag, (size_t)tlen);
        memcpy(out2, out, n);
        memset(out, 0xa5, n);
        rc = mote_gcm_open(&ctx, iv, aad, (size_t)alen, ct, n, out, tag, (size_t)tlen);
#else
        tv_skip(line, "GCM not compiled in");
        return;
#endif
    } else {
#if MOTE_ENABLE_CCM
        mote_aes_ctx ctx;
        mote_aes_ckey ck;
        if (mote_aes_ckey_init(&ck, key, (size_t)klen) != MOTE_OK ||
            mote_aes_init(&ctx, key, (size_t)klen) != MOTE_OK) {
            tv_verdict(line, 0, "key rejected");
            return;
        }
        if (tlen <= 16 && mote_ccm_ckey_seal(&ck, iv, (size_t)ivlen, aad, (size_t)alen, msg, n, out,
                                             t, (size_t)tlen) == MOTE_OK)
            sealed2 = memcmp(out, ct, n) == 0 && memcmp(t, tag, (size_t)tlen) == 0;
        memset(out, 0xa5, n);
        rc2 = mote_ccm_ckey_open(&ck, iv, (size_t)ivlen, aad, (size_t)alen, ct, n, out, tag,
                                 (size_t)tlen);
        memcpy(out2, out, n);
        memset(out, 0xa5, n);
        if (tlen <= 16 && mote_ccm_seal(&ctx, iv, (size_t)ivlen, aad, (size_t)alen, msg, n, out, t,
                                        (size_t)tlen) == MOTE_OK)
            sealed = memcmp(out, ct, n) == 0 && memcmp(t, tag, (size_t)tlen) == 0;
        memset(out, 0xa5, n);
        rc = mote_ccm_open(&ctx, iv, (size_t)ivlen, aad, (size_t)alen, ct, n, out, tag,
                           (size_t)tlen);
#else
        tv_skip(line, "CCM not compiled in");
        return;
#endif
    }
    if (sealed != sealed2 || rc != rc2 || memcmp(out, out2, n) != 0) {
        tv_verdict(line, 0, "the compact key gave other results");
        return;
    }
    judge(line, valid, sealed, rc, n);
}
#else
static void run_one(const char *file, const char *line)
{
    (void)file;
    tv_skip(line, "AES not compiled in");
}
#endif

int main(int argc, char **argv)
{
    return tv_main(argc, argv, files, run_one);
}
