/* Key exchange for the handshake: our key share and the shared secret, per
 * named group. One private key at a time lives in c->kex_priv. */
#include <string.h>

#include "crypto/util.h"
#include "tls/internal.h"
#if MOTE_ENABLE_X25519
#include "mote/x25519.h"
#endif
#if MOTE_ENABLE_FFDHE
#include "mote/ffdhe.h"
#endif
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
#include "mote/ec.h"
#endif

int mote_tls_kex_supported(uint16_t group)
{
    switch (group) {
#if MOTE_ENABLE_P256
    case MOTE_GROUP_SECP256R1:
        return 65;
#endif
#if MOTE_ENABLE_P384
    case MOTE_GROUP_SECP384R1:
        return 97;
#endif
#if MOTE_ENABLE_X25519
    case MOTE_GROUP_X25519:
        return 32;
#endif
#if MOTE_ENABLE_FFDHE
    case MOTE_GROUP_FFDHE2048:
        return 256;
#endif
    default:
        return 0;
    }
}

int mote_tls_kex_keygen(mote_tls_conn *c, uint16_t group, uint8_t *pub, size_t *pub_len)
{
    int rc = MOTE_ERR_UNSUPPORTED;
    mote_progress pg; /* the application's hook, inside long operations */
    pg.fn = c->cfg->progress;
    pg.arg = c->cfg->progress_arg;
    (void)pg;
    mote_wipe(c->kex_priv, sizeof c->kex_priv);
    *pub_len = (size_t)mote_tls_kex_supported(group); /* (the share's length) */
    switch (group) {
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
    case MOTE_GROUP_SECP256R1:
    case MOTE_GROUP_SECP384R1:
        /* the TLS group numbers are mote's curve ids */
        rc = mote_ecdh_keygen_p(group, c->kex_priv, pub, c->cfg->rng, &pg);
        break;
#endif
#if MOTE_ENABLE_X25519
    case MOTE_GROUP_X25519:
        rc = mote_x25519_keygen_p(c->kex_priv, pub, c->cfg->rng, &pg);
        break;
#endif
#if MOTE_ENABLE_FFDHE
    case MOTE_GROUP_FFDHE2048:
        rc = mote_ffdhe2048_keygen_p(c->kex_priv, pub, c->cfg->rng, &pg);
        if (rc == MOTE_OK) c->pk_ops++; /* a 2048-bit exponentiation */
        break;
#endif
    default:
        break;
    }
    if (rc == MOTE_OK) c->kex_group = group;
    return rc;
}

int mote_tls_kex_shared(mote_tls_conn *c, const uint8_t *peer, size_t peer_len, uint8_t *secret,
                        size_t *secret_len)
{
    int rc = MOTE_ERR_UNSUPPORTED;
    mote_progress pg;
    pg.fn = c->cfg->progress;
    pg.arg = c->cfg->progress_arg;
    (void)pg;
    switch (c->kex_group) {
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
    case MOTE_GROUP_SECP256R1:
    case MOTE_GROUP_SECP384R1:
        /* the peer's point is validated (on the curve, not infinity) inside */
        rc = mote_ecdh_shared_p(c->kex_group, secret, c->kex_priv, peer, peer_len, &pg);
        *secret_len = mote_ec_scalar_len(c->kex_group);
        break;
#endif
#if MOTE_ENABLE_X25519
    case MOTE_GROUP_X25519:
        if (peer_len != MOTE_X25519_LEN) return MOTE_ERR_BAD_POINT;
        rc = mote_x25519_shared_p(secret, c->kex_priv, peer, &pg);
        *secret_len = MOTE_X25519_LEN;
        break;
#endif
#if MOTE_ENABLE_FFDHE
    case MOTE_GROUP_FFDHE2048:
        if (peer_len != MOTE_FFDHE2048_LEN) return MOTE_ERR_BAD_KEY; /* TLS 1.3 pads to 256 */
        rc = mote_ffdhe2048_shared_p(c->kex_priv, peer, peer_len, secret, &pg);
        *secret_len = MOTE_FFDHE2048_LEN;
        break;
#endif
    default:
        (void)peer, (void)peer_len, (void)secret, (void)secret_len;
        break;
    }
    mote_wipe(c->kex_priv, sizeof c->kex_priv);
    return rc;
}
