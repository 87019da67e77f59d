/* libFuzzer harness: the streaming certificate decoder and chain
 * validator (src/x509/chain.c), and trust-anchor extraction.
 *
 * Input: one byte choosing the chunk size, then certificates, each as a
 * 2-byte big-endian length and that many bytes (leaf first). The chain is
 * validated twice, in chunks of 1..8 bytes and whole: the verdicts must be
 * the same (anything else is a streaming bug). The anchor is the test root
 * of tests/unit/x509_certs.h, so well-formed seeds reach the signature
 * checks (Ed25519 ones too: a TBS buffer is given). Every certificate also
 * goes through mote_x509_ta_from_cert. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/x509.h"
#include "../unit/x509_certs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mote_x509_trust_anchor anchor;
static uint8_t anchor_key[MOTE_X509_KEY_MAX];

static int validate(const uint8_t *data, size_t size, size_t chunk, mote_x509_chain *c,
                    mote_x509_pubkey *leaf)
{
    static uint8_t tbs[2 * 1024]; /* for Ed25519-signed certificates */
    size_t at = 0;
    int r = MOTE_OK;
    mote_x509_chain_init(c, &anchor, 1, leaf);
    mote_x509_chain_set_tbs_buffer(c, tbs, sizeof tbs);
    mote_x509_chain_set_time(c, 1893456000); /* 2030 */
    mote_x509_chain_set_host(c, "www.example.com", 15);
    while (r == MOTE_OK && at + 2 <= size) {
        size_t len = (size_t)data[at] << 8 | data[at + 1], done = 0;
        at += 2;
        if (len > size - at) len = size - at;
        r = mote_x509_chain_begin(c);
        while (r == MOTE_OK && done < len) {
            size_t n = chunk && chunk < len - done ? chunk : len - done;
            r = mote_x509_chain_feed(c, data + at + done, n);
            done += n;
        }
        if (r == MOTE_OK) r = mote_x509_chain_end(c);
        at += len;
    }
    if (r == MOTE_OK) r = mote_x509_chain_finish(c);
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mote_x509_chain c1, c2;
    static mote_x509_pubkey k1, k2;
    size_t at, used;
    int r1, r2;
    if (anchor.key == NULL && mote_x509_ta_from_cert(&anchor, anchor_key, sizeof anchor_key, &used,
                                                     root_der, sizeof root_der) != MOTE_OK)
        abort();
    if (size < 1) return 0;
    r1 = validate(data + 1, size - 1, (size_t)(data[0] & 7) + 1, &c1, &k1);
    r2 = validate(data + 1, size - 1, 0, &c2, &k2);
    if (r1 != r2 || c1.err_cert != c2.err_cert) abort();
    if (r1 == MOTE_ERR_X509_MALFORMED && c1.err_offset != c2.err_offset) abort();
    if (k1.type != k2.type || (k1.type && (k1.len != k2.len || memcmp(k1.data, k2.data, k1.len))))
        abort();
    /* each certificate as a trust anchor */
    for (at = 1; at + 2 <= size;) {
        size_t len = (size_t)data[at] << 8 | data[at + 1];
        mote_x509_trust_anchor ta;
        uint8_t store[MOTE_X509_KEY_MAX];
        at += 2;
        if (len > size - at) len = size - at;
        if (mote_x509_ta_from_cert(&ta, store, sizeof store, &used, data + at, len) == MOTE_OK &&
            (used > sizeof store || ta.key_len != used))
            abort();
        at += len;
    }
    return 0;
}
