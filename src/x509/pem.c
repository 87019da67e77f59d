/* Streaming PEM decoder (see include/mote/pem.h). */
#include "mote/pem.h"

#include <string.h>

#include "crypto/util.h"
#include "mote/x509.h"
#include "x509/x509_int.h"

#if MOTE_ENABLE_X509

enum {
    OUT_BOL,  /* outside, at the start of a line */
    OUT_SKIP, /* outside, skipping the rest of a line */
    B_LABEL,  /* after "-----BEGIN " */
    B_DASH,   /* the dashes closing a BEGIN line */
    B_TAIL,   /* the end of a BEGIN line */
    IN_BOL,   /* inside, at the start of a line */
    IN_B64,   /* inside, within a base64 line */
    E_MARK,   /* "-----END " */
    E_LABEL,  /* the END label */
    E_DASH,   /* the dashes closing an END line */
    ERR
};

static const char begin_mark[] = "-----BEGIN ";
static const char end_mark[] = "-----END ";

void mote_pem_init(mote_pem *p)
{
    memset(p, 0, sizeof *p);
    p->line = 1;
    p->state = OUT_BOL;
}

void mote_pem_input(mote_pem *p, const uint8_t *buf, size_t len)
{
    p->in = buf;
    p->in_len = len;
}

/* The 6-bit value of a base64 character, or -1. */
static int b64(uint8_t c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int fail(mote_pem *p, int err)
{
    p->state = ERR;
    p->flags = (uint8_t)(err == MOTE_ERR_UNSUPPORTED);
    return err;
}

int mote_pem_next(mote_pem *p, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t n = 0;
    int err = MOTE_ERR_ENCODING;
    *out_len = 0;
    if (p->state == ERR) return p->flags ? MOTE_ERR_UNSUPPORTED : MOTE_ERR_ENCODING;
    if (cap == 0) return MOTE_ERR_BAD_INPUT;
    while (p->in_len) {
        uint8_t c = p->in[0];
        int v;
        /* An event must not overtake decoded bytes: return those first and
         * come back for the byte that completes the marker. */
        if (n && (p->state == B_DASH || p->state == E_DASH) && p->col == 4 && c == '-') break;
        if (n == cap) break;
        p->in++;
        p->in_len--;
        if (c == '\n') p->line++;
        switch (p->state) {
        case OUT_BOL:
            if (c == (uint8_t)begin_mark[p->col]) {
                if (++p->col == sizeof begin_mark - 1) {
                    p->state = B_LABEL;
                    p->label_len = 0;
                }
            } else {
                p->col = 0;
                if (c != '\n') p->state = OUT_SKIP;
            }
            break;
        case OUT_SKIP:
            if (c == '\n') {
                p->state = OUT_BOL;
                p->col = 0;
            }
            break;
        case B_LABEL:
            if (c == '-' && p->label_len) {
                p->state = B_DASH;
                p->col = 1;
            } else if (c >= 0x20 && c <= 0x7E && c != '-' && p->label_len < MOTE_PEM_LABEL_MAX) {
                p->label[p->label_len++] = (char)c;
                p->label[p->label_len] = 0;
            } else {
                goto bad;
            }
            break;
        case B_DASH:
        case E_DASH: /* the five dashes closing either line: one check */
            if (c != '-') goto bad;
            if (++p->col < 5) break;
            if (p->state == E_DASH) {
                /* the base64 must be complete: whole groups, or padded */
                if (!(p->pad == 0xFF || (p->pad == 0 && p->quad == 0))) goto bad;
                p->state = OUT_SKIP;
                return MOTE_PEM_END;
            }
            p->state = B_TAIL;
            p->flags = 0;
            p->bits = 0;
            p->nbits = 0;
            p->quad = 0;
            p->pad = 0;
            return MOTE_PEM_BEGIN;
        case B_TAIL:
            if (c == '\n')
                p->state = IN_BOL;
            else if (!is_space(c))
                goto bad;
            break;
        case IN_BOL:
            if (c == '-') {
                p->state = E_MARK;
                p->col = 1;
                break;
            }
            p->state = IN_B64;
            /* fall through */
        case IN_B64:
            if (c == '\n') {
                p->state = IN_BOL;
                p->flags |= 2; /* past the first line */
            } else if (is_space(c)) {
                /* ignored */
            } else if (c == '=') {
                if (p->pad == 0 && (p->quad == 2 || p->quad == 3)) {
                    /* the unused low bits must be zero (canonical base64) */
                    if (p->bits & ((1u << p->nbits) - 1)) goto bad;
                    p->nbits = 0;
                    p->bits = 0;
                    p->pad = p->quad == 2 ? 1 : 0xFF;
                } else if (p->pad == 1) {
                    p->pad = 0xFF;
                } else {
                    goto bad;
                }
            } else if ((v = b64(c)) >= 0) {
                if (p->pad) goto bad; /* data after padding */
                p->quad = (uint8_t)((p->quad + 1) & 3);
                p->bits = (p->bits << 6) | (uint32_t)v;
                p->nbits = (uint8_t)(p->nbits + 6);
                if (p->nbits >= 8) {
                    p->nbits = (uint8_t)(p->nbits - 8);
                    out[n++] = (uint8_t)(p->bits >> p->nbits);
                    p->bits &= (1u << p->nbits) - 1;
                }
            } else {
                /* "Proc-Type: 4,ENCRYPTED" and other RFC 1421 headers: a
                 * first line with a character base64 never has */
                if ((c == ':' || c == '-') && !(p->flags & 2)) err = MOTE_ERR_UNSUPPORTED;
                goto bad;
            }
            break;
        case E_MARK:
            if (c != (uint8_t)end_mark[p->col]) goto bad;
            if (++p->col == sizeof end_mark - 1) {
                p->state = E_LABEL;
                p->col = 0;
            }
            break;
        case E_LABEL:
            if (c == '-' && p->col == p->label_len) {
                p->state = E_DASH;
                p->col = 1;
            } else if (p->col < p->label_len && c == (uint8_t)p->label[p->col]) {
                p->col++;
            } else {
                goto bad;
            }
            break;
        default:
            goto bad;
        }
    }
    *out_len = n;
    return n ? MOTE_PEM_DATA : MOTE_PEM_NEED;
bad:
    if (n) {
        /* hand out what was decoded first; the bad byte is read again */
        p->in--;
        p->in_len++;
        if (p->in[0] == '\n') p->line--;
        *out_len = n;
        return MOTE_PEM_DATA;
    }
    return fail(p, err);
}

int mote_pem_finish(const mote_pem *p)
{
    if (p->state == ERR) return p->flags ? MOTE_ERR_UNSUPPORTED : MOTE_ERR_ENCODING;
    return p->state == OUT_BOL || p->state == OUT_SKIP ? 0 : MOTE_ERR_ENCODING;
}

long mote_pem_find(const char *text, size_t len, const char *const *labels, unsigned nlabels,
                   unsigned index, uint8_t *out, size_t cap, unsigned *which)
{
    mote_pem p;
    size_t total = 0, got;
    long r;
    int want = 0, seen = 0;
    unsigned i;
    uint8_t tmp[1];
    mote_pem_init(&p);
    mote_pem_input(&p, (const uint8_t *)text, len);
    for (;;) {
        /* while inside the wanted object, decode straight into out */
        if (want && total < cap)
            r = mote_pem_next(&p, out + total, cap - total, &got);
        else
            r = mote_pem_next(&p, tmp, 1, &got);
        if (r < 0) break;
        if (r == MOTE_PEM_NEED) {
            r = mote_pem_finish(&p);
            if (r == 0) r = MOTE_ERR_BAD_INPUT;
            break;
        }
        if (r == MOTE_PEM_BEGIN) {
            want = nlabels == 0;
            for (i = 0; i < nlabels; i++)
                if (strcmp(labels[i], p.label) == 0) want = 1, *which = i;
            if (want && (unsigned)seen++ != index) want = 0;
        } else if (r == MOTE_PEM_DATA && want) {
            r = MOTE_ERR_BAD_INPUT;
            if (total >= cap) break;
            total += got;
        } else if (r == MOTE_PEM_END && want) {
            r = (long)total;
            break;
        }
    }
    /* the decoder holds a few bits of the object (a private key's too) */
    mote_wipe(&p, sizeof p);
    return r;
}

long mote_pem_decode(const char *text, size_t len, const char *label, unsigned index, uint8_t *out,
                     size_t cap)
{
    unsigned which;
    return mote_pem_find(text, len, &label, label != NULL, index, out, cap, &which);
}

#endif
