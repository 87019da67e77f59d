/* mote: a small TLS 1.3 / 1.2 library. This header includes every public
 * header; include the individual ones to keep compile times short. */
#ifndef MOTE_H
#define MOTE_H

#define MOTE_VERSION_STRING "0.1.0"

#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/mac.h"
#include "mote/aead.h"
#include "mote/rng.h"
#include "mote/x25519.h"
#include "mote/ed25519.h"
#include "mote/ec.h"
#include "mote/rsa.h"
#include "mote/ffdhe.h"
#include "mote/pem.h"
#include "mote/x509.h"
#include "mote/tls.h"
#include "mote/session.h"

#endif
