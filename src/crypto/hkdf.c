/* HKDF (RFC 5869): extract and expand. */
#include <string.h>

#include "crypto/kdf.h"
#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/error.h"
#include "mote/mac.h"

void mote_hkdf_extract(const mote_hash_desc *hash, const void *salt, size_t salt_len,
                       const void *ikm, size_t ikm_len, uint8_t *prk)
{
    /* HMAC pads its key with zeros, so an empty salt already acts as
     * hash->out_len zero bytes. */
    mote_hmac(hash, salt, salt_len, ikm, ikm_len, prk);
}

/* T(1) || T(2) || ...: key once, copy the keyed state for each block. prk
 * is not read again, so out may be the prk buffer itself. */
static MOTE_NOINLINE void expand_blocks(const mote_hash_desc *hash, const uint8_t *prk,
                                        size_t prk_len, const mote_kdf_piece *info, size_t n,
                                        uint8_t *out, size_t out_len)
{
    mote_hmac_ctx keyed, c;
    uint8_t t[MOTE_HASH_MAX_LEN], ctr;
    size_t hl = hash->out_len, i, k;

    mote_hmac_init(&keyed, hash, prk, prk_len);
    for (ctr = 1; out_len; ctr++) {
        c = keyed;
        if (ctr > 1) mote_hmac_update(&c, t, hl);
        for (i = 0; i < n; i++)
            mote_hmac_update(&c, info[i].p, info[i].n);
        mote_hmac_update(&c, &ctr, 1);
        mote_hmac_final(&c, t);
        k = out_len < hl ? out_len : hl;
        memcpy(out, t, k);
        out += k;
        out_len -= k;
    }
    mote_wipe(t, sizeof t);
    mote_wipe(&keyed, sizeof keyed);
}

/* One block (every TLS 1.3 secret, key and IV) needs one HMAC context, not
 * two: half the stack of the general case, which sits deep in handshakes. */
int mote_hkdf_expand_pieces(const mote_hash_desc *hash, const uint8_t *prk, size_t prk_len,
                            const mote_kdf_piece *info, size_t n, uint8_t *out, size_t out_len)
{
    mote_hmac_ctx c;
    uint8_t t[MOTE_HASH_MAX_LEN], one = 1;
    size_t i;

    if (out_len > 255 * hash->out_len) return MOTE_ERR_BAD_INPUT;
    if (out_len > hash->out_len) {
        expand_blocks(hash, prk, prk_len, info, n, out, out_len);
        return MOTE_OK;
    }
    mote_hmac_init(&c, hash, prk, prk_len);
    for (i = 0; i < n; i++)
        mote_hmac_update(&c, info[i].p, info[i].n);
    mote_hmac_update(&c, &one, 1);
    mote_hmac_final(&c, t);
    memcpy(out, t, out_len);
    mote_wipe(t, sizeof t);
    mote_wipe(&c, sizeof c);
    return MOTE_OK;
}

int mote_hkdf_expand(const mote_hash_desc *hash, const uint8_t *prk, size_t prk_len,
                     const void *info, size_t info_len, uint8_t *out, size_t out_len)
{
    mote_kdf_piece p;
    p.p = info;
    p.n = info_len;
    return mote_hkdf_expand_pieces(hash, prk, prk_len, &p, 1, out, out_len);
}
