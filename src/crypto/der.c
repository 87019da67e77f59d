/* Minimal strict DER reader (see der.h). */
#include "crypto/der.h"

#include "mote/config.h"

#if MOTE_ENABLE_RSA || MOTE_ENABLE_P256 || MOTE_ENABLE_P384 || MOTE_ENABLE_ED25519

void mote_der_init(mote_der *d, const uint8_t *buf, size_t len)
{
    d->p = buf;
    d->end = buf + len;
}

int mote_der_get(mote_der *d, uint8_t tag, const uint8_t **val, size_t *len)
{
    const uint8_t *p = d->p;
    size_t avail = (size_t)(d->end - p), n;
    if (avail < 2 || p[0] != tag) return -1;
    n = p[1];
    p += 2;
    avail -= 2;
    if (n & 0x80) {
        size_t k = n & 0x7F, i;
        /* at most 4 length bytes, no leading zero, and long form only >= 128 */
        if (k == 0 || k > 4 || k > avail || p[0] == 0) return -1;
        n = 0;
        for (i = 0; i < k; i++)
            n = (n << 8) | p[i];
        p += k;
        avail -= k;
        if (n < 0x80) return -1;
    }
    if (n > avail) return -1;
    *val = p;
    *len = n;
    d->p = p + n;
    return 0;
}

int mote_der_enter(mote_der *d, uint8_t tag, mote_der *inner)
{
    const uint8_t *v;
    size_t n;
    if (mote_der_get(d, tag, &v, &n)) return -1;
    mote_der_init(inner, v, n);
    return 0;
}

int mote_der_get_uint(mote_der *d, const uint8_t **val, size_t *len)
{
    const uint8_t *v;
    size_t n;
    if (mote_der_get(d, MOTE_DER_INTEGER, &v, &n) || n == 0) return -1;
    if (v[0] & 0x80) return -1; /* negative */
    if (n > 1 && v[0] == 0) {
        if (!(v[1] & 0x80)) return -1; /* superfluous leading zero */
        v++;
        n--;
    }
    *val = v;
    *len = n;
    return 0;
}

int mote_der_done(const mote_der *d)
{
    return d->p == d->end ? 0 : -1;
}

#endif
