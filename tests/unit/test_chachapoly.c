/* ChaCha20, Poly1305 and ChaCha20-Poly1305 (RFC 8439): the RFC's test
 * vectors (sections 2.1.1 to 2.8.2 and Appendix A), checks against small
 * reference implementations written here from the RFC's pseudocode,
 * streaming Poly1305, block-counter continuation, in-place operation and
 * tampering (every forgery must give MOTE_ERR_AUTH and a zeroed output). */
#include <string.h>

#include "mote/aead.h"
#include "test.h"

#if MOTE_ENABLE_CHACHAPOLY

/* RFC 8439 A.1: keystream blocks (key, nonce, counter, keystream). */
static const struct {
    const char *key, *nonce;
    uint32_t counter;
    const char *ks;
} a1[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     0,
     "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
     "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"},
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     1,
     "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
     "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"},
    {"0000000000000000000000000000000000000000000000000000000000000001", "000000000000000000000000",
     1,
     "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
     "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0"},
    {"00ff000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     2,
     "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
     "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096"},
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000002",
     0,
     "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
     "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d"},
};

/* RFC 8439 A.2: encryption (key, nonce, counter, plaintext, ciphertext). */
static const struct {
    const char *key, *nonce;
    uint32_t counter;
    const char *pt, *ct;
} a2[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     0,
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000",
     "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
     "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"},
    {"0000000000000000000000000000000000000000000000000000000000000001", "000000000000000000000002",
     1,
     "416e79207375626d697373696f6e20746f20746865204945544620696e74656e"
     "6465642062792074686520436f6e7472696275746f7220666f72207075626c69"
     "636174696f6e20617320616c6c206f722070617274206f6620616e2049455446"
     "20496e7465726e65742d4472616674206f722052464320616e6420616e792073"
     "746174656d656e74206d6164652077697468696e2074686520636f6e74657874"
     "206f6620616e204945544620616374697669747920697320636f6e7369646572"
     "656420616e20224945544620436f6e747269627574696f6e222e205375636820"
     "73746174656d656e747320696e636c756465206f72616c2073746174656d656e"
     "747320696e20494554462073657373696f6e732c2061732077656c6c20617320"
     "7772697474656e20616e6420656c656374726f6e696320636f6d6d756e696361"
     "74696f6e73206d61646520617420616e792074696d65206f7220706c6163652c"
     "207768696368206172652061646472657373656420746f",
     "a3fbf07df3fa2fde4f376ca23e82737041605d9f4f4f57bd8cff2c1d4b7955ec"
     "2a97948bd3722915c8f3d337f7d370050e9e96d647b7c39f56e031ca5eb6250d"
     "4042e02785ececfa4b4bb5e8ead0440e20b6e8db09d881a7c6132f420e527950"
     "42bdfa7773d8a9051447b3291ce1411c680465552aa6c405b7764d5e87bea85a"
     "d00f8449ed8f72d0d662ab052691ca66424bc86d2df80ea41f43abf937d3259d"
     "c4b2d0dfb48a6c9139ddd7f76966e928e635553ba76c5c879d7b35d49eb2e62b"
     "0871cdac638939e25e8a1e0ef9d5280fa8ca328b351c3c765989cbcf3daa8b6c"
     "cc3aaf9f3979c92b3720fc88dc95ed84a1be059c6499b9fda236e7e818b04b0b"
     "c39c1e876b193bfe5569753f88128cc08aaa9b63d1a16f80ef2554d7189c411f"
     "5869ca52c5b83fa36ff216b9c1d30062bebcfd2dc5bce0911934fda79a86f6e6"
     "98ced759c3ff9b6477338f3da4f9cd8514ea9982ccafb341b2384dd902f3d1ab"
     "7ac61dd29c6f21ba5b862f3730e37cfdc4fd806c22f221"},
    {"1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", "000000000000000000000002",
     42,
     "2754776173206272696c6c69672c20616e642074686520736c6974687920746f"
     "7665730a446964206779726520616e642067696d626c6520696e207468652077"
     "6162653a0a416c6c206d696d737920776572652074686520626f726f676f7665"
     "732c0a416e6420746865206d6f6d65207261746873206f757467726162652e",
     "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf"
     "166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
     "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f77"
     "04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1"},
};

/* RFC 8439 A.3: Poly1305 (one-time key, message, tag). */
static const struct {
    const char *key, *msg, *tag;
} a3[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000",
     "0000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000",
     "00000000000000000000000000000000"},
    {"0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e",
     "416e79207375626d697373696f6e20746f20746865204945544620696e74656e"
     "6465642062792074686520436f6e7472696275746f7220666f72207075626c69"
     "636174696f6e20617320616c6c206f722070617274206f6620616e2049455446"
     "20496e7465726e65742d4472616674206f722052464320616e6420616e792073"
     "746174656d656e74206d6164652077697468696e2074686520636f6e74657874"
     "206f6620616e204945544620616374697669747920697320636f6e7369646572"
     "656420616e20224945544620436f6e747269627574696f6e222e205375636820"
     "73746174656d656e747320696e636c756465206f72616c2073746174656d656e"
     "747320696e20494554462073657373696f6e732c2061732077656c6c20617320"
     "7772697474656e20616e6420656c656374726f6e696320636f6d6d756e696361"
     "74696f6e73206d61646520617420616e792074696d65206f7220706c6163652c"
     "207768696368206172652061646472657373656420746f",
     "36e5f6b5c5e06070f0efca96227a863e"},
    {"36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000",
     "416e79207375626d697373696f6e20746f20746865204945544620696e74656e"
     "6465642062792074686520436f6e7472696275746f7220666f72207075626c69"
     "636174696f6e20617320616c6c206f722070617274206f6620616e2049455446"
     "20496e7465726e65742d4472616674206f722052464320616e6420616e792073"
     "746174656d656e74206d6164652077697468696e2074686520636f6e74657874"
     "206f6620616e204945544620616374697669747920697320636f6e7369646572"
     "656420616e20224945544620436f6e747269627574696f6e222e205375636820"
     "73746174656d656e747320696e636c756465206f72616c2073746174656d656e"
     "747320696e20494554462073657373696f6e732c2061732077656c6c20617320"
     "7772697474656e20616e6420656c656374726f6e696320636f6d6d756e696361"
     "74696f6e73206d61646520617420616e792074696d65206f7220706c6163652c"
     "207768696368206172652061646472657373656420746f",
     "f3477e7cd95417af89a6b8794c310cf0"},
    {"1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
     "2754776173206272696c6c69672c20616e642074686520736c6974687920746f"
     "7665730a446964206779726520616e642067696d626c6520696e207468652077"
     "6162653a0a416c6c206d696d737920776572652074686520626f726f676f7665"
     "732c0a416e6420746865206d6f6d65207261746873206f757467726162652e",
     "4541669a7eaaee61e708dc7cbcc5eb62"},
    {"0200000000000000000000000000000000000000000000000000000000000000",
     "ffffffffffffffffffffffffffffffff", "03000000000000000000000000000000"},
    {"02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
     "02000000000000000000000000000000", "03000000000000000000000000000000"},
    {"0100000000000000000000000000000000000000000000000000000000000000",
     "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff"
     "11000000000000000000000000000000",
     "05000000000000000000000000000000"},
    {"0100000000000000000000000000000000000000000000000000000000000000",
     "fffffffffffffffffffffffffffffffffbfefefefefefefefefefefefefefefe"
     "01010101010101010101010101010101",
     "00000000000000000000000000000000"},
    {"0200000000000000000000000000000000000000000000000000000000000000",
     "fdffffffffffffffffffffffffffffff", "faffffffffffffffffffffffffffffff"},
    {"0100000000000000040000000000000000000000000000000000000000000000",
     "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
     "0000000000000000000000000000000001000000000000000000000000000000",
     "14000000000000005500000000000000"},
    {"0100000000000000040000000000000000000000000000000000000000000000",
     "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
     "00000000000000000000000000000000",
     "13000000000000000000000000000000"},
};

/* RFC 8439 A.4: Poly1305 key generation (key, nonce, one-time key). */
static const struct {
    const char *key, *nonce, *otk;
} a4[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"},
    {"0000000000000000000000000000000000000000000000000000000000000001", "000000000000000000000002",
     "ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739"},
    {"1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", "000000000000000000000002",
     "965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae"},
};

/* RFC 8439 A.5: AEAD decryption. */
static const char a5_key[] = "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0";
static const char a5_nonce[] = "000000000102030405060708";
static const char a5_aad[] = "f33388860000000000004e91";
static const char a5_ct[] = "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                            "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                            "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                            "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                            "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                            "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                            "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                            "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                            "a6ad5cb4022b02709b";
static const char a5_tag[] = "eead9d67890cbb22392336fea1851f38";
static const char a5_otk[] = "bdf04aa95ce4de8995b14bb6a18fecaf26478f50c054f563dbc0a21e261572aa";
static const char a5_pt[] = "496e7465726e65742d4472616674732061726520647261667420646f63756d65"
                            "6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
                            "6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
                            "65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
                            "6e747320617420616e792074696d652e20497420697320696e617070726f7072"
                            "6961746520746f2075736520496e7465726e65742d4472616674732061732072"
                            "65666572656e6365206d6174657269616c206f7220746f206369746520746865"
                            "6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
                            "726573732e2fe2809d";

/* RFC 8439 2.4.2 and 2.8.2: the "sunscreen" plaintext and its ciphertexts. */
static const char sunscreen[] = "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
                                "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
                                "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
                                "637265656e20776f756c642062652069742e";
static const char s242_ct[] = "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                              "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                              "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                              "5af90bbf74a35be6b40b8eedf2785e42874d";
static const char s282_ct[] = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                              "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                              "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                              "3ff4def08e4b7a9de576d26586cec64b6116";
static const char s282_mac_data[] =
    "50515253c0c1c2c3c4c5c6c700000000d31a8d34648e60db7b86afbc53ef7ec2"
    "a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
    "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58"
    "fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b"
    "611600000000000000000000000000000c000000000000007200000000000000";
static const char s232_block[] = "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                                 "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e";
static const char s252_msg[] = "43727970746f6772617068696320466f72756d2052657365617263682047726f"
                               "7570";

static const char key_00_1f[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
static const char key_80_9f[] = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";

static uint32_t rng_state = 0x2545F491u;
static uint8_t rnd8(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return (uint8_t)(rng_state >> 24);
}
static void rnd(uint8_t *p, size_t n)
{
    while (n--)
        *p++ = rnd8();
}

/* hx: decode a hex constant into buf; returns its length. */
static size_t hx(const char *hex, uint8_t *buf, size_t max)
{
    long n = test_unhex(hex, buf, max);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* ---- reference ChaCha20, straight from RFC 8439 2.1-2.3 ---- */

static uint32_t rotl(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}
static void ref_qr(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    *a += *b, *d ^= *a, *d = rotl(*d, 16);
    *c += *d, *b ^= *c, *b = rotl(*b, 12);
    *a += *b, *d ^= *a, *d = rotl(*d, 8);
    *c += *d, *b ^= *c, *b = rotl(*b, 7);
}
static void ref_qr_state(uint32_t *x, int a, int b, int c, int d)
{
    ref_qr(&x[a], &x[b], &x[c], &x[d]);
}
static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
/* One block; rounds (if not NULL) gets the state after the 20 rounds. */
static void ref_block(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                      uint8_t out[64], uint32_t rounds[16])
{
    uint32_t s[16], x[16];
    int i;
    s[0] = 0x61707865, s[1] = 0x3320646e, s[2] = 0x79622d32, s[3] = 0x6b206574;
    for (i = 0; i < 8; i++)
        s[4 + i] = le32(key + 4 * i);
    s[12] = counter;
    for (i = 0; i < 3; i++)
        s[13 + i] = le32(nonce + 4 * i);
    memcpy(x, s, sizeof x);
    for (i = 0; i < 10; i++) {
        ref_qr_state(x, 0, 4, 8, 12), ref_qr_state(x, 1, 5, 9, 13);
        ref_qr_state(x, 2, 6, 10, 14), ref_qr_state(x, 3, 7, 11, 15);
        ref_qr_state(x, 0, 5, 10, 15), ref_qr_state(x, 1, 6, 11, 12);
        ref_qr_state(x, 2, 7, 8, 13), ref_qr_state(x, 3, 4, 9, 14);
    }
    if (rounds) memcpy(rounds, x, sizeof x);
    for (i = 0; i < 16; i++) {
        uint32_t w = x[i] + s[i];
        out[4 * i] = (uint8_t)w, out[4 * i + 1] = (uint8_t)(w >> 8);
        out[4 * i + 2] = (uint8_t)(w >> 16), out[4 * i + 3] = (uint8_t)(w >> 24);
    }
}
/* Encryption by the RFC 8439 2.4.1 pseudocode (the counter wraps mod 2^32). */
static void ref_chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                         const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t ks[64];
    size_t i;
    for (i = 0; i < len; i++) {
        if (i % 64 == 0) ref_block(key, nonce, counter + (uint32_t)(i / 64), ks, NULL);
        out[i] = in[i] ^ ks[i % 64];
    }
}

/* ---- reference Poly1305: 16-bit limbs, schoolbook, reduce by folding ---- */

#define NL 18 /* limbs of 16 bits: room for a 260-bit product */
static void ref_norm(uint64_t *t)
{
    int i;
    for (i = 0; i < NL - 1; i++)
        t[i + 1] += t[i] >> 16, t[i] &= 0xffff;
}
/* t = t mod p, p = 2^130 - 5, fully reduced. */
static void ref_modp(uint64_t *t)
{
    uint64_t hi[NL], g[NL];
    int i, more = 1;
    while (more) { /* t = lo + 5 * hi while t >= 2^130 */
        for (i = 0; i < NL; i++)
            hi[i] = i + 8 < NL ? t[i + 8] : 0;
        for (i = 0; i < NL - 1; i++)
            hi[i] = ((hi[i] >> 2) | (hi[i + 1] << 14)) & 0xffff;
        hi[NL - 1] = 0;
        t[8] &= 3;
        for (i = 9; i < NL; i++)
            t[i] = 0;
        more = 0;
        for (i = 0; i < NL; i++)
            t[i] += 5 * hi[i], more |= hi[i] != 0;
        ref_norm(t);
    }
    memcpy(g, t, sizeof g);
    g[0] += 5;
    ref_norm(g);
    if (g[8] >> 2) { /* t + 5 >= 2^130: t >= p */
        g[8] &= 3;
        memcpy(t, g, sizeof g);
    }
}
static void ref_poly1305(const uint8_t key[32], const uint8_t *m, size_t len, uint8_t tag[16])
{
    uint64_t r[NL] = {0}, h[NL] = {0}, t[NL];
    uint8_t rb[16];
    size_t off, i, j, n;
    memcpy(rb, key, 16);
    rb[3] &= 15, rb[7] &= 15, rb[11] &= 15, rb[15] &= 15;
    rb[4] &= 252, rb[8] &= 252, rb[12] &= 252;
    for (i = 0; i < 8; i++)
        r[i] = rb[2 * i] | (uint64_t)rb[2 * i + 1] << 8;
    for (off = 0; off < len; off += 16) {
        uint8_t blk[17] = {0};
        n = len - off < 16 ? len - off : 16;
        memcpy(blk, m + off, n);
        blk[n] = 1;
        for (i = 0; i < 9; i++)
            h[i] += blk[2 * i] | (uint64_t)(2 * i + 1 < 17 ? blk[2 * i + 1] : 0) << 8;
        ref_norm(h);
        memset(t, 0, sizeof t);
        for (i = 0; i < 9; i++)
            for (j = 0; j < 9; j++)
                t[i + j] += h[i] * r[j];
        ref_norm(t);
        ref_modp(t);
        memcpy(h, t, sizeof h);
    }
    for (i = 0; i < 8; i++)
        h[i] += key[16 + 2 * i] | (uint64_t)key[17 + 2 * i] << 8;
    ref_norm(h);
    for (i = 0; i < 8; i++)
        tag[2 * i] = (uint8_t)h[i], tag[2 * i + 1] = (uint8_t)(h[i] >> 8);
}

/* Reference AEAD tag (RFC 8439 2.8): Poly1305 over the padded layout. */
static void ref_aead_tag(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aad_len, const uint8_t *ct, size_t len, uint8_t tag[16])
{
    static uint8_t mac[2048];
    uint8_t otk[64];
    size_t n = 0, i;
    memset(mac, 0, sizeof mac);
    memcpy(mac, aad, aad_len);
    n = (aad_len + 15) / 16 * 16;
    memcpy(mac + n, ct, len);
    n += (len + 15) / 16 * 16;
    for (i = 0; i < 8; i++) {
        mac[n + i] = (uint8_t)((uint64_t)aad_len >> (8 * i));
        mac[n + 8 + i] = (uint8_t)((uint64_t)len >> (8 * i));
    }
    n += 16;
    ref_block(key, nonce, 0, otk, NULL);
    ref_poly1305(otk, mac, n, tag);
}

/* ---- ChaCha20 ---- */

static void test_quarter_round(void)
{
    /* 2.1.1 */
    uint32_t a = 0x11111111, b = 0x01020304, c = 0x9b8d6f43, d = 0x01234567;
    uint32_t x[16] = {0x879531e0, 0xc5ecf37d, 0x516461b1, 0xc9a62f8a, 0x44c20ef3, 0x3390af7f,
                      0xd9fc690b, 0x2a5f714c, 0x53372767, 0xb00a5631, 0x974c541a, 0x359e9963,
                      0x5c971061, 0x3d631689, 0x2098d9d6, 0x91dbd320};
    ref_qr(&a, &b, &c, &d);
    CHECK(a == 0xea2a92f4 && b == 0xcb1cf8ce && c == 0x4581472e && d == 0x5881c4bb);
    /* 2.2.1: QUARTERROUND(2, 7, 8, 13) on a state */
    ref_qr_state(x, 2, 7, 8, 13);
    CHECK(x[2] == 0xbdb886dc && x[7] == 0xcfacafd2 && x[8] == 0xe46bea80 && x[13] == 0xccc07c79);
    CHECK(x[0] == 0x879531e0 && x[15] == 0x91dbd320);
}

static void test_block(void)
{
    /* 2.3.2: the reference built on that quarter round gives the RFC's
     * state after 20 rounds and serialized block, and mote_chacha20 gives
     * the same block (so the quarter round is checked through it). */
    static const uint32_t after[16] = {0x837778ab, 0xe238d763, 0xa67ae21e, 0x5950bb2f,
                                       0xc4f2d0c7, 0xfc62bb2f, 0x8fa018fc, 0x3f5ec7b7,
                                       0x335271c2, 0xf29489f3, 0xeabda8fc, 0x82e46ebd,
                                       0xd19c12b4, 0xb04e16de, 0x9e83d0cb, 0x4e3c50a2};
    uint8_t key[32], nonce[12], zero[64] = {0}, out[64];
    uint32_t rounds[16];
    size_t i;

    hx(key_00_1f, key, 32);
    hx("000000090000004a00000000", nonce, 12);
    ref_block(key, nonce, 1, out, rounds);
    CHECK(memcmp(rounds, after, sizeof after) == 0);
    CHECK_HEX(out, 64, s232_block);
    memset(out, 0xee, sizeof out);
    mote_chacha20(key, nonce, 1, zero, out, 64);
    CHECK_HEX(out, 64, s232_block);

    /* A.1: keystream blocks (encrypting zeros) */
    for (i = 0; i < sizeof a1 / sizeof *a1; i++) {
        hx(a1[i].key, key, 32);
        hx(a1[i].nonce, nonce, 12);
        mote_chacha20(key, nonce, a1[i].counter, zero, out, 64);
        CHECK_HEX(out, 64, a1[i].ks);
        ref_block(key, nonce, a1[i].counter, out, NULL);
        CHECK_HEX(out, 64, a1[i].ks);
    }
}

static void test_encrypt(void)
{
    static uint8_t pt[512], ct[512], buf[512];
    uint8_t key[32], nonce[12];
    size_t i, n;

    /* 2.4.2 */
    hx(key_00_1f, key, 32);
    hx("000000000000004a00000000", nonce, 12);
    n = hx(sunscreen, pt, sizeof pt);
    CHECK(n == 114);
    mote_chacha20(key, nonce, 1, pt, ct, n);
    CHECK_HEX(ct, n, s242_ct);
    mote_chacha20(key, nonce, 1, ct, buf, n); /* decryption is the same operation */
    CHECK(memcmp(buf, pt, n) == 0);

    /* A.2, also in place */
    for (i = 0; i < sizeof a2 / sizeof *a2; i++) {
        hx(a2[i].key, key, 32);
        hx(a2[i].nonce, nonce, 12);
        n = hx(a2[i].pt, pt, sizeof pt);
        mote_chacha20(key, nonce, a2[i].counter, pt, ct, n);
        CHECK_HEX(ct, n, a2[i].ct);
        mote_chacha20(key, nonce, a2[i].counter, ct, ct, n);
        CHECK(memcmp(ct, pt, n) == 0);
    }
}

/* Every length from 0 to 1100 (whole and partial blocks, every multiple-
 * block path) against the reference, in place and not; splitting a message
 * at 64-byte boundaries with the counter advanced gives the same output;
 * the counter wraps modulo 2^32 as the reference's does. */
static void test_lengths_and_counter(void)
{
    static uint8_t pt[1100], want[1100], got[1100];
    static const uint32_t counters[] = {0, 1, 7, 0xfffffffdu};
    uint8_t key[32], nonce[12];
    size_t len, c, cut;
    int bad = 0;

    for (c = 0; c < sizeof counters / sizeof *counters; c++) {
        rnd(key, 32);
        rnd(nonce, 12);
        rnd(pt, sizeof pt);
        for (len = 0; len <= sizeof pt; len += (len < 300 ? 1 : 37)) {
            ref_chacha20(key, nonce, counters[c], pt, want, len);
            memset(got, 0xa5, sizeof got);
            mote_chacha20(key, nonce, counters[c], pt, got, len);
            bad |= memcmp(got, want, len) != 0 || (len < sizeof got && got[len] != 0xa5);
            memcpy(got, pt, len);
            mote_chacha20(key, nonce, counters[c], got, got, len);
            bad |= memcmp(got, want, len) != 0;
        }
        len = sizeof pt;
        ref_chacha20(key, nonce, counters[c], pt, want, len);
        for (cut = 0; cut <= len; cut += 64) {
            mote_chacha20(key, nonce, counters[c], pt, got, cut);
            mote_chacha20(key, nonce, counters[c] + (uint32_t)(cut / 64), pt + cut, got + cut,
                          len - cut);
            bad |= memcmp(got, want, len) != 0;
        }
    }
    CHECK(!bad);
}

/* ---- Poly1305 ---- */

static void test_poly1305_vectors(void)
{
    static uint8_t msg[512];
    uint8_t key[32], tag[16];
    mote_poly1305_ctx ctx;
    size_t i, n;

    /* 2.5.2 */
    hx("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", key, 32);
    n = hx(s252_msg, msg, sizeof msg);
    mote_poly1305_init(&ctx, key);
    mote_poly1305_update(&ctx, msg, n);
    mote_poly1305_final(&ctx, tag);
    CHECK_HEX(tag, 16, "a8061dc1305136c6c22b8baf0c0127a9");

    /* A.3 #1 to #11 */
    for (i = 0; i < sizeof a3 / sizeof *a3; i++) {
        hx(a3[i].key, key, 32);
        n = hx(a3[i].msg, msg, sizeof msg);
        mote_poly1305_init(&ctx, key);
        mote_poly1305_update(&ctx, msg, n);
        mote_poly1305_final(&ctx, tag);
        CHECK_HEX(tag, 16, a3[i].tag);
        ref_poly1305(key, msg, n, tag);
        CHECK_HEX(tag, 16, a3[i].tag);
    }
}

/* Random and extreme keys and messages against the reference; streaming in
 * odd chunk sizes equals one-shot. */
static void test_poly1305_random(void)
{
    static uint8_t msg[700];
    static const size_t chunks[] = {1, 2, 3, 5, 7, 13, 15, 16, 17, 31, 33, 64, 100};
    uint8_t key[32], want[16], got[16];
    mote_poly1305_ctx ctx;
    size_t len, k, off, c;
    int bad = 0, kind;

    for (kind = 0; kind < 4; kind++) {
        for (len = 0; len <= sizeof msg; len += (len < 130 ? 1 : 41)) {
            rnd(key, 32);
            rnd(msg, len);
            if (kind & 1) memset(key, 0xff, 32); /* largest clamped r and s */
            if (kind & 2) memset(msg, 0xff, len);
            ref_poly1305(key, msg, len, want);
            mote_poly1305_init(&ctx, key);
            mote_poly1305_update(&ctx, msg, len);
            mote_poly1305_final(&ctx, got);
            bad |= memcmp(got, want, 16) != 0;
            for (c = 0; c < sizeof chunks / sizeof *chunks; c++) {
                mote_poly1305_init(&ctx, key);
                for (off = 0; off < len; off += k) {
                    k = len - off < chunks[c] ? len - off : chunks[c];
                    mote_poly1305_update(&ctx, msg + off, k);
                }
                mote_poly1305_update(&ctx, msg, 0);
                mote_poly1305_final(&ctx, got);
                bad |= memcmp(got, want, 16) != 0;
            }
        }
    }
    CHECK(!bad);
}

static void test_keygen(void)
{
    uint8_t key[32], nonce[12], otk[32];
    size_t i;

    /* 2.6.2 */
    hx(key_80_9f, key, 32);
    hx("000000000001020304050607", nonce, 12);
    memset(otk, 0, 32);
    mote_chacha20(key, nonce, 0, otk, otk, 32);
    CHECK_HEX(otk, 32, "8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");
    /* A.4 */
    for (i = 0; i < sizeof a4 / sizeof *a4; i++) {
        hx(a4[i].key, key, 32);
        hx(a4[i].nonce, nonce, 12);
        memset(otk, 0, 32);
        mote_chacha20(key, nonce, 0, otk, otk, 32);
        CHECK_HEX(otk, 32, a4[i].otk);
    }
}

/* ---- AEAD ---- */

static void test_aead_vectors(void)
{
    static uint8_t pt[512], ct[512], out[512], mac[512];
    uint8_t key[32], nonce[12], aad[32], tag[16], otk[32];
    mote_poly1305_ctx ctx;
    size_t n, alen, mlen;

    /* 2.8.2: seal, the RFC's Poly1305 input under the RFC's one-time key
     * gives the tag, and open gives the plaintext back. */
    hx(key_80_9f, key, 32);
    hx("070000004041424344454647", nonce, 12);
    alen = hx("50515253c0c1c2c3c4c5c6c7", aad, sizeof aad);
    n = hx(sunscreen, pt, sizeof pt);
    mote_chachapoly_seal(key, nonce, aad, alen, pt, n, ct, tag);
    CHECK_HEX(ct, n, s282_ct);
    CHECK_HEX(tag, 16, "1ae10b594f09e26a7e902ecbd0600691");
    mlen = hx(s282_mac_data, mac, sizeof mac);
    hx("7bac2b252db447af09b67a55a4e955840ae1d6731075d9eb2a9375783ed553ff", otk, 32);
    mote_poly1305_init(&ctx, otk);
    mote_poly1305_update(&ctx, mac, mlen);
    mote_poly1305_final(&ctx, tag);
    CHECK_HEX(tag, 16, "1ae10b594f09e26a7e902ecbd0600691");
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, alen, ct, n, out, tag), MOTE_OK);
    CHECK(memcmp(out, pt, n) == 0);

    /* A.5: decryption */
    hx(a5_key, key, 32);
    hx(a5_nonce, nonce, 12);
    alen = hx(a5_aad, aad, sizeof aad);
    n = hx(a5_ct, ct, sizeof ct);
    hx(a5_tag, tag, 16);
    memset(otk, 0, 32);
    mote_chacha20(key, nonce, 0, otk, otk, 32);
    CHECK_HEX(otk, 32, a5_otk);
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, alen, ct, n, out, tag), MOTE_OK);
    CHECK_HEX(out, n, a5_pt);
    /* in place */
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, alen, ct, n, ct, tag), MOTE_OK);
    CHECK_HEX(ct, n, a5_pt);
    /* and sealing the plaintext gives the received ciphertext and tag */
    mote_chachapoly_seal(key, nonce, aad, alen, ct, n, ct, out);
    CHECK_HEX(ct, n, a5_ct);
    CHECK_HEX(out, 16, a5_tag);
}

/* Lengths of aad and message around the padding boundaries, against the
 * reference construction; round trip in place and not. */
static void test_aead_lengths(void)
{
    static uint8_t pt[300], ct[300], out[300], aad[40];
    static const size_t alens[] = {0, 1, 12, 15, 16, 17, 33, 40};
    uint8_t key[32], nonce[12], tag[16], want[16];
    size_t len, a;
    int bad = 0;

    for (a = 0; a < sizeof alens / sizeof *alens; a++) {
        for (len = 0; len <= sizeof pt; len += (len < 140 ? 1 : 23)) {
            rnd(key, 32), rnd(nonce, 12), rnd(aad, sizeof aad), rnd(pt, len);
            mote_chachapoly_seal(key, nonce, aad, alens[a], pt, len, ct, tag);
            ref_chacha20(key, nonce, 1, pt, out, len);
            bad |= memcmp(out, ct, len) != 0;
            ref_aead_tag(key, nonce, aad, alens[a], ct, len, want);
            bad |= memcmp(tag, want, 16) != 0;
            bad |= mote_chachapoly_open(key, nonce, aad, alens[a], ct, len, out, tag) != MOTE_OK;
            bad |= memcmp(out, pt, len) != 0;
            memcpy(out, pt, len);
            mote_chachapoly_seal(key, nonce, aad, alens[a], out, len, out, want);
            bad |= memcmp(out, ct, len) != 0 || memcmp(want, tag, 16) != 0;
            bad |= mote_chachapoly_open(key, nonce, aad, alens[a], out, len, out, tag) != MOTE_OK;
            bad |= memcmp(out, pt, len) != 0;
        }
    }
    CHECK(!bad);
    /* empty message and aad, NULL pointers with zero lengths */
    hx(key_80_9f, key, 32);
    memset(nonce, 0, 12);
    mote_chachapoly_seal(key, nonce, NULL, 0, NULL, 0, NULL, tag);
    ref_aead_tag(key, nonce, aad, 0, ct, 0, want);
    CHECK(memcmp(tag, want, 16) == 0);
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, NULL, 0, NULL, 0, NULL, tag), MOTE_OK);
    tag[0] ^= 1;
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, NULL, 0, NULL, 0, NULL, tag), MOTE_ERR_AUTH);
}

static int all_zero(const uint8_t *p, size_t n)
{
    while (n--)
        if (*p++) return 0;
    return 1;
}

/* Any flipped bit of ciphertext, aad or tag: MOTE_ERR_AUTH, and the output
 * (len bytes) is zeroed, also in place. */
static void test_tamper(void)
{
    static uint8_t pt[200], ct[200], out[200];
    uint8_t key[32], nonce[12], aad[20], tag[16];
    size_t len = sizeof pt, i;
    int bad = 0, rc;

    rnd(key, 32), rnd(nonce, 12), rnd(aad, sizeof aad), rnd(pt, len);
    mote_chachapoly_seal(key, nonce, aad, sizeof aad, pt, len, ct, tag);
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len, out, tag), MOTE_OK);
    for (i = 0; i < 8 * len; i += 13) {
        ct[i / 8] ^= (uint8_t)(1u << (i % 8));
        memset(out, 0x5a, sizeof out);
        rc = mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len, out, tag);
        bad |= rc != MOTE_ERR_AUTH || !all_zero(out, len);
        ct[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    for (i = 0; i < 8 * sizeof aad; i++) {
        aad[i / 8] ^= (uint8_t)(1u << (i % 8));
        memset(out, 0x5a, sizeof out);
        rc = mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len, out, tag);
        bad |= rc != MOTE_ERR_AUTH || !all_zero(out, len);
        aad[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    for (i = 0; i < 128; i++) {
        tag[i / 8] ^= (uint8_t)(1u << (i % 8));
        memset(out, 0x5a, sizeof out);
        rc = mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len, out, tag);
        bad |= rc != MOTE_ERR_AUTH || !all_zero(out, len);
        tag[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    CHECK(!bad);
    /* shorter aad or message, other nonce: rejected */
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, sizeof aad - 1, ct, len, out, tag),
                 MOTE_ERR_AUTH);
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len - 1, out, tag),
                 MOTE_ERR_AUTH);
    nonce[11] ^= 0x80;
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len, out, tag),
                 MOTE_ERR_AUTH);
    nonce[11] ^= 0x80;
    /* in place: the ciphertext buffer itself is wiped */
    tag[15] ^= 0x40;
    memcpy(out, ct, len);
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, sizeof aad, out, len, out, tag),
                 MOTE_ERR_AUTH);
    CHECK(all_zero(out, len));
    tag[15] ^= 0x40;
    CHECK_EQ_INT(mote_chachapoly_open(key, nonce, aad, sizeof aad, ct, len, ct, tag), MOTE_OK);
    CHECK(memcmp(ct, pt, len) == 0);
}

int main(void)
{
    test_quarter_round();
    test_block();
    test_encrypt();
    test_lengths_and_counter();
    test_poly1305_vectors();
    test_poly1305_random();
    test_keygen();
    test_aead_vectors();
    test_aead_lengths();
    test_tamper();
    return test_done("chachapoly");
}

#else
int main(void)
{
    return test_done("chachapoly (disabled)");
}
#endif
