/* Constant time (valgrind memcheck) of the TLS 1.3 key schedule and the
 * record layer's sealing as a whole, as the engine runs them: the (EC)DHE
 * shared secret and the record plaintext are marked secret, then early ->
 * handshake -> master secret, the handshake and application traffic
 * secrets, Finished, a KeyUpdate, the traffic keys installed into a
 * record cipher (src/tls/keysched.c, cipher.c) and records sealed with
 * every AEAD suite. Only what TLS sends is released (CT_PUBLIC): the
 * Finished verify_data and the sealed records, which are compared with the
 * same run on unmarked inputs. Opening is covered per AEAD by ct_aes and
 * ct_chachapoly (its verdict is public, and the record layer branches on
 * it). */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "mote/config.h"
#include "mote/hash.h"
#include "tls/keysched.h"

static int failures;

/* One handshake's schedule and two records for aead with hash h; out gets
 * everything TLS would send (Finished twice, the two records). */
static size_t run(const mote_hash_desc *h, int aead, const uint8_t *dhe, const uint8_t *pt,
                  size_t pt_len, int secret, uint8_t *out)
{
    mote_tls13_ks ks;
    mote_tls_cipher wr;
    uint8_t th[48], ts[48], rec[5 + 64 + 1 + 16];
    size_t n = 0, i, k;
    memset(th, 0x11, sizeof th); /* a transcript hash: public */
    mote_tls13_ks_early(&ks, h, NULL, 0);
    mote_tls13_ks_handshake(&ks, dhe, 32);
    mote_tls13_ks_derive(&ks, "c hs traffic", th, ts);
    mote_tls13_finished(h, ts, th, out + n);
    if (secret) CT_PUBLIC(out + n, h->out_len);
    n += h->out_len;
    mote_tls13_ks_master(&ks);
    mote_tls13_ks_derive(&ks, "c ap traffic", th, ts);
    for (k = 0; k < 2; k++) {
        if (mote_tls13_traffic_keys(h, ts, aead, &wr) != MOTE_OK) {
            printf("ct_tls13: aead %d not compiled in\n", aead);
            failures++;
            return 0;
        }
        rec[0] = 23, rec[1] = 3, rec[2] = 3;
        memcpy(rec + 5, pt, pt_len);
        rec[5 + pt_len] = 23; /* inner content type */
        {
            long len = mote_tls_cipher_seal(&wr, rec, pt_len + 1, 0);
            if (len <= 0) {
                failures++;
                return 0;
            }
            if (secret) CT_PUBLIC(rec, (size_t)len);
            memcpy(out + n, rec, (size_t)len);
            n += (size_t)len;
        }
        mote_tls_cipher_wipe(&wr);
        mote_tls13_next_secret(h, ts); /* KeyUpdate */
    }
    if (secret) CT_PUBLIC(ts, h->out_len);
    for (i = 0; i < h->out_len; i++) /* the last secret, for the comparison */
        out[n++] = ts[i];
    mote_tls13_ks_wipe(&ks);
    return n;
}

static void check(const mote_hash_desc *h, int aead, const char *name)
{
    uint8_t dhe[32], pt[64], a[512], b[512];
    size_t i, na, nb;
    for (i = 0; i < sizeof dhe; i++)
        dhe[i] = (uint8_t)(i * 37 + 5);
    for (i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(i * 11 + 3);
    na = run(h, aead, dhe, pt, sizeof pt, 0, a);
    CT_SECRET(dhe, sizeof dhe);
    CT_SECRET(pt, sizeof pt);
    nb = run(h, aead, dhe, pt, sizeof pt, 1, b);
    if (na == 0 || na != nb || memcmp(a, b, na) != 0) {
        printf("ct_tls13: %s: results differ\n", name);
        failures++;
    }
}

int main(void)
{
#if MOTE_ENABLE_GCM
    check(&mote_sha256_desc, MOTE_AEAD_AES128_GCM, "TLS_AES_128_GCM_SHA256");
    check(&mote_sha384_desc, MOTE_AEAD_AES256_GCM, "TLS_AES_256_GCM_SHA384");
#endif
#if MOTE_ENABLE_CHACHAPOLY
    check(&mote_sha256_desc, MOTE_AEAD_CHACHA20_POLY1305, "TLS_CHACHA20_POLY1305_SHA256");
#endif
#if MOTE_ENABLE_CCM
    check(&mote_sha256_desc, MOTE_AEAD_AES128_CCM, "TLS_AES_128_CCM_SHA256");
#endif
    if (failures) printf("ct_tls13: %d failures\n", failures);
    return failures != 0;
}
