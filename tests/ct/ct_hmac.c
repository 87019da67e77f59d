/* Constant time (valgrind memcheck): HMAC, HKDF, HKDF-Expand-Label, the
 * TLS 1.2 PRF and the DRBG run on secrets marked undefined; any branch or
 * table index that depends on them is reported. Each result is then
 * released (CT_PUBLIC) and compared with the same computation done on
 * unmarked inputs. */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "mote/mac.h"
#include "mote/rng.h"

static int failures;

static void same(const uint8_t *secret_run, const uint8_t *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_hmac: %s: results differ\n", what);
        failures++;
    }
}

static void run_hash(const mote_hash_desc *h)
{
    uint8_t key[200], msg[300], salt[40], prk[MOTE_HASH_MAX_LEN], out[150], ref[150];
    size_t i, klens[] = {0, 16, 32, (size_t)h->block_len, (size_t)h->block_len + 1, 200};

    for (i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 29 + 1);
    for (i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 13 + 7);
    memset(salt, 0x5c, sizeof salt);

    for (i = 0; i < sizeof klens / sizeof *klens; i++) {
        /* HMAC with a secret key and a secret message */
        mote_hmac(h, key, klens[i], msg, sizeof msg, ref);
        CT_SECRET(key, sizeof key);
        CT_SECRET(msg, sizeof msg);
        mote_hmac(h, key, klens[i], msg, sizeof msg, out);
        same(out, ref, h->out_len, "hmac");
        CT_PUBLIC(key, sizeof key);
        CT_PUBLIC(msg, sizeof msg);
    }

    /* HKDF-Extract with a secret IKM, HKDF-Expand with a secret PRK */
    mote_hkdf_extract(h, salt, sizeof salt, key, 32, prk);
    mote_hkdf_expand(h, prk, h->out_len, msg, 20, ref, sizeof ref);
    CT_SECRET(key, sizeof key);
    mote_hkdf_extract(h, salt, sizeof salt, key, 32, out);
    same(out, prk, h->out_len, "hkdf extract");
    CT_SECRET(prk, sizeof prk);
    mote_hkdf_expand(h, prk, h->out_len, msg, 20, out, sizeof out);
    same(out, ref, sizeof out, "hkdf expand");
    CT_PUBLIC(key, sizeof key);
    CT_PUBLIC(prk, sizeof prk);

    /* TLS 1.3 Derive-Secret / HKDF-Expand-Label on a secret */
    mote_tls13_derive_secret(h, prk, "c hs traffic", msg, ref);
    mote_tls13_expand_label(h, prk, "key", NULL, 0, ref + 64, 32);
    CT_SECRET(prk, sizeof prk);
    mote_tls13_derive_secret(h, prk, "c hs traffic", msg, out);
    mote_tls13_expand_label(h, prk, "key", NULL, 0, out + 64, 32);
    same(out, ref, h->out_len, "derive secret");
    same(out + 64, ref + 64, 32, "expand label");
    CT_PUBLIC(prk, sizeof prk);

#if MOTE_ENABLE_TLS12_PRF
    /* TLS 1.2 PRF: secret pre-master / master secret */
    mote_tls12_prf(h, key, 48, "master secret", msg, 64, ref, 150);
    CT_SECRET(key, sizeof key);
    mote_tls12_prf(h, key, 48, "master secret", msg, 64, out, 150);
    same(out, ref, 150, "tls12 prf");
    CT_PUBLIC(key, sizeof key);
#endif
}

static void run_drbg(void)
{
    uint8_t seed[48], fresh[32], out[100], ref[100];
    mote_drbg_ctx d;
    size_t i;

    for (i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(i * 7 + 3);
    memset(fresh, 0x33, sizeof fresh);
    mote_drbg_seed(&d, seed, sizeof seed, NULL, 0);
    mote_drbg_generate(&d, ref, 60);
    mote_drbg_reseed(&d, fresh, sizeof fresh, NULL, 0);
    mote_drbg_generate(&d, ref + 60, 40);

    CT_SECRET(seed, sizeof seed);
    CT_SECRET(fresh, sizeof fresh);
    mote_drbg_seed(&d, seed, sizeof seed, NULL, 0);
    mote_drbg_generate(&d, out, 60);
    mote_drbg_reseed(&d, fresh, sizeof fresh, NULL, 0);
    mote_drbg_generate(&d, out + 60, 40);
    same(out, ref, sizeof out, "drbg");
    mote_drbg_wipe(&d);
}

int main(void)
{
    run_hash(&mote_sha256_desc);
#if MOTE_ENABLE_SHA512
    run_hash(&mote_sha384_desc);
    run_hash(&mote_sha512_desc);
#endif
    run_drbg();
    printf("ct_hmac: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
