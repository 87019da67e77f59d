/* mote: rsa (API being written; see the issue tracker). */
#ifndef MOTE_RSA_H
#define MOTE_RSA_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#endif
