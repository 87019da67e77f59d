/* The streaming chain validator on a fixed RSA-2048 chain (x509_certs.h):
 * every chunking gives the same verdict, each rule fails with its own
 * error, trust anchors load from PEM and DER, times convert exactly. The
 * wide matrix against OpenSSL is tests/interop/x509_chains.sh. */
#include <string.h>

#include "mote/x509.h"
#include "x509/x509_int.h"
#include "test.h"
#include "x509_certs.h"
#include "x509_cn_certs.h"
#include "x509_weak_cert.h"

#define T_2030 1893456000 /* 2030-01-01 00:00:00 UTC: inside every validity */

static mote_x509_trust_anchor anchors[4];
static size_t n_anchors;
static uint8_t anchor_store[2048];

struct cert {
    const uint8_t *der;
    size_t len;
};

/* Validate certs[0..n) fed in chunks of `chunk` bytes (0: whole). */
static int validate(const struct cert *certs, size_t n, size_t chunk, const char *host, int64_t now,
                    mote_x509_pubkey *leaf, mote_x509_chain *c)
{
    size_t i, at;
    int r = MOTE_OK;
    mote_x509_chain_init(c, anchors, n_anchors, leaf);
    if (now) mote_x509_chain_set_time(c, now);
    if (host) CHECK_EQ_INT(mote_x509_chain_set_host(c, host, strlen(host)), MOTE_OK);
    for (i = 0; i < n && r == MOTE_OK; i++) {
        r = mote_x509_chain_begin(c);
        for (at = 0; r == MOTE_OK && at < certs[i].len;) {
            size_t k = chunk && chunk < certs[i].len - at ? chunk : certs[i].len - at;
            r = mote_x509_chain_feed(c, certs[i].der + at, k);
            at += k;
        }
        if (r == MOTE_OK) r = mote_x509_chain_end(c);
    }
    if (r == MOTE_OK) r = mote_x509_chain_finish(c);
    return r;
}

static int simple(const struct cert *certs, size_t n, const char *host, int64_t now)
{
    mote_x509_chain c;
    return validate(certs, n, 0, host, now, NULL, &c);
}

static uint8_t copy[1024];

/* a copy of a certificate with one byte changed */
static struct cert patched(const struct cert *src, size_t off, uint8_t xor_mask)
{
    struct cert c;
    memcpy(copy, src->der, src->len);
    copy[off] ^= xor_mask;
    c.der = copy;
    c.len = src->len;
    return c;
}

static size_t find(const struct cert *c, const char *s)
{
    size_t i, n = strlen(s);
    for (i = 0; i + n <= c->len; i++)
        if (memcmp(c->der + i, s, n) == 0) return i;
    return 0;
}

static void test_times(void)
{
    int64_t t;
    CHECK_EQ_INT(mote_x509_time(1970, 1, 1, 0, 0, 0), 0);
    CHECK_EQ_INT(mote_x509_time(2000, 3, 1, 0, 0, 0), 951868800);
    CHECK_EQ_INT(mote_x509_time(2038, 1, 19, 3, 14, 8), 2147483648LL);
    CHECK_EQ_INT(mote_x509_time(1950, 1, 1, 0, 0, 0), -631152000LL);
    CHECK_EQ_INT(mote_x509_time(9999, 12, 31, 23, 59, 59), 253402300799LL);
    CHECK_EQ_INT(mote_x509_time(0, 1, 1, 0, 0, 0), -62167219200LL);
    /* day by day from year 0 to 2400: consecutive days are 86400 s apart */
    {
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int y, m, d, bad = 0;
        int64_t prev = mote_x509_time(0, 1, 1, 0, 0, 0) - 86400;
        for (y = 0; y <= 2400; y++)
            for (m = 1; m <= 12; m++) {
                int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                for (d = 1; d <= mdays[m - 1] + (m == 2 && leap); d++) {
                    int64_t now = mote_x509_time(y, m, d, 0, 0, 0);
                    bad += now != prev + 86400;
                    prev = now;
                }
            }
        CHECK_EQ_INT(bad, 0);
        CHECK_EQ_INT(prev, mote_x509_time(2400, 12, 31, 0, 0, 0));
    }
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"700101000000Z", 13, &t) == 0 && t == 0);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"491231235959Z", 13, &t) == 0 &&
          t == 2524607999LL);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"500101000000Z", 13, &t) == 0 &&
          t == -631152000LL);
    CHECK(mote_x509_parse_time(0x18, (const uint8_t *)"20500101000000Z", 15, &t) == 0 &&
          t == 2524608000LL);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"000229120000Z", 13, &t) == 0); /* leap */
    CHECK(mote_x509_parse_time(0x18, (const uint8_t *)"21000229120000Z", 15, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"010229120000Z", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"000230000000Z", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"001301000000Z", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"000101240000Z", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"000101006000Z", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"000101000060Z", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"0001010000000", 13, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"0001010000Z", 11, &t) == -1);
    CHECK(mote_x509_parse_time(0x18, (const uint8_t *)"20500101000000.5Z", 17, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"20500101000000Z", 15, &t) == -1);
    CHECK(mote_x509_parse_time(0x17, (const uint8_t *)"0001010000+0Z", 13, &t) == -1);
}

static void test_anchors(void)
{
    uint8_t name_hash[MOTE_X509_NAME_HASH_LEN];
    size_t count, skipped, used;
    mote_x509_trust_anchor ta;
    uint8_t store[600];
    /* from PEM (a comment line before it), and from DER: the same anchor */
    CHECK_EQ_INT(mote_x509_ta_load(anchors, 4, &count, &skipped, anchor_store, sizeof anchor_store,
                                   (const uint8_t *)root_pem, strlen(root_pem)),
                 MOTE_OK);
    CHECK_EQ_INT(count, 1);
    CHECK_EQ_INT(skipped, 0);
    n_anchors = count;
    CHECK_EQ_INT(mote_x509_ta_from_cert(&ta, store, sizeof store, &used, root_der, sizeof root_der),
                 MOTE_OK);
    CHECK_EQ_INT(used, 256);
    CHECK(memcmp(ta.name_hash, anchors[0].name_hash, sizeof ta.name_hash) == 0);
    CHECK(ta.key_type == MOTE_X509_KEY_RSA && ta.key_len == 256 && ta.rsa_e == 65537);
    CHECK(ta.flags == MOTE_X509_TA_CA && ta.path_len == 0xFF);
    CHECK(memcmp(ta.key, anchors[0].key, 256) == 0);
    /* the name hash is SHA-256 of the subject's DER, SEQUENCE { SET {
     * SEQUENCE { OID CN, UTF8String "unit root" } } }: 13 bytes of headers
     * before the text; the subject is the second of two such names */
    {
        struct cert rc = {root_der, sizeof root_der}, rest;
        size_t at = find(&rc, "unit root");
        rest.der = root_der + at + 1;
        rest.len = sizeof root_der - at - 1;
        at += 1 + find(&rest, "unit root");
        CHECK(root_der[at - 13] == 0x30 && root_der[at - 12] == 0x14);
        mote_x509_name_hash(root_der + at - 13, 22, name_hash);
        CHECK(memcmp(name_hash, ta.name_hash, sizeof name_hash) == 0);
    }
    /* too small a store, garbage, a PEM bundle that is not closed */
    CHECK_EQ_INT(mote_x509_ta_from_cert(&ta, store, 100, &used, root_der, sizeof root_der),
                 MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(mote_x509_ta_from_cert(&ta, store, sizeof store, &used, root_der, 500),
                 MOTE_ERR_X509_MALFORMED);
    CHECK_EQ_INT(mote_x509_ta_load(&ta, 1, &count, NULL, anchor_store + 1024, 1024,
                                   (const uint8_t *)root_pem, strlen(root_pem) - 30),
                 MOTE_ERR_ENCODING);
    CHECK_EQ_INT(
        mote_x509_ta_load(&ta, 1, &count, NULL, store, sizeof store, root_der, sizeof root_der),
        MOTE_OK);
    CHECK_EQ_INT(count, 1);
}

/* The subject's commonName stands in for the host name only when the leaf
 * has no dNSName subjectAltName (RFC 6125 6.4.4), never for an IP address. */
#if MOTE_ENABLE_P256
static void count_progress(void *arg)
{
    ++*(unsigned *)arg;
}
#endif

static void test_cn_fallback(void)
{
#if MOTE_ENABLE_P256
    static const struct {
        const uint8_t *der;
        size_t len;
        const char *host;
        int want;
    } t[] = {
        {cn_only_der, sizeof cn_only_der, "cn.example.com", MOTE_OK},
        {cn_only_der, sizeof cn_only_der, "CN.Example.COM.", MOTE_OK},
        {cn_only_der, sizeof cn_only_der, "example.com", MOTE_ERR_X509_NAME_MISMATCH},
        {cn_only_der, sizeof cn_only_der, "x.cn.example.com", MOTE_ERR_X509_NAME_MISMATCH},
        {cn_only_der, sizeof cn_only_der, "mote tests", MOTE_ERR_BAD_INPUT}, /* O= is no name */
        /* a dNSName SAN exists: the CN does not count */
        {cn_dns_der, sizeof cn_dns_der, "cn.example.com", MOTE_ERR_X509_NAME_MISMATCH},
        {cn_dns_der, sizeof cn_dns_der, "other.example.com", MOTE_OK},
        /* only an iPAddress SAN: the CN counts for host names */
        {cn_ip_der, sizeof cn_ip_der, "cn.example.com", MOTE_OK},
        {cn_ip_der, sizeof cn_ip_der, "192.0.2.1", MOTE_OK},
        {cn_ip_der, sizeof cn_ip_der, "192.0.2.2", MOTE_ERR_X509_NAME_MISMATCH},
        /* a wildcard CN follows the SAN rules */
        {cn_wild_der, sizeof cn_wild_der, "www.example.com", MOTE_OK},
        {cn_wild_der, sizeof cn_wild_der, "example.com", MOTE_ERR_X509_NAME_MISMATCH},
        {cn_wild_der, sizeof cn_wild_der, "a.b.example.com", MOTE_ERR_X509_NAME_MISMATCH},
        /* several CNs: any of them */
        {cn_two_der, sizeof cn_two_der, "a.example.com", MOTE_OK},
        {cn_two_der, sizeof cn_two_der, "b.example.com", MOTE_OK},
        {cn_two_der, sizeof cn_two_der, "c.example.com", MOTE_ERR_X509_NAME_MISMATCH},
        /* the root's CN ("cn root") is not a leaf's */
    };
    mote_x509_trust_anchor ta;
    static uint8_t key[MOTE_X509_EC_POINT_MAX];
    mote_x509_chain c;
    mote_progress pg;
    size_t used, i, chunk;
    unsigned calls = 0;
    CHECK_EQ_INT(mote_x509_ta_from_cert(&ta, key, sizeof key, &used, cnr_der, sizeof cnr_der),
                 MOTE_OK);
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        for (chunk = 0; chunk <= 7; chunk += 7) {
            size_t at, k;
            int r = MOTE_OK;
            mote_x509_chain_init(&c, &ta, 1, NULL);
            mote_x509_chain_set_time(&c, T_2030);
            r = mote_x509_chain_set_host(&c, t[i].host, strlen(t[i].host));
            if (r == MOTE_OK) r = mote_x509_chain_begin(&c);
            for (at = 0; r == MOTE_OK && at < t[i].len; at += k) {
                k = chunk && chunk < t[i].len - at ? chunk : t[i].len - at;
                r = mote_x509_chain_feed(&c, t[i].der + at, k);
            }
            if (r == MOTE_OK) r = mote_x509_chain_end(&c);
            if (r == MOTE_OK) r = mote_x509_chain_finish(&c);
            if (r != t[i].want)
                fprintf(stderr, "cn %u (%s), chunk %u: %d\n", (unsigned)i, t[i].host,
                        (unsigned)chunk, r);
            CHECK_EQ_INT(r, t[i].want);
        }
    }
    /* no host to check: every leaf is fine; the progress hook runs inside
     * the ECDSA check of the leaf's signature, and not without a hook */
    mote_x509_chain_init(&c, &ta, 1, NULL);
    mote_x509_chain_set_time(&c, T_2030);
    pg.fn = count_progress;
    pg.arg = &calls;
    mote_x509_chain_set_progress(&c, &pg);
    CHECK_EQ_INT(mote_x509_chain_add(&c, cn_dns_der, sizeof cn_dns_der), MOTE_OK);
    CHECK_EQ_INT(mote_x509_chain_finish(&c), MOTE_OK);
    CHECK(calls >= 4);
    calls = 0;
    mote_x509_chain_set_progress(&c, NULL);
    mote_x509_chain_init(&c, &ta, 1, NULL);
    mote_x509_chain_set_time(&c, T_2030);
    CHECK_EQ_INT(mote_x509_chain_add(&c, cn_dns_der, sizeof cn_dns_der), MOTE_OK);
    CHECK_EQ_INT(calls, 0);
    /* a changed byte in the CN changes the verdict (and breaks the signature) */
    memcpy(copy, cn_only_der, sizeof cn_only_der);
    copy[find(&(struct cert){cn_only_der, sizeof cn_only_der}, "cn.example.com")] ^= 1;
    mote_x509_chain_init(&c, &ta, 1, NULL);
    mote_x509_chain_set_time(&c, T_2030);
    CHECK_EQ_INT(mote_x509_chain_set_host(&c, "cn.example.com", 14), MOTE_OK);
    CHECK_EQ_INT(mote_x509_chain_add(&c, copy, sizeof cn_only_der), MOTE_ERR_X509_NAME_MISMATCH);
#endif
}

/* A leaf whose RSA key is below MOTE_X509_MIN_RSA_BITS fails validation
 * with WEAK_KEY, but its key is still handed over (with verification off a
 * TLS peer may accept it for CertificateVerify when MOTE_RSA_MIN_BITS
 * allows); a key of an unsupported kind is not. */
static void test_weak_leaf(void)
{
    struct cert weak = {weak_rsa1024_der, sizeof weak_rsa1024_der};
    mote_x509_chain c;
    mote_x509_pubkey key;
    size_t at = 0;
    memset(&key, 0, sizeof key);
    CHECK_EQ_INT(validate(&weak, 1, 0, NULL, T_2030, &key, &c), MOTE_ERR_X509_WEAK_KEY);
    CHECK(key.type == MOTE_X509_KEY_RSA && key.len == 128 && key.e == 65537);
    while (at + 4 < sizeof weak_rsa1024_der && memcmp(weak_rsa1024_der + at, "\x02\x81\x81\x00", 4))
        at++;
    CHECK(at + 4 + 128 <= sizeof weak_rsa1024_der &&
          memcmp(key.data, weak_rsa1024_der + at + 4, 128) == 0);
}

/* The structure table: a validity time of the wrong type is refused at
 * its header; the shared signature check says when a key does not fit the
 * scheme. */
static void test_structure_and_verify(void)
{
    static uint8_t bad[sizeof leaf_der];
    static const uint8_t digest[32] = {1}, sig[8] = {0x30, 6, 2, 1, 1, 2, 1, 1};
    mote_x509_chain c;
    mote_x509_trust_anchor ta;
    mote_x509_keyref kr;
    uint8_t key[MOTE_X509_KEY_MAX];
    size_t i, used;
    int r;
    for (i = 0; i + 1 < sizeof leaf_der && !(leaf_der[i] == 0x17 && leaf_der[i + 1] == 13); i++)
        ;
    CHECK(i + 1 < sizeof leaf_der);
    memcpy(bad, leaf_der, sizeof bad);
    bad[i] = 0x04; /* notBefore as an OCTET STRING */
    mote_x509_chain_init(&c, NULL, 0, NULL);
    mote_x509_chain_set_flags(&c, MOTE_X509_NO_TIME_CHECK);
    r = mote_x509_chain_add(&c, bad, sizeof bad);
    CHECK(r == MOTE_ERR_X509_MALFORMED && c.err_cert == 0 && c.err_offset == i + 2);
    bad[i] = 0x18; /* a GeneralizedTime must have 15 bytes */
    mote_x509_chain_init(&c, NULL, 0, NULL);
    mote_x509_chain_set_flags(&c, MOTE_X509_NO_TIME_CHECK);
    CHECK(mote_x509_chain_add(&c, bad, sizeof bad) == MOTE_ERR_X509_MALFORMED);

    CHECK(mote_x509_ta_from_cert(&ta, key, sizeof key, &used, root_der, sizeof root_der) ==
          MOTE_OK);
    /* the root's key against a scheme of the other kind: 1 */
    kr.data = key;
    kr.e = ta.rsa_e;
    kr.len = (uint16_t)used;
    kr.type = ta.key_type;
    r = mote_x509_verify(
        &kr, ta.key_type == MOTE_X509_KEY_RSA ? MOTE_X509_SIG_ECDSA : MOTE_X509_SIG_PKCS1,
        &mote_sha256_desc, digest, 32, sig, sizeof sig, NULL);
    CHECK(r == 1);
    /* the right kind, a signature that is not one: an error */
    r = mote_x509_verify(
        &kr, ta.key_type == MOTE_X509_KEY_RSA ? MOTE_X509_SIG_PKCS1 : MOTE_X509_SIG_ECDSA,
        &mote_sha256_desc, digest, 32, sig, sizeof sig, NULL);
    CHECK(r < 0);
}

int main(void)
{
    struct cert root = {root_der, sizeof root_der}, in = {int_der, sizeof int_der},
                leaf = {leaf_der, sizeof leaf_der};
    struct cert chain[4];
    mote_x509_chain c;
    mote_x509_pubkey leaf_key;
    size_t chunk;
    int r;

    test_times();
    test_anchors();
    test_cn_fallback();
    test_weak_leaf();
    test_structure_and_verify();

    /* the chain, in every chunking from 1 to 40 bytes and whole; the leaf's
     * key comes out */
    chain[0] = leaf, chain[1] = in;
    for (chunk = 0; chunk <= 40; chunk++) {
        memset(&leaf_key, 0xAA, sizeof leaf_key);
        r = validate(chain, 2, chunk, "www.example.com", T_2030, &leaf_key, &c);
        CHECK_EQ_INT(r, MOTE_OK);
    }
    CHECK(leaf_key.type == MOTE_X509_KEY_RSA && leaf_key.len == 256 && leaf_key.e == 65537);
    CHECK(memcmp(leaf_key.data, leaf_der + find(&leaf, "\x02\x82\x01\x01\x00") + 5, 256) == 0);
    CHECK_EQ_INT(simple(chain, 2, "192.0.2.1", T_2030), MOTE_OK);
    CHECK_EQ_INT(simple(chain, 2, "WWW.EXAMPLE.COM.", T_2030), MOTE_OK);
    CHECK_EQ_INT(simple(chain, 2, NULL, T_2030), MOTE_OK);
    /* with the root, and with the root and an extra copy after it */
    chain[2] = root, chain[3] = leaf;
    CHECK_EQ_INT(simple(chain, 3, "www.example.com", T_2030), MOTE_OK);
    CHECK_EQ_INT(simple(chain, 4, "www.example.com", T_2030), MOTE_OK);
    /* an unrelated certificate between leaf and issuer is skipped */
    chain[0] = leaf, chain[1] = root, chain[2] = in;
    CHECK_EQ_INT(simple(chain, 3, "www.example.com", T_2030), MOTE_OK);

    /* each rule, failing */
    chain[0] = leaf, chain[1] = in;
    CHECK_EQ_INT(simple(chain, 2, "example.com", T_2030), MOTE_ERR_X509_NAME_MISMATCH);
    CHECK_EQ_INT(simple(chain, 2, "192.0.2.2", T_2030), MOTE_ERR_X509_NAME_MISMATCH);
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", mote_x509_time(2023, 12, 31, 23, 59, 59)),
                 MOTE_ERR_X509_NOT_YET_VALID);
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", mote_x509_time(2024, 1, 1, 0, 0, 0)), MOTE_OK);
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", mote_x509_time(2054, 1, 1, 0, 0, 0)), MOTE_OK);
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", mote_x509_time(2054, 1, 1, 0, 0, 1)),
                 MOTE_ERR_X509_EXPIRED);
    CHECK_EQ_INT(simple(chain, 1, "www.example.com", T_2030), MOTE_ERR_X509_UNKNOWN_ISSUER);
    CHECK_EQ_INT(simple(chain, 0, "www.example.com", T_2030), MOTE_ERR_X509_EMPTY);
    /* the intermediate is no server certificate: keyUsage keyCertSign only */
    chain[0] = in, chain[1] = root;
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", T_2030), MOTE_ERR_X509_BAD_USAGE);
    /* nor a certificate whose RSA key would encrypt a TLS 1.2 premaster
     * (MOTE_X509_PURPOSE_SERVER_KEX: keyEncipherment needed) */
    mote_x509_chain_init(&c, anchors, n_anchors, NULL);
    mote_x509_chain_set_time(&c, T_2030);
    mote_x509_chain_set_purpose(&c, MOTE_X509_PURPOSE_SERVER_KEX);
    CHECK_EQ_INT(mote_x509_chain_add(&c, int_der, sizeof int_der), MOTE_ERR_X509_BAD_USAGE);
    /* nor, for any purpose, one for this host: no SAN at all */
    mote_x509_chain_init(&c, anchors, n_anchors, NULL);
    mote_x509_chain_set_time(&c, T_2030);
    mote_x509_chain_set_purpose(&c, MOTE_X509_PURPOSE_ANY);
    CHECK_EQ_INT(mote_x509_chain_set_host(&c, "www.example.com", 15), MOTE_OK);
    CHECK_EQ_INT(mote_x509_chain_add(&c, int_der, sizeof int_der), MOTE_ERR_X509_NAME_MISMATCH);
    /* but with no host to check, it is a fine chain */
    mote_x509_chain_init(&c, anchors, n_anchors, NULL);
    mote_x509_chain_set_time(&c, T_2030);
    mote_x509_chain_set_purpose(&c, MOTE_X509_PURPOSE_ANY);
    CHECK_EQ_INT(mote_x509_chain_add(&c, int_der, sizeof int_der), MOTE_OK);
    CHECK_EQ_INT(mote_x509_chain_finish(&c), MOTE_OK);
    /* no time given: refused unless the time checks are switched off */
    chain[0] = leaf, chain[1] = in;
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", 0), MOTE_ERR_X509_NO_TIME);
    {
        mote_x509_chain_init(&c, anchors, n_anchors, NULL);
        mote_x509_chain_set_flags(&c, MOTE_X509_NO_TIME_CHECK);
        CHECK_EQ_INT(mote_x509_chain_add(&c, leaf_der, sizeof leaf_der), MOTE_OK);
        CHECK_EQ_INT(mote_x509_chain_add(&c, int_der, sizeof int_der), MOTE_OK);
        CHECK_EQ_INT(mote_x509_chain_finish(&c), MOTE_OK);
    }
    /* a changed byte in the signature, in the TBS, in the issuer's name */
    chain[0] = patched(&leaf, leaf.len - 1, 1);
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", T_2030), MOTE_ERR_X509_BAD_SIGNATURE);
    chain[0] = patched(&leaf, find(&leaf, "www.example.com"), 0x20); /* "Www" */
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", T_2030), MOTE_ERR_X509_BAD_SIGNATURE);
    chain[0] = patched(&leaf, find(&leaf, "unit int"), 1); /* issuer name */
    CHECK_EQ_INT(simple(chain, 2, "www.example.com", T_2030), MOTE_ERR_X509_UNKNOWN_ISSUER);
    /* malformed: the error names the certificate and the offset */
    chain[0] = patched(&leaf, 1, 0x02); /* 0x82 -> 0x80: indefinite length */
    CHECK_EQ_INT(validate(chain, 2, 3, NULL, T_2030, NULL, &c), MOTE_ERR_X509_MALFORMED);
    CHECK_EQ_INT(c.err_cert, 0);
    CHECK_EQ_INT(c.err_offset, 1);
    chain[0] = leaf;
    chain[1] = patched(&in, 55, 0xFF); /* notBefore's tag in the intermediate */
    CHECK_EQ_INT(validate(chain, 2, 7, NULL, T_2030, NULL, &c), MOTE_ERR_X509_MALFORMED);
    CHECK_EQ_INT(c.err_cert, 1);
    CHECK(c.err_offset >= 55 && c.err_offset <= 57);
    chain[1] = patched(&in, 57, 0x01); /* a digit of notBefore -> ':' */
    CHECK_EQ_INT(simple(chain, 2, NULL, T_2030), MOTE_ERR_X509_MALFORMED);
    /* truncated: end before the DER is complete */
    {
        mote_x509_chain_init(&c, anchors, n_anchors, NULL);
        mote_x509_chain_set_time(&c, T_2030);
        CHECK_EQ_INT(mote_x509_chain_begin(&c), MOTE_OK);
        CHECK_EQ_INT(mote_x509_chain_feed(&c, leaf_der, 300), MOTE_OK);
        CHECK_EQ_INT(mote_x509_chain_end(&c), MOTE_ERR_X509_MALFORMED);
        CHECK_EQ_INT(mote_x509_chain_finish(&c), MOTE_ERR_X509_MALFORMED); /* sticks */
        /* and trailing bytes after a certificate */
        mote_x509_chain_init(&c, anchors, n_anchors, NULL);
        mote_x509_chain_set_time(&c, T_2030);
        CHECK_EQ_INT(mote_x509_chain_begin(&c), MOTE_OK);
        CHECK_EQ_INT(mote_x509_chain_feed(&c, leaf_der, sizeof leaf_der), MOTE_OK);
        CHECK_EQ_INT(mote_x509_chain_feed(&c, leaf_der, 4), MOTE_ERR_X509_MALFORMED);
        /* API misuse */
        mote_x509_chain_init(&c, anchors, n_anchors, NULL);
        CHECK_EQ_INT(mote_x509_chain_feed(&c, leaf_der, 2), MOTE_ERR_BAD_INPUT);
        CHECK_EQ_INT(mote_x509_chain_set_host(&c, "a..b", 4), MOTE_ERR_BAD_INPUT);
        CHECK_EQ_INT(mote_x509_chain_set_host(&c, "1.2.3.4", 7), MOTE_OK);
    }
    /* no anchors at all */
    n_anchors = 0;
    chain[0] = leaf, chain[1] = in, chain[2] = root;
    CHECK_EQ_INT(simple(chain, 3, "www.example.com", T_2030), MOTE_ERR_X509_UNKNOWN_ISSUER);
    n_anchors = 1;

    /* Ed25519-signed certificates need room for two TBSs */
    {
        static uint8_t tbs[2 * 400];
        mote_x509_trust_anchor edta;
        static uint8_t edkey[32];
        size_t used, i;
        int ok = 1;
        CHECK_EQ_INT(mote_x509_ta_from_cert(&edta, edkey, sizeof edkey, &used, ed_root_der,
                                            sizeof ed_root_der),
                     MOTE_OK);
        CHECK(edta.key_type == MOTE_X509_KEY_ED25519 && used == 32);
        for (i = 0; i <= 3; i++) {
            size_t buf_len = i == 0 ? 0 : i == 1 ? sizeof tbs : i == 2 ? 2 * 300 : 2 * 200;
            int want = i == 0 || i == 3 ? MOTE_ERR_X509_UNSUPPORTED : MOTE_OK;
            size_t step;
            for (step = 0; step < 9; step += 4) {
                size_t at, k;
                int r2 = MOTE_OK;
                const uint8_t *ders[2] = {ed_leaf_der, ed_int_der};
                size_t lens[2] = {sizeof ed_leaf_der, sizeof ed_int_der};
                mote_x509_chain_init(&c, &edta, 1, &leaf_key);
                mote_x509_chain_set_time(&c, T_2030);
                mote_x509_chain_set_host(&c, "www.example.com", 15);
                mote_x509_chain_set_tbs_buffer(&c, tbs, buf_len);
                for (k = 0; k < 2 && r2 == MOTE_OK; k++) {
                    r2 = mote_x509_chain_begin(&c);
                    for (at = 0; r2 == MOTE_OK && at < lens[k]; at += step ? step : lens[k])
                        r2 = mote_x509_chain_feed(
                            &c, ders[k] + at, step && step < lens[k] - at ? step : lens[k] - at);
                    if (r2 == MOTE_OK) r2 = mote_x509_chain_end(&c);
                }
                if (r2 == MOTE_OK) r2 = mote_x509_chain_finish(&c);
                if (r2 != want) {
                    fprintf(stderr, "ed25519: buffer %u step %u: %d\n", (unsigned)buf_len,
                            (unsigned)step, r2);
                    ok = 0;
                }
            }
        }
        CHECK(ok);
        CHECK(leaf_key.type == MOTE_X509_KEY_ED25519 && leaf_key.len == 32);
        /* a changed byte in the leaf's TBS */
        memcpy(copy, ed_leaf_der, sizeof ed_leaf_der);
        copy[sizeof ed_leaf_der - 80] ^= 1;
        mote_x509_chain_init(&c, &edta, 1, NULL);
        mote_x509_chain_set_flags(&c, MOTE_X509_NO_TIME_CHECK);
        mote_x509_chain_set_tbs_buffer(&c, tbs, sizeof tbs);
        r = mote_x509_chain_add(&c, copy, sizeof ed_leaf_der);
        if (!r) r = mote_x509_chain_add(&c, ed_int_der, sizeof ed_int_der);
        if (!r) r = mote_x509_chain_finish(&c);
        CHECK(r == MOTE_ERR_X509_BAD_SIGNATURE || r == MOTE_ERR_X509_MALFORMED);
    }

    CHECK(mote_x509_strerror(MOTE_ERR_X509_EXPIRED) != NULL);
    CHECK(mote_x509_strerror(MOTE_ERR_BAD_INPUT) == NULL);
    return test_done("x509");
}
