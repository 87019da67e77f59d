/* mote (private): helpers shared by the files of src/x509/. */
#ifndef MOTE_X509_INT_H
#define MOTE_X509_INT_H

#include <stddef.h>
#include <stdint.h>

#include "mote/x509.h"

/* ---- names (hostname.c) ---- */

/* mote_x509_host_check: validate a DNS host name given by the caller
 * (labels of letters, digits, '-' and '_', 1..63 bytes each, at most 253 in
 * all; one trailing '.' is dropped). Returns its length without the
 * trailing dot, or -1. */
int mote_x509_host_check(const char *host, size_t len);

/* A name matcher fed the presented name a few bytes at a time, against a
 * host name checked with mote_x509_host_check:
 *   MOTE_X509_NM_SAN         a subjectAltName dNSName (RFC 6125 / 9525:
 *                            ASCII case-insensitive, "*." only as the whole
 *                            left-most label and followed by two labels or
 *                            more, never a partial-label wildcard);
 *   MOTE_X509_NM_CONSTRAINT  a nameConstraints dNSName base (RFC 5280: the
 *                            host is the base or ends in "." + base; a base
 *                            starting with '.' matches subdomains only; an
 *                            empty base matches every name). */
#define MOTE_X509_NM_SAN        0
#define MOTE_X509_NM_CONSTRAINT 1
#define MOTE_X509_NM_WILD       2 /* internal: a SAN seen to start with '*' */

typedef struct {
    uint32_t pos;  /* bytes of the presented name seen */
    uint32_t plen; /* its length */
    uint16_t hoff; /* host offset matching presented byte 0 */
    uint8_t mode;
    uint8_t ok;   /* still matching */
    uint8_t dots; /* dots in the presented name */
} mote_x509_nm;

/* Start matching a presented name of plen bytes against a host of hlen. */
void mote_x509_nm_start(mote_x509_nm *m, uint8_t mode, uint32_t plen, size_t hlen);
/* The next n bytes of the presented name. */
void mote_x509_nm_feed(mote_x509_nm *m, const char *host, size_t hlen, const uint8_t *p, size_t n);
/* After all plen bytes: 1 if the name matched, else 0. */
int mote_x509_nm_done(const mote_x509_nm *m);

/* mote_x509_name_in_subtree: 1 if host is within the nameConstraints
 * dNSName subtree base[0..blen), else 0. */
int mote_x509_name_in_subtree(const char *host, size_t hlen, const char *base, size_t blen);

#endif
