/* mote (private): helpers shared by the AES modes (aes.c). */
#ifndef MOTE_AES_H
#define MOTE_AES_H

#include <stddef.h>
#include <stdint.h>
#include "mote/aead.h"

#if MOTE_ENABLE_AES
/* mote_aead_mask: keep the len bytes at buf when ok is 1, zero them when ok
 * is 0, in time that depends only on len (an AEAD's release of its output). */
void mote_aead_mask(uint8_t *buf, size_t len, uint32_t ok);
#endif

#endif
