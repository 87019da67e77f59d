/* Host-name and IP-address identity checks (RFC 6125 / RFC 9525 for
 * subjectAltName, RFC 5280 4.2.1.10 for nameConstraints), usable on names
 * that stream past a byte at a time: see x509_int.h. */
#include "x509/x509_int.h"

#include <string.h>

#if MOTE_ENABLE_X509

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

/* letters, digits, hyphen and underscore (seen in the wild in SANs) */
static int ldh(uint8_t c)
{
    c = lower(c);
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int mote_x509_host_check(const char *host, size_t len)
{
    size_t i, label = 0;
    if (len && host[len - 1] == '.') len--; /* an absolute name "example.com." */
    if (len == 0 || len > 253) return -1;
    for (i = 0; i < len; i++) {
        uint8_t c = (uint8_t)host[i];
        if (c == '.') {
            if (label == 0) return -1;
            label = 0;
        } else if (ldh(c) && label < 63) {
            label++;
        } else {
            return -1;
        }
    }
    return label ? (int)len : -1;
}

void mote_x509_nm_start(mote_x509_nm *m, uint8_t mode, uint32_t plen, size_t hlen)
{
    memset(m, 0, sizeof *m);
    m->plen = plen;
    m->mode = mode;
    if (mode != MOTE_X509_NM_SAN) { /* constraint: compare the tail of the host */
        if (plen > hlen) return;
        m->hoff = (uint16_t)(hlen - plen);
    } else if (plen == 0) {
        return;
    }
    m->ok = hlen > 0 && plen <= 253 && hlen <= 253;
}

void mote_x509_nm_feed(mote_x509_nm *m, const char *host, size_t hlen, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n && m->ok; i++, m->pos++) {
        uint8_t c = lower(p[i]);
        size_t h;
        if (c == '.') {
            m->dots++;
        } else if (c == '*') {
            /* a wildcard is only the whole left-most label of a SAN */
            if (m->mode != MOTE_X509_NM_SAN || m->pos != 0 || m->plen < 3) {
                m->ok = 0;
                break;
            }
            m->mode = MOTE_X509_NM_WILD;
            continue;
        } else if (!ldh(c)) {
            m->ok = 0;
            break;
        }
        if (m->pos == 0 && m->mode == MOTE_X509_NM_SAN) {
            /* not a wildcard: the whole host must match, byte for byte */
            if (m->plen != hlen) {
                m->ok = 0;
                break;
            }
        }
        if (m->pos == 1 && m->mode == MOTE_X509_NM_WILD) {
            /* "*." + rest: rest must equal the host after its first label */
            const char *dot = memchr(host, '.', hlen);
            size_t k = dot ? (size_t)(dot - host) : 0;
            if (c != '.' || !dot || hlen - k != m->plen - 1) {
                m->ok = 0;
                break;
            }
            m->hoff = (uint16_t)(k - 1);
        }
        h = m->hoff + m->pos;
        if (h >= hlen || lower((uint8_t)host[h]) != c) m->ok = 0;
        /* a constraint that is not ".domain" must end on a label boundary */
        if (m->mode == MOTE_X509_NM_CONSTRAINT && m->pos == 0 && c != '.' && m->hoff &&
            host[m->hoff - 1] != '.')
            m->ok = 0;
    }
}

int mote_x509_nm_done(const mote_x509_nm *m)
{
    if (!m->ok || m->pos != m->plen) return 0;
    /* "*.com": a wildcard needs at least two labels after it */
    if (m->mode == MOTE_X509_NM_WILD && m->dots < 2) return 0;
    return 1;
}

int mote_x509_host_match(const char *pattern, size_t plen, const char *host, size_t hlen)
{
    mote_x509_nm m;
    uint8_t ip[16];
    int n = mote_x509_host_check(host, hlen);
    if (n < 0 || mote_x509_parse_ip(host, hlen, ip) > 0) return 0;
    mote_x509_nm_start(&m, MOTE_X509_NM_SAN, (uint32_t)plen, (size_t)n);
    mote_x509_nm_feed(&m, host, (size_t)n, (const uint8_t *)pattern, plen);
    return mote_x509_nm_done(&m);
}

int mote_x509_name_in_subtree(const char *host, size_t hlen, const char *base, size_t blen)
{
    mote_x509_nm m;
    int n = mote_x509_host_check(host, hlen);
    if (n < 0) return 0;
    mote_x509_nm_start(&m, MOTE_X509_NM_CONSTRAINT, (uint32_t)blen, (size_t)n);
    mote_x509_nm_feed(&m, host, (size_t)n, (const uint8_t *)base, blen);
    return mote_x509_nm_done(&m);
}

/* ---- IP address literals ---- */

static int parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        if (part) {
            if (i >= len || s[i] != '.') return -1;
            i++;
        }
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (digits && v == 0) return -1; /* leading zero: octal in some parsers */
            v = v * 10 + (unsigned)(s[i] - '0');
            if (v > 255) return -1;
            digits++;
            i++;
        }
        if (!digits) return -1;
        out[part] = (uint8_t)v;
    }
    return i == len ? 4 : -1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
    uint8_t b[16]; /* the bytes before and after "::" (at gap) */
    size_t i = 0;
    int n = 0, gap = -1;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (len && s[0] == ':') {
        return -1;
    }
    while (i < len) {
        unsigned v = 0, digits = 0;
        size_t start = i;
        if (n == 16) return -1;
        while (i < len && hexval(s[i]) >= 0 && digits < 5) {
            v = (v << 4) | (unsigned)hexval(s[i]);
            digits++;
            i++;
        }
        if (i < len && s[i] == '.') {
            /* a dotted quad in the last 32 bits */
            if (n > 12 || parse_ipv4(s + start, len - start, b + n) != 4) return -1;
            n += 4;
            break;
        }
        if (digits == 0 || digits > 4) return -1;
        b[n++] = (uint8_t)(v >> 8);
        b[n++] = (uint8_t)v;
        if (i == len) break;
        if (s[i] != ':') return -1;
        i++;
        if (i < len && s[i] == ':') {
            if (gap >= 0) return -1; /* "::" twice */
            gap = n;
            i++;
        } else if (i == len) {
            return -1; /* a trailing single ':' */
        }
    }
    if (gap < 0 ? n != 16 : n > 14) return -1;
    if (gap < 0) gap = n;
    memset(out, 0, 16);
    memcpy(out, b, (size_t)gap);
    memcpy(out + 16 - (n - gap), b + gap, (size_t)(n - gap));
    return 16;
}

int mote_x509_parse_ip(const char *s, size_t len, uint8_t ip[16])
{
    if (memchr(s, ':', len)) return parse_ipv6(s, len, ip);
    return parse_ipv4(s, len, ip);
}

#endif
