/* `mote selftest`: a few known-answer tests of the primitives compiled in,
 * small enough to run on the target itself. The full suites (every
 * Wycheproof vector, RFC traces) live in tests/. */
#include <stdio.h>
#include <string.h>

#include "mote/mote.h"
#include "tools.h"

static int unhex(const char *h, uint8_t *out)
{
    size_t i, n = strlen(h) / 2;
    for (i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(h + 2 * i, "%2x", &v) != 1) return -1;
        out[i] = (uint8_t)v;
    }
    return (int)n;
}

static int eq_hex(const uint8_t *p, const char *h)
{
    uint8_t want[128];
    int n = unhex(h, want);
    return n > 0 && memcmp(p, want, (size_t)n) == 0;
}

static int kat_sha256(void) /* FIPS 180-4: "abc" */
{
    uint8_t d[32];
    mote_sha256("abc", 3, d);
    return eq_hex(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static int kat_hmac(void) /* RFC 4231 test case 2 */
{
    uint8_t d[32];
    mote_hmac(&mote_sha256_desc, "Jefe", 4, "what do ya want for nothing?", 28, d);
    return eq_hex(d, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

#if MOTE_ENABLE_AES
static int kat_aes(void) /* FIPS-197 C.1 */
{
    uint8_t key[16], pt[16], ct[16];
    mote_aes_ctx ctx;
    unhex("000102030405060708090a0b0c0d0e0f", key);
    unhex("00112233445566778899aabbccddeeff", pt);
    if (mote_aes_init(&ctx, key, 16) != MOTE_OK) return 0;
    mote_aes_encrypt_blocks(&ctx, pt, ct, 1);
    return eq_hex(ct, "69c4e0d86a7b0430d8cdb78070b4c55a");
}
#endif

#if MOTE_ENABLE_CHACHAPOLY
static int kat_chacha(void) /* RFC 8439 2.5.2: Poly1305 */
{
    uint8_t key[32], tag[16];
    mote_poly1305_ctx p;
    static const char msg[] = "Cryptographic Forum Research Group";
    unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", key);
    mote_poly1305_init(&p, key);
    mote_poly1305_update(&p, (const uint8_t *)msg, sizeof msg - 1);
    mote_poly1305_final(&p, tag);
    return eq_hex(tag, "a8061dc1305136c6c22b8baf0c0127a9");
}
#endif

#if MOTE_ENABLE_X25519
static int kat_x25519(void) /* RFC 7748 5.2, first vector */
{
    uint8_t k[32], u[32], out[32];
    unhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", k);
    unhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", u);
    if (mote_x25519_shared(out, k, u) != MOTE_OK) return 0;
    return eq_hex(out, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
}
#endif

struct kat {
    const char *name;
    int (*run)(void); /* 1 = pass */
};

static const struct kat kats[] = {
    {"sha256", kat_sha256},
    {"hmac-sha256", kat_hmac},
#if MOTE_ENABLE_AES
    {"aes-128", kat_aes},
#endif
#if MOTE_ENABLE_CHACHAPOLY
    {"poly1305", kat_chacha},
#endif
#if MOTE_ENABLE_X25519
    {"x25519", kat_x25519},
#endif
    {NULL, NULL},
};

int mote_cmd_selftest(int argc, char **argv)
{
    int failed = 0, passed = 0;
    const struct kat *k;
    (void)argc, (void)argv;
    for (k = kats; k->name; k++) {
        int ok = k->run();
        printf("selftest: %-12s %s\n", k->name, ok ? "ok" : "FAIL");
        ok ? passed++ : failed++;
    }
    printf("selftest: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
