/* Human-readable error strings. */
#include "mote/error.h"
#include "mote/x509.h"

const char *mote_strerror(int err)
{
    switch (err) {
    case MOTE_OK:
        return "ok";
    case MOTE_ERR_BAD_INPUT:
        return "bad input";
    case MOTE_ERR_AUTH:
        return "authentication failed";
    case MOTE_ERR_ENTROPY:
        return "entropy source failed";
    case MOTE_ERR_BAD_SIGNATURE:
        return "bad signature";
    case MOTE_ERR_BAD_KEY:
        return "bad key";
    case MOTE_ERR_BAD_POINT:
        return "invalid curve point";
    case MOTE_ERR_ZERO_SECRET:
        return "all-zero shared secret";
    case MOTE_ERR_ENCODING:
        return "malformed encoding";
    case MOTE_ERR_UNSUPPORTED:
        return "unsupported parameter";
    case MOTE_ERR_FAULT:
        return "internal check failed";
    case MOTE_ERR_RNG_RESEED:
        return "random generator needs reseeding";
    case MOTE_ERR_IO:
        return "socket error";
    case MOTE_ERR_TIMEOUT:
        return "timed out";
    case MOTE_WANT_READ:
        return "would block (read)";
    case MOTE_WANT_WRITE:
        return "would block (write)";
    case MOTE_ERR_TLS_CLOSED_TRUNCATED:
        return "connection closed without close_notify";
    case MOTE_ERR_TLS_CLOSED:
        return "connection closed";
    case MOTE_ERR_TLS_PEER_ALERT:
        return "peer sent a fatal alert";
    case MOTE_ERR_TLS_RECORD_OVERFLOW:
        return "record_overflow: record larger than the buffer";
    case MOTE_ERR_TLS_DECODE:
        return "decode_error: malformed message";
    case MOTE_ERR_TLS_UNEXPECTED_MESSAGE:
        return "unexpected_message";
    case MOTE_ERR_TLS_HANDSHAKE_FAILURE:
        return "handshake_failure: no common parameters";
    case MOTE_ERR_TLS_ILLEGAL_PARAMETER:
        return "illegal_parameter";
    case MOTE_ERR_TLS_BAD_RECORD_MAC:
        return "bad_record_mac";
    case MOTE_ERR_TLS_BAD_CERTIFICATE:
        return "bad_certificate";
    case MOTE_ERR_TLS_DECRYPT_ERROR:
        return "decrypt_error: Finished or signature mismatch";
    case MOTE_ERR_TLS_PROTOCOL_VERSION:
        return "protocol_version";
    case MOTE_ERR_TLS_MISSING_EXTENSION:
        return "missing_extension";
    case MOTE_ERR_TLS_UNSUPPORTED_EXTENSION:
        return "unsupported_extension";
    case MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL:
        return "no_application_protocol";
    case MOTE_ERR_TLS_INTERNAL:
        return "internal_error";
    case MOTE_ERR_TLS_CERTIFICATE_REQUIRED:
        return "certificate_required";
    default:
#if MOTE_ENABLE_X509
        if (err <= MOTE_ERR_X509_FIRST && err >= MOTE_ERR_X509_LAST) return mote_x509_strerror(err);
#endif
        return "unknown error";
    }
}
