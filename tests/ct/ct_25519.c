/* Constant time (valgrind memcheck): X25519 key generation and shared
 * secret, Ed25519 public key and signing, with the private keys (and the
 * DRBG state that makes them) marked secret (CT_SECRET). Any branch or table
 * index that depends on them is reported. Each result is then released
 * (CT_PUBLIC) and compared with the same computation on unmarked inputs. */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "mote/ed25519.h"
#include "mote/x25519.h"

static int failures;

static void same(const uint8_t *secret_run, const uint8_t *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_25519: %s: results differ\n", what);
        failures++;
    }
}

int main(void)
{
    uint8_t priv[32], peer_priv[32], peer[32], pub[32], ref[64], out[64], seed[48];
    uint8_t msg[100];
    mote_drbg_ctx rng, rng_ref;
    int rc, rc_ref, i;

    for (i = 0; i < 32; i++) {
        priv[i] = (uint8_t)(i * 29 + 3);
        peer_priv[i] = (uint8_t)(i * 7 + 11);
    }
    for (i = 0; i < (int)sizeof msg; i++)
        msg[i] = (uint8_t)(i * 13 + 7);
    mote_x25519_public(peer, peer_priv);

    /* X25519: public key and shared secret from a secret private key */
    mote_x25519_public(ref, priv);
    CT_SECRET(priv, sizeof priv);
    mote_x25519_public(out, priv);
    same(out, ref, 32, "x25519 public");
    CT_PUBLIC(priv, sizeof priv);

    rc_ref = mote_x25519_shared(ref, priv, peer);
    CT_SECRET(priv, sizeof priv);
    rc = mote_x25519_shared(out, priv, peer);
    CT_PUBLIC(&rc, sizeof rc);
    same(out, ref, 32, "x25519 shared");
    if (rc != rc_ref || rc != MOTE_OK) {
        printf("ct_25519: x25519 shared: rc %d/%d\n", rc, rc_ref);
        failures++;
    }
    CT_PUBLIC(priv, sizeof priv);

    /* the all-zero result is detected without a branch on the secret */
    memset(peer, 0, sizeof peer);
    CT_SECRET(priv, sizeof priv);
    rc = mote_x25519_shared(out, priv, peer);
    CT_PUBLIC(&rc, sizeof rc);
    CT_PUBLIC(priv, sizeof priv);
    if (rc != MOTE_ERR_ZERO_SECRET) {
        printf("ct_25519: zero secret not refused (%d)\n", rc);
        failures++;
    }

    /* key generation from a DRBG whose seed is secret */
    memset(seed, 0x33, sizeof seed);
    mote_drbg_seed(&rng_ref, seed, sizeof seed, NULL, 0);
    mote_x25519_keygen(ref, ref + 32, &rng_ref);
    CT_SECRET(seed, sizeof seed);
    mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
    mote_x25519_keygen(out, out + 32, &rng);
    same(out + 32, ref + 32, 32, "x25519 keygen pub");
    same(out, ref, 32, "x25519 keygen priv");
    CT_PUBLIC(seed, sizeof seed);

    /* Ed25519: public key and signature from a secret seed (the message is
     * public: it is sent next to the signature) */
    mote_ed25519_public(ref, priv);
    CT_SECRET(priv, sizeof priv);
    mote_ed25519_public(out, priv);
    same(out, ref, 32, "ed25519 public");
    CT_PUBLIC(priv, sizeof priv);
    memcpy(pub, ref, 32);

    mote_ed25519_sign(ref, priv, msg, sizeof msg);
    CT_SECRET(priv, sizeof priv);
    mote_ed25519_sign(out, priv, msg, sizeof msg);
    same(out, ref, 64, "ed25519 sign");
    CT_PUBLIC(priv, sizeof priv);
    if (mote_ed25519_verify(pub, msg, sizeof msg, out, 64) != MOTE_OK) {
        printf("ct_25519: signature does not verify\n");
        failures++;
    }

    printf("ct_25519: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
