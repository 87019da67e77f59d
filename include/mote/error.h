/* mote: error codes.
 *
 * Every mote function that can fail returns an int: MOTE_OK (0) on success,
 * a negative MOTE_ERR_* code otherwise. No function aborts or prints. */
#ifndef MOTE_ERROR_H
#define MOTE_ERROR_H

#define MOTE_OK 0
#define MOTE_ERR_BAD_INPUT -1     /* argument out of range (length, size, NULL) */
#define MOTE_ERR_AUTH -2          /* AEAD tag or MAC mismatch; output was wiped */
#define MOTE_ERR_ENTROPY -3       /* the platform entropy source failed */
#define MOTE_ERR_BAD_SIGNATURE -4 /* signature does not verify */
#define MOTE_ERR_BAD_KEY -5       /* malformed or unacceptable public/private key */
#define MOTE_ERR_BAD_POINT -6     /* point not on the curve, infinity, or out of range */
#define MOTE_ERR_ZERO_SECRET -7   /* key agreement produced the all-zero secret */
#define MOTE_ERR_ENCODING -8      /* malformed DER/PEM/wire encoding */
#define MOTE_ERR_UNSUPPORTED -9   /* valid input mote deliberately does not support */
#define MOTE_ERR_FAULT -10        /* internal consistency check failed (fault attack?) */
#define MOTE_ERR_RNG_RESEED -11   /* the DRBG must be reseeded before further use */

/* mote_strerror: a short, static, human-readable description of an error
 * code (never NULL; unknown codes give "unknown error"). */
const char *mote_strerror(int err);

#endif
