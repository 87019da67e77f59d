/* mote: aead (API being written; see the issue tracker). */
#ifndef MOTE_AEAD_H
#define MOTE_AEAD_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
