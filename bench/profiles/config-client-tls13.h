/* Profile client-tls13 (bench/profiles): a TLS 1.3 client with X25519 and
 * P-256 key shares, ECDSA (P-256) and RSA signature verification, AES-GCM
 * and ChaCha20-Poly1305, X.509 chain validation. Selected with
 * -DMOTE_CONFIG_FILE='"config-client-tls13.h"'. SHA-384/512 are off, so
 * TLS_AES_256_GCM_SHA384 and SHA-384-signed certificates are out too; so
 * are resumption, pre-shared keys and client certificates (a server's
 * CertificateRequest gets an empty Certificate). */
#define MOTE_ENABLE_SHA512        0
#define MOTE_ENABLE_SHA1          0
#define MOTE_ENABLE_CBC           0
#define MOTE_ENABLE_TLS12_RSA_KEX 0
#ifndef MOTE_ENABLE_TLS12_PRF /* client-modern sets 1 and includes this file */
#define MOTE_ENABLE_TLS12_PRF 0
#endif
#define MOTE_ENABLE_AES             1
#define MOTE_ENABLE_GCM             1
#define MOTE_ENABLE_CCM             0
#define MOTE_ENABLE_CHACHAPOLY      1
#define MOTE_ENABLE_X25519          1
#define MOTE_ENABLE_ED25519         0
#define MOTE_ENABLE_P256            1
#define MOTE_ENABLE_P384            0
#define MOTE_ENABLE_ECDSA_SIGN      0
#define MOTE_ENABLE_RSA             1
#define MOTE_ENABLE_RSA_SIGN        0
#define MOTE_ENABLE_FFDHE           0
#define MOTE_ENABLE_X509            1
#define MOTE_ENABLE_SERVER          0 /* a client build carries no server code */
#define MOTE_ENABLE_TLS_RESUMPTION  0
#define MOTE_ENABLE_TLS_PSK         0
#define MOTE_ENABLE_TLS_CLIENT_AUTH 0
