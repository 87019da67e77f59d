/* SHA-1 and HMAC-SHA1: the FIPS 180-4 / RFC 3174 examples (incl. one
 * million 'a'), every length 0..299 (padding boundaries) chained into one
 * digest computed with Python's hashlib, streaming in odd chunks, and the
 * seven RFC 2202 HMAC-SHA1 test cases through the generic HMAC code. */
#include <string.h>

#include "mote/hash.h"
#include "mote/mac.h"
#include "test.h"

#if MOTE_ENABLE_SHA1
static const char *const msg_896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijkl"
    "mnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static void sha1_kats(void)
{
    const char *const msgs[4] = {
        "abc", "", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", msg_896};
    static const char *const want[4] = {
        "a9993e364706816aba3e25717850c26c9cd0d89d", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "a49b2446a02c645bf419f995b67091253a04a259"};
    uint8_t out[MOTE_SHA1_LEN], a[1000];
    mote_sha1_ctx c;
    unsigned i;

    for (i = 0; i < 4; i++) {
        mote_sha1(msgs[i], strlen(msgs[i]), out);
        CHECK_HEX(out, 20, want[i]);
        mote_hash(&mote_sha1_desc, msgs[i], strlen(msgs[i]), out);
        CHECK_HEX(out, 20, want[i]);
    }
    memset(a, 'a', sizeof a);
    mote_sha1_init(&c);
    for (i = 0; i < 1000; i++)
        mote_sha1_update(&c, a, sizeof a);
    mote_sha1_final(&c, out);
    CHECK_HEX(out, 20, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    CHECK(mote_sha1_desc.out_len == 20 && mote_sha1_desc.block_len == 64);
    CHECK(mote_sha1_desc.id == MOTE_HASH_SHA1);
}

/* SHA-1 of every message m_n (n = 0..299, m_n[i] = 7i + n mod 256), each
 * digest also computed in chunks of 1..13 bytes, the digests hashed. */
static void sha1_lengths(void)
{
    uint8_t m[300], d[MOTE_SHA1_LEN], d2[MOTE_SHA1_LEN];
    mote_sha1_ctx acc, c;
    size_t n, i, step;

    mote_sha1_init(&acc);
    for (n = 0; n < 300; n++) {
        for (i = 0; i < n; i++)
            m[i] = (uint8_t)(i * 7 + n);
        mote_sha1(m, n, d);
        step = 1 + n % 13;
        mote_sha1_init(&c);
        mote_sha1_update(&c, NULL, 0);
        for (i = 0; i < n; i += step)
            mote_sha1_update(&c, m + i, n - i < step ? n - i : step);
        mote_sha1_final(&c, d2);
        CHECK(memcmp(d, d2, 20) == 0);
        mote_sha1_update(&acc, d, 20);
    }
    mote_sha1_final(&acc, d);
    CHECK_HEX(d, 20, "dfc942b5ddc5fe6421ccada9be50fa42e873926c");
}

static void hmac_sha1_rfc2202(void)
{
    static const char *const want[7] = {
        "b617318655057264e28bc0b6fb378c8ef146be00", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        "125d7342b9ac11cd91a39af48aa17b4f63f175d3", "4c9007f4026250c6bc8414f9bf50c86c2d7235da",
        "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04", "aa4ae5e15272d00e95705637ce8a3b55ed402112",
        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"};
    static const char *const l6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    static const char *const l7 =
        "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
    uint8_t key[80], data[80], out[MOTE_SHA1_LEN];
    unsigned i;

    memset(key, 0x0b, 20);
    mote_hmac(&mote_sha1_desc, key, 20, "Hi There", 8, out);
    CHECK_HEX(out, 20, want[0]);
    mote_hmac(&mote_sha1_desc, "Jefe", 4, "what do ya want for nothing?", 28, out);
    CHECK_HEX(out, 20, want[1]);
    memset(key, 0xaa, 20);
    memset(data, 0xdd, 50);
    mote_hmac(&mote_sha1_desc, key, 20, data, 50, out);
    CHECK_HEX(out, 20, want[2]);
    for (i = 0; i < 25; i++)
        key[i] = (uint8_t)(i + 1);
    memset(data, 0xcd, 50);
    mote_hmac(&mote_sha1_desc, key, 25, data, 50, out);
    CHECK_HEX(out, 20, want[3]);
    memset(key, 0x0c, 20);
    mote_hmac(&mote_sha1_desc, key, 20, "Test With Truncation", 20, out);
    CHECK_HEX(out, 20, want[4]);
    memset(key, 0xaa, 80);
    mote_hmac(&mote_sha1_desc, key, 80, l6, strlen(l6), out);
    CHECK_HEX(out, 20, want[5]);
    mote_hmac(&mote_sha1_desc, key, 80, l7, strlen(l7), out);
    CHECK_HEX(out, 20, want[6]);
}
#endif

int main(void)
{
#if MOTE_ENABLE_SHA1
    sha1_kats();
    sha1_lengths();
    hmac_sha1_rfc2202();
#endif
    return test_done("sha1");
}
