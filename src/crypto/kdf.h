/* mote (private): HKDF-Expand over an info string given in pieces, so the
 * TLS 1.3 HkdfLabel is never assembled in a buffer. */
#ifndef MOTE_KDF_H
#define MOTE_KDF_H

#include <stddef.h>
#include <stdint.h>
#include "mote/hash.h"

typedef struct {
    const void *p;
    size_t n;
} mote_kdf_piece;

/* mote_hkdf_expand_pieces: HKDF-Expand(prk, info, out_len) where info is
 * the concatenation of the n pieces. Same contract as mote_hkdf_expand. */
int mote_hkdf_expand_pieces(const mote_hash_desc *hash, const uint8_t *prk, size_t prk_len,
                            const mote_kdf_piece *info, size_t n, uint8_t *out, size_t out_len);

#endif
