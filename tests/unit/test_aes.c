/* AES-128/256 (FIPS-197), AES-CTR32, AES-GCM (SP 800-38D, the test cases of
 * McGrew and Viega's GCM specification) and AES-CCM (RFC 3610, SP 800-38C
 * appendix C): known answers, in-place operation, rejection of any modified
 * bit with the output wiped, parameter checks, and 5000-byte messages
 * against references computed once with OpenSSL's EVP interface. */
#include <string.h>

#include "crypto/util.h"
#include "mote/aead.h"
#include "mote/hash.h"
#include "test.h"

#if MOTE_ENABLE_AES
static uint8_t buf_a[5200], buf_b[5200], buf_c[5200];

/* Key sizes the build has: 16 bytes, and 32 unless AES-256 is left out
 * (MOTE_ENABLE_AES256; the 32-byte cases are then refused, see
 * test_block). */
#define KEY_SIZES (MOTE_ENABLE_AES256 ? 2u : 1u)

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
    long n = test_unhex(hex, out, max);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

#if MOTE_ENABLE_GCM || MOTE_ENABLE_CCM
static int all_zero(const uint8_t *p, size_t n)
{
    while (n--)
        if (*p++) return 0;
    return 1;
}
#endif

static void test_block(void)
{
    /* FIPS-197 appendix B, C.1 and C.3 */
    static const struct {
        const char *key, *pt, *ct;
    } v[] = {
        {"2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734",
         "3925841d02dc09fbdc118597196a0b32"},
        {"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
         "69c4e0d86a7b0430d8cdb78070b4c55a"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
    };
    mote_aes_ctx ctx;
    uint8_t key[32], pt[16], ct[16 * 9], one[16];
    size_t i, n, b;

    for (i = 0; i < sizeof v / sizeof *v; i++) {
        size_t kl = unhex(v[i].key, key, sizeof key);
        unhex(v[i].pt, pt, sizeof pt);
        if (kl == 32 && !MOTE_ENABLE_AES256) { /* left out: refused, as AES-192 */
            CHECK_EQ_INT(mote_aes_init(&ctx, key, kl), MOTE_ERR_UNSUPPORTED);
            CHECK_EQ_INT(mote_aes_init(&ctx, key, 16), MOTE_OK);
            continue;
        }
        CHECK_EQ_INT(mote_aes_init(&ctx, key, kl), MOTE_OK);
        mote_aes_encrypt_blocks(&ctx, pt, ct, 1);
        CHECK_HEX(ct, 16, v[i].ct);
        memcpy(ct, pt, 16);
        mote_aes_encrypt_blocks(&ctx, ct, ct, 1); /* in place */
        CHECK_HEX(ct, 16, v[i].ct);
    }

    /* 1..9 blocks at once (partial bitsliced passes) equal one at a time */
    for (i = 0; i < sizeof buf_a; i++)
        buf_a[i] = (uint8_t)(i * 7 + 3);
    for (n = 1; n <= 9; n++) {
        mote_aes_encrypt_blocks(&ctx, buf_a, ct, n);
        for (b = 0; b < n; b++) {
            mote_aes_encrypt_blocks(&ctx, buf_a + 16 * b, one, 1);
            CHECK(memcmp(one, ct + 16 * b, 16) == 0);
        }
    }

    CHECK_EQ_INT(mote_aes_init(&ctx, key, 24), MOTE_ERR_UNSUPPORTED);
    CHECK_EQ_INT(mote_aes_init(&ctx, key, 0), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_aes_init(&ctx, key, 17), MOTE_ERR_BAD_INPUT);
}

/* The long-message inputs: key[i] = 7i+1, nonce[i] = 0xa0+i, aad[i] = 3i
 * (33 bytes), pt[i] = 31i+5 (5000 bytes). */
static void long_inputs(uint8_t key[32], uint8_t nonce[13], uint8_t aad[33], uint8_t *pt)
{
    size_t i;
    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(i * 7 + 1);
    for (i = 0; i < 13; i++)
        nonce[i] = (uint8_t)(0xa0 + i);
    for (i = 0; i < 33; i++)
        aad[i] = (uint8_t)(i * 3);
    for (i = 0; i < 5000; i++)
        pt[i] = (uint8_t)(i * 31 + 5);
}

static void test_ctr(void)
{
    /* References: SHA-256 of the 5000-byte output of AES-CTR with a 32-bit
     * counter from nonce[0..12) || fffffffe (so it wraps to 00000000 without
     * carrying into byte 11), computed with OpenSSL's EVP AES-ECB on
     * explicit counter blocks. */
    static const char *const want[2] = {
        "da771d96b8a54399a8f193ce3430779b25207178a34bb7f7a6c6ccf2f5333606",
        "6a7e6e9ba20265096f3ed9dd989920878dc2681426051f4f6745d4d4b8476116"};
    uint8_t key[32], nonce[13], aad[33], ctr[16], h[32];
    mote_aes_ctx ctx;
    size_t k, split;

    long_inputs(key, nonce, aad, buf_a);
    for (k = 0; k < KEY_SIZES; k++) {
        CHECK_EQ_INT(mote_aes_init(&ctx, key, 16 + 16 * k), MOTE_OK);
        memcpy(ctr, nonce, 12);
        memset(ctr + 12, 0xff, 3);
        ctr[15] = 0xfe;
        mote_aes_ctr32(&ctx, ctr, buf_a, buf_b, 5000);
        mote_sha256(buf_b, 5000, h);
        CHECK_HEX(h, 32, want[k]);
        /* the counter advanced by ceil(5000 / 16) = 313 blocks: fffffffe + 313 */
        CHECK_HEX(ctr + 12, 4, "00000137");
        CHECK(memcmp(ctr, nonce, 12) == 0);
        /* the same stream in pieces, in place */
        memcpy(buf_c, buf_a, 5000);
        memcpy(ctr, nonce, 12);
        memset(ctr + 12, 0xff, 3);
        ctr[15] = 0xfe;
        for (split = 0; split < 5000;) {
            size_t n = 16 * (1 + split % 7);
            if (n > 5000 - split) n = 5000 - split;
            mote_aes_ctr32(&ctx, ctr, buf_c + split, buf_c + split, n);
            split += n;
        }
        CHECK(memcmp(buf_c, buf_b, 5000) == 0);
    }
}

/* CTR against ECB of explicit counter blocks, from counters whose last
 * byte starts runs that end exactly on, just before and just after a
 * carry into byte 14 (the round-1 cache must be rebuilt there). */
static void test_ctr_carry(void)
{
    static const uint8_t starts[] = {0x00, 0x01, 0x08, 0x7f, 0x80, 0xf0, 0xf8, 0xfe, 0xff};
    uint8_t key[32], ctr[16], blk[16];
    mote_aes_ctx ctx;
    size_t s, b, n = 4500;

    for (b = 0; b < sizeof key; b++)
        key[b] = (uint8_t)(b * 11 + 5);
    for (b = 0; b < n; b++)
        buf_a[b] = (uint8_t)(b * 3 + 1);
    CHECK_EQ_INT(mote_aes_init(&ctx, key, 16), MOTE_OK);
    for (s = 0; s < sizeof starts; s++) {
        memset(ctr, 0x5c, 12);
        mote_store_be32(ctr + 12, 0x00aa0000u | starts[s]);
        mote_aes_ctr32(&ctx, ctr, buf_a, buf_b, n);
        for (b = 0; b < n; b += 16) {
            size_t i, m = n - b < 16 ? n - b : 16;
            memset(blk, 0x5c, 12);
            mote_store_be32(blk + 12, (uint32_t)(0x00aa0000u | starts[s]) + (uint32_t)(b / 16));
            mote_aes_encrypt_blocks(&ctx, blk, blk, 1);
            for (i = 0; i < m; i++)
                blk[i] ^= buf_a[b + i];
            if (memcmp(blk, buf_b + b, m) != 0) break;
        }
        CHECK(b >= n);
    }
}

#if MOTE_ENABLE_GCM
static void gcm_case(const char *key, const char *iv, const char *aad, const char *pt,
                     const char *ct, const char *tag)
{
    static mote_gcm_ctx ctx;
    uint8_t k[32], n[12], a[32], p[64], c[64], t[16], out[64], ot[16];
    size_t kl = unhex(key, k, sizeof k), al = unhex(aad, a, sizeof a);
    size_t pl = unhex(pt, p, sizeof p);
    size_t tl;

    unhex(iv, n, sizeof n);
    unhex(ct, c, sizeof c);
    unhex(tag, t, sizeof t);
    CHECK_EQ_INT(mote_gcm_init(&ctx, k, kl), MOTE_OK);
    mote_gcm_seal(&ctx, n, a, al, p, pl, out, ot);
    CHECK_HEX(out, pl, ct);
    CHECK_HEX(ot, 16, tag);
    memset(out, 0xee, sizeof out);
    CHECK_EQ_INT(mote_gcm_open(&ctx, n, a, al, c, pl, out, t, 16), MOTE_OK);
    CHECK(memcmp(out, p, pl) == 0);
    /* truncated tags */
    for (tl = 4; tl < 16; tl += 4)
        CHECK_EQ_INT(mote_gcm_open(&ctx, n, a, al, c, pl, out, t, tl), MOTE_OK);
    CHECK_EQ_INT(mote_gcm_open(&ctx, n, a, al, c, pl, out, t, 3), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_gcm_open(&ctx, n, a, al, c, pl, out, t, 17), MOTE_ERR_BAD_INPUT);
    t[15] ^= 0x80;
    CHECK_EQ_INT(mote_gcm_open(&ctx, n, a, al, c, pl, out, t, 16), MOTE_ERR_AUTH);
    CHECK(all_zero(out, pl));
    /* a truncated tag does not look at the bytes past tag_len */
    CHECK_EQ_INT(mote_gcm_open(&ctx, n, a, al, c, pl, out, t, 12), MOTE_OK);
}

static void test_gcm_kat(void)
{
    static const char p3[] = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                             "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    static const char p4[] = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                             "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    static const char a4[] = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    static const char k3[] = "feffe9928665731c6d6a8f9467308308";
    static const char k15[] = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    static const char z12[] = "000000000000000000000000",
                      z16[] = "00000000000000000000000000000000";
    static const char z32[] = "0000000000000000000000000000000000000000000000000000000000000000";
    static const char iv3[] = "cafebabefacedbaddecaf888";

    /* test cases 1-4 (AES-128) and 13-16 (AES-256) */
    gcm_case(z16, z12, "", "", "", "58e2fccefa7e3061367f1d57a4e7455a");
    gcm_case(z16, z12, "", z16, "0388dace60b6a392f328c2b971b2fe78",
             "ab6e47d42cec13bdf53a67b21257bddf");
    gcm_case(k3, iv3, "", p3,
             "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
             "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
             "4d5c2af327cd64a62cf35abd2ba6fab4");
    gcm_case(k3, iv3, a4, p4,
             "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
             "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
             "5bc94fbc3221a5db94fae95ae7121a47");
    if (!MOTE_ENABLE_AES256) { /* a 32-byte key is refused */
        static mote_gcm_ctx ctx;
        static mote_gcm_ckey ck;
        uint8_t k[32] = {0};
        CHECK_EQ_INT(mote_gcm_init(&ctx, k, 32), MOTE_ERR_UNSUPPORTED);
        CHECK_EQ_INT(mote_gcm_ckey_init(&ck, k, 32), MOTE_ERR_UNSUPPORTED);
        return;
    }
    gcm_case(z32, z12, "", "", "", "530f8afbc74536b9a963b4f1c4cb738b");
    gcm_case(z32, z12, "", z16, "cea7403d4d606b6e074ec5d3baf39d18",
             "d0d1c8a799996bf0265b98b5d48ab919");
    gcm_case(k15, iv3, "", p3,
             "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
             "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
             "b094dac5d93471bdec1a502270e3cc6c");
    gcm_case(k15, iv3, a4, p4,
             "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
             "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
             "76fc6ece0f4e1768cddf8853bb2d551b");
}

static void test_gcm_long(void)
{
    /* References: SHA-256 of ciphertext || tag for the 5000-byte message,
     * 33-byte aad (long_inputs), computed with OpenSSL's EVP AES-GCM. */
    static const char *const want[2] = {
        "4b52be33f23f3316f0e60665900a9b41c3b2eb9525b12babf63ae34f31fa0999",
        "10dce772517c759dfb9a4d339e274b6843b25a425a33e3b7f39b83ea6fdcb352"};
    static mote_gcm_ctx ctx;
    static mote_gcm_ckey ck;
    uint8_t key[32], nonce[13], aad[33], tag[16], h[32];
    size_t k, i, lens[] = {0, 1, 15, 16, 17, 47, 48, 49, 63, 64, 65, 129, 1000, 5000};

    long_inputs(key, nonce, aad, buf_a);
    for (k = 0; k < KEY_SIZES; k++) {
        CHECK_EQ_INT(mote_gcm_init(&ctx, key, 16 + 16 * k), MOTE_OK);
        CHECK_EQ_INT(mote_gcm_ckey_init(&ck, key, 16 + 16 * k), MOTE_OK);
        mote_gcm_seal(&ctx, nonce, aad, 33, buf_a, 5000, buf_b, tag);
        memcpy(buf_b + 5000, tag, 16);
        mote_sha256(buf_b, 5016, h);
        CHECK_HEX(h, 32, want[k]);
        for (i = 0; i < sizeof lens / sizeof *lens; i++) {
            size_t n = lens[i], bit;
            /* in place equals out of place, and decrypts back */
            mote_gcm_seal(&ctx, nonce, aad, 33, buf_a, n, buf_b, tag);
            memcpy(buf_c, buf_a, n);
            mote_gcm_seal(&ctx, nonce, aad, 33, buf_c, n, buf_c, h);
            CHECK(memcmp(buf_b, buf_c, n) == 0 && memcmp(tag, h, 16) == 0);
            CHECK_EQ_INT(mote_gcm_open(&ctx, nonce, aad, 33, buf_c, n, buf_c, tag, 16), MOTE_OK);
            CHECK(memcmp(buf_c, buf_a, n) == 0);
            /* one flipped bit anywhere in ciphertext, aad or tag: rejected, wiped */
            for (bit = 0; bit < 3; bit++) {
                uint8_t *p = bit == 0 ? buf_b : bit == 1 ? aad : tag;
                size_t at = bit == 0 ? (n ? (n * 5) / 7 : 0) : bit == 1 ? 32 : 9;
                if (bit == 0 && n == 0) continue;
                p[at] ^= 0x10;
                memset(buf_c, 0x5a, n);
                CHECK_EQ_INT(mote_gcm_open(&ctx, nonce, aad, 33, buf_b, n, buf_c, tag, 16),
                             MOTE_ERR_AUTH);
                CHECK(all_zero(buf_c, n));
                p[at] ^= 0x10;
            }
            /* a wrong nonce too */
            nonce[0] ^= 1;
            CHECK_EQ_INT(mote_gcm_open(&ctx, nonce, aad, 33, buf_b, n, buf_c, tag, 16),
                         MOTE_ERR_AUTH);
            nonce[0] ^= 1;
            /* the compact key (TLS records): the same ciphertext and tag, in
             * place; opens in place; a flipped bit is refused and wiped */
            memcpy(buf_c, buf_a, n);
            mote_gcm_ckey_seal(&ck, nonce, aad, 33, buf_c, n, buf_c, h);
            CHECK(memcmp(buf_b, buf_c, n) == 0 && memcmp(tag, h, 16) == 0);
            CHECK_EQ_INT(mote_gcm_ckey_open(&ck, nonce, aad, 33, buf_c, n, buf_c, tag, 16),
                         MOTE_OK);
            CHECK(memcmp(buf_c, buf_a, n) == 0);
            tag[n % 16] ^= 0x80;
            memcpy(buf_c, buf_b, n);
            CHECK_EQ_INT(mote_gcm_ckey_open(&ck, nonce, aad, 33, buf_c, n, buf_c, tag, 16),
                         MOTE_ERR_AUTH);
            CHECK(all_zero(buf_c, n));
            tag[n % 16] ^= 0x80;
        }
    }
}
#endif

#if MOTE_ENABLE_CCM
static void ccm_case(const char *key, const char *nonce, const char *aad, const char *pt,
                     const char *ct_tag)
{
    mote_aes_ctx ctx;
    uint8_t k[16], n[13], a[32], p[32], c[48], out[32], t[16];
    size_t nl = unhex(nonce, n, sizeof n), al = unhex(aad, a, sizeof a);
    size_t pl = unhex(pt, p, sizeof p), cl = unhex(ct_tag, c, sizeof c), tl = cl - pl;

    unhex(key, k, sizeof k);
    CHECK_EQ_INT(mote_aes_init(&ctx, k, 16), MOTE_OK);
    CHECK_EQ_INT(mote_ccm_seal(&ctx, n, nl, a, al, p, pl, out, t, tl), MOTE_OK);
    CHECK(memcmp(out, c, pl) == 0);
    CHECK(memcmp(t, c + pl, tl) == 0);
    memset(out, 0xee, sizeof out);
    CHECK_EQ_INT(mote_ccm_open(&ctx, n, nl, a, al, c, pl, out, c + pl, tl), MOTE_OK);
    CHECK(memcmp(out, p, pl) == 0);
    c[pl + tl - 1] ^= 1;
    CHECK_EQ_INT(mote_ccm_open(&ctx, n, nl, a, al, c, pl, out, c + pl, tl), MOTE_ERR_AUTH);
    CHECK(all_zero(out, pl));
}

static void test_ccm(void)
{
    /* References: SHA-256 of ciphertext || 16-byte tag for the 5000-byte
     * message, 12-byte nonce, 33-byte aad (long_inputs), computed with
     * OpenSSL's EVP AES-CCM. */
    static const char *const want[2] = {
        "47c4d55dd7b3fd23d251eaebc5aab5528d2f6feab07065314115c2cb22191001",
        "901068e8ed5dda73be0f25178ecc377a42de013645051151f69c731983b85f8f"};
    mote_aes_ctx ctx;
    uint8_t key[32], nonce[13], aad[33], tag[16], t2[16], h[32];
    size_t k, nl, tl;

    /* RFC 3610 packet vector #1 */
    ccm_case("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
             "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
             "588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0");
    /* SP 800-38C appendix C, examples 1-3 */
    ccm_case("404142434445464748494a4b4c4d4e4f", "10111213141516", "0001020304050607", "20212223",
             "7162015b4dac255d");
    ccm_case("404142434445464748494a4b4c4d4e4f", "1011121314151617",
             "000102030405060708090a0b0c0d0e0f", "202122232425262728292a2b2c2d2e2f",
             "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd");
    ccm_case("404142434445464748494a4b4c4d4e4f", "101112131415161718191a1b",
             "000102030405060708090a0b0c0d0e0f10111213",
             "202122232425262728292a2b2c2d2e2f3031323334353637",
             "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951");

    long_inputs(key, nonce, aad, buf_a);
    for (k = 0; k < KEY_SIZES; k++) {
        CHECK_EQ_INT(mote_aes_init(&ctx, key, 16 + 16 * k), MOTE_OK);
        CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 12, aad, 33, buf_a, 5000, buf_b, tag, 16), MOTE_OK);
        memcpy(buf_b + 5000, tag, 16);
        mote_sha256(buf_b, 5016, h);
        CHECK_HEX(h, 32, want[k]);
        /* in place */
        memcpy(buf_c, buf_a, 5000);
        CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 12, aad, 33, buf_c, 5000, buf_c, t2, 16), MOTE_OK);
        CHECK(memcmp(buf_c, buf_b, 5000) == 0 && memcmp(t2, tag, 16) == 0);
        CHECK_EQ_INT(mote_ccm_open(&ctx, nonce, 12, aad, 33, buf_c, 5000, buf_c, tag, 16), MOTE_OK);
        CHECK(memcmp(buf_c, buf_a, 5000) == 0);
        /* flipped bits in ciphertext, aad, tag */
        buf_b[4321] ^= 4;
        CHECK_EQ_INT(mote_ccm_open(&ctx, nonce, 12, aad, 33, buf_b, 5000, buf_c, tag, 16),
                     MOTE_ERR_AUTH);
        CHECK(all_zero(buf_c, 5000));
        buf_b[4321] ^= 4;
        aad[0] ^= 1;
        CHECK_EQ_INT(mote_ccm_open(&ctx, nonce, 12, aad, 33, buf_b, 5000, buf_c, tag, 16),
                     MOTE_ERR_AUTH);
        aad[0] ^= 1;
        tag[15] ^= 1;
        CHECK_EQ_INT(mote_ccm_open(&ctx, nonce, 12, aad, 33, buf_b, 5000, buf_c, tag, 16),
                     MOTE_ERR_AUTH);
        tag[15] ^= 1;
        {
            /* the compact-key pair: the same output, the same refusals */
            mote_aes_ckey ck;
            CHECK_EQ_INT(mote_aes_ckey_init(&ck, key, 16 + 16 * k), MOTE_OK);
            CHECK_EQ_INT(mote_ccm_ckey_seal(&ck, nonce, 12, aad, 33, buf_a, 5000, buf_c, t2, 16),
                         MOTE_OK);
            CHECK(memcmp(buf_c, buf_b, 5000) == 0 && memcmp(t2, tag, 16) == 0);
            CHECK_EQ_INT(mote_ccm_ckey_open(&ck, nonce, 12, aad, 33, buf_b, 5000, buf_c, tag, 16),
                         MOTE_OK);
            CHECK(memcmp(buf_c, buf_a, 5000) == 0);
            t2[0] ^= 1;
            CHECK_EQ_INT(mote_ccm_ckey_open(&ck, nonce, 12, aad, 33, buf_b, 5000, buf_c, t2, 16),
                         MOTE_ERR_AUTH);
            CHECK(all_zero(buf_c, 5000));
            CHECK_EQ_INT(mote_ccm_ckey_seal(&ck, nonce, 6, aad, 0, buf_a, 16, buf_c, t2, 16),
                         MOTE_ERR_BAD_INPUT);
        }
        /* every nonce and tag length round-trips; the others are refused */
        for (nl = 7; nl <= 13; nl++)
            for (tl = 4; tl <= 16; tl += 2) {
                size_t n = nl == 13 ? 700 : 1500;
                CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, nl, aad, 5, buf_a, n, buf_b, tag, tl),
                             MOTE_OK);
                CHECK_EQ_INT(mote_ccm_open(&ctx, nonce, nl, aad, 5, buf_b, n, buf_c, tag, tl),
                             MOTE_OK);
                CHECK(memcmp(buf_c, buf_a, n) == 0);
            }
    }
    CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 6, aad, 0, buf_a, 16, buf_b, tag, 16),
                 MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 14, aad, 0, buf_a, 16, buf_b, tag, 16),
                 MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 12, aad, 0, buf_a, 16, buf_b, tag, 5),
                 MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 12, aad, 0, buf_a, 16, buf_b, tag, 18),
                 MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ccm_open(&ctx, nonce, 12, aad, 0, buf_a, 16, buf_b, tag, 2),
                 MOTE_ERR_BAD_INPUT);
    /* a 13-byte nonce leaves a 2-byte length: at most 65535 bytes */
    CHECK_EQ_INT(mote_ccm_seal(&ctx, nonce, 13, aad, 0, buf_a, 65536, buf_b, tag, 16),
                 MOTE_ERR_BAD_INPUT);
}
#endif
#endif

int main(void)
{
#if MOTE_ENABLE_AES
    test_block();
    test_ctr();
    test_ctr_carry();
#if MOTE_ENABLE_GCM
    test_gcm_kat();
    test_gcm_long();
#endif
#if MOTE_ENABLE_CCM
    test_ccm();
#endif
#endif
    return test_done("test_aes");
}
