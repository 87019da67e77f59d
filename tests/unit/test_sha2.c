/* SHA-256, SHA-384, SHA-512: FIPS 180-4 / NIST example messages, every
 * length from 0 to 299 bytes (padding boundaries), streaming in odd chunk
 * sizes, context copies mid-stream, and the run-time descriptors. */
#include <string.h>

#include "mote/hash.h"
#include "test.h"

static const char *const msg_448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char *const msg_896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijkl"
    "mnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

/* The NIST examples for one hash, in the order "abc", "", 448 bits, 896
 * bits, one million 'a'. */
struct kat {
    const mote_hash_desc *h;
    const char *want[5];
};

static const struct kat kats[] = {
    {&mote_sha256_desc,
     {"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"}},
#if MOTE_ENABLE_SHA512
    {&mote_sha384_desc,
     {"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
      "34c825a7",
      "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f1"
      "4898b95b",
      "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1f"
      "e3c8452b",
      "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa"
      "91746039",
      "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd8"
      "7f3d8985"}},
    {&mote_sha512_desc,
     {"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
      "a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2"
      "877eec2f63b931bd47417a81a538327af927da3e",
      "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea"
      "57789ca031ad85c7a71dd70354ec631238ca3445",
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99de"
      "c4b5433ac7d329eeb6dd26545e96e55b874be909",
      "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432c"
      "e577c31beb009c5c2c49aa2e4eadb217ad8cc09b"}},
#endif
};

/* H(H(m[0..0]) || H(m[0..1]) || ... || H(m[0..299])), m[i] = 7i + 3: every
 * length across one and two padding blocks (computed with Python hashlib). */
static const char *const digest_of_digests[] = {
    "7b074096cabb18dd0d1b468a173cb2f97f80e952525bca29542e606fd6d0753a",
#if MOTE_ENABLE_SHA512
    "3349f9e93dc68265966dd4b4eeb7d0a68a152793b87f45699e689686e9c4438a66fff34d4f5a8f701dafeec6c29475"
    "d2",
    "ef606bab51d67f7cb5a90635c7fcde9f432e07fcdf712be07573dfce3f71136c5e01c111214f5e2038133624ee5363"
    "8b903fa4383bcee60d1b5aa63a5aac7c77",
#endif
};

static uint8_t big[1000000];

static void test_kats(const struct kat *k)
{
    const mote_hash_desc *h = k->h;
    uint8_t out[MOTE_HASH_MAX_LEN];
    mote_hash_ctx c;
    size_t i;

    mote_hash(h, "abc", 3, out);
    CHECK_HEX(out, h->out_len, k->want[0]);
    mote_hash(h, NULL, 0, out);
    CHECK_HEX(out, h->out_len, k->want[1]);
    mote_hash(h, msg_448, strlen(msg_448), out);
    CHECK_HEX(out, h->out_len, k->want[2]);
    mote_hash(h, msg_896, strlen(msg_896), out);
    CHECK_HEX(out, h->out_len, k->want[3]);
    memset(big, 'a', sizeof big);
    mote_hash(h, big, sizeof big, out);
    CHECK_HEX(out, h->out_len, k->want[4]);
    /* the million 'a' fed in pieces of 1000 */
    h->init(&c);
    for (i = 0; i < 1000; i++)
        h->update(&c, big, 1000);
    h->final(&c, out);
    CHECK_HEX(out, h->out_len, k->want[4]);
}

static void test_lengths(const mote_hash_desc *h, const char *want)
{
    uint8_t m[300], d[MOTE_HASH_MAX_LEN], out[MOTE_HASH_MAX_LEN];
    mote_hash_ctx acc;
    size_t i;

    for (i = 0; i < sizeof m; i++)
        m[i] = (uint8_t)(7 * i + 3);
    h->init(&acc);
    for (i = 0; i < sizeof m; i++) {
        mote_hash(h, m, i, d);
        h->update(&acc, d, h->out_len);
    }
    h->final(&acc, out);
    CHECK_HEX(out, h->out_len, want);
}

/* Feeding the same bytes in chunks of any size gives the one-shot digest. */
static void test_streaming(const mote_hash_desc *h)
{
    static const size_t chunks[] = {1,  2,  3,   5,   7,   31,  55,  56,  63,
                                    64, 65, 111, 112, 127, 128, 129, 200, 1000};
    uint8_t m[1000], want[MOTE_HASH_MAX_LEN], out[MOTE_HASH_MAX_LEN];
    mote_hash_ctx c;
    size_t i, j, n;

    for (i = 0; i < sizeof m; i++)
        m[i] = (uint8_t)(i * 131 + (i >> 3));
    mote_hash(h, m, sizeof m, want);
    for (i = 0; i < sizeof chunks / sizeof *chunks; i++) {
        h->init(&c);
        for (j = 0; j < sizeof m; j += n) {
            n = chunks[i] < sizeof m - j ? chunks[i] : sizeof m - j;
            h->update(&c, m + j, n);
            h->update(&c, m, 0); /* empty updates change nothing */
        }
        h->final(&c, out);
        CHECK(memcmp(out, want, h->out_len) == 0);
    }
    /* growing chunks 1, 2, 3, ... */
    h->init(&c);
    for (j = 0, n = 1; j < sizeof m; j += n, n++) {
        if (n > sizeof m - j) n = sizeof m - j;
        h->update(&c, m + j, n);
    }
    h->final(&c, out);
    CHECK(memcmp(out, want, h->out_len) == 0);
}

/* Copying a context mid-stream snapshots it: the copy finishes with the
 * prefix's digest, the original carries on (the TLS transcript does this). */
static void test_copy(const mote_hash_desc *h)
{
    static const size_t cuts[] = {0, 1, 55, 64, 100, 128, 129, 250};
    uint8_t m[300], want[MOTE_HASH_MAX_LEN], out[MOTE_HASH_MAX_LEN];
    mote_hash_ctx c, snap;
    size_t i, k;

    for (i = 0; i < sizeof m; i++)
        m[i] = (uint8_t)(i ^ 0x5a);
    for (k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        h->init(&c);
        h->update(&c, m, cuts[k]);
        snap = c;
        h->final(&snap, out);
        mote_hash(h, m, cuts[k], want);
        CHECK(memcmp(out, want, h->out_len) == 0);
        h->update(&c, m + cuts[k], sizeof m - cuts[k]);
        h->final(&c, out);
        mote_hash(h, m, sizeof m, want);
        CHECK(memcmp(out, want, h->out_len) == 0);
    }
}

int main(void)
{
    uint8_t out[MOTE_HASH_MAX_LEN], out2[MOTE_HASH_MAX_LEN];
    mote_sha256_ctx c256;
    size_t i;

    for (i = 0; i < sizeof kats / sizeof *kats; i++) {
        test_kats(&kats[i]);
        test_lengths(kats[i].h, digest_of_digests[i]);
        test_streaming(kats[i].h);
        test_copy(kats[i].h);
    }

    /* descriptors */
    CHECK(mote_sha256_desc.id == MOTE_HASH_SHA256 && mote_sha256_desc.out_len == 32 &&
          mote_sha256_desc.block_len == 64);
    /* the typed API agrees with the descriptors */
    mote_sha256("abc", 3, out);
    CHECK_HEX(out, 32, kats[0].want[0]);
    mote_sha256_init(&c256);
    mote_sha256_update(&c256, "a", 1);
    mote_sha256_update(&c256, "bc", 2);
    mote_sha256_final(&c256, out2);
    CHECK(memcmp(out, out2, 32) == 0);
    /* final wipes the context */
    for (i = 0; i < sizeof c256.buf; i++)
        CHECK(c256.buf[i] == 0);
    CHECK(c256.h[0] == 0 && c256.count == 0);
#if MOTE_ENABLE_SHA512
    {
        mote_sha384_ctx c384;
        mote_sha512_ctx c512;
        CHECK(mote_sha384_desc.id == MOTE_HASH_SHA384 && mote_sha384_desc.out_len == 48 &&
              mote_sha384_desc.block_len == 128);
        CHECK(mote_sha512_desc.id == MOTE_HASH_SHA512 && mote_sha512_desc.out_len == 64 &&
              mote_sha512_desc.block_len == 128);
        mote_sha384(msg_448, strlen(msg_448), out);
        CHECK_HEX(out, 48, kats[1].want[2]);
        mote_sha384_init(&c384);
        mote_sha384_update(&c384, "ab", 2);
        mote_sha384_update(&c384, "c", 1);
        mote_sha384_final(&c384, out);
        CHECK_HEX(out, 48, kats[1].want[0]);
        mote_sha512(msg_896, strlen(msg_896), out);
        CHECK_HEX(out, 64, kats[2].want[3]);
        mote_sha512_init(&c512);
        mote_sha512_update(&c512, "abc", 3);
        mote_sha512_final(&c512, out);
        CHECK_HEX(out, 64, kats[2].want[0]);
        CHECK(c512.h[0] == 0 && c512.count == 0 && c512.buf[0] == 0);
    }
#endif
    return test_done("sha2");
}
