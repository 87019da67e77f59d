/* Symmetric primitives: mote against BearSSL's constant-time code and
 * mbedTLS's default software code (see bench/bench.h for the protocol).
 *
 * What each op measures (key setup is never inside an op; for the cases
 * flagged BENCH_KEYED it is counted on its own `setup:` line):
 *   sha256, sha384      one-shot hash of the message
 *   hmac-sha256         one-shot HMAC with a 32-byte key, key processing
 *                       included (as HKDF and the TLS PRF use it)
 *   aes-128-ctr         CTR keystream XOR, in place (32-bit counter)
 *   aes-128-gmac        GCM with the message as AAD and nothing to encrypt:
 *                       GHASH over the message plus one AES block (how GHASH
 *                       alone is compared; mbedTLS exposes no bare GHASH)
 *   ghash               bare GHASH, hash key H = key2 (mote's private
 *                       mote_ghash_update, whose key precomputation is its
 *                       setup; BearSSL's br_ghash_ctmul64 has none)
 *   aes-*-gcm-seal      12-byte nonce, 13-byte AAD, in place, 16-byte tag
 *   aes-128-gcm-open    same, from a valid ciphertext: each op first copies
 *                       the ciphertext into the working buffer (all three
 *                       alike), then decrypts in place and checks the tag
 *   aes-128-gcm-ckey-open  the same for mote with a compact key (a TLS
 *                       connection's): key expansion inside each op
 *   aes-128-ccm-seal    12-byte nonce, 13-byte AAD, 16-byte tag
 *   aes-128-cbc-decrypt CBC decryption in place (IV = the nonce bytes), what
 *                       TLS 1.2 CBC records cost to receive (mote: the
 *                       constant-time inverse cipher of src/crypto/cbc.c;
 *                       BearSSL: br_aes_ct64_cbcdec; mbedTLS: its tables)
 *   chacha20            RFC 8439, counter 1, in place
 *   poly1305            one-shot MAC with a 32-byte one-time key. BearSSL has
 *                       no bare Poly1305: its figure is br_poly1305_ctmul_run
 *                       with a cipher that does nothing, i.e. Poly1305 over
 *                       the message plus the 16-byte length block
 *   chacha20-poly1305-seal  13-byte AAD, in place
 */
#include <string.h>

#include <bearssl.h>
#include <mbedtls/aes.h>
#include <mbedtls/ccm.h>
#include <mbedtls/chacha20.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>
#include <mbedtls/md.h>
#include <mbedtls/poly1305.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "mote/aead.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/mac.h"
#include "crypto/cbc.h"
#include "crypto/ghash.h"

#include "bench.h"

#define NONE                                                                                       \
    {                                                                                              \
        NULL, NULL, NULL                                                                           \
    }

/* ---- SHA-256 / SHA-384 ---------------------------------------------------- */

#if HAVE_mote_sha256
static void m_sha256(bench_io *io)
{
    mote_sha256(io->in, io->len, io->out);
    io->res_len = 32;
}
#define M_SHA256                                                                                   \
    {                                                                                              \
        NULL, m_sha256, NULL                                                                       \
    }
#else
#define M_SHA256 NONE
#endif

static void b_sha256(bench_io *io)
{
    br_sha256_context c;
    br_sha256_init(&c);
    br_sha256_update(&c, io->in, io->len);
    br_sha256_out(&c, io->out);
    io->res_len = 32;
}

static void e_sha256(bench_io *io)
{
    mbedtls_sha256_ret(io->in, io->len, io->out, 0);
    io->res_len = 32;
}

#if HAVE_mote_sha384
static void m_sha384(bench_io *io)
{
    mote_sha384(io->in, io->len, io->out);
    io->res_len = 48;
}
#define M_SHA384                                                                                   \
    {                                                                                              \
        NULL, m_sha384, NULL                                                                       \
    }
#else
#define M_SHA384 NONE
#endif

static void b_sha384(bench_io *io)
{
    br_sha384_context c;
    br_sha384_init(&c);
    br_sha384_update(&c, io->in, io->len);
    br_sha384_out(&c, io->out);
    io->res_len = 48;
}

static void e_sha384(bench_io *io)
{
    mbedtls_sha512_ret(io->in, io->len, io->out, 1);
    io->res_len = 48;
}

/* ---- HMAC-SHA256 ------------------------------------------------------------ */

#if HAVE_mote_hmac && HAVE_mote_sha256_desc
static void m_hmac(bench_io *io)
{
    mote_hmac(&mote_sha256_desc, io->key, 32, io->in, io->len, io->out);
    io->res_len = 32;
}
#define M_HMAC                                                                                     \
    {                                                                                              \
        NULL, m_hmac, NULL                                                                         \
    }
#else
#define M_HMAC NONE
#endif

static void b_hmac(bench_io *io)
{
    br_hmac_key_context kc;
    br_hmac_context hc;
    br_hmac_key_init(&kc, &br_sha256_vtable, io->key, 32);
    br_hmac_init(&hc, &kc, 0);
    br_hmac_update(&hc, io->in, io->len);
    br_hmac_out(&hc, io->out);
    io->res_len = 32;
}

static void e_hmac_setup(bench_io *io)
{
    mbedtls_md_context_t *c = io->ctx;
    mbedtls_md_init(c);
    mbedtls_md_setup(c, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1);
}

static void e_hmac(bench_io *io)
{
    mbedtls_md_context_t *c = io->ctx;
    mbedtls_md_hmac_starts(c, io->key, 32);
    mbedtls_md_hmac_update(c, io->in, io->len);
    mbedtls_md_hmac_finish(c, io->out);
    io->res_len = 32;
}

static void e_md_free(bench_io *io)
{
    mbedtls_md_free(io->ctx);
}

/* ---- AES-128-CTR ------------------------------------------------------------- */

/* Counter block: nonce (12 bytes) || 00000002, as GCM's first data block. */
static void ctr_block(const bench_io *io, uint8_t ctr[16])
{
    memcpy(ctr, io->nonce, 12);
    ctr[12] = ctr[13] = ctr[14] = 0;
    ctr[15] = 2;
}

#if HAVE_mote_aes_init
static void m_aes128_setup(bench_io *io)
{
    mote_aes_init(io->ctx, io->key, 16);
}
#endif

#if HAVE_mote_aes_init && HAVE_mote_aes_ctr32
static void m_ctr(bench_io *io)
{
    uint8_t ctr[16];
    ctr_block(io, ctr);
    mote_aes_ctr32(io->ctx, ctr, io->out, io->out, io->len);
    io->res_len = io->len;
}
#define M_CTR                                                                                      \
    {                                                                                              \
        m_aes128_setup, m_ctr, NULL                                                                \
    }
#else
#define M_CTR NONE
#endif

static void b_ctr_setup(bench_io *io)
{
    br_aes_ct64_ctr_init(io->ctx, io->key, 16);
}

static void b_ctr(bench_io *io)
{
    br_aes_ct64_ctr_run(io->ctx, io->nonce, 2, io->out, io->len);
    io->res_len = io->len;
}

static void e_ctr_setup(bench_io *io)
{
    mbedtls_aes_init(io->ctx);
    mbedtls_aes_setkey_enc(io->ctx, io->key, 128);
}

static void e_ctr(bench_io *io)
{
    uint8_t ctr[16], stream[16];
    size_t off = 0;
    ctr_block(io, ctr);
    mbedtls_aes_crypt_ctr(io->ctx, io->len, &off, ctr, stream, io->out, io->out);
    io->res_len = io->len;
}

static void e_aes_free(bench_io *io)
{
    mbedtls_aes_free(io->ctx);
}

/* ---- AES-128-CBC decryption ----------------------------------------------------- */

#if HAVE_mote_aes_dec_init && HAVE_mote_aes_cbc_decrypt
static void m_cbcdec_setup(bench_io *io)
{
    mote_aes_dec_init(io->ctx, io->key, 16);
}
static void m_cbcdec(bench_io *io)
{
    uint8_t iv[16];
    memcpy(iv, io->nonce, 16);
    mote_aes_cbc_decrypt(io->ctx, iv, io->out, io->out, io->len);
    io->res_len = io->len;
}
#define M_CBCDEC                                                                                   \
    {                                                                                              \
        m_cbcdec_setup, m_cbcdec, NULL                                                             \
    }
#else
#define M_CBCDEC NONE
#endif

static void b_cbcdec_setup(bench_io *io)
{
    br_aes_ct64_cbcdec_init(io->ctx, io->key, 16);
}

static void b_cbcdec(bench_io *io)
{
    uint8_t iv[16];
    memcpy(iv, io->nonce, 16);
    br_aes_ct64_cbcdec_run(io->ctx, iv, io->out, io->len);
    io->res_len = io->len;
}

static void e_cbcdec_setup(bench_io *io)
{
    mbedtls_aes_init(io->ctx);
    mbedtls_aes_setkey_dec(io->ctx, io->key, 128);
}

static void e_cbcdec(bench_io *io)
{
    uint8_t iv[16];
    memcpy(iv, io->nonce, 16);
    mbedtls_aes_crypt_cbc(io->ctx, MBEDTLS_AES_DECRYPT, io->len, iv, io->out, io->out);
    io->res_len = io->len;
}

/* ---- AES-GCM ------------------------------------------------------------------ */

#if HAVE_mote_gcm_init
static void m_gcm128_setup(bench_io *io)
{
    mote_gcm_init(io->ctx, io->key, 16);
}
static void m_gcm256_setup(bench_io *io)
{
    mote_gcm_init(io->ctx, io->key, 32);
}
#endif

#if HAVE_mote_gcm_init && HAVE_mote_gcm_seal
static void m_gcm_seal(bench_io *io)
{
    mote_gcm_seal(io->ctx, io->nonce, io->aad, sizeof io->aad, io->out, io->len, io->out,
                  io->out + io->len);
    io->res_len = io->len + 16;
}
static void m_gmac(bench_io *io)
{
    mote_gcm_seal(io->ctx, io->nonce, io->in, io->len, io->out, 0, io->out, io->out);
    io->res_len = 16;
}
#define M_GCM128_SEAL                                                                              \
    {                                                                                              \
        m_gcm128_setup, m_gcm_seal, NULL                                                           \
    }
#define M_GCM256_SEAL                                                                              \
    {                                                                                              \
        m_gcm256_setup, m_gcm_seal, NULL                                                           \
    }
#define M_GMAC                                                                                     \
    {                                                                                              \
        m_gcm128_setup, m_gmac, NULL                                                               \
    }
#else
#define M_GCM128_SEAL NONE
#define M_GCM256_SEAL NONE
#define M_GMAC        NONE
#endif

#if HAVE_mote_gcm_init && HAVE_mote_gcm_open
static void m_gcm_open(bench_io *io)
{
    memcpy(io->out, io->aux, io->len);
    io->ok = mote_gcm_open(io->ctx, io->nonce, io->aad, sizeof io->aad, io->out, io->len, io->out,
                           io->tag, 16) == MOTE_OK;
    io->res_len = io->len;
}
#define M_GCM128_OPEN                                                                              \
    {                                                                                              \
        m_gcm128_setup, m_gcm_open, NULL                                                           \
    }
#else
#define M_GCM128_OPEN NONE
#endif

/* The same with a compact key (what a TLS connection keeps, see
 * MOTE_TLS_COMPACT_KEYS): the round keys and GHASH material are expanded
 * inside every op. The peers' figures are their ordinary open. */
#if HAVE_mote_gcm_ckey_init && HAVE_mote_gcm_ckey_open
static void m_gcm128_ckey_setup(bench_io *io)
{
    mote_gcm_ckey_init(io->ctx, io->key, 16);
}
static void m_gcm_ckey_open(bench_io *io)
{
    memcpy(io->out, io->aux, io->len);
    io->ok = mote_gcm_ckey_open(io->ctx, io->nonce, io->aad, sizeof io->aad, io->out, io->len,
                                io->out, io->tag, 16) == MOTE_OK;
    io->res_len = io->len;
}
#define M_GCM128_CKEY_OPEN                                                                         \
    {                                                                                              \
        m_gcm128_ckey_setup, m_gcm_ckey_open, NULL                                                 \
    }
#else
#define M_GCM128_CKEY_OPEN NONE
#endif

typedef struct {
    br_aes_ct64_ctr_keys aes;
    br_gcm_context gcm;
} b_gcm_ctx;

static void b_gcm_init(b_gcm_ctx *g, const uint8_t *key, size_t key_len)
{
    br_aes_ct64_ctr_init(&g->aes, key, key_len);
    br_gcm_init(&g->gcm, &g->aes.vtable, br_ghash_ctmul64);
}

static void b_gcm128_setup(bench_io *io)
{
    b_gcm_init(io->ctx, io->key, 16);
}

static void b_gcm256_setup(bench_io *io)
{
    b_gcm_init(io->ctx, io->key, 32);
}

static void b_gcm_seal_into(b_gcm_ctx *g, const bench_io *io, uint8_t *buf, uint8_t *tag)
{
    br_gcm_reset(&g->gcm, io->nonce, 12);
    br_gcm_aad_inject(&g->gcm, io->aad, sizeof io->aad);
    br_gcm_flip(&g->gcm);
    br_gcm_run(&g->gcm, 1, buf, io->len);
    br_gcm_get_tag(&g->gcm, tag);
}

static void b_gcm_seal(bench_io *io)
{
    b_gcm_seal_into(io->ctx, io, io->out, io->out + io->len);
    io->res_len = io->len + 16;
}

static void b_gcm_open(bench_io *io)
{
    b_gcm_ctx *g = io->ctx;
    memcpy(io->out, io->aux, io->len);
    br_gcm_reset(&g->gcm, io->nonce, 12);
    br_gcm_aad_inject(&g->gcm, io->aad, sizeof io->aad);
    br_gcm_flip(&g->gcm);
    br_gcm_run(&g->gcm, 0, io->out, io->len);
    io->ok = (int)br_gcm_check_tag(&g->gcm, io->tag);
    io->res_len = io->len;
}

static void b_gmac(bench_io *io)
{
    b_gcm_ctx *g = io->ctx;
    br_gcm_reset(&g->gcm, io->nonce, 12);
    br_gcm_aad_inject(&g->gcm, io->in, io->len);
    br_gcm_flip(&g->gcm);
    br_gcm_get_tag(&g->gcm, io->out);
    io->res_len = 16;
}

/* The ciphertext and tag an open authenticates (made with BearSSL). */
static void gcm128_prepare(bench_io *io)
{
    b_gcm_ctx g;
    b_gcm_init(&g, io->key, 16);
    memcpy(io->aux, io->in, io->len);
    b_gcm_seal_into(&g, io, io->aux, io->tag);
}

static void e_gcm128_setup(bench_io *io)
{
    mbedtls_gcm_init(io->ctx);
    mbedtls_gcm_setkey(io->ctx, MBEDTLS_CIPHER_ID_AES, io->key, 128);
}

static void e_gcm256_setup(bench_io *io)
{
    mbedtls_gcm_init(io->ctx);
    mbedtls_gcm_setkey(io->ctx, MBEDTLS_CIPHER_ID_AES, io->key, 256);
}

static void e_gcm_seal(bench_io *io)
{
    mbedtls_gcm_crypt_and_tag(io->ctx, MBEDTLS_GCM_ENCRYPT, io->len, io->nonce, 12, io->aad,
                              sizeof io->aad, io->out, io->out, 16, io->out + io->len);
    io->res_len = io->len + 16;
}

static void e_gcm_open(bench_io *io)
{
    memcpy(io->out, io->aux, io->len);
    io->ok = mbedtls_gcm_auth_decrypt(io->ctx, io->len, io->nonce, 12, io->aad, sizeof io->aad,
                                      io->tag, 16, io->out, io->out) == 0;
    io->res_len = io->len;
}

static void e_gmac(bench_io *io)
{
    mbedtls_gcm_crypt_and_tag(io->ctx, MBEDTLS_GCM_ENCRYPT, 0, io->nonce, 12, io->in, io->len,
                              io->aux, io->aux, 16, io->out);
    io->res_len = 16;
}

static void e_gcm_free(bench_io *io)
{
    mbedtls_gcm_free(io->ctx);
}

/* ---- bare GHASH ------------------------------------------------------------------ */

#if HAVE_mote_ghash_init && HAVE_mote_ghash_update
static void m_ghash_setup(bench_io *io)
{
    mote_ghash_init(io->ctx, io->key2);
}
static void m_ghash(bench_io *io)
{
    uint8_t y[16] = {0};
    mote_ghash_update(io->ctx, y, io->in, io->len);
    memcpy(io->out, y, 16);
    io->res_len = 16;
}
#define M_GHASH                                                                                    \
    {                                                                                              \
        m_ghash_setup, m_ghash, NULL                                                               \
    }
#else
#define M_GHASH NONE
#endif

static void b_ghash(bench_io *io)
{
    uint8_t y[16] = {0};
    br_ghash_ctmul64(y, io->key2, io->in, io->len);
    memcpy(io->out, y, 16);
    io->res_len = 16;
}

/* ---- AES-128-CCM ------------------------------------------------------------------ */

#if HAVE_mote_aes_init && HAVE_mote_ccm_seal
static void m_ccm_seal(bench_io *io)
{
    mote_ccm_seal(io->ctx, io->nonce, 12, io->aad, sizeof io->aad, io->out, io->len, io->out,
                  io->out + io->len, 16);
    io->res_len = io->len + 16;
}
#define M_CCM_SEAL                                                                                 \
    {                                                                                              \
        m_aes128_setup, m_ccm_seal, NULL                                                           \
    }
#else
#define M_CCM_SEAL NONE
#endif

typedef struct {
    br_aes_ct64_ctrcbc_keys aes;
    br_ccm_context ccm;
} b_ccm_ctx;

static void b_ccm_setup(bench_io *io)
{
    b_ccm_ctx *c = io->ctx;
    br_aes_ct64_ctrcbc_init(&c->aes, io->key, 16);
    br_ccm_init(&c->ccm, &c->aes.vtable);
}

static void b_ccm_seal(bench_io *io)
{
    b_ccm_ctx *c = io->ctx;
    br_ccm_reset(&c->ccm, io->nonce, 12, sizeof io->aad, io->len, 16);
    br_ccm_aad_inject(&c->ccm, io->aad, sizeof io->aad);
    br_ccm_flip(&c->ccm);
    br_ccm_run(&c->ccm, 1, io->out, io->len);
    br_ccm_get_tag(&c->ccm, io->out + io->len);
    io->res_len = io->len + 16;
}

static void e_ccm_setup(bench_io *io)
{
    mbedtls_ccm_init(io->ctx);
    mbedtls_ccm_setkey(io->ctx, MBEDTLS_CIPHER_ID_AES, io->key, 128);
}

static void e_ccm_seal(bench_io *io)
{
    mbedtls_ccm_encrypt_and_tag(io->ctx, io->len, io->nonce, 12, io->aad, sizeof io->aad, io->out,
                                io->out, io->out + io->len, 16);
    io->res_len = io->len + 16;
}

static void e_ccm_free(bench_io *io)
{
    mbedtls_ccm_free(io->ctx);
}

/* ---- ChaCha20, Poly1305, ChaCha20-Poly1305 ---------------------------------------- */

#if HAVE_mote_chacha20
static void m_chacha20(bench_io *io)
{
    mote_chacha20(io->key, io->nonce, 1, io->out, io->out, io->len);
    io->res_len = io->len;
}
#define M_CHACHA20                                                                                 \
    {                                                                                              \
        NULL, m_chacha20, NULL                                                                     \
    }
#else
#define M_CHACHA20 NONE
#endif

static void b_chacha20(bench_io *io)
{
    br_chacha20_ct_run(io->key, io->nonce, 1, io->out, io->len);
    io->res_len = io->len;
}

static void e_chacha20(bench_io *io)
{
    mbedtls_chacha20_crypt(io->key, io->nonce, 1, io->len, io->out, io->out);
    io->res_len = io->len;
}

#if HAVE_mote_poly1305_init && HAVE_mote_poly1305_update && HAVE_mote_poly1305_final
static void m_poly1305(bench_io *io)
{
    mote_poly1305_ctx c;
    mote_poly1305_init(&c, io->key2);
    mote_poly1305_update(&c, io->in, io->len);
    mote_poly1305_final(&c, io->out);
    io->res_len = 16;
}
#define M_POLY1305                                                                                 \
    {                                                                                              \
        NULL, m_poly1305, NULL                                                                     \
    }
#else
#define M_POLY1305 NONE
#endif

/* A "ChaCha20" that only hands br_poly1305_ctmul_run its one-time key (the
 * key argument itself, at counter 0) and leaves the data alone. */
static uint32_t b_no_chacha(const void *key, const void *iv, uint32_t cc, void *data, size_t len)
{
    (void)iv;
    if (cc == 0) memcpy(data, key, len < 32 ? len : 32);
    return cc;
}

static void b_poly1305(bench_io *io)
{
    br_poly1305_ctmul_run(io->key2, io->nonce, io->out, io->len, NULL, 0, io->aux, b_no_chacha, 1);
    io->res_len = BENCH_NO_CHECK; /* MAC of another string: not comparable */
}

static void e_poly1305(bench_io *io)
{
    mbedtls_poly1305_mac(io->key2, io->in, io->len, io->out);
    io->res_len = 16;
}

#if HAVE_mote_chachapoly_seal
static void m_chachapoly_seal(bench_io *io)
{
    mote_chachapoly_seal(io->key, io->nonce, io->aad, sizeof io->aad, io->out, io->len, io->out,
                         io->out + io->len);
    io->res_len = io->len + 16;
}
#define M_CHACHAPOLY_SEAL                                                                          \
    {                                                                                              \
        NULL, m_chachapoly_seal, NULL                                                              \
    }
#else
#define M_CHACHAPOLY_SEAL NONE
#endif

static void b_chachapoly_seal(bench_io *io)
{
    br_poly1305_ctmul_run(io->key, io->nonce, io->out, io->len, io->aad, sizeof io->aad,
                          io->out + io->len, br_chacha20_ct_run, 1);
    io->res_len = io->len + 16;
}

static void e_chachapoly_setup(bench_io *io)
{
    mbedtls_chachapoly_init(io->ctx);
    mbedtls_chachapoly_setkey(io->ctx, io->key);
}

static void e_chachapoly_seal(bench_io *io)
{
    mbedtls_chachapoly_encrypt_and_tag(io->ctx, io->len, io->nonce, io->aad, sizeof io->aad,
                                       io->out, io->out, io->out + io->len);
    io->res_len = io->len + 16;
}

static void e_chachapoly_free(bench_io *io)
{
    mbedtls_chachapoly_free(io->ctx);
}

/* ---- the table ------------------------------------------------------------------- */

const bench_case bench_cases[] = {
    {"sha256", BENCH_PER_BYTE, NULL, {M_SHA256, {NULL, b_sha256, NULL}, {NULL, e_sha256, NULL}}},
    {"sha384", BENCH_PER_BYTE, NULL, {M_SHA384, {NULL, b_sha384, NULL}, {NULL, e_sha384, NULL}}},
    {"hmac-sha256",
     BENCH_PER_BYTE,
     NULL,
     {M_HMAC, {NULL, b_hmac, NULL}, {e_hmac_setup, e_hmac, e_md_free}}},
    {"aes-128-ctr",
     BENCH_KEYED,
     NULL,
     {M_CTR, {b_ctr_setup, b_ctr, NULL}, {e_ctr_setup, e_ctr, e_aes_free}}},
    {"ghash", BENCH_KEYED, NULL, {M_GHASH, {NULL, b_ghash, NULL}, NONE}},
    {"aes-128-gmac",
     BENCH_PER_BYTE,
     NULL,
     {M_GMAC, {b_gcm128_setup, b_gmac, NULL}, {e_gcm128_setup, e_gmac, e_gcm_free}}},
    {"aes-128-gcm-seal",
     BENCH_KEYED,
     NULL,
     {M_GCM128_SEAL, {b_gcm128_setup, b_gcm_seal, NULL}, {e_gcm128_setup, e_gcm_seal, e_gcm_free}}},
    {"aes-128-gcm-open",
     BENCH_PER_BYTE,
     gcm128_prepare,
     {M_GCM128_OPEN, {b_gcm128_setup, b_gcm_open, NULL}, {e_gcm128_setup, e_gcm_open, e_gcm_free}}},
    {"aes-128-gcm-ckey-open",
     BENCH_PER_BYTE,
     gcm128_prepare,
     {M_GCM128_CKEY_OPEN,
      {b_gcm128_setup, b_gcm_open, NULL},
      {e_gcm128_setup, e_gcm_open, e_gcm_free}}},
    {"aes-256-gcm-seal",
     BENCH_KEYED,
     NULL,
     {M_GCM256_SEAL, {b_gcm256_setup, b_gcm_seal, NULL}, {e_gcm256_setup, e_gcm_seal, e_gcm_free}}},
    {"aes-128-cbc-decrypt",
     BENCH_KEYED,
     NULL,
     {M_CBCDEC, {b_cbcdec_setup, b_cbcdec, NULL}, {e_cbcdec_setup, e_cbcdec, e_aes_free}}},
    {"aes-128-ccm-seal",
     BENCH_KEYED,
     NULL,
     {M_CCM_SEAL, {b_ccm_setup, b_ccm_seal, NULL}, {e_ccm_setup, e_ccm_seal, e_ccm_free}}},
    {"chacha20",
     BENCH_PER_BYTE,
     NULL,
     {M_CHACHA20, {NULL, b_chacha20, NULL}, {NULL, e_chacha20, NULL}}},
    {"poly1305",
     BENCH_PER_BYTE,
     NULL,
     {M_POLY1305, {NULL, b_poly1305, NULL}, {NULL, e_poly1305, NULL}}},
    {"chacha20-poly1305-seal",
     BENCH_PER_BYTE,
     NULL,
     {M_CHACHAPOLY_SEAL,
      {NULL, b_chachapoly_seal, NULL},
      {e_chachapoly_setup, e_chachapoly_seal, e_chachapoly_free}}},
    {NULL, 0, NULL, {NONE, NONE, NONE}},
};
