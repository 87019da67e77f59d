/* Push-based streaming DER reader (see der_stream.h). */
#include "x509/der_stream.h"

#include <string.h>

#include "mote/error.h"

#if MOTE_ENABLE_X509

enum { S_TAG, S_LEN, S_LENX, S_STARTED, S_CONTENT, S_SKIP, S_BITS0, S_ERR };

void mote_derst_init(mote_derst *d)
{
    memset(d, 0, sizeof *d); /* (S_TAG is 0) */
}

void mote_derst_input(mote_derst *d, const uint8_t *buf, size_t len)
{
    d->in = buf;
    d->in_len = len;
}

static int fail(mote_derst *d)
{
    d->state = S_ERR;
    return MOTE_ERR_ENCODING;
}

static void eat(mote_derst *d, size_t n)
{
    d->in += n;
    d->in_len -= n;
    d->pos += (uint32_t)n;
}

/* Room left in the innermost open element (or up to 2^32 at top level). */
static uint32_t room(const mote_derst *d)
{
    return d->depth ? d->end[d->depth - 1] - d->pos : 0xFFFFFFFFu - d->pos;
}

static int push(mote_derst *d)
{
    if (d->depth >= MOTE_DERST_MAX_DEPTH) return fail(d);
    d->end[d->depth++] = d->pos + d->len;
    d->state = S_TAG;
    return 0;
}

int mote_derst_next(mote_derst *d, mote_derst_ev *ev)
{
    for (;;) {
        uint8_t b;
        ev->depth = d->depth; /* every event's depth (END after a pop: below) */
        switch (d->state) {
        case S_ERR:
            return MOTE_ERR_ENCODING;
        case S_STARTED: /* the caller did not redirect: default handling */
            if (d->tag & 0x20) {
                if (push(d)) return MOTE_ERR_ENCODING;
            } else {
                d->left = d->len;
                d->state = S_CONTENT;
            }
            continue;
        case S_CONTENT:
        case S_SKIP:
            if (d->left == 0) {
                d->state = S_TAG;
                return MOTE_DERST_END;
            }
            if (d->in_len == 0) return MOTE_DERST_NEED;
            {
                size_t n = d->in_len < d->left ? d->in_len : d->left;
                const uint8_t *p = d->in;
                uint32_t off = d->len - d->left;
                eat(d, n);
                d->left -= (uint32_t)n;
                if (d->state == S_SKIP) continue;
                ev->p = p;
                ev->len = (uint32_t)n;
                ev->off = off;
                return MOTE_DERST_DATA;
            }
        case S_BITS0:
            if (d->in_len == 0) return MOTE_DERST_NEED;
            if (d->in[0] != 0) return fail(d);
            eat(d, 1);
            d->state = S_TAG;
            continue;
        default:
            break;
        }
        /* Header states. */
        if (d->state == S_TAG && d->depth && d->pos == d->end[d->depth - 1]) {
            ev->depth = --d->depth;
            return MOTE_DERST_END;
        }
        if (d->in_len == 0) return MOTE_DERST_NEED;
        b = d->in[0];
        if (d->state == S_TAG) {
            /* high tag numbers and end-of-contents have no place in DER here */
            if ((b & 0x1F) == 0x1F || b == 0) return fail(d);
            d->tag = b;
            d->hdr_len = 1;
            d->state = S_LEN;
            eat(d, 1);
            continue;
        }
        if (room(d) == 0) return fail(d); /* the header runs past its parent */
        if (d->state == S_LEN) {
            d->len = b;
            d->nlen = 0;
            if (b & 0x80) {
                d->len = 0;
                d->nlen = (uint8_t)(b - 0x81);
                if (d->nlen > 3) return fail(d); /* indefinite or > 4 bytes */
                d->nlen++;
                d->state = S_LENX;
            }
        } else {                                       /* S_LENX */
            if (d->len == 0 && b == 0) return fail(d); /* leading zero: not minimal */
            d->len = (d->len << 8) | b;
            d->nlen--;
            if (d->nlen == 0 && d->len < 0x80) return fail(d); /* long form for < 128 */
        }
        if (d->nlen == 0 && d->len > room(d) - 1) return fail(d); /* beyond the parent */
        d->hdr_len++;
        eat(d, 1);
        if (d->nlen) continue;
        d->state = S_STARTED;
        ev->tag = d->tag;
        ev->len = d->len;
        ev->off = d->pos - d->hdr_len;
        ev->hdr_len = d->hdr_len;
        ev->p = 0;
        return MOTE_DERST_START;
    }
}

void mote_derst_skip(mote_derst *d)
{
    if (d->state != S_STARTED) return;
    d->left = d->len;
    d->state = S_SKIP;
}

int mote_derst_descend(mote_derst *d)
{
    if (d->state != S_STARTED) return fail(d);
    return push(d);
}

int mote_derst_descend_bits(mote_derst *d)
{
    if (d->state != S_STARTED || d->len == 0 || push(d)) return fail(d);
    d->state = S_BITS0;
    return 0;
}

int mote_derst_idle(const mote_derst *d)
{
    return d->state == S_TAG && d->depth == 0;
}

unsigned mote_derst_header(uint8_t *out, uint8_t tag, uint32_t len)
{
    unsigned n = 0, k;
    out[0] = tag;
    if (len < 0x80) {
        out[1] = (uint8_t)len;
        return 2;
    }
    for (k = len; k; k >>= 8)
        n++;
    out[1] = (uint8_t)(0x80 | n);
    for (k = 0; k < n; k++)
        out[2 + k] = (uint8_t)(len >> (8 * (n - 1 - k)));
    return 2 + n;
}

#endif
