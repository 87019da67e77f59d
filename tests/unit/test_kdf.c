/* HMAC (RFC 4231), HKDF (RFC 5869), the TLS 1.2 PRF and the TLS 1.3 key
 * schedule helpers (RFC 8448 section 3, "Simple 1-RTT Handshake"). */
#include <string.h>

#include "mote/mac.h"
#include "test.h"

static uint8_t buf_a[256], buf_b[256], buf_c[256], big[255 * 64 + 1];

static size_t unhex(const char *hex, uint8_t *out)
{
    long n = test_unhex(hex, out, 256);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* ---- HMAC: RFC 4231 test cases 1-7 (case 5 truncated to 128 bits) ---- */

struct hmac_case {
    const char *key, *data; /* hex */
    const char *tag[3];     /* SHA-256, SHA-384, SHA-512 */
};

static const struct hmac_case rfc4231[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265", /* "Hi There" */
     {"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
      "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa"
      "9cb6",
      "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3"
      "f4e4be9d914eeb61f1702e696c203a126854"}},
    {"4a656665", /* "Jefe", "what do ya want for nothing?" */
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     {"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab2"
      "1649",
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0"
      "e6fdcaeab1a34d4a6b4b636e070a38bce737"}},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
     "dddddddd",
     {"773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
      "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a3"
      "4f27",
      "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67"
      "c807b946a337bee8942674278859e13292fb"}},
    {"0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
     "cdcdcdcd",
     {"82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
      "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674"
      "cffb",
      "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc578"
      "8063a5f19741120c4f2de2adebeb10a298dd"}},
    {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", /* "Test With Truncation" */
     "546573742057697468205472756e636174696f6e",
     {"a3b6167473100ee06e0c796c2955552b", "3abf34c3503b2a23a46efc619baef897",
      "415fad6271580a531d4179bc891d87a6"}},
    {NULL, /* 131 bytes of 0xaa; "Test Using Larger Than Block-Size Key - Hash Key First" */
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b"
     "6579204669727374",
     {"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
      "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f4"
      "4952",
      "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a"
      "1e5295e64f73f63f0aec8b915a985d786598"}},
    {NULL, /* 131 bytes of 0xaa; "This is a test using a larger than block-size key and ..." */
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a6520"
     "6b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579"
     "206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484"
     "d"
     "414320616c676f726974686d2e",
     {"9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
      "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46"
      "523e",
      "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4"
      "de15134676fb6de0446065c97440fa8c6a58"}},
};

static void test_hmac(void)
{
    const mote_hash_desc *hashes[3] = {&mote_sha256_desc, NULL, NULL};
    uint8_t tag[MOTE_HASH_MAX_LEN], tag2[MOTE_HASH_MAX_LEN];
    mote_hmac_ctx c, copy;
    size_t i, j, k, klen, dlen;

#if MOTE_ENABLE_SHA512
    hashes[1] = &mote_sha384_desc;
    hashes[2] = &mote_sha512_desc;
#endif
    for (i = 0; i < sizeof rfc4231 / sizeof *rfc4231; i++) {
        const struct hmac_case *t = &rfc4231[i];
        if (t->key) {
            klen = unhex(t->key, buf_a);
        } else {
            memset(buf_a, 0xaa, 131);
            klen = 131;
        }
        dlen = unhex(t->data, buf_b);
        for (j = 0; j < 3; j++) {
            const mote_hash_desc *h = hashes[j];
            size_t tlen = strlen(t->tag[j]) / 2;
            if (!h) continue;
            mote_hmac(h, buf_a, klen, buf_b, dlen, tag);
            CHECK_HEX(tag, tlen, t->tag[j]);
            /* streaming, one byte at a time, with a copy taken half way */
            mote_hmac_init(&c, h, buf_a, klen);
            for (k = 0; k < dlen; k++) {
                if (k == dlen / 2) copy = c;
                mote_hmac_update(&c, buf_b + k, 1);
            }
            mote_hmac_final(&c, tag2);
            CHECK_HEX(tag2, tlen, t->tag[j]);
            mote_hmac_update(&copy, buf_b + dlen / 2, dlen - dlen / 2);
            mote_hmac_final(&copy, tag2);
            CHECK_HEX(tag2, tlen, t->tag[j]);
        }
    }
    /* A key of exactly one block is used as is; one byte more is hashed:
     * HMAC(K) == HMAC(H(K)) only in the second case. */
    memset(buf_a, 0x42, 65);
    mote_hmac(&mote_sha256_desc, buf_a, 65, "x", 1, tag);
    mote_hash(&mote_sha256_desc, buf_a, 65, buf_c);
    mote_hmac(&mote_sha256_desc, buf_c, 32, "x", 1, tag2);
    CHECK(memcmp(tag, tag2, 32) == 0);
    mote_hmac(&mote_sha256_desc, buf_a, 64, "x", 1, tag);
    mote_hash(&mote_sha256_desc, buf_a, 64, buf_c);
    mote_hmac(&mote_sha256_desc, buf_c, 32, "x", 1, tag2);
    CHECK(memcmp(tag, tag2, 32) != 0);
    /* empty key (NULL) equals a key of zeros */
    mote_hmac(&mote_sha256_desc, NULL, 0, "x", 1, tag);
    memset(buf_c, 0, 64);
    mote_hmac(&mote_sha256_desc, buf_c, 64, "x", 1, tag2);
    CHECK(memcmp(tag, tag2, 32) == 0);
}

/* ---- HKDF: RFC 5869 test cases 1-3 (SHA-256) ---- */

static void test_hkdf(void)
{
    static const struct {
        const char *ikm, *salt, *info, *prk, *okm;
    } rfc5869[] = {
        {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
         "f0f1f2f3f4f5f6f7f8f9", "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
         "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
         "2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
         "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b"
         "8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
         "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadb"
         "dcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
         "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
         "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c6"
         "5e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
        {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
         "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
         "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
    };
    const mote_hash_desc *h = &mote_sha256_desc;
    uint8_t prk[32], okm[128], zeros[32];
    size_t i, ikm_len, salt_len, info_len, okm_len;

    for (i = 0; i < sizeof rfc5869 / sizeof *rfc5869; i++) {
        ikm_len = unhex(rfc5869[i].ikm, buf_a);
        salt_len = unhex(rfc5869[i].salt, buf_b);
        info_len = unhex(rfc5869[i].info, buf_c);
        okm_len = strlen(rfc5869[i].okm) / 2;
        mote_hkdf_extract(h, salt_len ? buf_b : NULL, salt_len, buf_a, ikm_len, prk);
        CHECK_HEX(prk, 32, rfc5869[i].prk);
        CHECK_EQ_INT(mote_hkdf_expand(h, prk, 32, buf_c, info_len, okm, okm_len), MOTE_OK);
        CHECK_HEX(okm, okm_len, rfc5869[i].okm);
        /* a shorter output is a prefix of the longer one */
        CHECK_EQ_INT(mote_hkdf_expand(h, prk, 32, buf_c, info_len, big, 33), MOTE_OK);
        CHECK(memcmp(big, okm, 33) == 0);
    }
    /* case 3 again: explicit zero salt of hash length == no salt */
    memset(zeros, 0, sizeof zeros);
    mote_hkdf_extract(h, zeros, 32, buf_a, 22, prk);
    CHECK_HEX(prk, 32, rfc5869[2].prk);

    /* output length limit: 255 blocks */
    CHECK_EQ_INT(mote_hkdf_expand(h, prk, 32, NULL, 0, big, 255 * 32 + 1), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_hkdf_expand(h, prk, 32, NULL, 0, big, 255 * 32), MOTE_OK);
    CHECK_EQ_INT(mote_hkdf_expand(h, prk, 32, NULL, 0, okm, 0), MOTE_OK);
    /* in place: out may be the prk buffer */
    memcpy(okm, prk, 32);
    CHECK_EQ_INT(mote_hkdf_expand(h, okm, 32, NULL, 0, okm, 42), MOTE_OK);
    CHECK_HEX(okm, 42, rfc5869[2].okm);
}

/* ---- TLS 1.2 PRF ---- */

static void test_tls12_prf(void)
{
#if MOTE_ENABLE_TLS12_PRF
    uint8_t out[148];
    size_t slen, seedlen;

    /* openssl kdf -keylen 100 -kdfopt digest:SHA256 \
     *   -kdfopt hexsecret:9bbe436ba940f017b17652849a71db35 \
     *   -kdfopt seed:"test label" -kdfopt hexseed:a0ba9f936cda311827a6f796ffd5198c TLS1-PRF
     * (the SHA-256 PRF vector published on the IETF TLS list) */
    slen = unhex("9bbe436ba940f017b17652849a71db35", buf_a);
    seedlen = unhex("a0ba9f936cda311827a6f796ffd5198c", buf_b);
    mote_tls12_prf(&mote_sha256_desc, buf_a, slen, "test label", buf_b, seedlen, out, 100);
    CHECK_HEX(out, 100,
              "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a4"
              "6b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d1"
              "22ee42c5a72e5a5110fff70187347b66");
    /* a prefix for shorter outputs, across a block boundary */
    mote_tls12_prf(&mote_sha256_desc, buf_a, slen, "test label", buf_b, seedlen, out, 33);
    CHECK_HEX(out, 33, "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b");
#if MOTE_ENABLE_SHA512
    /* openssl kdf -keylen 148 -kdfopt digest:SHA384 \
     *   -kdfopt hexsecret:b80b733d6ceefcdc71566ea48e5567df \
     *   -kdfopt seed:"test label" -kdfopt hexseed:cd665cf6a8447dd6ff8b27555edb7465 TLS1-PRF */
    slen = unhex("b80b733d6ceefcdc71566ea48e5567df", buf_a);
    seedlen = unhex("cd665cf6a8447dd6ff8b27555edb7465", buf_b);
    mote_tls12_prf(&mote_sha384_desc, buf_a, slen, "test label", buf_b, seedlen, out, 148);
    CHECK_HEX(out, 148,
              "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82"
              "b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473"
              "ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9"
              "aee691c8f3a26854308d5eaa3be85e0990703d73e56f");
#endif
#endif
}

/* ---- TLS 1.3: RFC 8448 section 3 ---- */

/* The ClientHello and ServerHello handshake messages of the trace. */
static const char *const rfc8448_ch =
    "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302"
    "010000910000000b0009000006736572766572ff01000100000a00140012001d001700180019010001010102010301"
    "0400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"
    "002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d0002"
    "0101001c00024001";
static const char *const rfc8448_sh =
    "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e003300"
    "24001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";

static void test_tls13(void)
{
    const mote_hash_desc *h = &mote_sha256_desc;
    uint8_t zeros[32], early[32], derived[32], hs[32], chts[32], shts[32], th[32], out[32];
    mote_hash_ctx tr;
    size_t n;

    memset(zeros, 0, sizeof zeros);
    /* {server} extract secret "early": salt 0, IKM 32 zero bytes */
    mote_hkdf_extract(h, NULL, 0, zeros, 32, early);
    CHECK_HEX(early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    /* {server} derive secret for handshake "tls13 derived" */
    CHECK_EQ_INT(mote_tls13_derive_secret(h, early, "derived", NULL, derived), MOTE_OK);
    CHECK_HEX(derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    mote_hash(h, NULL, 0, th); /* the same with the empty transcript's hash given */
    CHECK_EQ_INT(mote_tls13_derive_secret(h, early, "derived", th, out), MOTE_OK);
    CHECK(memcmp(out, derived, 32) == 0);
    /* {server} extract secret "handshake": IKM is the X25519 shared secret */
    n = unhex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", buf_a);
    mote_hkdf_extract(h, derived, 32, buf_a, n, hs);
    CHECK_HEX(hs, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");
    /* transcript hash of ClientHello || ServerHello */
    h->init(&tr);
    n = unhex(rfc8448_ch, buf_b);
    CHECK_EQ_INT(n, 196);
    h->update(&tr, buf_b, n);
    n = unhex(rfc8448_sh, buf_b);
    CHECK_EQ_INT(n, 90);
    h->update(&tr, buf_b, n);
    h->final(&tr, th);
    CHECK_HEX(th, 32, "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
    /* {server} derive secret "tls13 c hs traffic" / "tls13 s hs traffic" */
    CHECK_EQ_INT(mote_tls13_derive_secret(h, hs, "c hs traffic", th, chts), MOTE_OK);
    CHECK_HEX(chts, 32, "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
    CHECK_EQ_INT(mote_tls13_derive_secret(h, hs, "s hs traffic", th, shts), MOTE_OK);
    CHECK_HEX(shts, 32, "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    /* {server} derive write traffic keys for handshake data */
    CHECK_EQ_INT(mote_tls13_expand_label(h, shts, "key", NULL, 0, out, 16), MOTE_OK);
    CHECK_HEX(out, 16, "3fce516009c21727d0f2e4e86ee403bc");
    CHECK_EQ_INT(mote_tls13_expand_label(h, shts, "iv", NULL, 0, out, 12), MOTE_OK);
    CHECK_HEX(out, 12, "5d313eb2671276ee13000b30");
    /* {client} derive read traffic keys for handshake data */
    CHECK_EQ_INT(mote_tls13_expand_label(h, chts, "key", NULL, 0, out, 16), MOTE_OK);
    CHECK_HEX(out, 16, "dbfaa693d1762c5b666af5d950258d01");
    CHECK_EQ_INT(mote_tls13_expand_label(h, chts, "iv", NULL, 0, out, 12), MOTE_OK);
    CHECK_HEX(out, 12, "5bd3c71b836e0b76bb73265f");
    /* in place, as a key update does: out is the secret buffer */
    memcpy(out, chts, 32);
    CHECK_EQ_INT(mote_tls13_expand_label(h, out, "key", NULL, 0, out, 16), MOTE_OK);
    CHECK_HEX(out, 16, "dbfaa693d1762c5b666af5d950258d01");

    /* limits: label <= 249 bytes, context <= 255 bytes, HKDF output limit */
    memset(buf_c, 'a', 250);
    buf_c[250] = 0;
    CHECK_EQ_INT(mote_tls13_expand_label(h, hs, (const char *)buf_c, NULL, 0, out, 16),
                 MOTE_ERR_BAD_INPUT);
    buf_c[249] = 0;
    CHECK_EQ_INT(mote_tls13_expand_label(h, hs, (const char *)buf_c, NULL, 0, out, 16), MOTE_OK);
    CHECK_EQ_INT(mote_tls13_expand_label(h, hs, "key", buf_a, 256, out, 16), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_tls13_expand_label(h, hs, "key", buf_a, 255, out, 16), MOTE_OK);
    CHECK_EQ_INT(mote_tls13_expand_label(h, hs, "key", NULL, 0, big, 255 * 32 + 1),
                 MOTE_ERR_BAD_INPUT);
}

int main(void)
{
    test_hmac();
    test_hkdf();
    test_tls12_prf();
    test_tls13();
    return test_done("kdf");
}
