/* TLS 1.3 HKDF-Expand-Label and Derive-Secret (RFC 8446 section 7.1). */
#include <string.h>

#include "crypto/kdf.h"
#include "mote/error.h"
#include "mote/mac.h"

int mote_tls13_expand_label(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                            const void *context, size_t context_len, uint8_t *out, size_t out_len)
{
    /* struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
     *          opaque context<0..255>; } HkdfLabel; */
    uint8_t head[9] = {0, 0, 0, 't', 'l', 's', '1', '3', ' '}, clen;
    size_t label_len = label ? strlen(label) : 0;
    mote_kdf_piece info[4];

    if (label_len > 249 || context_len > 255 || out_len > 0xFFFF) return MOTE_ERR_BAD_INPUT;
    head[0] = (uint8_t)(out_len >> 8);
    head[1] = (uint8_t)out_len;
    head[2] = (uint8_t)(6 + label_len);
    clen = (uint8_t)context_len;
    info[0].p = head, info[0].n = sizeof head;
    info[1].p = label, info[1].n = label_len;
    info[2].p = &clen, info[2].n = 1;
    info[3].p = context, info[3].n = context_len;
    return mote_hkdf_expand_pieces(hash, secret, hash->out_len, info, 4, out, out_len);
}

int mote_tls13_derive_secret(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out)
{
    uint8_t empty[MOTE_HASH_MAX_LEN];

    if (!transcript_hash) { /* Derive-Secret(., "derived", "") hashes no messages */
        mote_hash(hash, NULL, 0, empty);
        transcript_hash = empty;
    }
    return mote_tls13_expand_label(hash, secret, label, transcript_hash, hash->out_len, out,
                                   hash->out_len);
}
