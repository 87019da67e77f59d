/* The TLS 1.2 PRF (RFC 5246 section 5): P_hash(secret, label || seed). */
#include "mote/config.h"

#if MOTE_ENABLE_TLS12_PRF

#include <string.h>

#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/mac.h"

void mote_tls12_prf(const mote_hash_desc *hash, const void *secret, size_t secret_len,
                    const char *label, const void *seed, size_t seed_len, uint8_t *out,
                    size_t out_len)
{
    /* One HMAC context, keyed afresh for each HMAC (a keyed copy would
     * double the stack, and this runs deep in a handshake); the key is
     * HMAC's own form of the secret (hashed if longer than a block), kept
     * here: the secret is not read after it is taken, so out may overlap
     * it. */
    mote_hmac_ctx c;
    uint8_t key[128], a[MOTE_HASH_MAX_LEN], t[MOTE_HASH_MAX_LEN];
    size_t hl = hash->out_len, label_len = label ? strlen(label) : 0, k, key_len = secret_len;

    if (secret_len > hash->block_len || secret_len > sizeof key) {
        mote_hash(hash, secret, secret_len, key);
        key_len = hl;
    } else {
        memcpy(key, secret, secret_len);
    }
    mote_hmac_init(&c, hash, key, key_len); /* A(1) = HMAC(secret, label || seed) */
    mote_hmac_update(&c, label, label_len);
    mote_hmac_update(&c, seed, seed_len);
    mote_hmac_final(&c, a);
    while (out_len) {
        mote_hmac_init(&c, hash, key, key_len); /* HMAC(secret, A(i) || label || seed) */
        mote_hmac_update(&c, a, hl);
        mote_hmac_update(&c, label, label_len);
        mote_hmac_update(&c, seed, seed_len);
        mote_hmac_final(&c, t);
        k = out_len < hl ? out_len : hl;
        memcpy(out, t, k);
        out += k;
        out_len -= k;
        if (out_len) { /* A(i + 1) = HMAC(secret, A(i)) */
            mote_hmac_init(&c, hash, key, key_len);
            mote_hmac_update(&c, a, hl);
            mote_hmac_final(&c, a);
        }
    }
    mote_wipe(key, sizeof key);
    mote_wipe(a, sizeof a);
    mote_wipe(t, sizeof t);
    mote_wipe(&c, sizeof c);
}

#endif /* MOTE_ENABLE_TLS12_PRF */
