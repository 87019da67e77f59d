/* HMAC-DRBG (SHA-256): NIST CAVP known answers (HMAC_DRBG.rsp, SHA-256,
 * no prediction resistance, 1024-bit outputs: instantiate, [reseed],
 * generate, generate, compare the second), platform seeding, and the
 * failure paths: a failed entropy source, short seeds, the reseed limit. */
#include <string.h>

#include "mote/rng.h"
#include "test.h"

static uint8_t entropy[64], pers[32], reseed[32];

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
    long n = test_unhex(hex, out, max);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* entropy || nonce as one seed */
static void cavp(const char *e, const char *n, const char *p, const char *r, const char *want)
{
    mote_drbg_ctx d;
    uint8_t seed[48], out[128];
    size_t pl = unhex(p, pers, sizeof pers), rl = unhex(r, reseed, sizeof reseed);

    CHECK_EQ_INT(unhex(e, seed, 32), 32);
    CHECK_EQ_INT(unhex(n, seed + 32, 16), 16);
    CHECK_EQ_INT(mote_drbg_seed(&d, seed, sizeof seed, pl ? pers : NULL, pl), MOTE_OK);
    if (rl) CHECK_EQ_INT(mote_drbg_reseed(&d, reseed, rl, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_OK);
    CHECK_HEX(out, sizeof out, want);
}

static int calls;
static int failing_entropy(void *arg, uint8_t *buf, size_t len)
{
    (void)arg;
    calls++;
    memset(buf, 0, len);
    return -1;
}

static int counting_entropy(void *arg, uint8_t *buf, size_t len)
{
    size_t i;
    calls++;
    for (i = 0; i < len; i++)
        buf[i] = (uint8_t)(i + *(int *)arg);
    return 0;
}

static int all_equal(const uint8_t *p, size_t n, uint8_t v)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

int main(void)
{
    static uint8_t big[65536 + 100], big2[65536 + 100];
    mote_drbg_ctx d, d2;
    uint8_t out[64], out2[64];
    int arg = 7;

    /* [SHA-256] [PredictionResistance = False] [EntropyInputLen = 256]
     * [NonceLen = 128] [PersonalizationStringLen = 0] [AdditionalInputLen = 0]
     * COUNT = 0 (no reseed) */
    cavp("ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488",
         "659ba96c601dc69fc902940805ec0ca8", "", "",
         "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89d54fbb978a15b5c443c9ec21"
         "036d2460b6f73ebad0dc2aba6e624abf07745bc107694bb7547bb0995f70de25d6b29e2d3011bb19d27676c0"
         "7162c8b5ccde0668961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8");
    /* [PersonalizationStringLen = 256], COUNT = 0 (no reseed) */
    cavp("5cacc68165a2e2ee20812f35ec73a79dbf30fd475476ac0c44fc6174cdac2b55",
         "6f885496c1e63af620becd9e71ecb824",
         "e72dd8590d4ed5295515c35ed6199e9d211b8f069b3058caa6670b96ef1208d0", "",
         "f1012cf543f94533df27fedfbf58e5b79a3dc517a9c402bdbfc9a0c0f721f9d53faf4aafdc4b8f7a1b580fca"
         "a52338d4bd95f58966a243cdcd3f446ed4bc546d9f607b190dd69954450d16cd0e2d6437067d8b44d19a6af7"
         "a7cfa8794e5fbd728e8fb2f2e8db5dd4ff1aa275f35886098e80ff844886060da8b1e7137846b23b");
    /* with a reseed (EntropyInputReseed, no additional input): the vector at
     * line 5064 of HMAC_DRBG.rsp */
    cavp("06032cd5eed33f39265f49ecb142c511da9aff2af71203bffaf34a9ca5bd9c0d",
         "0e66f71edc43e42a45ad3c6fc6cdc4df", "",
         "01920a4e669ed3a85ae8a33b35a74ad7fb2a6bb4cf395ce00334a9c9a5a5d552",
         "76fc79fe9b50beccc991a11b5635783a83536add03c157fb30645e611c2898bb2b1bc215000209208cd506cb"
         "28da2a51bdb03826aaf2bd2335d576d519160842e7158ad0949d1a9ec3e66ea1b1a064b005de914eac2e9d4f"
         "2d72a8616a80225422918250ff66a41bd2f864a6a38cc5b6499dc43f7f2bd09e1e0f8f5885935124");

    /* seeding from the platform (NULL = mote_platform_entropy) */
    CHECK_EQ_INT(mote_platform_entropy(NULL, entropy, sizeof entropy), 0);
    CHECK(!all_equal(entropy, sizeof entropy, 0));
    CHECK_EQ_INT(mote_drbg_init(&d, NULL, NULL, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out2, sizeof out2), MOTE_OK);
    CHECK(memcmp(out, out2, sizeof out) != 0);
    CHECK(!all_equal(out, sizeof out, 0));
    CHECK_EQ_INT(mote_drbg_init(&d2, mote_platform_entropy, NULL, (const uint8_t *)"p", 1),
                 MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, out2, sizeof out2), MOTE_OK);
    CHECK(memcmp(out, out2, sizeof out) != 0);

    /* a caller's entropy function: 48 bytes asked once; same seed, same output */
    calls = 0;
    CHECK_EQ_INT(mote_drbg_init(&d, counting_entropy, &arg, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(calls, 1);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_OK);
    {
        uint8_t seed[48];
        counting_entropy(&arg, seed, sizeof seed);
        CHECK_EQ_INT(mote_drbg_seed(&d2, seed, sizeof seed, NULL, 0), MOTE_OK);
        CHECK_EQ_INT(mote_drbg_generate(&d2, out2, sizeof out2), MOTE_OK);
        CHECK(memcmp(out, out2, sizeof out) == 0);
    }

    /* a failing entropy source: MOTE_ERR_ENTROPY, and the context stays
     * unusable (generate fails and writes nothing) even if it was seeded */
    calls = 0;
    CHECK_EQ_INT(mote_drbg_init(&d, failing_entropy, NULL, NULL, 0), MOTE_ERR_ENTROPY);
    CHECK_EQ_INT(calls, 1);
    memset(out, 0xA5, sizeof out);
    CHECK(mote_drbg_generate(&d, out, sizeof out) < 0);
    CHECK(all_equal(out, sizeof out, 0xA5));
    CHECK(mote_drbg_generate(&d, out, 1) < 0);
    CHECK(mote_drbg_reseed(&d, entropy, 32, NULL, 0) < 0); /* no resurrection by reseed */
    CHECK(mote_drbg_generate(&d, out, sizeof out) < 0);

    /* a zeroed (never seeded) context is unusable too */
    memset(&d, 0, sizeof d);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_ERR_RNG_RESEED);

    /* seeds and reseeds of under 256 bits are refused */
    CHECK_EQ_INT(mote_drbg_seed(&d, entropy, 31, NULL, 0), MOTE_ERR_BAD_INPUT);
    CHECK(mote_drbg_generate(&d, out, sizeof out) < 0);
    CHECK_EQ_INT(mote_drbg_seed(&d, entropy, 32, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_reseed(&d, entropy, 31, NULL, 0), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_OK);
    /* reseed with additional input changes the stream */
    d2 = d;
    CHECK_EQ_INT(mote_drbg_reseed(&d, entropy, 32, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_reseed(&d2, entropy, 32, (const uint8_t *)"add", 3), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, sizeof out), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, out2, sizeof out2), MOTE_OK);
    CHECK(memcmp(out, out2, sizeof out) != 0);

    /* requests are split at 64 KiB: one call of 65536 + 100 bytes equals a
     * call of 65536 then a call of 100 */
    CHECK_EQ_INT(mote_drbg_seed(&d, entropy, 48, NULL, 0), MOTE_OK);
    d2 = d;
    CHECK_EQ_INT(mote_drbg_generate(&d, big, sizeof big), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, big2, 65536), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, big2 + 65536, 100), MOTE_OK);
    CHECK(memcmp(big, big2, sizeof big) == 0);
    CHECK_EQ_INT(d.reseed_counter, 3);
    /* ... but 100 bytes in two calls differ from one call (a new request
     * updates the state) */
    d2 = d;
    CHECK_EQ_INT(mote_drbg_generate(&d, out, 64), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, out2, 32), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, out2 + 32, 32), MOTE_OK);
    CHECK(memcmp(out, out2, 32) == 0 && memcmp(out + 32, out2 + 32, 32) != 0);

    /* the reseed limit: after 2^32 - 1 requests generate refuses, whole
     * requests only, until a reseed */
    d.reseed_counter = 0xFFFFFFFEu; /* two requests left */
    d2 = d;
    memset(big, 0xA5, sizeof big);
    CHECK_EQ_INT(mote_drbg_generate(&d2, big, 2 * 65536 + 1), MOTE_ERR_RNG_RESEED);
    CHECK(all_equal(big, sizeof big, 0xA5));
    CHECK_EQ_INT(mote_drbg_generate(&d, out, 1), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, 1), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, 1), MOTE_ERR_RNG_RESEED);
    CHECK_EQ_INT(mote_drbg_reseed(&d, entropy, 32, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d, out, 1), MOTE_OK);
    CHECK_EQ_INT(mote_drbg_generate(&d2, out, 0), MOTE_OK);

    /* wipe leaves nothing usable */
    mote_drbg_wipe(&d);
    CHECK(all_equal((const uint8_t *)&d, sizeof d, 0));
    CHECK(mote_drbg_generate(&d, out, sizeof out) < 0);
    return test_done("drbg");
}
