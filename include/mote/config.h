/* mote: compile-time feature selection.
 *
 * Every feature is a macro that is 1 (compiled in) or 0 (left out). A build
 * with a feature off contains none of its code: each source file is wrapped
 * in its feature's #if. Override any of them on the command line
 * (-DMOTE_ENABLE_CCM=0) or in a file of your own named by MOTE_CONFIG_FILE
 * (-DMOTE_CONFIG_FILE='"my_mote_config.h"'), which is included first. */
#ifndef MOTE_CONFIG_H
#define MOTE_CONFIG_H

#ifdef MOTE_CONFIG_FILE
#include MOTE_CONFIG_FILE
#endif

/* Hashes, MACs, KDFs (SHA-256 is always in: the DRBG and TLS need it). */
#ifndef MOTE_ENABLE_SHA512 /* SHA-384 and SHA-512 */
#define MOTE_ENABLE_SHA512 1
#endif
#ifndef MOTE_ENABLE_SHA1 /* SHA-1, for HMAC-SHA1 in TLS 1.2 CBC records only */
#define MOTE_ENABLE_SHA1 1
#endif
#ifndef MOTE_ENABLE_TLS12_PRF
#define MOTE_ENABLE_TLS12_PRF 1
#endif

/* TLS 1.2 client (RFC 5246) beside TLS 1.3: src/tls/client12.c. */
#ifndef MOTE_ENABLE_TLS12
#define MOTE_ENABLE_TLS12 MOTE_ENABLE_TLS12_PRF
#endif
#if MOTE_ENABLE_TLS12 && !MOTE_ENABLE_TLS12_PRF
#error "MOTE_ENABLE_TLS12 needs MOTE_ENABLE_TLS12_PRF"
#endif

/* TLS 1.3 server (src/tls/server13.c, mote_tls_server_init); off: a
 * client build carries none of it. */
#ifndef MOTE_ENABLE_SERVER
#define MOTE_ENABLE_SERVER 1
#endif

/* TLS resumption (src/tls/session.c, mote/session.h): the client's
 * session objects and tickets (TLS 1.3 NewSessionTicket and resumption
 * PSK, 0-RTT early data; TLS 1.2 session ids and RFC 5077 tickets). Off:
 * mote_tls_session_save / _load / _wipe are not compiled, a client
 * config with a session or early data is refused (MOTE_ERR_UNSUPPORTED)
 * and tickets from a server are skipped. */
#ifndef MOTE_ENABLE_TLS_RESUMPTION
#define MOTE_ENABLE_TLS_RESUMPTION 1
#endif
/* TLS 1.3 external pre-shared keys of a client (mote_tls_config.psk_key).
 * Off (and resumption off too): no pre_shared_key extension, binders or
 * psk_ke mode in the client; a config with psk_key is refused
 * (MOTE_ERR_UNSUPPORTED). */
#ifndef MOTE_ENABLE_TLS_PSK
#define MOTE_ENABLE_TLS_PSK 1
#endif
/* Client certificates of a client (mutual TLS: client_certs/client_key,
 * our Certificate and CertificateVerify in TLS 1.3 and 1.2). Off: a
 * server's CertificateRequest is answered with an empty Certificate, and
 * a client config with a key is refused (MOTE_ERR_UNSUPPORTED). The
 * server's own tickets, PSKs and client-certificate requests belong to
 * MOTE_ENABLE_SERVER. */
#ifndef MOTE_ENABLE_TLS_CLIENT_AUTH
#define MOTE_ENABLE_TLS_CLIENT_AUTH 1
#endif

/* Symmetric ciphers. */
#ifndef MOTE_ENABLE_AES
#define MOTE_ENABLE_AES 1
#endif
#ifndef MOTE_ENABLE_GCM
#define MOTE_ENABLE_GCM MOTE_ENABLE_AES
#endif
#ifndef MOTE_ENABLE_CCM
#define MOTE_ENABLE_CCM MOTE_ENABLE_AES
#endif
#ifndef MOTE_ENABLE_CBC /* AES-CBC, for TLS 1.2 CBC records (opt-in suites) */
#define MOTE_ENABLE_CBC MOTE_ENABLE_AES
#endif
#ifndef MOTE_ENABLE_CHACHAPOLY
#define MOTE_ENABLE_CHACHAPOLY 1
#endif
/* AES-256 beside AES-128. TLS uses it only with SHA-384 (the AES_256_GCM
 * suites), in the AES_256_CBC suites and for a server's session tickets,
 * so by default it is compiled in exactly when one of those is: a build
 * without them (a TLS 1.3 client without SHA-384) keeps AES-128 alone,
 * with smaller key states (11 round keys instead of 15) and less code.
 * Set 1 to use AES-256 through the crypto API in such a build. */
#ifndef MOTE_ENABLE_AES256
#define MOTE_ENABLE_AES256 (MOTE_ENABLE_SHA512 || MOTE_ENABLE_CBC || MOTE_ENABLE_SERVER)
#endif
#if MOTE_ENABLE_AES && !MOTE_ENABLE_AES256 &&                                                      \
    (MOTE_ENABLE_SHA512 || MOTE_ENABLE_CBC || MOTE_ENABLE_SERVER)
#error                                                                                             \
    "MOTE_ENABLE_AES256=0 needs SHA-384/512, CBC and the server off: their TLS suites and tickets use AES-256"
#endif
/* TLS record keys kept compact (AES round keys at 16 bytes each, GHASH
 * powers of H) and expanded on the stack for each record: 0.3 KiB per
 * direction instead of 1.7 KiB with 64-bit AES words (0.55 KiB with
 * 32-bit), for about 1.3 more instructions per byte of 1 KiB records
 * (x86-64) and 1 KiB more stack in seal/open (64-bit words; 0.5 KiB with
 * 32-bit). 0: keep them expanded. See docs/PERFORMANCE.md. */
#ifndef MOTE_TLS_COMPACT_KEYS
#define MOTE_TLS_COMPACT_KEYS 1
#endif

/* Public-key algorithms. */
#ifndef MOTE_ENABLE_X25519
#define MOTE_ENABLE_X25519 1
#endif
#ifndef MOTE_ENABLE_ED25519
#define MOTE_ENABLE_ED25519 1
#endif
#ifndef MOTE_ENABLE_P256
#define MOTE_ENABLE_P256 1
#endif
#ifndef MOTE_ENABLE_P384
#define MOTE_ENABLE_P384 1
#endif
#ifndef MOTE_ENABLE_ECDSA_SIGN
#define MOTE_ENABLE_ECDSA_SIGN 1
#endif
#ifndef MOTE_ENABLE_RSA
#define MOTE_ENABLE_RSA 1
#endif
#ifndef MOTE_ENABLE_RSA_SIGN /* RSA private-key operations (CRT) */
#define MOTE_ENABLE_RSA_SIGN 1
#endif
#ifndef MOTE_ENABLE_FFDHE
#define MOTE_ENABLE_FFDHE 1
#endif

/* Certificates: the streaming DER reader, PEM, host names, chain
 * validation, private keys. */
#ifndef MOTE_ENABLE_TLS12_RSA_KEX /* TLS_RSA_WITH_* key transport (opt-in suites) */
#define MOTE_ENABLE_TLS12_RSA_KEX MOTE_ENABLE_RSA
#endif
#ifndef MOTE_ENABLE_X509
#define MOTE_ENABLE_X509 1
#endif

/* Largest RSA / finite-field modulus, in bits: sizes every bignum buffer. */
#ifndef MOTE_MAX_RSA_BITS
#define MOTE_MAX_RSA_BITS 4096
#endif

/* Multiplier backend. 0: the compiler's 32x32->64 multiply. 1: products are
 * built from 16x16->32 multiplies (ESP8266/lx106 has no 32x32->64 multiply
 * instruction). Defaults to 1 on Xtensa. */
#ifndef MOTE_MUL16
#if defined(__XTENSA__)
#define MOTE_MUL16 1
#else
#define MOTE_MUL16 0
#endif
#endif

/* Large constant tables go through MOTE_FLASH: on the ESP8266 it places them
 * in flash (read them with aligned 32-bit loads); elsewhere it is empty. */
#ifndef MOTE_FLASH
#if defined(__XTENSA__)
#define MOTE_FLASH __attribute__((section(".irom.text"), aligned(4)))
#else
#define MOTE_FLASH
#endif
#endif

#endif
