/* Printable names of the protocol numbers (for tools and logs). */
#include "mote/tls.h"

const char *mote_tls_suite_name(uint16_t suite)
{
    switch (suite) {
    case MOTE_TLS_AES_128_GCM_SHA256:
        return "TLS_AES_128_GCM_SHA256";
    case MOTE_TLS_AES_256_GCM_SHA384:
        return "TLS_AES_256_GCM_SHA384";
    case MOTE_TLS_CHACHA20_POLY1305_SHA256:
        return "TLS_CHACHA20_POLY1305_SHA256";
    case MOTE_TLS_AES_128_CCM_SHA256:
        return "TLS_AES_128_CCM_SHA256";
    case MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
        return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    case MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
        return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    case MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
        return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    case MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
        return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    case MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
        return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    case MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
        return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
    case MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256:
        return "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    case MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384:
        return "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384";
#if MOTE_ENABLE_CBC /* the opt-in legacy suites */
    case MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA:
        return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
    case MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA:
        return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA";
    case MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA:
        return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
    case MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA:
        return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";
    case MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256:
        return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    case MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384:
        return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384";
    case MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256:
        return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256";
    case MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384:
        return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384";
#endif
#if MOTE_ENABLE_CBC && MOTE_ENABLE_TLS12_RSA_KEX
    case MOTE_TLS_RSA_WITH_AES_128_CBC_SHA:
        return "TLS_RSA_WITH_AES_128_CBC_SHA";
    case MOTE_TLS_RSA_WITH_AES_256_CBC_SHA:
        return "TLS_RSA_WITH_AES_256_CBC_SHA";
    case MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256:
        return "TLS_RSA_WITH_AES_128_CBC_SHA256";
    case MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256:
        return "TLS_RSA_WITH_AES_256_CBC_SHA256";
#endif
#if MOTE_ENABLE_TLS12_RSA_KEX
    case MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256:
        return "TLS_RSA_WITH_AES_128_GCM_SHA256";
    case MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384:
        return "TLS_RSA_WITH_AES_256_GCM_SHA384";
#endif
    default:
        return "(none)";
    }
}

const char *mote_tls_group_name(uint16_t group)
{
    switch (group) {
    case MOTE_GROUP_X25519:
        return "x25519";
    case MOTE_GROUP_SECP256R1:
        return "secp256r1";
    case MOTE_GROUP_SECP384R1:
        return "secp384r1";
    case MOTE_GROUP_FFDHE2048:
        return "ffdhe2048";
    default:
        return "(none)";
    }
}

const char *mote_tls_sig_name(uint16_t scheme)
{
    switch (scheme) {
    case MOTE_SIG_RSA_PKCS1_SHA256:
        return "rsa_pkcs1_sha256";
    case MOTE_SIG_RSA_PKCS1_SHA384:
        return "rsa_pkcs1_sha384";
    case MOTE_SIG_RSA_PKCS1_SHA512:
        return "rsa_pkcs1_sha512";
    case MOTE_SIG_ECDSA_SECP256R1_SHA256:
        return "ecdsa_secp256r1_sha256";
    case MOTE_SIG_ECDSA_SECP384R1_SHA384:
        return "ecdsa_secp384r1_sha384";
    case MOTE_SIG_RSA_PSS_RSAE_SHA256:
        return "rsa_pss_rsae_sha256";
    case MOTE_SIG_RSA_PSS_RSAE_SHA384:
        return "rsa_pss_rsae_sha384";
    case MOTE_SIG_RSA_PSS_RSAE_SHA512:
        return "rsa_pss_rsae_sha512";
    case MOTE_SIG_ED25519:
        return "ed25519";
    case MOTE_SIG_RSA_PSS_PSS_SHA256:
        return "rsa_pss_pss_sha256";
    case MOTE_SIG_RSA_PSS_PSS_SHA384:
        return "rsa_pss_pss_sha384";
    case MOTE_SIG_RSA_PSS_PSS_SHA512:
        return "rsa_pss_pss_sha512";
    default:
        return "(none)";
    }
}
