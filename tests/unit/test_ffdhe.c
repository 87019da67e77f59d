/* ffdhe2048 (src/crypto/ffdhe.c): known answers from OpenSSL, agreement
 * between two parties, and rejection of the invalid peer values.
 *
 * The known answers were made once with OpenSSL 3.0:
 *   openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out ffdhe.pem
 *   openssl genpkey -paramfile ffdhe.pem -out dhA.pem     (and dhB.pem)
 *   openssl pkey -in dhA.pem -text -noout                 (private and public values)
 *   openssl pkey -in dhB.pem -pubout -out dhB.pub.pem
 *   openssl pkeyutl -derive -inkey dhA.pem -peerkey dhB.pub.pem -pkeyopt dh_pad:1
 * (OpenSSL's private exponents for this group have 225 bits.) */
#include <string.h>

#include "mote/ffdhe.h"
#include "test.h"

static const char *priv_a = "000000013b7e55c6cb1de5404ecd595d4a261fe33147224f6c0cdb6876bac47c";
static const char *pub_a =
    "50b4785d66be65dece510010f6ba5d1ba286c571b17d7181a4a2e51bf16d2925d039cb3600168cedd8358b25b2135e"
    "5330b358b69afbc5608cfad6cd7d69901a7bf723bfe57dd6b75f031ddb1cb9f55c0c0767f1db5edfbd9b3c6e80c5ce"
    "603a86bfb3fd65afcc52bcaa2ce45a5d218f1d663d346bf2fca6df4c926328ebd79ab03df65f4ab81564ded25fdbbf"
    "d335789ac46298f6bee8122beb3e67678a2479ce1395be7d43119b9a39525a3331d6eee63423c3906b6b53d5dd82af"
    "f900f04161901e765caf834f8745205e47fa250cc6553503a432ece52ba3fa6053cd8534b7a740ab4a392d8040db53"
    "5b1744fe90d3d482737af8902e02f23dd431391adf";
static const char *priv_b = "0000000057946f67510f648e350cae85d1e9fbf48788f470f8f33de1e9adc1d5";
static const char *pub_b =
    "459ce972a8ee61ea87368d8517bb22e4d56fed92709ecd1c124a4f79d61b17278154f4d990781634432950a336e8e9"
    "f34e1b5c5a94091efc0d7f83fdf2064b76c0de5fe00b06c3fd503114129df2d2d273bccff4c2cc265dd455180d5160"
    "0123064b982fe14429d95b8bb1c773745d36a1f3c899eb190f8d25227811137e866abfac65c1400603fd6d88e4f200"
    "fe73b77b6a3f2e401ae84f87775db6acf537deed61d0f8869a37472cb0b02e1279732cc8ebd5d34e4a17877c98c235"
    "f0f4ca814cb1ef3aafa19f36697bf044c82d075d032f22b2f59c674ab6f29219b134ba95a5e61f9df905a9e3d5a09c"
    "337ea69a4fd2690cb987aeeb51aa7bec2492f0389f";
static const char *shared_ab =
    "f6f4b8f177f80faf98dfb6a15ed2601b9a1d68db91d104ba4e74ab199a803bc4e25d6b910331632d3ed003c8344516"
    "c5d6ab4eee4f53923f8f736620813a6fb2282b76ec6a06b5f948ef515959860d098b20c54964853eade4cddfaa49aa"
    "4f3d7b7ad279c5bc7b91d7b43eaa5bddac5845bf743bf8577626f723bcbeb80f9faaf2a15c31b066e1a4974df1e386"
    "4b5d69069c88f42b8959fffb065bf1b9a510da26faed0b932d8e59e33951ee548855103d49a5fbef391ad66964394f"
    "7c2cccaf6487eac45171f46cc5dc8a709227e0d4a2411c5e4fc48e0d23974fb452774694a8bc8f85099818931610f0"
    "e158b931fefa11fc26e3d7ee2ca5b90db4e9779a10";
/* the group's prime p, big-endian (RFC 7919, appendix A.1) */
static const char *prime =
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695a9e13641146433fbcc939dce249b3e"
    "f97d2fe363630c75d8f681b202aec4617ad3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57"
    "c935984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797abc0ab182b324fb61d108a94bb2"
    "c8e3fbb96adab760d7f4681d4f42a3de394df4ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd"
    "28342f619172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005c58ef1837d1683b2c6f34a"
    "26c1b2effa886b423861285c97ffffffffffffffff";

int main(void)
{
    uint8_t a[32], b[32], pa[256], pb[256], sa[256], sb[256], y[258];
    size_t i;
    mote_drbg_ctx rng, unseeded;
    memset(&unseeded, 0, sizeof unseeded);
    memset(a, 0x17, sizeof a);
    CHECK_EQ_INT(mote_drbg_seed(&rng, a, sizeof a, NULL, 0), MOTE_OK);

    /* OpenSSL's keys: public values and the shared secret */
    test_unhex(priv_a, a, sizeof a);
    test_unhex(priv_b, b, sizeof b);
    mote_ffdhe2048_public(a, pa);
    CHECK_HEX(pa, 256, pub_a);
    mote_ffdhe2048_public(b, pb);
    CHECK_HEX(pb, 256, pub_b);
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, pb, 256, sa), MOTE_OK);
    CHECK_HEX(sa, 256, shared_ab);
    CHECK_EQ_INT(mote_ffdhe2048_shared(b, pa, 256, sb), MOTE_OK);
    CHECK_HEX(sb, 256, shared_ab);

    /* fresh key pairs agree; the private exponent has 256 bits */
    for (i = 0; i < 3; i++) {
        CHECK_EQ_INT(mote_ffdhe2048_keygen(a, pa, &rng), MOTE_OK);
        CHECK_EQ_INT(mote_ffdhe2048_keygen(b, pb, &rng), MOTE_OK);
        CHECK(a[0] & 0x80);
        CHECK(memcmp(a, b, 32) != 0);
        CHECK_EQ_INT(mote_ffdhe2048_shared(a, pb, 256, sa), MOTE_OK);
        CHECK_EQ_INT(mote_ffdhe2048_shared(b, pa, 256, sb), MOTE_OK);
        CHECK(memcmp(sa, sb, 256) == 0);
    }
    /* a DRBG that cannot generate is reported, and nothing usable is left */
    memset(a, 0x55, sizeof a);
    CHECK_EQ_INT(mote_ffdhe2048_keygen(a, pa, &unseeded), MOTE_ERR_RNG_RESEED);
    for (i = 0; i < 32; i++)
        CHECK(a[i] == 0);

    /* 2^x: the peer value 2 gives the same as our own public value */
    test_unhex(priv_a, a, sizeof a);
    y[0] = 2;
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 1, sb), MOTE_OK);
    mote_ffdhe2048_public(a, pa);
    CHECK(memcmp(sb, pa, 256) == 0);
    /* short encodings are left-padded: 00..02 over 256 bytes is the same */
    memset(y, 0, 256);
    y[255] = 2;
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_OK);
    CHECK(memcmp(sa, pa, 256) == 0);

    /* invalid peer values: 0, 1, p - 1, p, p + 1, 2^2048 - 1 */
    memset(y, 0, 256);
    memset(sa, 0xAA, sizeof sa);
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_ERR_BAD_KEY);
    for (i = 0; i < 256; i++)
        CHECK(sa[i] == 0);
    y[255] = 1;
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_ERR_BAD_KEY);
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y + 255, 1, sa), MOTE_ERR_BAD_KEY);
    test_unhex(prime, y, 256);
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_ERR_BAD_KEY); /* p */
    y[255] = 0xfe;
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_ERR_BAD_KEY); /* p - 1 */
    y[255] = 0xfd;
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_OK); /* p - 2 is fine */
    y[255] = 0x00;
    y[254] = 0x00;
    y[253] = 0x00;
    y[252] = 0x00;
    y[251] = 0x00;
    y[250] = 0x00;
    y[249] = 0x00;
    y[248] = 0x00;
    y[247] = 0x98; /* p + 1 = ...97 ffffffffffffffff + 1 */
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_ERR_BAD_KEY);
    memset(y, 0xff, 256);
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 256, sa), MOTE_ERR_BAD_KEY);
    /* wrong lengths */
    y[0] = 0;
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 0, sa), MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_ffdhe2048_shared(a, y, 257, sa), MOTE_ERR_BAD_INPUT);
    return test_done("ffdhe");
}
