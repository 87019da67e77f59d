/* mote: X.509 certificates (API being written; see issue 4). */
#ifndef MOTE_X509_H
#define MOTE_X509_H

#include "mote/config.h"
#include "mote/error.h"
#include <stddef.h>
#include <stdint.h>

/* Certificate support: the streaming DER reader, PEM, host names, chain
 * validation. (Belongs in config.h; defined here until it moves.) */
#ifndef MOTE_ENABLE_X509
#define MOTE_ENABLE_X509 1
#endif

#endif
