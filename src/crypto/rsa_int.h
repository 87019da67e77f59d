/* mote (private): pieces shared by RSA verification (rsa_pub.c) and
 * signing (rsa_priv.c). */
#ifndef MOTE_RSA_INT_H
#define MOTE_RSA_INT_H

#include <stddef.h>
#include <stdint.h>
#include "crypto/der.h"
#include "mote/hash.h"
#include "mote/rsa.h"

/* 0 if h is SHA-256, -384 or -512 (with its usual length), else -1. */
int mote_rsa_hash_ok(const mote_hash_desc *h);
/* x = x^e mod n for x < n (nl limbs, n odd with a non-zero top limb), e odd
 * and >= 3. Branches on e (public), never on x. t: 2 nl limbs of scratch. */
void mote_rsa_pubexp(uint32_t *x, const uint32_t *n, size_t nl, uint32_t e, uint32_t *t);
/* em[0..k) = EMSA-PKCS1-v1_5(hash): 00 01 FF..FF 00 DigestInfo hash.
 * Returns 0, or -1 if k is too short (h must pass mote_rsa_hash_ok). */
int mote_rsa_pkcs1_encode(uint8_t *em, size_t k, const mote_hash_desc *h, const uint8_t *hash);
/* out[0..len) ^= MGF1(h, seed), the seed the h->out_len bytes that follow
 * (out + len: where PSS keeps H, for both callers); ctx and blk (h->out_len
 * bytes, left holding mask bytes: the caller wipes it where that matters):
 * scratch the caller may keep in memory that is free at that point, to
 * save stack (verification's MGF1 runs under its deepest path). */
void mote_rsa_mgf1_xor(uint8_t *out, size_t len, const mote_hash_desc *h, mote_hash_ctx *ctx,
                       uint8_t *blk);
/* out = h(00 00 00 00 00 00 00 00 || mhash || salt): PSS's H. */
void mote_rsa_pss_hash(uint8_t *out, const mote_hash_desc *h, const uint8_t *mhash,
                       const uint8_t *salt, size_t salt_len, mote_hash_ctx *ctx);
/* mote_rsa_sign_pss_p (pss = 1) or mote_rsa_sign_pkcs1_p (pss = 0,
 * salt_len unused) in one: a caller choosing between them at run time (the
 * TLS signer) makes one call. */
int mote_rsa_sign_p(const mote_rsa_private_key *key, const mote_hash_desc *h, const uint8_t *hash,
                    int pss, size_t salt_len, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                    uint32_t *work, size_t work_words, const mote_progress *pg);
/* Read an AlgorithmIdentifier that must be {rsaEncryption, NULL}: MOTE_OK,
 * MOTE_ERR_ENCODING or MOTE_ERR_UNSUPPORTED (another algorithm). */
int mote_rsa_der_alg(mote_der *d);

#endif
