/* mote (private): a minimal in-memory DER reader for the small encodings the
 * crypto layer parses (ECDSA signatures, RSA public and private keys,
 * SubjectPublicKeyInfo). Strict DER: definite lengths in minimal form, no
 * trailing garbage where the caller checks for it. Every length is checked
 * against the end of the input before use. (Certificates use the streaming
 * reader in src/x509/, not this.) */
#ifndef MOTE_DER_H
#define MOTE_DER_H

#include <stddef.h>
#include <stdint.h>

#define MOTE_DER_INTEGER      0x02
#define MOTE_DER_BIT_STRING   0x03
#define MOTE_DER_OCTET_STRING 0x04
#define MOTE_DER_NULL         0x05
#define MOTE_DER_OID          0x06
#define MOTE_DER_SEQUENCE     0x30

typedef struct {
    const uint8_t *p;   /* next byte to read */
    const uint8_t *end; /* one past the last byte */
} mote_der;

/* mote_der_init: a reader over buf[0..len). */
void mote_der_init(mote_der *d, const uint8_t *buf, size_t len);
/* mote_der_get: read one TLV with the expected tag; *val and *len receive its
 * contents and the reader moves past it. Returns 0, or -1 on a wrong tag,
 * a non-minimal or indefinite length, or contents running past the end. */
int mote_der_get(mote_der *d, uint8_t tag, const uint8_t **val, size_t *len);
/* mote_der_enter: read a constructed TLV (e.g. SEQUENCE) and make *inner a
 * reader over its contents. Returns 0 or -1. */
int mote_der_enter(mote_der *d, uint8_t tag, mote_der *inner);
/* mote_der_get_uint: read a non-negative INTEGER in minimal encoding; *val
 * and *len receive its magnitude without the leading zero byte (len 0 for
 * the value zero is never produced: zero is one byte 0x00). Returns 0, or
 * -1 if the tag is wrong, the encoding is not minimal, or it is negative. */
int mote_der_get_uint(mote_der *d, const uint8_t **val, size_t *len);
/* mote_der_done: 0 if the reader consumed everything, -1 otherwise. */
int mote_der_done(const mote_der *d);

#endif
