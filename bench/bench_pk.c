/* Public-key primitives, one operation at a time (BENCH_PER_OP: instructions
 * per operation and operations per second; see bench/bench.h). A starting
 * set: add ECDSA, Ed25519, RSA and ffdhe cases the same way.
 *
 *   x25519-shared   X25519(k, u) from bytes (RFC 7748). BearSSL:
 *                   br_ec_c25519_m31 (32x32->64 multiplies, like mote);
 *                   mbedTLS: mbedtls_ecdh_compute_shared on Curve25519
 *                   (key and group loaded in setup).
 *   p256-ecdh       ECDH shared secret on P-256 from the peer's uncompressed
 *                   point, which every implementation validates: mote's
 *                   mote_ecdh_shared, BearSSL's br_ec_p256_m31 mul, mbedTLS
 *                   point read + check + mbedtls_ecdh_compute_shared (group
 *                   and private key loaded in setup).
 * mbedTLS gets a deterministic RNG for its blinding (its default path). */
#include <string.h>

#include <bearssl.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecp.h>

#include "mote/ec.h"
#include "mote/x25519.h"

#include "bench.h"

#define NONE                                                                                       \
    {                                                                                              \
        NULL, NULL, NULL                                                                           \
    }

/* Deterministic byte source for mbedTLS's blinding. */
static int e_rng(void *arg, unsigned char *out, size_t len)
{
    static uint32_t x = 0x9E3779B9u;
    size_t i;
    (void)arg;
    for (i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = (unsigned char)(x >> 24);
    }
    return 0;
}

typedef struct {
    mbedtls_ecp_group grp;
    mbedtls_mpi d, z;
    mbedtls_ecp_point q;
} e_ec_ctx;

static void e_ec_init(e_ec_ctx *c, mbedtls_ecp_group_id id)
{
    mbedtls_ecp_group_init(&c->grp);
    mbedtls_mpi_init(&c->d);
    mbedtls_mpi_init(&c->z);
    mbedtls_ecp_point_init(&c->q);
    mbedtls_ecp_group_load(&c->grp, id);
}

static void e_ec_free(bench_io *io)
{
    e_ec_ctx *c = io->ctx;
    mbedtls_ecp_group_free(&c->grp);
    mbedtls_mpi_free(&c->d);
    mbedtls_mpi_free(&c->z);
    mbedtls_ecp_point_free(&c->q);
}

/* ---- X25519 ------------------------------------------------------------------- */

/* The peer's u-coordinate: key2 with the top bit clear (RFC 7748 masks it). */
static void x25519_peer(const bench_io *io, uint8_t u[32])
{
    memcpy(u, io->key2, 32);
    u[31] &= 0x7F;
}

#if HAVE_mote_x25519_shared
static void m_x25519(bench_io *io)
{
    uint8_t u[32];
    x25519_peer(io, u);
    io->ok = mote_x25519_shared(io->out, io->key, u) == MOTE_OK;
    io->res_len = 32;
}
#define M_X25519                                                                                   \
    {                                                                                              \
        NULL, m_x25519, NULL                                                                       \
    }
#else
#define M_X25519 NONE
#endif

static void b_x25519(bench_io *io)
{
    x25519_peer(io, io->out);
    io->ok = (int)br_ec_c25519_m31.mul(io->out, 32, io->key, 32, BR_EC_curve25519);
    io->res_len = 32;
}

static void e_x25519_setup(bench_io *io)
{
    e_ec_ctx *c = io->ctx;
    uint8_t k[32], u[32];
    e_ec_init(c, MBEDTLS_ECP_DP_CURVE25519);
    memcpy(k, io->key, 32); /* clamp, as X25519 does (mbedTLS insists) */
    k[0] &= 0xF8;
    k[31] = (uint8_t)((k[31] & 0x7F) | 0x40);
    mbedtls_mpi_read_binary_le(&c->d, k, 32);
    x25519_peer(io, u);
    mbedtls_mpi_read_binary_le(&c->q.X, u, 32);
    mbedtls_mpi_lset(&c->q.Z, 1);
}

static void e_x25519(bench_io *io)
{
    e_ec_ctx *c = io->ctx;
    io->ok = mbedtls_ecdh_compute_shared(&c->grp, &c->z, &c->q, &c->d, e_rng, NULL) == 0;
    mbedtls_mpi_write_binary_le(&c->z, io->out, 32);
    io->res_len = 32;
}

/* ---- P-256 ECDH ------------------------------------------------------------------ */

/* The peer's public key (key2 * G, uncompressed, 65 bytes) into aux. */
static void p256_prepare(bench_io *io)
{
    br_ec_p256_m31.mulgen(io->aux, io->key2, 32, BR_EC_secp256r1);
}

#if HAVE_mote_ecdh_shared
static void m_p256_ecdh(bench_io *io)
{
    io->ok = mote_ecdh_shared(MOTE_EC_P256, io->out, io->key, io->aux, 65) == MOTE_OK;
    io->res_len = 32;
}
#define M_P256_ECDH                                                                                \
    {                                                                                              \
        NULL, m_p256_ecdh, NULL                                                                    \
    }
#else
#define M_P256_ECDH NONE
#endif

static void b_p256_ecdh(bench_io *io)
{
    uint8_t g[65];
    memcpy(g, io->aux, 65);
    io->ok = (int)br_ec_p256_m31.mul(g, 65, io->key, 32, BR_EC_secp256r1);
    memcpy(io->out, g + 1, 32);
    io->res_len = 32;
}

static void e_p256_setup(bench_io *io)
{
    e_ec_ctx *c = io->ctx;
    e_ec_init(c, MBEDTLS_ECP_DP_SECP256R1);
    mbedtls_mpi_read_binary(&c->d, io->key, 32);
}

static void e_p256_ecdh(bench_io *io)
{
    e_ec_ctx *c = io->ctx;
    io->ok = mbedtls_ecp_point_read_binary(&c->grp, &c->q, io->aux, 65) == 0 &&
             mbedtls_ecp_check_pubkey(&c->grp, &c->q) == 0 &&
             mbedtls_ecdh_compute_shared(&c->grp, &c->z, &c->q, &c->d, e_rng, NULL) == 0;
    mbedtls_mpi_write_binary(&c->z, io->out, 32);
    io->res_len = 32;
}

const bench_case bench_cases[] = {
    {"x25519-shared",
     BENCH_PER_OP,
     NULL,
     {M_X25519, {NULL, b_x25519, NULL}, {e_x25519_setup, e_x25519, e_ec_free}}},
    {"p256-ecdh",
     BENCH_PER_OP,
     p256_prepare,
     {M_P256_ECDH, {NULL, b_p256_ecdh, NULL}, {e_p256_setup, e_p256_ecdh, e_ec_free}}},
    {NULL, 0, NULL, {NONE, NONE, NONE}},
};
