/* mote: ed25519 (API being written; see the issue tracker). */
#ifndef MOTE_ED25519_H
#define MOTE_ED25519_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
