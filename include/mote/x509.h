/* mote: X.509 certificates (API being written; see issue 4). */
#ifndef MOTE_X509_H
#define MOTE_X509_H

#include "mote/config.h"
#include "mote/error.h"
#include <stddef.h>
#include <stdint.h>

/* Certificate support: the streaming DER reader, PEM, host names, chain
 * validation. (Belongs in config.h; defined here until it moves.) */
#ifndef MOTE_ENABLE_X509
#define MOTE_ENABLE_X509 1
/* ---- host names and IP addresses (RFC 6125 / RFC 9525) ---- */

/* mote_x509_host_match: 1 if the subjectAltName dNSName pattern[0..plen)
 * matches the host name host[0..hlen), else 0. ASCII case-insensitive;
 * IDNA A-labels ("xn--...") are compared as text; a wildcard is accepted
 * only as the whole left-most label ("*.example.com" matches
 * "www.example.com", not "example.com" nor "a.b.example.com"), never in
 * part of a label ("w*.example.com"), and never over a single label
 * ("*.com"). One trailing dot on host is ignored; an invalid host (empty
 * labels, characters other than letters, digits, '-', '_') and an IP
 * address literal (those match iPAddress SANs only) match nothing.
 * There is no fallback to the subject's common name anywhere in mote. */
int mote_x509_host_match(const char *pattern, size_t plen, const char *host, size_t hlen);

/* mote_x509_parse_ip: parse an IP address literal: IPv4 dotted quad (no
 * leading zeros) into ip[0..4), or IPv6 text (RFC 4291: "::" compression,
 * a trailing dotted quad; no zone, no brackets) into ip[0..16). Returns 4,
 * 16, or -1 if s[0..len) is not an address. */
int mote_x509_parse_ip(const char *s, size_t len, uint8_t ip[16]);

#endif

/* ---- host names and IP addresses (RFC 6125 / RFC 9525) ---- */

/* mote_x509_host_match: 1 if the subjectAltName dNSName pattern[0..plen)
 * matches the host name host[0..hlen), else 0. ASCII case-insensitive;
 * IDNA A-labels ("xn--...") are compared as text; a wildcard is accepted
 * only as the whole left-most label ("*.example.com" matches
 * "www.example.com", not "example.com" nor "a.b.example.com"), never in
 * part of a label ("w*.example.com"), and never over a single label
 * ("*.com"). One trailing dot on host is ignored; an invalid host (empty
 * labels, characters other than letters, digits, '-', '_') and an IP
 * address literal (those match iPAddress SANs only) match nothing.
 * There is no fallback to the subject's common name anywhere in mote. */
int mote_x509_host_match(const char *pattern, size_t plen, const char *host, size_t hlen);

/* mote_x509_parse_ip: parse an IP address literal: IPv4 dotted quad (no
 * leading zeros) into ip[0..4), or IPv6 text (RFC 4291: "::" compression,
 * a trailing dotted quad; no zone, no brackets) into ip[0..16). Returns 4,
 * 16, or -1 if s[0..len) is not an address. */
int mote_x509_parse_ip(const char *s, size_t len, uint8_t ip[16]);

#endif
