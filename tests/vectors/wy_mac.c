/* Wycheproof runner: HMAC-SHA-256/384 (tags possibly truncated to the
 * group's tagSize) and HKDF-SHA-256/384 (output size too large must be
 * rejected). */
#include <string.h>

#include "crypto/util.h"
#include "mote/mac.h"
#include "test.h"

static const char *const files[] = {"hmac_sha256_test.json", "hmac_sha384_test.json",
                                    "hkdf_sha256_test.json", "hkdf_sha384_test.json", NULL};

static uint8_t key[1 << 16], msg[1 << 16], want[1 << 16], info[1 << 16], okm[1 << 16];

static const mote_hash_desc *hash_of(const char *file)
{
    if (strstr(file, "sha256")) return &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    if (strstr(file, "sha384")) return &mote_sha384_desc;
#endif
    return NULL;
}

static void run_hmac(const mote_hash_desc *h, const char *line)
{
    long klen = tv_hex(line, "key", key, sizeof key);
    long mlen = tv_hex(line, "msg", msg, sizeof msg);
    long tlen = tv_hex(line, "tag", want, sizeof want);
    long tag_bits = tv_int(line, "tagSize", -1);
    uint8_t tag[MOTE_HASH_MAX_LEN];
    int ok;

    if (klen < 0 || mlen < 0 || tlen < 0 || tag_bits < 0 || tag_bits % 8) {
        tv_verdict(line, 0, "malformed test line");
        return;
    }
    mote_hmac(h, key, (size_t)klen, msg, (size_t)mlen, tag);
    /* verification: the tag must have the group's length (at most the
     * digest) and match the digest's first bytes, compared in constant time */
    ok = tlen == tag_bits / 8 && tlen <= (long)h->out_len && mote_ct_memeq(tag, want, (size_t)tlen);
    tv_verdict(line, ok, "tag mismatch");
}

static void run_hkdf(const mote_hash_desc *h, const char *line)
{
    long ilen = tv_hex(line, "ikm", key, sizeof key);
    long slen = tv_hex(line, "salt", msg, sizeof msg);
    long nlen = tv_hex(line, "info", info, sizeof info);
    long olen = tv_hex(line, "okm", want, sizeof want);
    long size = tv_int(line, "size", -1);
    uint8_t prk[MOTE_HASH_MAX_LEN];
    int ok;

    if (ilen < 0 || slen < 0 || nlen < 0 || olen < 0 || size < 0 || size > (long)sizeof okm) {
        tv_verdict(line, 0, "malformed test line");
        return;
    }
    mote_hkdf_extract(h, slen ? msg : NULL, (size_t)slen, key, (size_t)ilen, prk);
    ok = mote_hkdf_expand(h, prk, h->out_len, info, (size_t)nlen, okm, (size_t)size) == MOTE_OK;
    if (ok) ok = size == olen && memcmp(okm, want, (size_t)size) == 0;
    tv_verdict(line, ok, "okm mismatch or output refused");
}

static void run_one(const char *file, const char *line)
{
    const mote_hash_desc *h = hash_of(file);
    if (!h)
        tv_skip(line, "hash not compiled in");
    else if (strncmp(file, "hmac_", 5) == 0)
        run_hmac(h, line);
    else
        run_hkdf(h, line);
}

int main(int argc, char **argv)
{
    return tv_main(argc, argv, files, run_one);
}
