/* The TLS 1.3 key schedule and record protection against RFC 8448 §3
 * ("Simple 1-RTT Handshake"): every secret from the (EC)DHE shared secret
 * to the application traffic secrets, both Finished values, and the client
 * Finished record byte for byte (then opened again, and tampered). */
#include <string.h>

#include "mote/hash.h"
#include "mote/mac.h"
#include "test.h"
#include "tls/keysched.h"

static const char *CH =
    "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302"
    "010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103"
    "010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529a"
    "af2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d"
    "00020101001c00024001";
static const char *SH =
    "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e0033"
    "0024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";
static const char *EE = "080000240022000a00140012001d00170018001901000101010201030104001c0002400100"
                        "000000";
static const char *CERT =
    "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c"
    "300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e"
    "310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb49"
    "8f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19e"
    "aa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c"
    "8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603"
    "551d1304023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b927"
    "6b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a"
    "03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b"
    "84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de10000";
static const char *CV =
    "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78"
    "e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac0276714"
    "59e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3";
static const char *SFIN =
    "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";

static const char *SHARED = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";
static const char *HELLO_HASH = "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8";
static const char *HS_SECRET = "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac";
static const char *C_HS = "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";
static const char *S_HS = "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";
static const char *SFIN_HASH = "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13";
static const char *CFIN_VERIFY = "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61";
static const char *C_AP = "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5";
static const char *S_AP = "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643";
static const char *CFIN_RECORD = "1703030035"
                                 "75ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f8"
                                 "0338ac98fc46deb384bd1caeacab6867d726c40546";

static void absorb(mote_sha256_ctx *t, const char *hex)
{
    uint8_t buf[1024];
    long n = test_unhex(hex, buf, sizeof buf);
    CHECK(n > 0);
    mote_sha256_update(t, buf, (size_t)n);
}

static void snapshot(const mote_sha256_ctx *t, uint8_t out[32])
{
    mote_sha256_ctx copy = *t;
    mote_sha256_final(&copy, out);
}

/* HKDF-Expand-Label (tls13_kdf.c expands on its own, not through
 * hkdf.c): against mote_hkdf_expand over the HkdfLabel built here, with
 * out apart from and equal to the secret buffer; more than one block is
 * refused with nothing written; and a KeyUpdate's in-place secret against
 * Expand-Label into another buffer. */
static void test_expand_label_blocks(const mote_hash_desc *h, const uint8_t *secret)
{
    static const size_t lens[] = {0, 1, 12, 31, 32, 33, 48, 49, 64, 96, 97, 130, 200};
    uint8_t info[2 + 1 + 11 + 1 + 3], want[200], got[200], inplace[200];
    size_t i, hl = h->out_len;
    for (i = 0; i < sizeof lens / sizeof *lens; i++) {
        size_t L = lens[i];
        info[0] = (uint8_t)(L >> 8), info[1] = (uint8_t)L, info[2] = 11;
        memcpy(info + 3, "tls13 multi", 11);
        info[14] = 3;
        memcpy(info + 15, "ctx", 3);
        CHECK(mote_hkdf_expand(h, secret, hl, info, sizeof info, want, L) == MOTE_OK);
        memset(got, 0xAA, sizeof got);
        memcpy(inplace, secret, hl);
        if (L > hl) { /* one block at most: refused, nothing written */
            CHECK(mote_tls13_expand_label(h, secret, "multi", "ctx", 3, got, L) ==
                  MOTE_ERR_BAD_INPUT);
            CHECK(got[0] == 0xAA && got[L - 1] == 0xAA);
            CHECK(mote_tls13_expand_label(h, inplace, "multi", "ctx", 3, inplace, L) ==
                  MOTE_ERR_BAD_INPUT);
            CHECK(memcmp(inplace, secret, hl) == 0);
            continue;
        }
        CHECK(mote_tls13_expand_label(h, secret, "multi", "ctx", 3, got, L) == MOTE_OK);
        CHECK(memcmp(got, want, L) == 0);
        CHECK(got[L] == 0xAA); /* nothing past out_len */
        CHECK(mote_tls13_expand_label(h, inplace, "multi", "ctx", 3, inplace, L) == MOTE_OK);
        CHECK(memcmp(inplace, want, L) == 0);
        CHECK(L == hl || memcmp(inplace + L, secret + L, hl - L) == 0);
    }
    CHECK(mote_tls13_expand_label(h, secret, "traffic upd", NULL, 0, want, hl) == MOTE_OK);
    memcpy(got, secret, hl);
    mote_tls13_next_secret(h, got);
    CHECK(memcmp(got, want, hl) == 0);
}

int main(void)
{
    mote_tls13_ks ks;
    mote_sha256_ctx tr;
    uint8_t th[32], shared[32], c_hs[32], s_hs[32], out[32], rec[128], rec2[128];
    mote_tls_cipher wc, rc;
    uint8_t *plain;
    size_t plain_len;
    long n;

    mote_sha256_init(&tr);
    absorb(&tr, CH);
    absorb(&tr, SH);
    snapshot(&tr, th);
    CHECK_HEX(th, 32, HELLO_HASH);

    test_unhex(SHARED, shared, sizeof shared);
    mote_tls13_ks_early(&ks, &mote_sha256_desc, NULL, 0);
    mote_tls13_ks_handshake(&ks, shared, 32);
    CHECK_HEX(ks.secret, 32, HS_SECRET);
    mote_tls13_ks_derive(&ks, "c hs traffic", th, c_hs);
    mote_tls13_ks_derive(&ks, "s hs traffic", th, s_hs);
    CHECK_HEX(c_hs, 32, C_HS);
    CHECK_HEX(s_hs, 32, S_HS);

    absorb(&tr, EE);
    absorb(&tr, CERT);
    absorb(&tr, CV);
    snapshot(&tr, th);
    mote_tls13_finished(&mote_sha256_desc, s_hs, th, out);
    CHECK_HEX(out, 32, SFIN + 8); /* the body of the server's Finished */
    absorb(&tr, SFIN);
    snapshot(&tr, th);
    CHECK_HEX(th, 32, SFIN_HASH);
    mote_tls13_finished(&mote_sha256_desc, c_hs, th, out);
    CHECK_HEX(out, 32, CFIN_VERIFY);

    mote_tls13_ks_master(&ks);
    mote_tls13_ks_derive(&ks, "c ap traffic", th, out);
    CHECK_HEX(out, 32, C_AP);
    mote_tls13_ks_derive(&ks, "s ap traffic", th, out);
    CHECK_HEX(out, 32, S_AP);

    /* The client Finished record: header, Finished message, inner type 22. */
    CHECK(mote_tls13_traffic_keys(&mote_sha256_desc, c_hs, MOTE_AEAD_AES128_GCM, &wc) == MOTE_OK);
    rec[0] = 23, rec[1] = 3, rec[2] = 3;
    rec[5] = 20, rec[6] = 0, rec[7] = 0, rec[8] = 32;
    test_unhex(CFIN_VERIFY, rec + 9, 32);
    rec[41] = 22;
    n = mote_tls_cipher_seal(&wc, rec, 37, 0);
    CHECK(n == 58);
    CHECK_HEX(rec, 58, CFIN_RECORD);
    CHECK(wc.seq == 1);

    /* ...and the receiving side opens it. */
    memcpy(rec2, rec, 58);
    mote_tls13_traffic_keys(&mote_sha256_desc, c_hs, MOTE_AEAD_AES128_GCM, &rc);
    CHECK(mote_tls_cipher_open(&rc, rec2, 53, 0, &plain, &plain_len) == MOTE_OK);
    CHECK(plain_len == 37 && plain[0] == 20 && plain[36] == 22);
    /* a replayed record (sequence number 1 now) and a tampered one fail */
    memcpy(rec2, rec, 58);
    CHECK(mote_tls_cipher_open(&rc, rec2, 53, 0, &plain, &plain_len) == MOTE_ERR_AUTH);
    mote_tls13_traffic_keys(&mote_sha256_desc, c_hs, MOTE_AEAD_AES128_GCM, &rc);
    memcpy(rec2, rec, 58);
    rec2[30] ^= 1;
    CHECK(mote_tls_cipher_open(&rc, rec2, 53, 0, &plain, &plain_len) == MOTE_ERR_AUTH);
    memcpy(rec2, rec, 58);
    rec2[4] ^= 1; /* the header is authenticated too */
    CHECK(mote_tls_cipher_open(&rc, rec2, 53, 0, &plain, &plain_len) == MOTE_ERR_AUTH);
    CHECK(mote_tls_cipher_open(&rc, rec2, 10, 0, &plain, &plain_len) == MOTE_ERR_BAD_INPUT);

    /* KeyUpdate changes the secret deterministically */
    memcpy(out, c_hs, 32);
    mote_tls13_next_secret(&mote_sha256_desc, out);
    CHECK(memcmp(out, c_hs, 32) != 0);
    test_expand_label_blocks(&mote_sha256_desc, c_hs);
#if MOTE_ENABLE_SHA512
    test_expand_label_blocks(&mote_sha384_desc, rec); /* (48 bytes of a record) */
#endif
    mote_tls13_ks_wipe(&ks);
    mote_tls_cipher_wipe(&wc);
    return test_done("tls13_keysched");
}
