/* Ed25519 (src/crypto/ed25519.c): RFC 8032 section 7.1 vectors (TEST 1, 2,
 * 3, 1024 and SHA(abc)), signed and verified; tampered messages and
 * signatures, S >= L, wrong lengths and invalid public keys rejected;
 * streaming verification in pieces; key generation from a DRBG and
 * sign/verify round trips over many message lengths. */
#include <string.h>

#include "mote/ed25519.h"
#include "test.h"

static const struct {
    const char *seed, *pub, *msg, *sig;
} rfc[] = {
    /* TEST 1 */
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb882159"
     "0a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    /* TEST 2 */
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43"
     "e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    /* TEST 3 */
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538"
     "d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    /* TEST 1024 */
    {"f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
     "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
     "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf"
     "09efe12ee50f8f5"
     "4e9f77b1e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe573"
     "8829adb26c81b37"
     "c93a1b270b20329d658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640"
     "f89ffbc1a858efc"
     "b8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4feba15452f80288a821"
     "a579116ec6dad2b"
     "3b310da903401aa62100ab5d1a36553e06203b33890cc9b832f79ef80560ccb9a39ce7679"
     "67ed628c6ad573c"
     "b116dbefefd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7a"
     "ff6f6c94fcd7204"
     "ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed185ce81bd84359d44254d95629"
     "e9855a94a7c1958"
     "d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce2"
     "2b3de1a1f40cc24"
     "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f27088d78b7e8"
     "83c8759d2c4f5c6"
     "5adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089be"
     "ccf80cfe2df16a2"
     "cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a"
     "46128bab27af87a"
     "71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784"
     "504df543af8969b"
     "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94"
     "f3c7ca495e056a9"
     "b47acdb751fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c4"
     "2f58c30c04aafdb"
     "038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0f"
     "e2fd1a85f672451"
     "7b65e614ad6808d6f6ee34dff7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b6"
     "8401adebf5a7e08"
     "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649de6188a7d"
     "bdf191f64b5fc5e"
     "2ab47b57f7f7276cd419c17a3ca8e1b939ae49e488acba6b965610b5480109c8b17b80e1b"
     "7b750dfc7598d5d"
     "5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc"
     "493d97e6aed3fb0"
     "f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5fb93246f6b1116398a"
     "346f1a641f3b041"
     "e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f1610e4eafe59"
     "5f6d9d90d11faa9"
     "33a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380db"
     "2eaaa707b4c4185"
     "c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e"
     "8a3b8cac60c905c"
     "15fc910840b94c00a0b9d0",
     "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b15"
     "08f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"},
    /* TEST SHA(abc) */
    {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a2"
     "74fc1a836ba3c23"
     "a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9a"
     "c90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
};

/* L, little-endian */
static const uint8_t ell[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

static uint8_t msg[2048];

/* sig[32..64) += add (little-endian, mod 2^256) */
static void add_to_s(uint8_t sig[64], const uint8_t add[32])
{
    unsigned c = 0;
    int i;
    for (i = 0; i < 32; i++) {
        c += (unsigned)sig[32 + i] + add[i];
        sig[32 + i] = (uint8_t)c;
        c >>= 8;
    }
}

static void test_rfc(void)
{
    size_t v;
    for (v = 0; v < sizeof rfc / sizeof rfc[0]; v++) {
        uint8_t seed[32], pub[32], sig[64], want[64], bad[64];
        long mlen;
        CHECK(test_unhex(rfc[v].seed, seed, 32) == 32);
        CHECK(test_unhex(rfc[v].sig, want, 64) == 64);
        mlen = test_unhex(rfc[v].msg, msg, sizeof msg);
        CHECK(mlen >= 0);

        CHECK_EQ_INT(mote_ed25519_public(pub, seed), MOTE_OK);
        CHECK_HEX(pub, 32, rfc[v].pub);
        CHECK_EQ_INT(mote_ed25519_sign(sig, seed, msg, (size_t)mlen), MOTE_OK);
        CHECK_HEX(sig, 64, rfc[v].sig);
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, want, 64), MOTE_OK);

        /* a changed message, R, S or key fails */
        if (mlen > 0) {
            msg[mlen / 2] ^= 0x40;
            CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, want, 64),
                         MOTE_ERR_BAD_SIGNATURE);
            msg[mlen / 2] ^= 0x40;
        }
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen + 1, want, 64),
                     MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, want, 64);
        bad[5] ^= 1;
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, bad, 64), MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, want, 64);
        bad[40] ^= 0x10;
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, bad, 64), MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, want, 64);
        bad[31] ^= 0x80; /* R's sign bit: the negated R */
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, bad, 64), MOTE_ERR_BAD_SIGNATURE);
        pub[0] ^= 2;
        CHECK(mote_ed25519_verify(pub, msg, (size_t)mlen, want, 64) != MOTE_OK);
        pub[0] ^= 2;

        /* S + L is the same scalar mod L, and must still be refused */
        memcpy(bad, want, 64);
        add_to_s(bad, ell);
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, bad, 64), MOTE_ERR_BAD_SIGNATURE);

        /* lengths */
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, want, 63), MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, want, 64);
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, bad, 65), MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, (size_t)mlen, want, 0), MOTE_ERR_BAD_SIGNATURE);

        /* streaming, in uneven pieces */
        {
            mote_ed25519_verify_ctx ctx;
            size_t off = 0, step = 1;
            CHECK_EQ_INT(mote_ed25519_verify_init(&ctx, pub, want, 64), MOTE_OK);
            while (off < (size_t)mlen) {
                size_t n = (size_t)mlen - off < step ? (size_t)mlen - off : step;
                mote_ed25519_verify_update(&ctx, msg + off, n);
                off += n;
                step = step * 3 + 1;
            }
            CHECK_EQ_INT(mote_ed25519_verify_final(&ctx), MOTE_OK);
        }
    }
}

static void test_bad_keys(void)
{
    uint8_t seed[32], pub[32], sig[64], key[32];
    memset(seed, 0x11, 32);
    CHECK_EQ_INT(mote_ed25519_public(pub, seed), MOTE_OK);
    CHECK_EQ_INT(mote_ed25519_sign(sig, seed, "abc", 3), MOTE_OK);
    CHECK_EQ_INT(mote_ed25519_verify(pub, "abc", 3, sig, 64), MOTE_OK);

    /* y = p (non-canonical encoding of y = 0) */
    CHECK(test_unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", key, 32) ==
          32);
    CHECK_EQ_INT(mote_ed25519_verify(key, "abc", 3, sig, 64), MOTE_ERR_BAD_KEY);
    /* y = p + 1 (non-canonical y = 1, the identity) */
    CHECK(test_unhex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", key, 32) ==
          32);
    CHECK_EQ_INT(mote_ed25519_verify(key, "abc", 3, sig, 64), MOTE_ERR_BAD_KEY);
    /* y = 1, x = 0 with the sign bit set */
    CHECK(test_unhex("0100000000000000000000000000000000000000000000000000000000000080", key, 32) ==
          32);
    CHECK_EQ_INT(mote_ed25519_verify(key, "abc", 3, sig, 64), MOTE_ERR_BAD_KEY);
    /* y = 2: (y^2 - 1)/(d y^2 + 1) is not a square */
    CHECK(test_unhex("0200000000000000000000000000000000000000000000000000000000000000", key, 32) ==
          32);
    CHECK_EQ_INT(mote_ed25519_verify(key, "abc", 3, sig, 64), MOTE_ERR_BAD_KEY);
    /* S = L exactly, and S = 2^256 - 1 */
    memset(sig + 32, 0, 32);
    add_to_s(sig, ell);
    CHECK_EQ_INT(mote_ed25519_verify(pub, "abc", 3, sig, 64), MOTE_ERR_BAD_SIGNATURE);
    memset(sig + 32, 0xff, 32);
    CHECK_EQ_INT(mote_ed25519_verify(pub, "abc", 3, sig, 64), MOTE_ERR_BAD_SIGNATURE);
    /* NULL arguments */
    CHECK_EQ_INT(mote_ed25519_sign(NULL, seed, "abc", 3), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ed25519_sign(sig, seed, NULL, 3), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ed25519_verify(pub, NULL, 3, sig, 64), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ed25519_verify(NULL, "abc", 3, sig, 64), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ed25519_sign(sig, seed, NULL, 0), MOTE_OK);
    CHECK_EQ_INT(mote_ed25519_verify(pub, NULL, 0, sig, 64), MOTE_OK);
}

static void test_roundtrip(void)
{
    mote_drbg_ctx rng;
    uint8_t seedin[48], seed[32], pub[32], pub2[32], sig[64];
    size_t len;
    int bit;
    memset(seedin, 0x42, sizeof seedin);
    CHECK_EQ_INT(mote_drbg_seed(&rng, seedin, sizeof seedin, NULL, 0), MOTE_OK);
    for (len = 0; len < 300; len += 23) {
        CHECK_EQ_INT(mote_ed25519_keygen(seed, pub, &rng), MOTE_OK);
        CHECK_EQ_INT(mote_ed25519_public(pub2, seed), MOTE_OK);
        CHECK(memcmp(pub, pub2, 32) == 0);
        CHECK_EQ_INT(mote_drbg_generate(&rng, msg, len), MOTE_OK);
        CHECK_EQ_INT(mote_ed25519_sign(sig, seed, msg, len), MOTE_OK);
        CHECK_EQ_INT(mote_ed25519_verify(pub, msg, len, sig, 64), MOTE_OK);
        bit = (int)((len * 37) % 512);
        sig[bit / 8] ^= (uint8_t)(1 << (bit % 8));
        CHECK(mote_ed25519_verify(pub, msg, len, sig, 64) != MOTE_OK);
    }
    /* an unseeded DRBG is an error, and leaves no key behind */
    memset(&rng, 0, sizeof rng);
    memset(seed, 1, 32);
    CHECK(mote_ed25519_keygen(seed, pub, &rng) != MOTE_OK);
    CHECK(seed[0] == 0 && seed[31] == 0 && pub[0] == 0);
}

int main(void)
{
    test_rfc();
    test_bad_keys();
    test_roundtrip();
    return test_done("test_ed25519");
}
