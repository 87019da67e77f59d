/* mbed TLS 2.28 configuration for the size profiles (bench/profiles/peers.sh):
 * the counterpart of BearSSL's client12 and mote's client-tls13. A TLS 1.2
 * client (2.28 has no 1.3 client), ECDHE over X25519 and P-256, ECDSA and
 * RSA (PKCS#1 v1.5) verification, AES-128-GCM and ChaCha20-Poly1305 with
 * ECDSA and RSA certificates, SHA-256, X.509 parsing and verification of
 * DER certificates, HMAC_DRBG from a hardware source, SNI,
 * max_fragment_length, extended master secret. No time source (2.28 needs
 * MBEDTLS_HAVE_TIME_DATE + a platform gmtime for validity checks: left
 * out, so mbed TLS here checks fewer things than mote and BearSSL). Record
 * buffers for 1 KiB records (RAM, not code). AES tables in flash and the
 * smaller table set (MBEDTLS_AES_ROM_TABLES, MBEDTLS_AES_FEWER_TABLES), as
 * a small device would configure it. MBEDTLS_HAVE_ASM stays on, as
 * in mbed TLS's default configuration (inline assembly for bignum
 * multiply-accumulate where the compiler target has it). */
#ifndef CMP_MBEDTLS_CONFIG_H
#define CMP_MBEDTLS_CONFIG_H

#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_PLATFORM_ENTROPY

#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES   /* tables in flash, not built in 8 KiB of RAM */
#define MBEDTLS_AES_FEWER_TABLES /* one table of each kind (smaller, a bit slower) */
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_HMAC_DRBG_C

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15

#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C

#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_CIPHERSUITES                                                                   \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,                                         \
        MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,                                       \
        MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,                                           \
        MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
#define MBEDTLS_SSL_IN_CONTENT_LEN  1024
#define MBEDTLS_SSL_OUT_CONTENT_LEN 1024

#include "mbedtls/check_config.h"

#endif
