/* Profile client-full (bench/profiles): everything a client does. Every
 * feature of include/mote/config.h is on: TLS 1.3 (and TLS 1.2 once it
 * exists), X25519, P-256, P-384, ffdhe2048, ECDSA/RSA/Ed25519 verify and
 * sign (client certificates), AES-GCM, AES-CCM, ChaCha20-Poly1305,
 * SHA-256/384/512, X.509 and PEM. */
#define MOTE_ENABLE_SHA512          1
#define MOTE_ENABLE_SHA1            0
#define MOTE_ENABLE_CBC             0
#define MOTE_ENABLE_TLS12_RSA_KEX   0
#define MOTE_ENABLE_TLS12_PRF       1
#define MOTE_ENABLE_AES             1
#define MOTE_ENABLE_GCM             1
#define MOTE_ENABLE_CCM             1
#define MOTE_ENABLE_CHACHAPOLY      1
#define MOTE_ENABLE_X25519          1
#define MOTE_ENABLE_ED25519         1
#define MOTE_ENABLE_P256            1
#define MOTE_ENABLE_P384            1
#define MOTE_ENABLE_ECDSA_SIGN      1
#define MOTE_ENABLE_RSA             1
#define MOTE_ENABLE_RSA_SIGN        1
#define MOTE_ENABLE_FFDHE           1
#define MOTE_ENABLE_X509            1
#define MOTE_ENABLE_SERVER          0 /* a client build carries no server code */
#define MOTE_ENABLE_TLS_RESUMPTION  1
#define MOTE_ENABLE_TLS_PSK         1
#define MOTE_ENABLE_TLS_CLIENT_AUTH 1
