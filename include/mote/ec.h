/* mote: ec (API being written; see the issue tracker). */
#ifndef MOTE_EC_H
#define MOTE_EC_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
