/* mote: rng (API being written; see the issue tracker). */
#ifndef MOTE_RNG_H
#define MOTE_RNG_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
