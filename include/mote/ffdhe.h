/* mote: ffdhe (API being written; see the issue tracker). */
#ifndef MOTE_FFDHE_H
#define MOTE_FFDHE_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
