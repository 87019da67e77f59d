/* TLS 1.3 HKDF-Expand-Label and Derive-Secret (RFC 8446 section 7.1). */
#include <string.h>

#include "crypto/kdf.h"
#include "crypto/util.h"
#include "mote/error.h"
#include "mote/mac.h"

/* HKDF-Expand (RFC 5869 2.3) of one block over HMAC: every TLS 1.3
 * secret, key and IV is at most one hash output, so T(1) = HMAC(secret,
 * HkdfLabel || 0x01) is all of it and a TLS 1.3 client links no general
 * HKDF-Expand. out may be the secret buffer (HMAC is keyed first). */
int mote_tls13_expand_label(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                            const void *context, size_t context_len, uint8_t *out, size_t out_len)
{
    /* struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
     *          opaque context<0..255>; } HkdfLabel; then the counter 1 */
    uint8_t head[11] = {0, 0, 0, 't', 'l', 's', '1', '3', ' ', 0, 1};
    uint8_t t[MOTE_HASH_MAX_LEN];
    size_t label_len = label ? strlen(label) : 0;
    mote_hmac_ctx h;
    mote_kdf_piece in[5];
    size_t k;
    if (label_len > 249 || context_len > 255 || out_len > hash->out_len) return MOTE_ERR_BAD_INPUT;
    head[1] = (uint8_t)out_len;
    head[2] = (uint8_t)(6 + label_len);
    head[9] = (uint8_t)context_len;
    mote_hmac_init(&h, hash, secret, hash->out_len);
    in[0].p = head, in[0].n = 9;
    in[1].p = label, in[1].n = label_len;
    in[2].p = head + 9, in[2].n = 1;
    in[3].p = context, in[3].n = context_len;
    in[4].p = head + 10, in[4].n = 1;
    for (k = 0; k < 5; k++)
        mote_hmac_update(&h, in[k].p, in[k].n);
    mote_hmac_final(&h, t);
    memcpy(out, t, out_len);
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
