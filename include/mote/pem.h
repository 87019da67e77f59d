/* mote: streaming PEM decoding (RFC 7468).
 *
 * Text goes in as it arrives, in any chunking; decoded DER bytes come out
 * into a buffer of the caller's, as soon as they are decoded. A stream may
 * hold any number of objects ("-----BEGIN <label>-----" ... "-----END
 * <label>-----") with any text between them (comments, "subject=" lines of
 * openssl's output): lines outside an object are ignored. Inside an object,
 * base64 lines with any line length, spaces, tabs and CR are accepted;
 * padding must be right and unused bits zero; RFC 1421 headers
 * ("Proc-Type:", encrypted PEM) are refused as unsupported. No allocation:
 * the state is a mote_pem struct owned by the caller. */
#ifndef MOTE_PEM_H
#define MOTE_PEM_H

#include <stddef.h>
#include <stdint.h>

#include "mote/config.h"
#include "mote/error.h"

#define MOTE_PEM_LABEL_MAX 31 /* longest label kept (ENCRYPTED PRIVATE KEY is 21) */

#define MOTE_PEM_NEED  0 /* the input chunk is used up */
#define MOTE_PEM_BEGIN 1 /* a BEGIN line: the label is in p->label */
#define MOTE_PEM_DATA                                                                              \
    2                  /* *out_len decoded bytes are in the caller's buffer                        \
                        */
#define MOTE_PEM_END 3 /* the matching END line: the object is complete */

typedef struct {
    const uint8_t *in; /* next unread input byte */
    size_t in_len;     /* unread input bytes */
    uint32_t line;     /* current line number, from 1 (for error messages) */
    uint32_t bits;     /* base64 bit accumulator */
    uint8_t nbits;     /* bits in the accumulator */
    uint8_t quad;      /* base64 characters in the current group of four */
    uint8_t pad;       /* '=' still expected (1 or 2), or 0xFF once padding is done */
    uint8_t state;     /* private */
    uint8_t col;       /* private: position within a marker or label */
    uint8_t label_len; /* length of label */
    uint8_t flags;     /* private */
    char label[MOTE_PEM_LABEL_MAX + 1]; /* label of the current object, NUL-terminated */
} mote_pem;

/* mote_pem_init: a decoder at the start of a stream, outside any object. */
void mote_pem_init(mote_pem *p);
/* mote_pem_input: the next chunk of text; buf must stay valid until
 * mote_pem_next() has answered MOTE_PEM_NEED. */
void mote_pem_input(mote_pem *p, const uint8_t *buf, size_t len);
/* mote_pem_next: decode on. Decoded bytes go to out (cap bytes of room,
 * cap >= 1); returns MOTE_PEM_DATA with their count in *out_len, or one of
 * MOTE_PEM_BEGIN / MOTE_PEM_END (*out_len = 0), or MOTE_PEM_NEED when the
 * chunk is used up (all bytes decoded from it have been returned), or
 * MOTE_ERR_ENCODING (bad base64, bad padding, a BEGIN without END, an END
 * whose label differs, a label longer than MOTE_PEM_LABEL_MAX) or
 * MOTE_ERR_UNSUPPORTED (RFC 1421 headers). Errors stick; p->line says where. */
int mote_pem_next(mote_pem *p, uint8_t *out, size_t cap, size_t *out_len);
/* mote_pem_finish: after the last chunk. Returns 0 if the stream did not end
 * inside an object, else MOTE_ERR_ENCODING (truncated). */
int mote_pem_finish(const mote_pem *p);

/* mote_pem_decode: convenience for a whole buffer in memory: decode the
 * index-th object (0 = first) whose label equals label (or any label if
 * label is NULL) into out (cap bytes). Returns the DER length, or
 * MOTE_ERR_BAD_INPUT if there is no such object or it does not fit, or the
 * decoder's error. */
long mote_pem_decode(const char *text, size_t len, const char *label, unsigned index, uint8_t *out,
                     size_t cap);

#endif
