/* wolfSSL 5.5 settings for the size profiles (bench/profiles/peers.sh,
 * -DWOLFSSL_USER_SETTINGS: wolfSSL includes this file by this name): a TLS 1.2 + 1.3 client with
 * ECDHE over X25519 and P-256, ECDSA (P-256) and RSA (PKCS#1 v1.5 and PSS) verification, AES-GCM
 * and ChaCha20-Poly1305, SHA-256, X.509 verification with a time source,
 * SNI, max_fragment_length, extended master secret; no server, no file
 * system, no threads, caller-driven I/O callbacks. Portable C math
 * (sp_int, small variant, no assembly), small stack. Heap: wolfSSL's own
 * malloc use (XMALLOC -> malloc), as wolfSSL is normally built. */
#ifndef CMP_WOLFSSL_SETTINGS_H
#define CMP_WOLFSSL_SETTINGS_H

#define WOLFSSL_GENERAL_ALIGNMENT 4
#define SINGLE_THREADED
#define WOLFSSL_SMALL_STACK
#define WOLFSSL_USER_IO
#define NO_FILESYSTEM
#define NO_WRITEV
#define NO_MAIN_DRIVER
#define NO_ERROR_STRINGS
#define NO_WOLFSSL_SERVER
#define NO_SESSION_CACHE
#define SIZEOF_LONG_LONG 8

/* protocol */
#define WOLFSSL_TLS13
#define NO_OLD_TLS
#define HAVE_TLS_EXTENSIONS
#define HAVE_SUPPORTED_CURVES
#define HAVE_SNI
#define HAVE_MAX_FRAGMENT
#define HAVE_EXTENDED_MASTER
#define HAVE_HKDF
#define HAVE_ENCRYPT_THEN_MAC

/* math: portable sp_int, small */
#define WOLFSSL_SP_MATH_ALL
#define WOLFSSL_SP_SMALL
#define SP_INT_BITS 4096
#define WOLFSSL_NO_ASM
#define TFM_TIMING_RESISTANT
#define ECC_TIMING_RESISTANT
#define WC_RSA_BLINDING

/* public key */
#define HAVE_ECC
#define ECC_USER_CURVES /* P-256 only */
#define ECC_SHAMIR
#define HAVE_CURVE25519
#define CURVE25519_SMALL
#define WC_RSA_PSS
#define RSA_LOW_MEM
#define NO_DH
#define NO_DSA

/* symmetric */
#define HAVE_AESGCM
#define GCM_SMALL
#define NO_AES_CBC
#define WOLFSSL_AES_SMALL_TABLES /* the 256-byte S-box tables, not 4 KiB ones */
#define HAVE_CHACHA
#define HAVE_POLY1305
#define HAVE_ONE_TIME_AUTH
#define NO_DES3
#define NO_RC4
#define NO_MD4
#define NO_MD5
#define NO_SHA
#define NO_PSK
#define NO_PWDBASED
#define WOLFSSL_NO_SHAKE256

/* randomness and time from the platform */
#define HAVE_HASHDRBG
#define NO_DEV_RANDOM
#define CUSTOM_RAND_TYPE     unsigned int
#define CUSTOM_RAND_GENERATE cmp_hw_random
unsigned int cmp_hw_random(void);
#define WOLFSSL_USER_CURRTIME
#define WOLFSSL_GMTIME /* wolfSSL's own gmtime (no C library on some targets) */
#define XTIME(t)       cmp_time(t)
#include <time.h>
time_t cmp_time(time_t *t);

#endif
