/* TLS 1.2 RSA key transport, client side: RSAES-PKCS1-v1_5 encryption of
 * the 48-byte premaster (RFC 8017 7.2.1, RFC 5246 7.4.7.1). The server side
 * (mote_rsa_decrypt_premaster) is in rsa_priv.c, next to the private
 * operation. */
#include "mote/config.h"

#if MOTE_ENABLE_TLS12_RSA_KEX
#include <string.h>

#include "crypto/bigint.h"
#include "crypto/rsa_int.h"
#include "crypto/util.h"
#include "mote/error.h"
#include "mote/rsa.h"

int mote_rsa_encrypt_premaster(const mote_rsa_public_key *key, const uint8_t pms[48], uint8_t *ct,
                               size_t ct_len, mote_drbg_ctx *rng)
{
    uint32_t x[MOTE_RSA_MAX_LIMBS], t[2 * MOTE_RSA_MAX_LIMBS];
    size_t k = key->len, nn = (key->bits + 31u) / 32, ps = k - 51, i;
    int r;

    if (key->bits == 0 || ct_len != k || k < 59) return MOTE_ERR_BAD_INPUT;
    /* EM = 00 02 PS 00 pms, PS: k - 51 non-zero random bytes */
    ct[0] = 0;
    ct[1] = 2;
    r = mote_drbg_generate(rng, ct + 2, ps);
    for (i = 2; r == 0 && i < 2 + ps; i++)
        while (r == 0 && ct[i] == 0) /* redraw zeros (padding is not secret) */
            r = mote_drbg_generate(rng, ct + i, 1);
    if (r) {
        mote_wipe(ct, k);
        return r;
    }
    ct[k - 49] = 0;
    memcpy(ct + k - 48, pms, 48);
    mote_bn_from_be(x, nn, ct, k); /* EM < n: its top byte is 0 */
    mote_rsa_pubexp(x, key->n, nn, key->e, t);
    mote_bn_to_be(ct, k, x, nn);
    mote_wipe(x, sizeof x);
    mote_wipe(t, 2 * nn * 4);
    return MOTE_OK;
}
#endif
