/* Profile client-modern (bench/profiles): BearSSL's client profile
 * (bench/profiles/bearssl_app.c: a TLS 1.2 client, ECDHE over X25519 and
 * P-256, ECDSA and RSA verification, AES-128/256-GCM and
 * ChaCha20-Poly1305, SHA-256, X.509 with a trust anchor in flash) plus TLS
 * 1.3: client-tls13's configuration and program with TLS 1.2 on. The
 * like-for-like counterpart of bearssl-client12; client-full adds the rest
 * (bench/profiles/features.sh prices each addition). */
#define MOTE_ENABLE_SHA512     0
#define MOTE_ENABLE_SHA1       0
#define MOTE_ENABLE_CBC        0
#define MOTE_ENABLE_TLS12_RSA_KEX 0
#define MOTE_ENABLE_TLS12_PRF  1
#define MOTE_ENABLE_AES        1
#define MOTE_ENABLE_GCM        1
#define MOTE_ENABLE_CCM        0
#define MOTE_ENABLE_CHACHAPOLY 1
#define MOTE_ENABLE_X25519     1
#define MOTE_ENABLE_ED25519    0
#define MOTE_ENABLE_P256       1
#define MOTE_ENABLE_P384       0
#define MOTE_ENABLE_ECDSA_SIGN 0
#define MOTE_ENABLE_RSA        1
#define MOTE_ENABLE_RSA_SIGN   0
#define MOTE_ENABLE_FFDHE      0
#define MOTE_ENABLE_X509       1
#define MOTE_ENABLE_SERVER     0 /* a client build carries no server code */
#define MOTE_ENABLE_TLS_RESUMPTION  0
#define MOTE_ENABLE_TLS_PSK         0
#define MOTE_ENABLE_TLS_CLIENT_AUTH 0
