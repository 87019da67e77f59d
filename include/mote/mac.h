/* mote: mac (API being written; see the issue tracker). */
#ifndef MOTE_MAC_H
#define MOTE_MAC_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
