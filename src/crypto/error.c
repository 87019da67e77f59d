/* Human-readable error strings. */
#include "mote/error.h"

const char *mote_strerror(int err)
{
    switch (err) {
    case MOTE_OK: return "ok";
    case MOTE_ERR_BAD_INPUT: return "bad input";
    case MOTE_ERR_AUTH: return "authentication failed";
    case MOTE_ERR_ENTROPY: return "entropy source failed";
    case MOTE_ERR_BAD_SIGNATURE: return "bad signature";
    case MOTE_ERR_BAD_KEY: return "bad key";
    case MOTE_ERR_BAD_POINT: return "invalid curve point";
    case MOTE_ERR_ZERO_SECRET: return "all-zero shared secret";
    case MOTE_ERR_ENCODING: return "malformed encoding";
    case MOTE_ERR_UNSUPPORTED: return "unsupported parameter";
    case MOTE_ERR_FAULT: return "internal check failed";
    case MOTE_ERR_RNG_RESEED: return "random generator needs reseeding";
    default: return "unknown error";
    }
}
