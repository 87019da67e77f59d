/* TLS 1.3 HKDF-Expand-Label and Derive-Secret (RFC 8446 section 7.1). */
#include <string.h>

#include "crypto/kdf.h"
#include "crypto/util.h"
#include "mote/error.h"
#include "mote/mac.h"

/* HKDF-Expand (RFC 5869 2.3) over HMAC here, not through hkdf.c: a TLS 1.3
 * client then links no general HKDF-Expand (every TLS 1.3 secret, key and
 * IV is one block). T(i) = HMAC(secret, T(i-1) || HkdfLabel || i), keyed
 * from secret for each block. out may be the secret buffer (mac.h): of
 * more than one block, T(2) .. T(n) are written first (past the secret),
 * then T(1) is made again for the first block. */
int mote_tls13_expand_label(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                            const void *context, size_t context_len, uint8_t *out, size_t out_len)
{
    /* struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
     *          opaque context<0..255>; } HkdfLabel; */
    uint8_t head[9] = {0, 0, 0, 't', 'l', 's', '1', '3', ' '}, clen, ctr;
    uint8_t t[MOTE_HASH_MAX_LEN];
    size_t label_len = label ? strlen(label) : 0, hl = hash->out_len, n, i, k;
    mote_kdf_piece in[6]; /* T(i-1), HkdfLabel in four pieces, i */
    mote_hmac_ctx h;
    if (label_len > 249 || context_len > 255 || out_len > 0xFFFF || out_len > 255 * hl)
        return MOTE_ERR_BAD_INPUT;
    n = out_len > hl ? (out_len + hl - 1) / hl : 1; /* blocks */
    head[0] = (uint8_t)(out_len >> 8);
    head[1] = (uint8_t)out_len;
    head[2] = (uint8_t)(6 + label_len);
    clen = (uint8_t)context_len;
    in[0].p = t;
    in[1].p = head, in[1].n = sizeof head;
    in[2].p = label, in[2].n = label_len;
    in[3].p = &clen, in[3].n = 1;
    in[4].p = context, in[4].n = context_len;
    in[5].p = &ctr, in[5].n = 1;
    for (i = 1;; i++) { /* blocks 1 .. n, then 1 again if n > 1 */
        ctr = (uint8_t)(i > n ? 1 : i);
        in[0].n = ctr > 1 ? hl : 0; /* T(i-1), in t */
        mote_hmac_init(&h, hash, secret, hl);
        for (k = 0; k < 6; k++)
            mote_hmac_update(&h, in[k].p, in[k].n);
        mote_hmac_final(&h, t);
        if (ctr > 1) {
            k = out_len - (i - 1) * hl;
            memcpy(out + (i - 1) * hl, t, k < hl ? k : hl);
        } else if (i > 1 || n == 1) {
            memcpy(out, t, out_len < hl ? out_len : hl);
            break;
        }
    }
    mote_wipe(t, sizeof t);
    return MOTE_OK;
}

int mote_tls13_derive_secret(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out)
{
    uint8_t empty[MOTE_HASH_MAX_LEN];
    /* Derive-Secret(., "derived", "") hashes no messages */
    if (!transcript_hash) {
        mote_hash(hash, NULL, 0, empty);
        transcript_hash = empty;
    }
    return mote_tls13_expand_label(hash, secret, label, transcript_hash, hash->out_len, out,
                                   hash->out_len);
}
