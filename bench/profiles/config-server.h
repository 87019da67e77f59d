/* Profile server (bench/profiles): a TLS 1.3 server with an ECDSA P-256
 * key (and chain), X25519 and P-256 key shares, AES-GCM and
 * ChaCha20-Poly1305, client certificates verified against trust anchors
 * (X.509, ECDSA P-256). Selected with -DMOTE_CONFIG_FILE='"config-server.h"'.
 * No RSA, no Ed25519, no SHA-384/512, no TLS 1.2. */
#define MOTE_ENABLE_SHA512          0
#define MOTE_ENABLE_SHA1            0
#define MOTE_ENABLE_CBC             0
#define MOTE_ENABLE_TLS12_RSA_KEX   0
#define MOTE_ENABLE_TLS12_PRF       0
#define MOTE_ENABLE_AES             1
#define MOTE_ENABLE_GCM             1
#define MOTE_ENABLE_CCM             0
#define MOTE_ENABLE_CHACHAPOLY      1
#define MOTE_ENABLE_X25519          1
#define MOTE_ENABLE_ED25519         0
#define MOTE_ENABLE_P256            1
#define MOTE_ENABLE_P384            0
#define MOTE_ENABLE_ECDSA_SIGN      1
#define MOTE_ENABLE_RSA             0
#define MOTE_ENABLE_RSA_SIGN        0
#define MOTE_ENABLE_FFDHE           0
#define MOTE_ENABLE_X509            1
#define MOTE_ENABLE_SERVER          1
#define MOTE_ENABLE_TLS_RESUMPTION  1
#define MOTE_ENABLE_TLS_PSK         1
#define MOTE_ENABLE_TLS_CLIENT_AUTH 1
