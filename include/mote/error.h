/* mote: error codes.
 *
 * Every mote function that can fail returns an int: MOTE_OK (0) on success,
 * a negative MOTE_ERR_* code otherwise. No function aborts or prints. */
#ifndef MOTE_ERROR_H
#define MOTE_ERROR_H

#define MOTE_OK                0
#define MOTE_ERR_BAD_INPUT     -1  /* argument out of range (length, size, NULL) */
#define MOTE_ERR_AUTH          -2  /* AEAD tag or MAC mismatch; output was wiped */
#define MOTE_ERR_ENTROPY       -3  /* the platform entropy source failed */
#define MOTE_ERR_BAD_SIGNATURE -4  /* signature does not verify */
#define MOTE_ERR_BAD_KEY       -5  /* malformed or unacceptable public/private key */
#define MOTE_ERR_BAD_POINT     -6  /* point not on the curve, infinity, or out of range */
#define MOTE_ERR_ZERO_SECRET   -7  /* key agreement produced the all-zero secret */
#define MOTE_ERR_ENCODING      -8  /* malformed DER/PEM/wire encoding */
#define MOTE_ERR_UNSUPPORTED   -9  /* valid input mote deliberately does not support */
#define MOTE_ERR_FAULT         -10 /* internal consistency check failed (fault attack?) */
#define MOTE_ERR_RNG_RESEED    -11 /* the DRBG must be reseeded before further use */
#define MOTE_ERR_IO            -12 /* socket error (adapters in src/io/) */
#define MOTE_ERR_TIMEOUT       -13 /* connect or I/O timed out */
#define MOTE_WANT_READ         -14 /* non-blocking adapter: wait until readable */
#define MOTE_WANT_WRITE        -15 /* non-blocking adapter: wait until writable */

/* TLS engine errors (-100 .. -199). Each names the alert mote sent, or says
 * the peer sent one (mote_tls_alert() tells which). */
#define MOTE_ERR_TLS_CLOSED                  -100 /* connection closed (close_notify) */
#define MOTE_ERR_TLS_PEER_ALERT              -101 /* the peer sent a fatal alert */
#define MOTE_ERR_TLS_RECORD_OVERFLOW         -102 /* record larger than the input buffer / limit */
#define MOTE_ERR_TLS_DECODE                  -103 /* malformed message (decode_error) */
#define MOTE_ERR_TLS_UNEXPECTED_MESSAGE      -104 /* message not allowed in this state */
#define MOTE_ERR_TLS_HANDSHAKE_FAILURE       -105 /* no common suite/group/signature */
#define MOTE_ERR_TLS_ILLEGAL_PARAMETER       -106 /* a field with a forbidden value */
#define MOTE_ERR_TLS_BAD_RECORD_MAC          -107 /* record failed authentication */
#define MOTE_ERR_TLS_BAD_CERTIFICATE         -108 /* certificate chain rejected */
#define MOTE_ERR_TLS_DECRYPT_ERROR           -109 /* Finished or CertificateVerify wrong */
#define MOTE_ERR_TLS_PROTOCOL_VERSION        -110 /* no acceptable protocol version */
#define MOTE_ERR_TLS_MISSING_EXTENSION       -111 /* a required extension is absent */
#define MOTE_ERR_TLS_UNSUPPORTED_EXTENSION   -112 /* extension the client never offered */
#define MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL -113 /* ALPN mismatch */
#define MOTE_ERR_TLS_INTERNAL                -114 /* internal error (e.g. buffer too small) */
#define MOTE_ERR_TLS_CERTIFICATE_REQUIRED    -115 /* server asked for a certificate we lack */
#define MOTE_ERR_TLS_CLOSED_TRUNCATED        -116 /* TCP closed without close_notify */

/* Certificate errors use -200 .. -299 (defined in mote/x509.h). */
#define MOTE_ERR_X509_FIRST -200
#define MOTE_ERR_X509_LAST  -299

/* mote_strerror: a short, static, human-readable description of an error
 * code (never NULL; unknown codes give "unknown error"). */
const char *mote_strerror(int err);

#endif
