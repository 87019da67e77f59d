/* mote (private): a push-based, streaming DER reader.
 *
 * Bytes go in as they arrive, in any chunking (one byte at a time works);
 * the reader never needs a whole element in memory. The caller hands it a
 * chunk with mote_derst_input() and then pulls events with mote_derst_next()
 * until it answers MOTE_DERST_NEED (chunk used up) or an error:
 *
 *   MOTE_DERST_START  an element's header is complete: ev.tag, ev.len (content
 *                     length), ev.depth (0 = top level), ev.off (absolute
 *                     offset of its tag byte), ev.hdr_len.
 *   MOTE_DERST_DATA   content bytes of a primitive element: ev.p, ev.len and
 *                     ev.off (offset of ev.p[0] within the content). ev.p
 *                     points into the caller's chunk.
 *   MOTE_DERST_END    the element at ev.depth is complete (for primitive and
 *                     constructed elements alike; ev.tag is not set).
 *
 * Constructed elements (tag bit 0x20) are entered: their children produce
 * events at depth + 1. Right after a START the caller may change that:
 * mote_derst_skip() passes over the element without events for its content,
 * mote_derst_descend() parses a primitive element's content as DER (an
 * extension's OCTET STRING), mote_derst_descend_bits() does the same for a
 * BIT STRING whose first content byte (unused bits) must be 0.
 *
 * Strict DER framing: single-byte tags only (tag numbers < 31), definite
 * lengths in minimal form (at most 4 length bytes), every element's length
 * within its parent, nesting bounded by MOTE_DERST_MAX_DEPTH. Any violation
 * is MOTE_ERR_ENCODING and sticks; d->pos is then the offset of the byte at
 * fault. Several top-level elements may follow each other; the caller
 * decides how many it wants (mote_derst_idle() says whether the reader is
 * between top-level elements). On an error, d->pos is the offset of the
 * byte at fault (the tag byte for a bad tag, the length byte that makes a
 * length bad or too long for its parent, the first content byte of a BIT
 * STRING with unused bits).
 *
 * Raw bytes: every event is returned right after the input byte that
 * completes it, so d->in (the next unread byte of the chunk) tells the
 * caller exactly which bytes the event covers; hashing [previous d->in,
 * d->in) before handling each event hashes the stream in step with the
 * events. In DER, an element's header is fully determined by (tag, len), so
 * mote_derst_header() re-creates it for a caller that starts hashing at a
 * START event. */
#ifndef MOTE_X509_DER_STREAM_H
#define MOTE_X509_DER_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "mote/x509.h"

#define MOTE_DERST_NEED  0
#define MOTE_DERST_START 1
#define MOTE_DERST_DATA  2
#define MOTE_DERST_END   3

typedef struct {
    const uint8_t *p; /* DATA: content bytes (inside the caller's chunk) */
    uint32_t off;     /* START: offset of the tag byte; DATA: offset within content */
    uint32_t len;     /* START: content length; DATA: number of bytes at p */
    uint8_t tag;      /* START: the element's tag */
    uint8_t depth;    /* START, DATA, END: nesting depth of the element */
    uint8_t hdr_len;  /* START: tag + length bytes */
} mote_derst_ev;

/* mote_derst (the state) is defined in mote/x509.h, for sizeof. */

/* mote_derst_init: a reader at absolute offset 0 with nothing open (an
 * all-zero state: a caller may zero the struct instead). */
void mote_derst_init(mote_derst *d);
/* mote_derst_input: the next chunk (the previous one must be used up, i.e.
 * mote_derst_next() returned MOTE_DERST_NEED). buf must stay valid until then.
 */
void mote_derst_input(mote_derst *d, const uint8_t *buf, size_t len);
/* mote_derst_next: the next event (MOTE_DERST_START/DATA/END), MOTE_DERST_NEED
 * when the chunk is used up, or MOTE_ERR_ENCODING. *ev is filled for events. */
int mote_derst_next(mote_derst *d, mote_derst_ev *ev);
/* Right after a START: do not report the element's content (no DATA, no
 * children); its END still comes. */
void mote_derst_skip(mote_derst *d);
/* Right after a START of a primitive element: parse its content as DER
 * (children at depth + 1). Returns 0, or MOTE_ERR_ENCODING if the nesting
 * would exceed MOTE_DERST_MAX_DEPTH. */
int mote_derst_descend(mote_derst *d);
/* Same for a BIT STRING: the first content byte must be 0 (no unused bits)
 * and is not parsed; the rest is. */
int mote_derst_descend_bits(mote_derst *d);
/* mote_derst_idle: 1 if no element is open or partly read (the reader sits
 * between top-level elements), else 0. */
int mote_derst_idle(const mote_derst *d);
/* mote_derst_header: write the DER header for (tag, len) to out (at least 6
 * bytes); returns its length. */
unsigned mote_derst_header(uint8_t *out, uint8_t tag, uint32_t len);

#endif
