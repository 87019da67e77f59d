/* libFuzzer harness: private-key loading (src/x509/key.c: PKCS#8, SEC1,
 * PKCS#1, Ed25519) and the PEM object search under it and under
 * mote_pem_decode (src/x509/pem.c, mote_pem_find). The input is taken as
 * DER and as PEM text. Checked, besides no crash or out-of-bounds access:
 * only the documented error codes; a key that loads is well formed and an
 * error leaves it all zero; from_pem's work buffer is wiped; an object
 * mote_pem_decode returns decodes again into exactly its size and not one
 * byte less. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/pem.h"
#include "mote/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint8_t acc = 0;
    while (n--)
        acc |= *b++;
    return acc == 0;
}

static void check_key(const mote_x509_privkey *key, int rc)
{
    if (rc != MOTE_OK) {
        if (!all_zero(key, sizeof *key)) abort(); /* "on error *key is wiped" */
        return;
    }
    if (key->sign != NULL || key->sign_arg != NULL) abort();
    switch (key->type) {
    case MOTE_X509_KEY_RSA:
        break;
    case MOTE_X509_KEY_P256:
        if (key->len != 32) abort();
        break;
    case MOTE_X509_KEY_P384:
        if (key->len != 48) abort();
        break;
    case MOTE_X509_KEY_ED25519:
        if (key->len != 32) abort();
        break;
    default:
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mote_x509_privkey key;
    static uint8_t work[2600], out[2600];
    const char *text = (const char *)data;
    unsigned idx;
    int rc;

    rc = mote_x509_privkey_from_der(&key, data, size);
    if (rc != MOTE_OK && rc != MOTE_ERR_ENCODING && rc != MOTE_ERR_BAD_KEY &&
        rc != MOTE_ERR_UNSUPPORTED)
        abort();
    check_key(&key, rc);
    mote_x509_privkey_wipe(&key);

    memset(work, 0xA5, sizeof work);
    rc = mote_x509_privkey_from_pem(&key, text, size, work, sizeof work);
    if (rc != MOTE_OK && rc != MOTE_ERR_ENCODING && rc != MOTE_ERR_BAD_KEY &&
        rc != MOTE_ERR_UNSUPPORTED && rc != MOTE_ERR_BAD_INPUT)
        abort();
    if (!all_zero(work, sizeof work)) abort(); /* "wiped before return" */
    check_key(&key, rc);
    mote_x509_privkey_wipe(&key);

    /* the first objects of any label: the room they need is their size */
    for (idx = 0; idx < 3; idx++) {
        long n = mote_pem_decode(text, size, NULL, idx, out, sizeof out), m;
        if (n < 0) break;
        if ((size_t)n > sizeof out) abort();
        m = mote_pem_decode(text, size, NULL, idx, work, (size_t)n);
        if (m != n || memcmp(out, work, (size_t)n) != 0) abort();
        if (n > 0 &&
            mote_pem_decode(text, size, NULL, idx, work, (size_t)n - 1) != MOTE_ERR_BAD_INPUT)
            abort();
    }
    return 0;
}
